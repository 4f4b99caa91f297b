"""The knowledge base section, and the education section that reuses its counts."""

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from publicaties.models import Publicatie
from werkteams.models import Activiteit

from ..rapport import TEKST, Kolom, Sectie, Tabel, Verslagperiode
from .bouwstenen import (
    ONDERWIJS_SOORTEN,
    activiteiten_in_periode,
    keuze_labels,
    publicaties_in_periode,
)


def sectie_kennisbank(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    """Publications of the period by type, with the counts per type for the education section."""
    typen = keuze_labels(Publicatie.Type.choices)
    per_type = {
        r["type"]: r["n"]
        for r in publicaties_in_periode(p, scope).order_by().values("type").annotate(n=Count("pk"))
    }
    rijen = [[label, per_type[code]] for code, label in typen.items() if code in per_type]
    rijen.append([_("Total"), sum(per_type.values())])
    sectie = Sectie(
        "kennisbank",
        _("Knowledge base"),
        [
            Tabel(
                "per-type",
                _("Publications by type"),
                [Kolom("type", _("Type"), TEKST), Kolom("aantal", _("Publications"))],
                rijen,
                grafiek=(0, 1),
                toelichting=_(
                    "Published items dated in the period; items without a date count in "
                    "the year they name. Downloads and plays are not measured."
                ),
            )
        ],
    )
    return sectie, per_type


def sectie_onderwijs(p: Verslagperiode, scope, cafes_totaal, per_type) -> Sectie:
    """Education: activities for students, teaching material and students at the cafés."""
    soorten = keuze_labels(Activiteit.Soort.choices)
    per_soort = {
        r["soort"]: r
        for r in activiteiten_in_periode(p, scope)
        .filter(soort__in=ONDERWIJS_SOORTEN)
        .order_by()
        .values("soort")
        .annotate(n=Count("pk"), studenten=Coalesce(Sum("aantal_studenten"), 0))
    }
    rijen = [
        [
            str(soorten[code]),
            per_soort[code]["n"] if code in per_soort else 0,
            per_soort[code]["studenten"] if code in per_soort else 0,
        ]
        for code in ONDERWIJS_SOORTEN
    ]
    rijen.append(
        [
            _("Teaching material in the knowledge base"),
            per_type.get(Publicatie.Type.LESMATERIAAL, 0),
            None,
        ]
    )
    rijen.append([_("Students at knowledge cafés"), None, cafes_totaal["n_studenten"]])
    return Sectie(
        "onderwijs",
        _("Education"),
        [
            Tabel(
                "onderwijs",
                _("Education"),
                [
                    Kolom("onderdeel", _("Kind"), TEKST),
                    Kolom("aantal", _("Number")),
                    Kolom("studenten", _("Students reached")),
                ],
                rijen,
                grafiek=(0, 2),
                toelichting=_(
                    "Students reached: as recorded on each activity, and students marked "
                    "present at knowledge cafés. Activities without a date only count in the "
                    "report of their subsidy period."
                ),
            )
        ],
    )
