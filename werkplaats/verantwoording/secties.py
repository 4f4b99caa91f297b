"""The sections of the yearly report: each table is an aggregation in SQL.

The number of queries is fixed (one per table, plus the key figures of the previous
period for the comparison); it never grows with the number of teams, cafés or rows.
"""

from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
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

from .rapport import (
    DATUM,
    DECIMAAL,
    PERIODE,
    PROCENT,
    TEKST,
    Kolom,
    Sectie,
    Tabel,
    Verslagperiode,
    gemiddelde,
    procent,
)

ONDERWIJS_SOORTEN = [
    Activiteit.Soort.GASTLES,
    Activiteit.Soort.STUDENTENONDERZOEK,
    Activiteit.Soort.AFSTUDEERONDERZOEK,
    Activiteit.Soort.LESMATERIAAL,
    Activiteit.Soort.KEUZEVAK,
]


# --- building blocks ---------------------------------------------------------------------


def keuze_labels(choices) -> dict:
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


def actieve_lidmaatschappen(p: Verslagperiode):
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


def sectie_werkplaats() -> Sectie:
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


def sectie_werkteams(p: Verslagperiode, scope) -> Sectie:
    teams = _werkteams(p, scope)
    actief = actieve_lidmaatschappen(p)
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
    sectoren = keuze_labels(Sector.choices)
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
    niveaus = keuze_labels(Leeropbrengst.Niveau.choices)
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
    soorten = keuze_labels(Activiteit.Soort.choices)
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


def sectie_kenniscafes(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    cafes = _kenniscafes(p, scope)
    typen = keuze_labels(Kenniscafe.Type.choices)
    vormen = keuze_labels(Kenniscafe.Vorm.choices)
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
                publiek("sector", keuze_labels(Sector.choices), _("Not given")),
                grafiek=(0, 2),
            ),
            Tabel(
                "publiek-rol",
                _("Audience by role"),
                [Kolom("rol", _("Role"), TEKST), *publiek_kolommen],
                publiek("rol", keuze_labels(Aanmelding.Rol.choices), _("Not given")),
                grafiek=(0, 2),
            ),
            Tabel(
                "publiek-regio",
                _("Audience by region"),
                [Kolom("regio", _("Region"), TEKST), *publiek_kolommen],
                publiek("regio", keuze_labels(Aanmelding.Regio.choices), _("Not given")),
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


def sectie_kennisbank(p: Verslagperiode, scope) -> tuple[Sectie, dict]:
    typen = keuze_labels(Publicatie.Type.choices)
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


def sectie_onderwijs(p: Verslagperiode, scope, cafes_totaal, per_type) -> Sectie:
    soorten = keuze_labels(Activiteit.Soort.choices)
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
        actieve_lidmaatschappen(p)
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


def sectie_vergelijking(
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
