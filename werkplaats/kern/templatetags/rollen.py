"""The page header's account part: the werkplaats you act in and your other werkplaatsen."""

from django import template

from ..huidig import huidige_werkplaats_id
from ..models import Gebruiker, Werkplaats
from ..uitgaand import werkplaats_basis_url

register = template.Library()


@register.simple_tag
def andere_werkplaatsen(user) -> list[dict]:
    """The other active werkplaatsen where `user` is beheerder or coördinator, each with the
    address of its site ({"naam", "url"}), by name. Costs nothing for someone who works in
    one werkplaats only; the header that shows it is stored per user and content version."""
    if not user.is_authenticated:
        return []
    hier = huidige_werkplaats_id()
    ids = [
        werkplaats_id
        for werkplaats_id, rol in user.rollen.items()
        if werkplaats_id != hier and rol != Gebruiker.Rol.LID
    ]
    if not ids:
        return []
    return [
        {
            "naam": werkplaats.korte_naam or werkplaats.naam,
            "url": werkplaats_basis_url(werkplaats) + "/",
        }
        for werkplaats in Werkplaats.objects.filter(pk__in=ids, actief=True).order_by("naam")
    ]
