"""Reads of the beheer pages (the callers check werkplaats_can_manage)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from ..models import Organisatie, Periode

ORGANISATIES_TOON = 500


def werkplaats_can_manage(user) -> bool:
    """True for a beheerder: periods, partners and settings of the Werkplaats are theirs."""
    return user is not None and user.is_authenticated and user.is_beheerder


def beheerder_check(request) -> None:
    """The role gate of every beheer page (here and the people pages in werkteams): 403 for
    everyone but a beheerder. A role, not an object, is missing: the 403 page says whom to ask."""
    if not werkplaats_can_manage(request.user):
        raise PermissionDenied


def periode_list() -> QuerySet[Periode]:
    """Every period, oldest first."""
    return Periode.objects.order_by("start", "naam")


def organisatie_list_beheer(*, q: str = "", archief: bool = False) -> list[Organisatie]:
    """Partner organisations matching `q` in name, department or municipality.

    Archived ones only when `archief` is set; at most ORGANISATIES_TOON rows.
    """
    organisaties = Organisatie.objects.all()
    if not archief:
        organisaties = organisaties.filter(gearchiveerd=False)
    if q:
        organisaties = organisaties.filter(
            Q(naam__icontains=q) | Q(afdeling__icontains=q) | Q(gemeente__icontains=q)
        )
    return list(organisaties[:ORGANISATIES_TOON])
