"""Forms of werkteams; domain rules live in services (and `regels`), these check shape and size.

One module per area: `basis` (inputs, clean text, picking a person), `team`, `leden`,
`bijeenkomsten` and `leren`. Callers import from here.
"""

from .basis import DatumInput, PersoonKeuzeMixin, SchoneTekstMixin, TijdInput
from .beheer import WerkteamBeheerForm
from .bijeenkomsten import (
    HERHALING_KEUZES,
    AanwezigheidForm,
    AfmeldForm,
    BijeenkomstForm,
    BijeenkomstPlanForm,
    LeerdoelForm,
    LeerdoelResultaatForm,
    VerslagForm,
    VerslagpuntForm,
)
from .leden import (
    LidBeeindigenForm,
    LidBewerkenForm,
    LidToevoegenForm,
    OverdrachtForm,
    SamenstellingForm,
)
from .leren import ActiviteitForm, LeeropbrengstForm
from .personen import PersoonForm, PersoonZoekForm, SamenvoegenForm
from .team import CoordinatorenForm, CoordinatorenVeld, WerkteamForm, WerkteamNieuwForm

__all__ = [
    "PersoonForm",
    "PersoonZoekForm",
    "SamenvoegenForm",
    "WerkteamBeheerForm",
    "HERHALING_KEUZES",
    "AanwezigheidForm",
    "ActiviteitForm",
    "AfmeldForm",
    "BijeenkomstForm",
    "BijeenkomstPlanForm",
    "CoordinatorenForm",
    "CoordinatorenVeld",
    "DatumInput",
    "LeerdoelForm",
    "LeerdoelResultaatForm",
    "LeeropbrengstForm",
    "LidBeeindigenForm",
    "LidBewerkenForm",
    "LidToevoegenForm",
    "OverdrachtForm",
    "PersoonKeuzeMixin",
    "SamenstellingForm",
    "SchoneTekstMixin",
    "TijdInput",
    "VerslagForm",
    "VerslagpuntForm",
    "WerkteamForm",
    "WerkteamNieuwForm",
]
