"""Cheap per-row labels and links for long staff lists (issue #13).

`Model.get_FOO_display()` hashes the lazy choice labels on every call and `reverse()`
walks the URL resolver: per row of a 60-row table that is most of the render. These
build the labels once per language and a link once per list.
"""

from django.urls import reverse
from django.utils.translation import get_language

_labels: dict[tuple[type, str], dict[str, str]] = {}
PLEK = "987654321"  # stands in for the row's pk or slug in a reversed link


def keuze_labels(keuzes) -> dict[str, str]:
    """value → translated label of a TextChoices class, built once per active language."""
    sleutel = (keuzes, get_language())
    labels = _labels.get(sleutel)
    if labels is None:
        labels = _labels[sleutel] = {waarde: str(label) for waarde, label in keuzes.choices}
    return labels


def link_per_rij(naam: str, *args, **kwargs):
    """A function row_value → the URL `naam` with that value in place of the `PLEK` argument.

    Reverses once: pass PLEK where the row's pk or slug goes, e.g.
    `link_per_rij("kenniscafes:aanmelding_promote", slug, PLEK)`.
    """
    voor, _, na = reverse(naam, args=args or None, kwargs=kwargs or None).partition(PLEK)
    return lambda waarde: f"{voor}{waarde}{na}"
