"""The work teams section, in named steps: the counts per team (one query), who sits at
the table (two grouped queries), learning outcomes by level and activities by type."""

from django.db.models import Count
from django.utils.translation import gettext as _

from publicaties.models import Publicatie
from werkplaats.kern.models import Sector
from werkteams.models import Aanwezigheid, Activiteit, Leeropbrengst, Lidmaatschap

from ..rapport import PROCENT, TEKST, Kolom, Sectie, Tabel, Verslagperiode, procent
from .bouwstenen import (
    actieve_lidmaatschappen,
    activiteiten_in_periode,
    gehouden_bijeenkomsten,
    keuze_labels,
    publicaties_in_periode,
    tel_per_werkteam,
    werkteams_in_periode,
)


def sectie_werkteams(p: Verslagperiode, scope) -> Sectie:
    """The work teams of the period: counts per team, composition, outcomes, activities."""
    teams = werkteams_in_periode(p, scope)
    actief = actieve_lidmaatschappen(p)
    leer = Leeropbrengst.objects.filter(datum__gte=p.start, datum__lte=p.eind)
    rijen = _teams_met_tellingen(p, teams, actief, leer)
    samenstelling = _samenstelling_per_sector(actief, teams)
    sectoren = keuze_labels(Sector.choices)
    return Sectie(
        "werkteams",
        _("Work teams"),
        [
            _tabel_overzicht(rijen),
            _tabel_samenstelling_sector(samenstelling, sectoren),
            _tabel_aan_tafel(rijen, samenstelling, sectoren),
            _tabel_samenstelling_organisatie(actief, teams, sectoren),
            _tabel_leeropbrengsten(leer, teams),
            _tabel_activiteiten(p, scope),
        ],
    )


# --- the counts per team -----------------------------------------------------------------


def _teams_met_tellingen(p: Verslagperiode, teams, actief, leer) -> list:
    """The teams of the period, each annotated with its figures (one query)."""
    gehouden = gehouden_bijeenkomsten(p)
    aanwezigheid = Aanwezigheid.objects.filter(bijeenkomst__in=gehouden)
    producten = Publicatie.werkteams.through.objects.filter(
        publicatie__in=publicaties_in_periode(p, None)
    )
    met_organisatie = actief.filter(persoon__organisatie__isnull=False)
    qs = teams.annotate(
        n_leden=tel_per_werkteam(actief, "werkteam", Count("persoon", distinct=True)),
        n_nieuw=tel_per_werkteam(
            Lidmaatschap.objects.filter(start__gte=p.start, start__lte=p.eind), "werkteam"
        ),
        n_vertrokken=tel_per_werkteam(
            Lidmaatschap.objects.filter(eind__gte=p.start, eind__lte=p.eind), "werkteam"
        ),
        n_organisaties=tel_per_werkteam(
            met_organisatie, "werkteam", Count("persoon__organisatie", distinct=True)
        ),
        n_sectoren=tel_per_werkteam(
            met_organisatie, "werkteam", Count("persoon__organisatie__sector", distinct=True)
        ),
        n_bijeenkomsten=tel_per_werkteam(gehouden, "werkteam"),
        n_aanwezig=tel_per_werkteam(
            aanwezigheid.filter(status=Aanwezigheid.Status.AANWEZIG), "bijeenkomst__werkteam"
        ),
        n_geregistreerd=tel_per_werkteam(
            aanwezigheid.exclude(status=Aanwezigheid.Status.ONBEKEND), "bijeenkomst__werkteam"
        ),
        n_individueel=tel_per_werkteam(
            leer.filter(niveau=Leeropbrengst.Niveau.INDIVIDUEEL), "werkteam"
        ),
        n_teamleren=tel_per_werkteam(leer.filter(niveau=Leeropbrengst.Niveau.TEAM), "werkteam"),
        n_organisatieleren=tel_per_werkteam(
            leer.filter(niveau=Leeropbrengst.Niveau.ORGANISATIE), "werkteam"
        ),
        n_activiteiten=tel_per_werkteam(activiteiten_in_periode(p, None), "werkteam"),
        n_producten=tel_per_werkteam(producten, "werkteam"),
    )
    return list(qs.select_related("periode").order_by("naam", "pk"))


