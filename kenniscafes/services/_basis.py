"""What every write of kenniscafés shares: the domain error, the active statuses, the café lock."""

from werkplaats.kern.fouten import DomeinFout

from ..models import Aanmelding, Kenniscafe

ACTIEF = [Aanmelding.Status.BEVESTIGD, Aanmelding.Status.WACHTLIJST]


class AanmeldingFout(DomeinFout):
    """A registration or café change that cannot be made; the message is shown to the person."""


def _lock_kenniscafe(kenniscafe_id: int) -> Kenniscafe:
    # The lock that keeps capacity right: every writer that counts or frees places takes
    # this row lock first, so counts made under it stay true until commit.
    return Kenniscafe.objects.select_for_update(of=("self",)).get(pk=kenniscafe_id)
