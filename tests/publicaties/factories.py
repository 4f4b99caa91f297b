"""Re-exports for older imports; the factories live in tests/factories/."""

from tests.factories import PublicatieFactory, ThemaFactory  # noqa: F401
