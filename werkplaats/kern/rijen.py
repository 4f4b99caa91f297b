"""Cheap per-row labels and links for long staff lists (issue #13).

`Model.get_FOO_display()` hashes the lazy choice labels on every call, `reverse()` walks
the URL resolver and |date looks its format up: per row of a 60-row table that is most of
the render. These build the labels once per language, a link and a date format once per list.
"""

from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.timezone import localtime
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


def tijdstip_per_rij():
    """A function datetime → `{{ waarde|date:"j M Y H:i" }}` (local time, active language).

    The |date filter looks its format and month names up again for every value; this
    looks the month names up once per list.
    """
    maanden = {maand: str(MONTHS_3[maand]).title() for maand in MONTHS_3}

    def tijdstip(waarde) -> str:
        w = localtime(waarde)
        return f"{w.day} {maanden[w.month]} {w.year:04d} {w.hour:02d}:{w.minute:02d}"

    return tijdstip
