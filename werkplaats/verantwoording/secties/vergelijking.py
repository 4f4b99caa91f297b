"""The comparison with the previous period: a handful of headline figures side by side."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from werkteams.models import Activiteit

from ..rapport import TEKST, Kolom, Sectie, Tabel, Verslagperiode
from .bouwstenen import (
    ONDERWIJS_SOORTEN,
    aanmelding_tellers,
    actieve_lidmaatschappen,
    activiteiten_in_periode,
    gehouden_bijeenkomsten,
    kenniscafes_in_periode,
    publicaties_in_periode,
    werkteams_in_periode,
)


def sectie_vergelijking(
    p: Verslagperiode, vorige: Verslagperiode | None, scope, cafes_totaal: dict
) -> Sectie:
    """The headline figures of this period and the previous one, with their difference."""
    nu = kerncijfers(p, scope, cafes_totaal)
    toen = kerncijfers(vorige, scope) if vorige else [(label, None) for label, _n in nu]
    rijen = [
        [label, waarde, oud, None if oud is None else waarde - oud]
        for (label, waarde), (_l, oud) in zip(nu, toen, strict=True)
    ]
    return Sectie(
        "vergelijking",
        _("Comparison with the previous year"),
        [
            Tabel(
                "vergelijking",
                _("Comparison with %(vorige)s") % {"vorige": vorige.label if vorige else "–"},
                [
                    Kolom("onderdeel", _("Figure"), TEKST),
                    Kolom("nu", p.label),
                    Kolom("vorige", vorige.label if vorige else _("Previous")),
                    Kolom("verschil", _("Difference")),
                ],
                rijen,
            )
        ],
    )


def kerncijfer_labels() -> list[str]:
    """The names of the headline figures, in the order `kerncijfers` gives them (the
    national summary finds a closed year's figures by their Dutch names)."""
    return [
        _("Members of work teams"),
        _("Meetings held"),
        _("Knowledge cafés"),
        _("Registrations"),
        _("Visitors"),
        _("Publications"),
        _("Guest lessons"),
        _("Student research projects"),
        _("Students reached"),
    ]


def kerncijfers(p: Verslagperiode, scope, cafes=None) -> list[tuple[str, int]]:
    """A handful of headline figures for one period (four or five queries); `cafes` are the
    café totals when the kenniscafés section already counted them."""
    teams = werkteams_in_periode(p, scope)
    leden = (
        actieve_lidmaatschappen(p)
        .filter(werkteam__in=teams)
        .aggregate(n=Count("persoon", distinct=True))["n"]
    )
    bijeenkomsten = gehouden_bijeenkomsten(p).filter(werkteam__in=teams).count()
    if cafes is None:
        cafes = kenniscafes_in_periode(p, scope).aggregate(
            cafes=Count("pk", distinct=True), **aanmelding_tellers("aanmeldingen__")
        )
    publicaties = publicaties_in_periode(p, scope).count()
    onderwijs = (
        activiteiten_in_periode(p, scope)
        .filter(soort__in=ONDERWIJS_SOORTEN)
        .aggregate(
            gastlessen=Count("pk", filter=Q(soort=Activiteit.Soort.GASTLES)),
            onderzoek=Count(
                "pk",
                filter=Q(
                    soort__in=[
                        Activiteit.Soort.STUDENTENONDERZOEK,
                        Activiteit.Soort.AFSTUDEERONDERZOEK,
                    ]
                ),
            ),
            studenten=Coalesce(Sum("aantal_studenten"), 0),
        )
    )
    waarden = [
        leden,
        bijeenkomsten,
        cafes["cafes"],
        cafes["n_aanmeldingen"],
        cafes["n_bezoekers"],
        publicaties,
        onderwijs["gastlessen"],
        onderwijs["onderzoek"],
        onderwijs["studenten"] + cafes["n_studenten"],
    ]
    return list(zip(kerncijfer_labels(), waarden, strict=True))


def teamcijfers(p: Verslagperiode, team_id: int) -> list[int]:
    """What one team adds to the key figures of every report that counts it: its members,
    meetings and education activities; zeros for the figures no team adds (cafés and
    publications). Read with no werkplaats active: a shared team is one team."""
    leden = actieve_lidmaatschappen(p).filter(werkteam_id=team_id)
    onderwijs = (
        activiteiten_in_periode(p, None)
        .filter(werkteam_id=team_id, soort__in=ONDERWIJS_SOORTEN)
        .aggregate(
            gastlessen=Count("pk", filter=Q(soort=Activiteit.Soort.GASTLES)),
            onderzoek=Count(
                "pk",
                filter=Q(
                    soort__in=[
                        Activiteit.Soort.STUDENTENONDERZOEK,
                        Activiteit.Soort.AFSTUDEERONDERZOEK,
                    ]
                ),
            ),
            studenten=Coalesce(Sum("aantal_studenten"), 0),
        )
    )
    return [
        leden.aggregate(n=Count("persoon", distinct=True))["n"],
        gehouden_bijeenkomsten(p).filter(werkteam_id=team_id).count(),
        0,
        0,
        0,
        0,
        onderwijs["gastlessen"],
        onderwijs["onderzoek"],
        onderwijs["studenten"],
    ]
