"""Forms of the kenniscafés: for visitors (`publiek`) and for organisers (`organiseren`)."""

from .organiseren import (
    DatumTijdInput,
    KenniscafeForm,
    ProgrammaForm,
    ProgrammaFormSet,
    UitnodigingForm,
)
from .publiek import (
    GERESERVEERDE_SLUGS,
    AanmeldForm,
    AbonneeForm,
    EvaluatieForm,
    NaamVeld,
    VrijeTekstVeld,
    WalkinForm,
    geen_html,
    geen_stuurtekens,
    naam_validator,
)

__all__ = [
    "GERESERVEERDE_SLUGS",
    "AanmeldForm",
    "AbonneeForm",
    "DatumTijdInput",
    "EvaluatieForm",
    "KenniscafeForm",
    "NaamVeld",
    "ProgrammaForm",
    "ProgrammaFormSet",
    "UitnodigingForm",
    "VrijeTekstVeld",
    "WalkinForm",
    "geen_html",
    "geen_stuurtekens",
    "naam_validator",
]
