"""Re-exports for older imports; the factories live in tests/factories/."""

from tests.factories import (  # noqa: F401
    AanmeldingFactory,
    EvaluatieFactory,
    KenniscafeFactory,
    ProgrammaOnderdeelFactory,
    gegevens,
)
