"""The knowledge cafés section: one aggregate row per café, the totals added up from those
rows, the audience from one grouped scan of the registrations, and the evaluation scores."""

from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kenniscafes.models import Aanmelding, Evaluatie, Kenniscafe
from werkplaats.kern.models import Sector

from ..rapport import (
    DATUM,
    DECIMAAL,
    PROCENT,
    TEKST,
    Kolom,
    Sectie,
    Tabel,
    Verslagperiode,
    gemiddelde,
    procent,
)
from .bouwstenen import aanmelding_tellers, kenniscafes_in_periode, keuze_labels


def sectie_kenniscafes(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    """The cafés of the period, with the totals the other sections reuse."""
    cafes = kenniscafes_in_periode(p, scope)
    typen = keuze_labels(Kenniscafe.Type.choices)
    vormen = keuze_labels(Kenniscafe.Vorm.choices)
    per_cafe = _per_cafe(cafes)
    totaal = _totaal(per_cafe)
    telling_kolommen = [
        Kolom("cafes", _("Cafés")),
        Kolom("aanmeldingen", _("Registrations")),
        Kolom("bezoekers", _("Visitors")),
    ]
    sectie = Sectie(
        "kenniscafes",
        _("Knowledge cafés"),
        [
            _tabel_kerncijfers(totaal),
            _tabel_cafes(per_cafe, typen, vormen),
            Tabel(
                "per-type",
                _("By type"),
                [Kolom("type", _("Type"), TEKST), *telling_kolommen],
                _per_keuze(per_cafe, 2, typen),
                grafiek=(0, 1),
            ),
            Tabel(
                "per-vorm",
                _("By format"),
                [Kolom("vorm", _("Format"), TEKST), *telling_kolommen],
                _per_keuze(per_cafe, 3, vormen),
                grafiek=(0, 1),
            ),
            *_tabellen_publiek(cafes),
            _tabel_evaluatie(cafes),
        ],
    )
    return sectie, totaal


# --- per café and the totals -------------------------------------------------------------


def _per_cafe(cafes) -> list[tuple]:
    """Per café: title, start, type, format and its registration and evaluation counts."""
    return list(
        cafes.annotate(
            **aanmelding_tellers("aanmeldingen__"),
            n_evaluaties=Count("aanmeldingen__evaluatie"),
            n_score=Avg("aanmeldingen__evaluatie__score"),
            n_score_som=Sum("aanmeldingen__evaluatie__score"),
        )
        .order_by("start", "pk")
        .values_list(
            "titel",
            "start",
            "type",
            "vorm",
            "n_aanmeldingen",
            "n_bezoekers",
            "n_opgekomen",
            "n_studenten",
            "n_evaluaties",
            "n_score",
            "n_score_som",
        )
    )


def _totaal(per_cafe) -> dict:
    """The totals of the period, added up from the per-café aggregates.

    Each registration belongs to exactly one café, so the sums are exact and the million
    registrations of a busy year are scanned once instead of four times.
    """
    return {
        "cafes": len(per_cafe),
        "n_aanmeldingen": sum(r[4] for r in per_cafe),
        "n_bezoekers": sum(r[5] for r in per_cafe),
        "n_opgekomen": sum(r[6] for r in per_cafe),
        "n_studenten": sum(r[7] for r in per_cafe),
        "evaluaties": sum(r[8] for r in per_cafe),
        "score_som": sum(r[10] or 0 for r in per_cafe),
    }


def _per_keuze(per_cafe, index: int, labels: dict) -> list[list]:
    """Cafés, registrations and visitors per value of column `index` (type or format)."""
    tellingen = {code: [0, 0, 0] for code in labels}
    for rij in per_cafe:
        telling = tellingen.setdefault(rij[index], [0, 0, 0])
        telling[0] += 1
        telling[1] += rij[4]
        telling[2] += rij[5]
    return [[label, *tellingen[code]] for code, label in labels.items()]


def _tabel_kerncijfers(totaal: dict) -> Tabel:
    """The headline figures of the cafés."""
    return Tabel(
        "kerncijfers",
        _("Key figures"),
        [Kolom("onderdeel", _("Figure"), TEKST), Kolom("waarde", _("Value"), DECIMAAL)],
        [
            [_("Knowledge cafés"), totaal["cafes"]],
            [_("Registrations"), totaal["n_aanmeldingen"]],
            [_("Visitors"), totaal["n_bezoekers"]],
            [_("Show-up rate (%)"), procent(totaal["n_opgekomen"], totaal["n_aanmeldingen"])],
            [_("Average visitors per café"), gemiddelde(totaal["n_bezoekers"], totaal["cafes"])],
            [_("Students reached"), totaal["n_studenten"]],
            [_("Evaluations"), totaal["evaluaties"]],
            [_("Average evaluation score"), gemiddelde(totaal["score_som"], totaal["evaluaties"])],
        ],
        toelichting=_(
            "Registrations: confirmed registrations (walk-ins not included). Visitors: "
            "people marked present, walk-ins included. Show-up rate: registrations "
            "marked present as a share of registrations."
        ),
    )


def _tabel_cafes(per_cafe, typen: dict, vormen: dict) -> Tabel:
    """One row per café."""
    return Tabel(
        "cafes",
        _("Cafés"),
        [
            Kolom("titel", _("Café"), TEKST),
            Kolom("datum", _("Date"), DATUM),
            Kolom("type", _("Type"), TEKST),
            Kolom("vorm", _("Format"), TEKST),
            Kolom("aanmeldingen", _("Registrations")),
            Kolom("bezoekers", _("Visitors")),
            Kolom("opkomst", _("Show-up rate (%)"), PROCENT),
            Kolom("studenten", _("Students")),
            Kolom("evaluaties", _("Evaluations")),
            Kolom("score", _("Average score"), DECIMAAL),
        ],
        [
            [
                titel,
                timezone.localtime(start).date(),
                typen.get(type_, type_),
                vormen.get(vorm, vorm),
                aanm,
                bez,
                procent(opg, aanm),
                stud,
                evals,
                round(float(score), 1) if score is not None else None,
            ]
            for titel, start, type_, vorm, aanm, bez, opg, stud, evals, score, _som in per_cafe
        ],
        grafiek=(0, 5),
    )


# --- the audience and the evaluations ----------------------------------------------------


def _tabellen_publiek(cafes) -> list[Tabel]:
    """The audience by sector, role and region.

    One grouped scan of the registrations (at most 12 x 6 x 2 groups), added up per
    dimension.
    """
    groepen = list(
        Aanmelding.objects.filter(kenniscafe__in=cafes)
        .order_by()
        .values("sector", "rol", "regio")
        .annotate(**aanmelding_tellers())
    )
    kolommen = [Kolom("aanmeldingen", _("Registrations")), Kolom("bezoekers", _("Visitors"))]
    dimensies = [
        ("sector", _("Audience by sector"), _("Sector"), Sector.choices),
        ("rol", _("Audience by role"), _("Role"), Aanmelding.Rol.choices),
        ("regio", _("Audience by region"), _("Region"), Aanmelding.Regio.choices),
    ]
    return [
        Tabel(
            f"publiek-{veld}",
            titel,
            [Kolom(veld, kop, TEKST), *kolommen],
            _publiek(groepen, veld, keuze_labels(keuzes), _("Not given")),
            grafiek=(0, 2),
        )
        for veld, titel, kop, keuzes in dimensies
    ]


def _publiek(groepen, veld: str, labels: dict, leeg: str) -> list[list]:
    """Registrations and visitors per value of `veld`; values nobody gave are left out."""
    per_code: dict[str, list[int]] = {}
    for groep in groepen:
        telling = per_code.setdefault(groep[veld], [0, 0])
        telling[0] += groep["n_aanmeldingen"]
        telling[1] += groep["n_bezoekers"]
    per_code = {code: t for code, t in per_code.items() if t[0] or t[1]}
    uit = [[label, *per_code[code]] for code, label in labels.items() if code in per_code]
    if "" in per_code and "" not in labels:
        uit.append([leeg, *per_code[""]])
    return uit


def _tabel_evaluatie(cafes) -> Tabel:
    """How many evaluations gave each score from 1 to 10."""
    scores = {
        r["score"]: r["n"]
        for r in Evaluatie.objects.filter(aanmelding__kenniscafe__in=cafes)
        .order_by()
        .values("score")
        .annotate(n=Count("pk"))
    }
    return Tabel(
        "evaluatie",
        _("Evaluation scores"),
        [Kolom("score", _("Score (1-10)"), TEKST), Kolom("aantal", _("Evaluations"))],
        [[str(score), scores.get(score, 0)] for score in range(1, 11)],
        grafiek=(0, 1),
    )
