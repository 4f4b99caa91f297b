"""The section on the Werkplaats as a whole: partners by sector and the subsidy periods."""

from django.db.models import Count
from django.utils.translation import gettext as _

from werkplaats.kern.models import Organisatie, Periode, Sector

from ..rapport import DATUM, TEKST, Kolom, Sectie, Tabel
from .bouwstenen import keuze_labels


def sectie_werkplaats() -> Sectie:
    """Partners by sector and every period with its number of werkteams (whole report only)."""
    sectoren = keuze_labels(Sector.choices)
    partners = (
        Organisatie.objects.order_by()
        .values("sector")
        .annotate(n=Count("pk"))
        .order_by("-n", "sector")
    )
    periodes = Periode.objects.annotate(aantal_werkteams=Count("werkteams")).order_by("start")
    return Sectie(
        "werkplaats",
        _("The Werkplaats"),
        [
            Tabel(
                "partners",
                _("Partners by sector"),
                [Kolom("sector", _("Sector"), TEKST), Kolom("aantal", _("Partners"))],
                [[sectoren.get(r["sector"], r["sector"]), r["n"]] for r in partners],
                grafiek=(0, 1),
            ),
            Tabel(
                "periodes",
                _("Periods"),
                [
                    Kolom("periode", _("Period"), TEKST),
                    Kolom("start", _("Start"), DATUM),
                    Kolom("eind", _("End"), DATUM),
                    Kolom("werkteams", _("Work teams")),
                ],
                [[r.naam, r.start, r.eind, r.aantal_werkteams] for r in periodes],
            ),
        ],
    )