def _tabel_overzicht(rijen) -> Tabel:
    """One row of figures per team."""
    return Tabel(
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
        [
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
        ],
        grafiek=(0, 4),
        toelichting=_(
            "Members: people with a membership during the period. Attendance rate: "
            "present as a share of recorded attendance at meetings held."
        ),
    )


# --- who sits at the table ---------------------------------------------------------------


def _samenstelling_per_sector(actief, teams) -> list[dict]:
    """Members per team and sector of their organisation (one grouped query)."""
    return list(
        actief.filter(werkteam__in=teams)
        .order_by()
        .values("werkteam", "werkteam__naam", "persoon__organisatie__sector")
        .annotate(n=Count("persoon", distinct=True))
        .order_by("werkteam__naam", "-n", "persoon__organisatie__sector")
    )


def _tabel_samenstelling_sector(samenstelling, sectoren) -> Tabel:
    """Members per team and sector."""
    geen = _("No organisation")
    return Tabel(
        "samenstelling-sector",
        _("Composition by sector"),
        [
            Kolom("werkteam", _("Work team"), TEKST),
            Kolom("sector", _("Sector"), TEKST),
            Kolom("leden", _("Members")),
        ],
        [
            [r["werkteam__naam"], sectoren.get(r["persoon__organisatie__sector"], geen), r["n"]]
            for r in samenstelling
        ],
        sleutel_kolommen=2,
    )


def _tabel_aan_tafel(rijen, samenstelling, sectoren) -> Tabel:
    """Per team: the sectors present, and the sectors and parties wanted but absent."""
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
    return Tabel(
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
    )


def _tabel_samenstelling_organisatie(actief, teams, sectoren) -> Tabel:
    """Members per team and organisation (department included), one grouped query."""
    geen = _("No organisation")
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
    return Tabel(
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
                    for x in (r["persoon__organisatie__naam"], r["persoon__organisatie__afdeling"])
                    if x
                )
                or geen,
                sectoren.get(r["persoon__organisatie__sector"], ""),
                r["n"],
            ]
            for r in per_organisatie
        ],
        sleutel_kolommen=2,
    )


# --- outcomes and activities -------------------------------------------------------------


def _tabel_leeropbrengsten(leer, teams) -> Tabel:
    """Learning outcomes of the teams by level, every level listed."""
    niveaus = keuze_labels(Leeropbrengst.Niveau.choices)
    per_niveau = {
        r["niveau"]: r["n"]
        for r in leer.filter(werkteam__in=teams).order_by().values("niveau").annotate(n=Count("pk"))
    }
    return Tabel(
        "leeropbrengsten",
        _("Learning outcomes by level"),
        [Kolom("niveau", _("Level"), TEKST), Kolom("aantal", _("Learning outcomes"))],
        [[label, per_niveau.get(code, 0)] for code, label in niveaus.items()],
        grafiek=(0, 1),
    )


def _tabel_activiteiten(p: Verslagperiode, scope) -> Tabel:
    """Activities by type, most frequent first."""
    soorten = keuze_labels(Activiteit.Soort.choices)
    activiteiten = (
        activiteiten_in_periode(p, scope).order_by().values("soort").annotate(n=Count("pk"))
    )
    return Tabel(
        "activiteiten",
        _("Activities by type"),
        [Kolom("soort", _("Type"), TEKST), Kolom("aantal", _("Activities"))],
        sorted(
            ([soorten.get(r["soort"], r["soort"]), r["n"]] for r in activiteiten),
            key=lambda r: (-r[1], r[0]),
        ),
        grafiek=(0, 1),
    )
