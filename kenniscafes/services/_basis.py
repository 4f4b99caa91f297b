"""What every write of kenniscafés shares: the domain error, the active statuses, the café lock."""

from collections.abc import Mapping
from dataclasses import fields
from typing import Self

from werkplaats.kern.fouten import DomeinFout

from ..models import Aanmelding, Kenniscafe

ACTIEF = [Aanmelding.Status.BEVESTIGD, Aanmelding.Status.WACHTLIJST]


class AanmeldingFout(DomeinFout):
    """A registration or café change that cannot be made; the message is shown to the person."""


def _lock_kenniscafe(kenniscafe_id: int) -> Kenniscafe:
    # The lock that keeps capacity right: every writer that counts or frees places takes
    # this row lock first, so counts made under it stay true until commit.
    return Kenniscafe.objects.select_for_update(of=("self",)).get(pk=kenniscafe_id)


class UitFormulier:
    """For a frozen dataclass of what a form may write: build it from the form's cleaned data."""

    @classmethod
    def uit(cls, data: Mapping) -> Self:
        """The values of `data` this dataclass names; any other form field is left out."""
        namen = {veld.name for veld in fields(cls)}
        return cls(**{naam: waarde for naam, waarde in data.items() if naam in namen})
