"""Re-exports for older imports; the factories live in tests/factories/."""

from tests.factories import (  # noqa: F401
    AanwezigheidFactory,
    ActiviteitFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
    na_commit,
)
