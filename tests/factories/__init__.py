"""The one set of factories for every test, one module per app (kern for the ground floor).

Import from here: `from tests.factories import WerkteamFactory`. Defaults are plausible and
fictional; a test that needs a fixed value (the report's golden figures) passes it.
tests/<app>/factories.py only re-export these names for older imports.
"""

from .kenniscafes import (
    AanmeldingFactory,
    EvaluatieFactory,
    KenniscafeFactory,
    ProgrammaOnderdeelFactory,
    gegevens,
)
from .kern import (
    BeheerderFactory,
    CoordinatorFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PeriodeFactory,
    SiteInstellingenFactory,
    WerkplaatsFactory,
    moment,
    na_commit,
)
from .publicaties import PublicatieFactory, ThemaFactory
from .werkteams import (
    AanwezigheidFactory,
    ActiviteitFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
)

__all__ = [
    "AanmeldingFactory",
    "AanwezigheidFactory",
    "ActiviteitFactory",
    "BeheerderFactory",
    "BijeenkomstFactory",
    "CoordinatorFactory",
    "EvaluatieFactory",
    "GebruikerFactory",
    "KenniscafeFactory",
    "LeerdoelFactory",
    "LeeropbrengstFactory",
    "LidmaatschapFactory",
    "OrganisatieFactory",
    "PeriodeFactory",
    "PersoonFactory",
    "ProgrammaOnderdeelFactory",
    "PublicatieFactory",
    "SiteInstellingenFactory",
    "ThemaFactory",
    "WerkplaatsFactory",
    "WerkteamFactory",
    "gegevens",
    "moment",
    "na_commit",
]
