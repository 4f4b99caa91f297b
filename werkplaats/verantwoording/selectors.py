"""Reads for the yearly report: every figure is an aggregation in SQL, permission-aware.

The number of queries is fixed (one per table, plus two sets of key figures for the
comparison); it never grows with the number of werkteams, cafés or registrations.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kenniscafes.models import Aanmelding, Evaluatie, Kenniscafe
from publicaties.models import Publicatie
from werkplaats.kern.models import Organisatie, Periode, Sector
from werkteams.models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leeropbrengst,
    Lidmaatschap,
    Werkteam,
)

from .models import Afsluiting, AfsluitingBestand, Export
from .rapport import (
    DATUM,
    DECIMAAL,
    KALENDERJAAR,
    PERIODE,
    PROCENT,
    SCHOOLJAAR,
    TEKST,
    Kolom,
    Rapport,
    Sectie,
    Tabel,
    Verschil,
    Verslagperiode,
    gemiddelde,
    procent,
    rapport_cijfers,
    rapport_verschillen,
)

ONDERWIJS_SOORTEN = [
    Activiteit.Soort.GASTLES,
    Activiteit.Soort.STUDENTENONDERZOEK,
    Activiteit.Soort.AFSTUDEERONDERZOEK,
    Activiteit.Soort.LESMATERIAAL,
    Activiteit.Soort.KEUZEVAK,
]


# --- who sees what -----------------------------------------------------------------------


def rapport_scope(user) -> list[int] | None:
    """None for a beheerder (everything); the ids of their own werkteams for a coordinator."""
    if not user.is_authenticated or not user.is_coordinator:
        raise PermissionDenied
    if user.is_beheerder:
        return None
    return list(
        Werkteam.objects.filter(coordinatoren=user).order_by("pk").values_list("pk", flat=True)
    )


def verslagperiode_get(soort: str, sleutel: int) -> Verslagperiode:
    """The report period for a kind and a key (a year, or the pk of a Periode), or 404."""
    if soort == KALENDERJAAR:
        return Verslagperiode.kalenderjaar(sleutel)
    if soort == SCHOOLJAAR:
        return Verslagperiode.schooljaar(sleutel)
    if soort == PERIODE:
        try:
            return Verslagperiode.voor_periode(Periode.objects.get(pk=sleutel))
        except Periode.DoesNotExist:
            raise Http404 from None
    raise Http404


def _vorige_get(periode: Verslagperiode) -> Verslagperiode | None:
    if periode.soort == KALENDERJAAR:
        return Verslagperiode.kalenderjaar(periode.sleutel - 1)
    if periode.soort == SCHOOLJAAR:
        return Verslagperiode.schooljaar(periode.sleutel - 1)
    vorige = Periode.objects.filter(start__lt=periode.start).order_by("-start").first()
    return Verslagperiode.voor_periode(vorige) if vorige else None


# --- building blocks ---------------------------------------------------------------------


def _label(choices) -> dict:
    return {waarde: str(label) for waarde, label in choices}


def _werkteams(p: Verslagperiode, scope):
    """Werkteams active in the period: their Periode and their own dates overlap it."""
    qs = Werkteam.objects.filter(
        Q(start__isnull=True) | Q(start__lte=p.eind),
        Q(eind__isnull=True) | Q(eind__gte=p.start),
        periode__start__lte=p.eind,
        periode__eind__gte=p.start,
    )
    if scope is not None:
        qs = qs.filter(pk__in=scope)
    return qs


def _actieve_lidmaatschappen(p: Verslagperiode):
    return Lidmaatschap.objects.filter(
        Q(eind__isnull=True) | Q(eind__gte=p.start), start__lte=p.eind
    )


def _gehouden_bijeenkomsten(p: Verslagperiode):
    """Meetings held: not cancelled, starting in the period and already begun."""
    return Bijeenkomst.objects.filter(
        status=Bijeenkomst.Status.GEPLAND,
        start__date__gte=p.start,
        start__date__lte=p.eind,
        start__lt=timezone.now(),
    )


def _kenniscafes(p: Verslagperiode, scope):
    """Published (not cancelled, not draft) cafés on a date in the period."""
    qs = Kenniscafe.objects.filter(
        status=Kenniscafe.Status.GEPUBLICEERD,
        start__date__gte=p.start,
        start__date__lte=p.eind,
    )
    if scope is not None:
        organisatoren = Kenniscafe.organisator_werkteams.through.objects.filter(
            kenniscafe=OuterRef("pk"), werkteam__in=scope
        )
        qs = qs.filter(Exists(organisatoren))
    return qs


def _publicaties(p: Verslagperiode, scope):
    """Published items dated in the period; undated ones count in the years they name."""
    qs = Publicatie.objects.filter(status=Publicatie.Status.GEPUBLICEERD).filter(
        Q(datum__gte=p.start, datum__lte=p.eind)
        | Q(datum__isnull=True, jaar__gte=p.start.year, jaar__lte=p.eind.year)
    )
    if scope is not None:
        koppelingen = Publicatie.werkteams.through.objects.filter(
            publicatie=OuterRef("pk"), werkteam__in=scope
        )
        qs = qs.filter(Exists(koppelingen))
    return qs


def _activiteiten(p: Verslagperiode, scope):
    """Activities that started in the period; a period report also counts the undated
    activities of its own werkteams (they belong to that period, not to one year)."""
    in_periode = Q(start__gte=p.start, start__lte=p.eind)
    if p.soort == PERIODE:
        in_periode |= Q(start__isnull=True, werkteam__periode_id=p.sleutel)
    qs = Activiteit.objects.filter(in_periode)
    if scope is not None:
        qs = qs.filter(werkteam__in=scope)
    return qs


def _tel(qs, veld: str, expressie=None):
    """A correlated subquery counting rows of `qs` per werkteam (0 when there are none).

    A subquery per figure instead of joins: joining memberships, meetings and outcomes
    at once would multiply rows.
    """
    sub = (
        qs.filter(**{veld: OuterRef("pk")})
        .order_by()
        .values(veld)
        .annotate(n=expressie or Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def _aanmelding_tellers(prefix: str = "") -> dict:
    """Conditional counts over registrations (prefix "aanmeldingen__" from a café)."""

    def f(**kwargs):
        return Q(**{prefix + k: v for k, v in kwargs.items()})

    veld = prefix.rstrip("_") or "pk"
    echte = f(status=Aanmelding.Status.BEVESTIGD, is_inloop=False)
    return {
        "n_aanmeldingen": Count(veld, filter=echte),
        "n_bezoekers": Count(veld, filter=f(aanwezig=True)),
        "n_opgekomen": Count(veld, filter=echte & f(aanwezig=True)),
        "n_studenten": Count(veld, filter=f(aanwezig=True, rol=Aanmelding.Rol.STUDENT)),
    }


# --- sections ----------------------------------------------------------------------------


def _sectie_werkplaats() -> Sectie:
    sectoren = _label(Sector.choices)
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


def _sectie_werkteams(p: Verslagperiode, scope) -> Sectie:
    teams = _werkteams(p, scope)
    actief = _actieve_lidmaatschappen(p)
    gehouden = _gehouden_bijeenkomsten(p)
    aanwezigheid = Aanwezigheid.objects.filter(bijeenkomst__in=gehouden)
    leer = Leeropbrengst.objects.filter(datum__gte=p.start, datum__lte=p.eind)
    producten = Publicatie.werkteams.through.objects.filter(publicatie__in=_publicaties(p, None))
    rijen = (
        teams.annotate(
            n_leden=_tel(actief, "werkteam", Count("persoon", distinct=True)),
            n_nieuw=_tel(
                Lidmaatschap.objects.filter(start__gte=p.start, start__lte=p.eind), "werkteam"
            ),
            n_vertrokken=_tel(
                Lidmaatschap.objects.filter(eind__gte=p.start, eind__lte=p.eind), "werkteam"
            ),
            n_organisaties=_tel(
                actief.filter(persoon__organisatie__isnull=False),
                "werkteam",
                Count("persoon__organisatie", distinct=True),
            ),
            n_sectoren=_tel(
                actief.filter(persoon__organisatie__isnull=False),
                "werkteam",
                Count("persoon__organisatie__sector", distinct=True),
            ),
            n_bijeenkomsten=_tel(gehouden, "werkteam"),
            n_aanwezig=_tel(
                aanwezigheid.filter(status=Aanwezigheid.Status.AANWEZIG), "bijeenkomst__werkteam"
            ),
            n_geregistreerd=_tel(
                aanwezigheid.exclude(status=Aanwezigheid.Status.ONBEKEND),
                "bijeenkomst__werkteam",
            ),
            n_individueel=_tel(leer.filter(niveau=Leeropbrengst.Niveau.INDIVIDUEEL), "werkteam"),
            n_teamleren=_tel(leer.filter(niveau=Leeropbrengst.Niveau.TEAM), "werkteam"),
            n_organisatieleren=_tel(
                leer.filter(niveau=Leeropbrengst.Niveau.ORGANISATIE), "werkteam"
            ),
            n_activiteiten=_tel(_activiteiten(p, None), "werkteam"),
            n_producten=_tel(producten, "werkteam"),
        )
        .select_related("periode")
        .order_by("naam", "pk")
    )
    overzicht = [
        [
            w.naam,
            w.periode.naam,
            w.thema,
            w.opgave,
            w.n_leden,
            w.n_nieuw,
            w.n_vertrokken,
            w.n_organisaties,
            w.n_sectoren,
            w.n_bijeenkomsten,
            procent(w.n_aanwezig, w.n_geregistreerd),
            w.n_individueel,
            w.n_teamleren,
            w.n_organisatieleren,
            w.n_activiteiten,
            w.n_producten,
        ]
        for w in rijen
    ]
    sectoren = _label(Sector.choices)
    geen = _("No organisation")
    samenstelling = (
        actief.filter(werkteam__in=teams)
        .order_by()
        .values("werkteam", "werkteam__naam", "persoon__organisatie__sector")
        .annotate(n=Count("persoon", distinct=True))
        .order_by("werkteam__naam", "-n", "persoon__organisatie__sector")
    )
    per_organisatie = (
        actief.filter(werkteam__in=teams)
        .order_by()
        .values(
            "werkteam__naam",
            "persoon__organisatie__naam",
            "persoon__organisatie__afdeling",
            "persoon__organisatie__sector",
        )
        .annotate(n=Count("persoon", distinct=True))
        .order_by("werkteam__naam", "-n", "persoon__organisatie__naam")
    )
    niveaus = _label(Leeropbrengst.Niveau.choices)
    per_niveau = {
        r["niveau"]: r["n"]
        for r in leer.filter(werkteam__in=teams).order_by().values("niveau").annotate(n=Count("pk"))
    }
    aanwezige_sectoren: dict[int, list[str]] = {}
    for r in samenstelling:
        if r["persoon__organisatie__sector"]:
            aanwezige_sectoren.setdefault(r["werkteam"], []).append(
                r["persoon__organisatie__sector"]
            )
    aan_tafel = []
    for w in rijen:
        aanwezig = aanwezige_sectoren.get(w.pk, [])
        ontbreekt = [sectoren.get(c, c) for c in w.gewenste_sectoren if c not in aanwezig]
        ontbreekt += [str(partij) for partij in w.gewenst_maar_afwezig]
        aan_tafel.append(
            [
                w.naam,
                ", ".join(sorted(sectoren.get(c, c) for c in aanwezig)) or "–",
                ", ".join(ontbreekt) or "–",
            ]
        )
    soorten = _label(Activiteit.Soort.choices)
    activiteiten = _activiteiten(p, scope).order_by().values("soort").annotate(n=Count("pk"))
    return Sectie(
        "werkteams",
        _("Work teams"),
        [
            Tabel(
                "overzicht",
                _("Work teams in this period"),
                [
                    Kolom("werkteam", _("Work team"), TEKST),
                    Kolom("periode", _("Period"), TEKST),
                    Kolom("thema", _("Theme"), TEKST),
                    Kolom("opgave", _("Assignment"), TEKST),
                    Kolom("leden", _("Members")),
                    Kolom("nieuw", _("Joined")),
                    Kolom("vertrokken", _("Left")),
                    Kolom("organisaties", _("Organisations")),
                    Kolom("sectoren", _("Sectors")),
                    Kolom("bijeenkomsten", _("Meetings held")),
                    Kolom("aanwezigheid", _("Attendance rate (%)"), PROCENT),
                    Kolom("individueel", _("Outcomes: individual")),
                    Kolom("team", _("Outcomes: team")),
                    Kolom("organisatie", _("Outcomes: organisation")),
                    Kolom("activiteiten", _("Activities")),
                    Kolom("producten", _("Products")),
                ],
                overzicht,
                grafiek=(0, 4),
                toelichting=_(
                    "Members: people with a membership during the period. Attendance rate: "
                    "present as a share of recorded attendance at meetings held."
                ),
            ),
            Tabel(
                "samenstelling-sector",
                _("Composition by sector"),
                [
                    Kolom("werkteam", _("Work team"), TEKST),
                    Kolom("sector", _("Sector"), TEKST),
                    Kolom("leden", _("Members")),
                ],
                [
                    [
                        r["werkteam__naam"],
                        sectoren.get(r["persoon__organisatie__sector"], geen),
                        r["n"],
                    ]
                    for r in samenstelling
                ],
                sleutel_kolommen=2,
            ),
            Tabel(
                "aan-tafel",
                _("The right people at the table?"),
                [
                    Kolom("werkteam", _("Work team"), TEKST),
                    Kolom("aanwezig", _("Sectors present"), TEKST),
                    Kolom("ontbreekt", _("Wanted but absent"), TEKST),
                ],
                aan_tafel,
                toelichting=_(
                    "Sectors present among the members during the period, and the sectors "
                    "and parties the team wants at the table but does not have."
                ),
            ),
            Tabel(
                "samenstelling-organisatie",
                _("Composition by organisation"),
                [
                    Kolom("werkteam", _("Work team"), TEKST),
                    Kolom("organisatie", _("Organisation"), TEKST),
                    Kolom("sector", _("Sector"), TEKST),
                    Kolom("leden", _("Members")),
                ],
                [
                    [
                        r["werkteam__naam"],
                        " – ".join(
                            x
                            for x in (
                                r["persoon__organisatie__naam"],
                                r["persoon__organisatie__afdeling"],
                            )
                            if x
                        )
                        or geen,
                        sectoren.get(r["persoon__organisatie__sector"], ""),
                        r["n"],
                    ]
                    for r in per_organisatie
                ],
                sleutel_kolommen=2,
            ),
            Tabel(
                "leeropbrengsten",
                _("Learning outcomes by level"),
                [Kolom("niveau", _("Level"), TEKST), Kolom("aantal", _("Learning outcomes"))],
                [[label, per_niveau.get(code, 0)] for code, label in niveaus.items()],
                grafiek=(0, 1),
            ),
            Tabel(
                "activiteiten",
                _("Activities by type"),
                [Kolom("soort", _("Type"), TEKST), Kolom("aantal", _("Activities"))],
                sorted(
                    ([soorten.get(r["soort"], r["soort"]), r["n"]] for r in activiteiten),
                    key=lambda r: (-r[1], r[0]),
                ),
                grafiek=(0, 1),
            ),
        ],
    )


def _sectie_kenniscafes(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    cafes = _kenniscafes(p, scope)
    typen = _label(Kenniscafe.Type.choices)
    vormen = _label(Kenniscafe.Vorm.choices)
    per_cafe = list(
        cafes.annotate(
            **_aanmelding_tellers("aanmeldingen__"),
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
    cafe_rijen = [
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
    ]
    # Totals and the counts per type and format add up the per-café aggregates above: each
    # registration belongs to exactly one café, so the sums are exact and the million
    # registrations of a busy year are scanned once instead of four times.
    totaal = {
        "cafes": len(per_cafe),
        "n_aanmeldingen": sum(r[4] for r in per_cafe),
        "n_bezoekers": sum(r[5] for r in per_cafe),
        "n_opgekomen": sum(r[6] for r in per_cafe),
        "n_studenten": sum(r[7] for r in per_cafe),
        "evaluaties": sum(r[8] for r in per_cafe),
        "score_som": sum(r[10] or 0 for r in per_cafe),
    }
    kern = [
        [_("Knowledge cafés"), totaal["cafes"]],
        [_("Registrations"), totaal["n_aanmeldingen"]],
        [_("Visitors"), totaal["n_bezoekers"]],
        [_("Show-up rate (%)"), procent(totaal["n_opgekomen"], totaal["n_aanmeldingen"])],
        [_("Average visitors per café"), gemiddelde(totaal["n_bezoekers"], totaal["cafes"])],
        [_("Students reached"), totaal["n_studenten"]],
        [_("Evaluations"), totaal["evaluaties"]],
        [_("Average evaluation score"), gemiddelde(totaal["score_som"], totaal["evaluaties"])],
    ]

    def per(index, labels):
        tellingen = {code: [0, 0, 0] for code in labels}
        for rij in per_cafe:
            telling = tellingen.setdefault(rij[index], [0, 0, 0])
            telling[0] += 1
            telling[1] += rij[4]
            telling[2] += rij[5]
        return [[label, *tellingen[code]] for code, label in labels.items()]

    # The audience by sector, role and region: one grouped scan of the registrations
    # (at most 12 x 6 x 2 groups), added up per dimension below.
    groepen = list(
        Aanmelding.objects.filter(kenniscafe__in=cafes)
        .order_by()
        .values("sector", "rol", "regio")
        .annotate(**_aanmelding_tellers())
    )

    def publiek(veld, labels, leeg):
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

    publiek_kolommen = [
        Kolom("aanmeldingen", _("Registrations")),
        Kolom("bezoekers", _("Visitors")),
    ]
    scores = {
        r["score"]: r["n"]
        for r in Evaluatie.objects.filter(aanmelding__kenniscafe__in=cafes)
        .order_by()
        .values("score")
        .annotate(n=Count("pk"))
    }
    telling_kolommen = [
        Kolom("cafes", _("Cafés")),
        Kolom("aanmeldingen", _("Registrations")),
        Kolom("bezoekers", _("Visitors")),
    ]
    sectie = Sectie(
        "kenniscafes",
        _("Knowledge cafés"),
        [
            Tabel(
                "kerncijfers",
                _("Key figures"),
                [Kolom("onderdeel", _("Figure"), TEKST), Kolom("waarde", _("Value"), DECIMAAL)],
                kern,
                toelichting=_(
                    "Registrations: confirmed registrations (walk-ins not included). Visitors: "
                    "people marked present, walk-ins included. Show-up rate: registrations "
                    "marked present as a share of registrations."
                ),
            ),
            Tabel(
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
                cafe_rijen,
                grafiek=(0, 5),
            ),
            Tabel(
                "per-type",
                _("By type"),
                [Kolom("type", _("Type"), TEKST), *telling_kolommen],
                per(2, typen),
                grafiek=(0, 1),
            ),
            Tabel(
                "per-vorm",
                _("By format"),
                [Kolom("vorm", _("Format"), TEKST), *telling_kolommen],
                per(3, vormen),
                grafiek=(0, 1),
            ),
            Tabel(
                "publiek-sector",
                _("Audience by sector"),
                [Kolom("sector", _("Sector"), TEKST), *publiek_kolommen],
                publiek("sector", _label(Sector.choices), _("Not given")),
                grafiek=(0, 2),
            ),
            Tabel(
                "publiek-rol",
                _("Audience by role"),
                [Kolom("rol", _("Role"), TEKST), *publiek_kolommen],
                publiek("rol", _label(Aanmelding.Rol.choices), _("Not given")),
                grafiek=(0, 2),
            ),
            Tabel(
                "publiek-regio",
                _("Audience by region"),
                [Kolom("regio", _("Region"), TEKST), *publiek_kolommen],
                publiek("regio", _label(Aanmelding.Regio.choices), _("Not given")),
                grafiek=(0, 2),
            ),
            Tabel(
                "evaluatie",
                _("Evaluation scores"),
                [Kolom("score", _("Score (1-10)"), TEKST), Kolom("aantal", _("Evaluations"))],
                [[str(score), scores.get(score, 0)] for score in range(1, 11)],
                grafiek=(0, 1),
            ),
        ],
    )
    return sectie, totaal


def _sectie_kennisbank(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    typen = _label(Publicatie.Type.choices)
    per_type = {
        r["type"]: r["n"]
        for r in _publicaties(p, scope).order_by().values("type").annotate(n=Count("pk"))
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


def _sectie_onderwijs(p: Verslagperiode, scope, cafes_totaal, per_type) -> Sectie:
    soorten = _label(Activiteit.Soort.choices)
    per_soort = {
        r["soort"]: r
        for r in _activiteiten(p, scope)
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
                grafiek=(0, 1),
                toelichting=_(
                    "Students reached: as recorded on each activity, and students marked "
                    "present at knowledge cafés. Activities without a date only count in the "
                    "report of their subsidy period."
                ),
            )
        ],
    )


def _kerncijfers(p: Verslagperiode, scope, cafes=None) -> list[tuple[str, int]]:
    """A handful of headline figures for one period (four or five queries); `cafes` are the
    café totals when the kenniscafés section already counted them."""
    teams = _werkteams(p, scope)
    leden = (
        _actieve_lidmaatschappen(p)
        .filter(werkteam__in=teams)
        .aggregate(n=Count("persoon", distinct=True))["n"]
    )
    bijeenkomsten = _gehouden_bijeenkomsten(p).filter(werkteam__in=teams).count()
    if cafes is None:
        cafes = _kenniscafes(p, scope).aggregate(
            cafes=Count("pk", distinct=True), **_aanmelding_tellers("aanmeldingen__")
        )
    publicaties = _publicaties(p, scope).count()
    onderwijs = (
        _activiteiten(p, scope)
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
    return [
        (_("Members of work teams"), leden),
        (_("Meetings held"), bijeenkomsten),
        (_("Knowledge cafés"), cafes["cafes"]),
        (_("Registrations"), cafes["n_aanmeldingen"]),
        (_("Visitors"), cafes["n_bezoekers"]),
        (_("Publications"), publicaties),
        (_("Guest lessons"), onderwijs["gastlessen"]),
        (_("Student research projects"), onderwijs["onderzoek"]),
        (_("Students reached"), onderwijs["studenten"] + cafes["n_studenten"]),
    ]


def _sectie_vergelijking(
    p: Verslagperiode, vorige: Verslagperiode | None, scope, cafes_totaal: dict
) -> Sectie:
    nu = _kerncijfers(p, scope, cafes_totaal)
    toen = _kerncijfers(vorige, scope) if vorige else [(label, None) for label, _n in nu]
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


def rapport_get(periode: Verslagperiode, scope) -> Rapport:
    """The whole report for a period; `scope` None = everything, else werkteam ids only."""
    vorige = _vorige_get(periode)
    secties = []
    if scope is None:
        secties.append(_sectie_werkplaats())
    secties.append(_sectie_werkteams(periode, scope))
    cafes, cafes_totaal = _sectie_kenniscafes(periode, scope)
    secties.append(cafes)
    kennisbank, per_type = _sectie_kennisbank(periode, scope)
    secties.append(kennisbank)
    secties.append(_sectie_onderwijs(periode, scope, cafes_totaal, per_type))
    secties.append(_sectie_vergelijking(periode, vorige, scope, cafes_totaal))
    return Rapport(periode, vorige, secties, alles=scope is None)


# --- periods, exports and closed years for the page ------------------------------------------


def jaren_beschikbaar() -> list[int]:
    """Calendar years to choose from: from the first period to next year."""
    eerste = Periode.objects.order_by("start").values_list("start", flat=True).first()
    dit_jaar = timezone.localdate().year
    begin = min(eerste.year, dit_jaar) if eerste else dit_jaar - 5
    return list(range(dit_jaar + 1, begin - 1, -1))


def periode_list() -> list[Periode]:
    """All subsidy periods, newest first."""
    return list(Periode.objects.order_by("-start"))


def export_list(user, scope) -> list[Export]:
    """The exports this user may see: all for a beheerder, their own for a coordinator."""
    qs = Export.objects.prefetch_related("bestanden")
    if scope is not None:
        qs = qs.filter(aangemaakt_door=user)
    return list(qs.order_by("-aangemaakt")[:20])


def export_get(user, scope, pk) -> Export:
    """One export the user may download, or 404 (also for someone else's export)."""
    qs = Export.objects.all()
    try:
        export = qs.get(pk=pk)
    except (Export.DoesNotExist, ValueError):
        raise Http404 from None
    if scope is None:
        return export
    # A coordinator: only their own exports, and only while every team in it is still theirs.
    if export.aangemaakt_door_id != user.pk or export.werkteam_ids is None:
        raise Http404
    if not set(export.werkteam_ids) <= set(scope):
        raise Http404
    return export


def afsluiting_get(jaar: int) -> Afsluiting | None:
    """The closed report of a calendar year, or None."""
    return Afsluiting.objects.filter(jaar=jaar).first()


def afsluiting_bestanden(afsluiting: Afsluiting) -> list[AfsluitingBestand]:
    """The files of a closed year, without loading their bytes."""
    return list(afsluiting.bestanden.defer("inhoud").order_by("pk"))


def afsluiting_bestand_get(jaar: int, pk: int) -> AfsluitingBestand:
    """One frozen file with its bytes, or 404."""
    try:
        return AfsluitingBestand.objects.get(afsluiting__jaar=jaar, pk=pk)
    except AfsluitingBestand.DoesNotExist:
        raise Http404 from None


# --- raw lists for beheerders --------------------------------------------------------------

RUW_AANMELDINGEN = "aanmeldingen"
RUW_AANWEZIGHEID = "aanwezigheid"
RUW_LIDMAATSCHAPPEN = "lidmaatschappen"
RUWE_LIJSTEN = [RUW_AANMELDINGEN, RUW_AANWEZIGHEID, RUW_LIDMAATSCHAPPEN]
RUW_CHUNK = 5000
CSV = "csv"
XLSX = "xlsx"


def _keuze_sql(veld: str, choices, leeg=None):
    """A choice code turned into its label by the database (CASE ... WHEN), NULL when empty."""
    return Case(
        *[When(**{veld: code}, then=Value(str(label))) for code, label in choices if code],
        default=Value(leeg) if leeg is not None else NullIf(F(veld), Value("")),
        output_field=CharField(),
    )


def _ja_nee_sql(veld: str):
    return Case(
        When(**{veld: True}, then=Value(str(_("yes")))),
        When(**{veld: False}, then=Value(str(_("no")))),
        default=None,
        output_field=CharField(),
    )


def _tijd_sql(veld: str, formaat: str, alleen_datum: bool = False):
    """A timestamp as local time, converted by PostgreSQL: text for CSV, naive for Excel.

    Converting a million values in the database is much cheaper than in Python. On
    SQLite (make run) the value stays as it is and the file writers convert it.
    """
    if connection.vendor != "postgresql":
        return F(veld)
    lokaal = Func(Value(settings.TIME_ZONE), F(veld), function="timezone")
    if formaat == XLSX:
        return ExpressionWrapper(lokaal, output_field=DateTimeField())
    masker = "DD-MM-YYYY" if alleen_datum else "DD-MM-YYYY HH24:MI"
    return Func(lokaal, Value(masker), function="to_char", output_field=CharField())


def _datum_sql(veld: str, formaat: str):
    """A date column: text DD-MM-YYYY for CSV (PostgreSQL), the date itself for Excel."""
    if connection.vendor != "postgresql" or formaat == XLSX:
        return F(veld)
    return Func(F(veld), Value("DD-MM-YYYY"), function="to_char", output_field=CharField())


def ruwe_lijst_aantal(soort: str, p: Verslagperiode) -> int:
    """How many rows a raw list has (for the progress of its export)."""
    if soort == RUW_AANMELDINGEN:
        return Aanmelding.objects.filter(
            kenniscafe__start__date__gte=p.start, kenniscafe__start__date__lte=p.eind
        ).count()
    if soort == RUW_AANWEZIGHEID:
        return Aanwezigheid.objects.filter(
            bijeenkomst__start__date__gte=p.start, bijeenkomst__start__date__lte=p.eind
        ).count()
    return _actieve_lidmaatschappen(p).count()


def _rijen(qs, velden: dict):
    """Rows as tuples straight from a server-side cursor, a chunk at a time."""
    return (
        qs.annotate(**{f"k_{naam}": expr for naam, expr in velden.items()})
        .values_list(*[f"k_{naam}" for naam in velden])
        .iterator(chunk_size=RUW_CHUNK)
    )


def ruwe_lijst(soort: str, p: Verslagperiode, formaat: str = CSV) -> tuple[str, list[str], object]:
    """(title, column names, lazy row iterator) of a raw list. Beheerders only.

    Rows come from a server-side cursor in chunks (`iterator(chunk_size=...)`), never all
    at once; labels and local times are computed by the database so Python only copies.
    Registrations leave out names and e-mail addresses: the report needs none (AVG).
    """
    if soort == RUW_AANMELDINGEN:
        qs = Aanmelding.objects.filter(
            kenniscafe__start__date__gte=p.start, kenniscafe__start__date__lte=p.eind
        ).order_by("kenniscafe__start", "pk")
        velden = {
            _("Number"): F("pk"),
            _("Café"): F("kenniscafe__titel"),
            _("Date of the café"): _tijd_sql("kenniscafe__start", formaat),
            _("Status"): _keuze_sql("status", Aanmelding.Status.choices),
            _("Role"): _keuze_sql("rol", Aanmelding.Rol.choices),
            _("Sector"): _keuze_sql("sector", Sector.choices),
            _("Region"): _keuze_sql("regio", Aanmelding.Regio.choices),
            _("Taking part"): _keuze_sql("deelname", Aanmelding.Deelname.choices),
            _("Study programme"): NullIf(F("opleiding"), Value("")),
            _("Present"): _ja_nee_sql("aanwezig"),
            _("Walk-in"): _ja_nee_sql("is_inloop"),
            _("Registered at"): _tijd_sql("aangemaakt", formaat),
        }
        titel = _("Registrations")
    elif soort == RUW_AANWEZIGHEID:
        qs = Aanwezigheid.objects.filter(
            bijeenkomst__start__date__gte=p.start, bijeenkomst__start__date__lte=p.eind
        ).order_by("bijeenkomst__start", "pk")
        velden = {
            _("Work team"): F("bijeenkomst__werkteam__naam"),
            _("Meeting"): F("bijeenkomst__titel"),
            _("Start"): _tijd_sql("bijeenkomst__start", formaat),
            _("Status of the meeting"): _keuze_sql(
                "bijeenkomst__status", Bijeenkomst.Status.choices
            ),
            _("Member"): F("lidmaatschap__persoon__naam"),
            _("Organisation"): F("lidmaatschap__persoon__organisatie__naam"),
            _("Role"): _keuze_sql("lidmaatschap__rol", Lidmaatschap.Rol.choices),
            _("Attendance"): _keuze_sql("status", Aanwezigheid.Status.choices),
        }
        titel = _("Attendance")
    elif soort == RUW_LIDMAATSCHAPPEN:
        qs = _actieve_lidmaatschappen(p).order_by("werkteam__naam", "start", "pk")
        velden = {
            _("Work team"): F("werkteam__naam"),
            _("Member"): F("persoon__naam"),
            _("Organisation"): F("persoon__organisatie__naam"),
            _("Sector"): _keuze_sql("persoon__organisatie__sector", Sector.choices),
            _("Role"): _keuze_sql("rol", Lidmaatschap.Rol.choices),
            _("Core group"): _ja_nee_sql("kerngroep"),
            _("Start"): _datum_sql("start", formaat),
            _("End"): _datum_sql("eind", formaat),
        }
        titel = _("Memberships")
    else:
        raise Http404
    return titel, [str(k) for k in velden], _rijen(qs, dict(enumerate(velden.values())))


def afsluiting_verschillen(afsluiting: Afsluiting, rapport: Rapport) -> list[Verschil]:
    """Every figure of a live whole-Werkplaats report (in Dutch) that differs from the frozen one."""
    return rapport_verschillen(afsluiting.cijfers, rapport_cijfers(rapport), rapport)
