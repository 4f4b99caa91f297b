"""Reads of werkteams, permission-aware: public pages never see personal data."""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from werkplaats.kern.models import Organisatie, Periode, Sector, met_rol_hier
from werkplaats.kern.paginacache import inhoud_memo, proces_memo

from .models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Verslagpunt,
    Werkteam,
)


def coordinatoren_kiesbaar():
    """The users who may coordinate a team: active coordinators and administrators of the
    werkplaats this request acts in."""
    gebruiker = get_user_model()
    return gebruiker.objects.filter(
        met_rol_hier(gebruiker.Rol.COORDINATOR, gebruiker.Rol.BEHEERDER), is_active=True
    ).order_by("first_name", "last_name", "username")


def werkteams_beheerbaar(user):
    """The teams a user acts as coordinator of; the one rule every app asks.

    Being named on a team is not enough: the role counts too, so setting someone back to
    lid ends their access at once (the team list keeps the name until a beheerder edits it).
    """
    if not (user is not None and user.is_authenticated and user.is_coordinator):
        return Werkteam.objects.none()
    if user.is_beheerder:
        return Werkteam.objects.all()
    return Werkteam.objects.filter(coordinatoren=user)


def coordinatoren_can_manage(user) -> bool:
    """True when the user may start teams and name who coordinates them: administrators."""
    return bool(user is not None and user.is_authenticated and user.is_beheerder)


def werkteam_can_manage(user, werkteam: Werkteam) -> bool:
    """True when the user may manage this team (see werkteams_beheerbaar).

    A beheerder manages every team: answered without a query. A coordinator's teams are
    read once per content version in the process (a link or role change bumps it).
    """
    if not (user is not None and user.is_authenticated and user.is_coordinator):
        return False
    if user.is_beheerder:
        return True
    eigen = proces_memo(
        "beheerbare-werkteams",
        user.pk,
        maak=lambda: frozenset(werkteams_beheerbaar(user).values_list("pk", flat=True)),
    )
    return werkteam.pk in eigen


def met_landelijk(teams):
    """`teams` with `is_gedeeld` (a national project: other werkplaatsen take part) and
    `eigenaar_slug` (its own werkplaats, which names its portal page), in the same query."""
    deelnemers = Werkteam.deelnemende_werkplaatsen.through.objects.filter(werkteam=OuterRef("pk"))
    return teams.annotate(is_gedeeld=Exists(deelnemers), eigenaar_slug=F("werkplaats__slug"))


def werkteam_list_public():
    """All teams of all periods, newest period first (public facts only), shared ones too."""
    return met_landelijk(Werkteam.objects.select_related("periode")).order_by(
        "-periode__start", "periode__naam", "naam"
    )


def werkteam_list_per_periode() -> list[tuple[Periode, list[Werkteam]]]:
    """All teams grouped by period, newest period first: [(periode, [team, ...]), ...]."""
    periodes: list[tuple[Periode, list[Werkteam]]] = []
    for team in werkteam_list_public():
        # A shared team comes with its own werkplaats's period: one heading per period name.
        vorige = periodes[-1][0] if periodes else None
        if vorige is None or (vorige.start, vorige.naam) != (team.periode.start, team.periode.naam):
            periodes.append((team.periode, []))
        periodes[-1][1].append(team)
    return periodes


def werkteam_list_beheer() -> list[tuple[Periode, list[Werkteam]]]:
    """Every team by period (newest first) for the beheerder's list: status, dates, predecessor
    and coordinators, in three queries however many teams there are."""
    teams = (
        Werkteam.objects.select_related("periode", "voorganger")
        .prefetch_related(
            Prefetch("coordinatoren", queryset=get_user_model().objects.order_by("first_name"))
        )
        .order_by("-periode__start", "naam")
    )
    periodes: list[tuple[Periode, list[Werkteam]]] = []
    for team in teams:
        if not periodes or periodes[-1][0] != team.periode:
            periodes.append((team.periode, []))
        periodes[-1][1].append(team)
    return periodes


def werkteam_list_beheerbaar(user) -> list[Werkteam]:
    """The teams this user may manage: all for a beheerder, their own for a coordinator."""
    return list(
        werkteams_beheerbaar(user).select_related("periode").order_by("-periode__start", "naam")
    )


def werkteam_list_home() -> list[Werkteam]:
    """The teams of the most recent period, for the home page (one query)."""
    laatste = Periode.objects.order_by("-start").values("pk")[:1]
    return list(Werkteam.objects.select_related("periode").filter(periode=laatste).order_by("naam"))


def werkteam_get_public(slug: str) -> Werkteam:
    """One team by slug, with its period and predecessor, or 404."""
    teams = met_landelijk(Werkteam.objects.select_related("periode", "voorganger__periode"))
    try:
        return teams.get(slug=slug)
    except Werkteam.DoesNotExist:
        raise Http404 from None


def werkteam_get_pagina(slug: str) -> Werkteam:
    """The team page's team: werkteam_get_public with the teams that continue it, kept per
    content version (public facts only; the same object for every visitor)."""

    def maak():
        werkteam = werkteam_get_public(slug)
        prefetch_related_objects([werkteam], "opvolgers")
        return werkteam

    return inhoud_memo("werkteam", slug, maak=maak)


def werkteam_get_met_beheer(user, slug: str) -> tuple[Werkteam, bool]:
    """One team by slug (or 404) and whether the user may manage it, in one query.

    The same answer as werkteam_get_public + werkteam_can_manage; a coordinator's link to
    the team is asked in the same query (a second round trip cost ~0.6 ms, issue #13).
    """
    if not (user is not None and user.is_authenticated and user.is_coordinator):
        return werkteam_get_public(slug), False
    if user.is_beheerder:
        return werkteam_get_public(slug), True
    try:
        werkteam = (
            met_landelijk(Werkteam.objects.select_related("periode", "voorganger__periode"))
            .annotate(is_beheerbaar=Exists(werkteams_beheerbaar(user).filter(pk=OuterRef("pk"))))
            .get(slug=slug)
        )
    except Werkteam.DoesNotExist:
        raise Http404 from None
    return werkteam, werkteam.is_beheerbaar


def werkteam_get_beheerbaar(user, slug: str) -> Werkteam:
    """One team the user may manage; 404 when it does not exist or is not theirs.

    Someone else's team answers like a missing one: a management URL tells an outsider nothing.
    """
    werkteam, beheer = werkteam_get_met_beheer(user, slug)
    if not beheer:
        raise Http404
    return werkteam


def werkteam_organisaties_public(werkteam: Werkteam) -> list[Organisatie]:
    """The organisations that take or took part in a team (no people, just organisations)."""
    return list(
        Organisatie.objects.filter(
            Exists(
                Lidmaatschap.objects.filter(werkteam=werkteam, persoon__organisatie=OuterRef("pk"))
            )
        ).order_by("sector", "naam")
    )


def lidmaatschap_list(werkteam: Werkteam) -> list[Lidmaatschap]:
    """Every membership of a team, current first, with person, organisation and hand-overs."""
    vandaag = timezone.localdate()
    leden = list(
        Lidmaatschap.objects.filter(werkteam=werkteam).select_related(
            "persoon__organisatie",
            "overgedragen_aan__persoon",
            "overgenomen_van__persoon",
        )
    )
    for lid in leden:
        lid.is_actief = lid.is_actief_op(vandaag)
    leden.sort(key=lambda lid: (not lid.is_actief, lid.persoon.naam.lower(), lid.start))
    return leden


def lidmaatschap_get(werkteam: Werkteam, pk: int) -> Lidmaatschap:
    """One membership of this team (404 for another team's id)."""
    try:
        return Lidmaatschap.objects.select_related("persoon").get(werkteam=werkteam, pk=pk)
    except Lidmaatschap.DoesNotExist:
        raise Http404 from None


def lidmaatschappen_actief_op(werkteam: Werkteam, datum: date):
    """Memberships of a team that include the given day."""
    return Lidmaatschap.objects.filter(werkteam=werkteam, start__lte=datum).filter(
        Q(eind__isnull=True) | Q(eind__gte=datum)
    )


def samenstelling_get(werkteam: Werkteam, datum: date) -> dict:
    """Who sat at the table on a date: counts per sector and organisation, and what is missing."""
    leden = list(lidmaatschappen_actief_op(werkteam, datum).select_related("persoon__organisatie"))
    return samenstelling_uit_leden(werkteam, leden, datum)


def samenstelling_uit_leden(werkteam: Werkteam, leden, datum: date) -> dict:
    """The composition on a date, computed from already-loaded memberships (no query)."""
    leden = [lid for lid in leden if lid.is_actief_op(datum)]
    per_sector: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    rollen: dict[str, int] = defaultdict(int)
    for lid in leden:
        organisatie = lid.persoon.organisatie
        sector = organisatie.sector if organisatie else Sector.OVERIG
        per_sector[sector][str(organisatie) if organisatie else "—"] += 1
        rollen[lid.get_rol_display()] += 1
    labels = dict(Sector.choices)
    sectoren = [
        {
            "sector": sector,
            "label": labels.get(sector, sector),
            "aantal": sum(organisaties.values()),
            "organisaties": sorted(organisaties.items()),
        }
        for sector, organisaties in sorted(
            per_sector.items(), key=lambda kv: str(labels.get(kv[0], kv[0]))
        )
    ]
    ontbrekend = [
        labels.get(code, code) for code in werkteam.gewenste_sectoren if code not in per_sector
    ]
    return {
        "datum": datum,
        "aantal": len(leden),
        "kerngroep": sum(1 for lid in leden if lid.kerngroep),
        "sectoren": sectoren,
        "rollen": sorted(rollen.items()),
        "ontbrekende_sectoren": ontbrekend,
        "gewenst_maar_afwezig": list(werkteam.gewenst_maar_afwezig),
    }


def organisaties_uit_leden(leden) -> list[Organisatie]:
    """The distinct organisations of already-loaded memberships (no query)."""
    gezien = {}
    for lid in leden:
        if lid.persoon.organisatie_id and lid.persoon.organisatie_id not in gezien:
            gezien[lid.persoon.organisatie_id] = lid.persoon.organisatie
    return sorted(gezien.values(), key=lambda o: (o.sector, o.naam))


def persoon_list(user):
    """People a coordinator may pick: those who are or were in a team they manage (everyone
    for a beheerder). Anyone else is added by typing their exact e-mail address."""
    personen = Persoon.objects.select_related("organisatie").order_by("naam")
    if user.is_authenticated and user.is_beheerder:
        return personen
    return personen.filter(
        Exists(
            Lidmaatschap.objects.filter(
                persoon=OuterRef("pk"), werkteam__in=werkteams_beheerbaar(user)
            )
        )
    )


def persoon_list_for_team(user, werkteam: Werkteam):
    """The people of one team that this user may pick (see persoon_list). Who manages the
    team picks from all its members: in a team shared by several werkplaatsen they are
    people of each of them (read unfiltered, through the team)."""
    if werkteam_can_manage(user, werkteam):
        personen = Persoon._base_manager.select_related("organisatie").order_by("naam")
        return personen.filter(lidmaatschappen__werkteam=werkteam).distinct()
    return persoon_list(user).filter(lidmaatschappen__werkteam=werkteam).distinct()


def bijeenkomst_list(werkteam: Werkteam):
    """A team's meetings, with attendance counts in the same query."""
    return Bijeenkomst.objects.filter(werkteam=werkteam).annotate(
        aantal_aanwezig=Count(
            "aanwezigheden", filter=Q(aanwezigheden__status=Aanwezigheid.Status.AANWEZIG)
        ),
        aantal_genodigd=Count("aanwezigheden"),
    )


def bijeenkomst_get(werkteam: Werkteam, pk: int) -> Bijeenkomst:
    """One meeting of this team (404 for another team's id)."""
    try:
        return Bijeenkomst.objects.select_related("werkteam").get(werkteam=werkteam, pk=pk)
    except Bijeenkomst.DoesNotExist:
        raise Http404 from None


def bijeenkomst_detail_get(werkteam: Werkteam, pk: int) -> Bijeenkomst:
    """One meeting with attendance, goals, decisions/actions and outcomes prefetched."""
    try:
        return (
            Bijeenkomst.objects.filter(werkteam=werkteam, pk=pk)
            .select_related("werkteam")
            .prefetch_related(
                Prefetch(
                    "aanwezigheden",
                    queryset=Aanwezigheid.objects.select_related(
                        "lidmaatschap__persoon__organisatie"
                    ).order_by("lidmaatschap__persoon__naam"),
                ),
                "leerdoelen",
                Prefetch("verslagpunten", queryset=Verslagpunt.objects.select_related("eigenaar")),
            )
            .get()
        )
    except Bijeenkomst.DoesNotExist:
        raise Http404 from None


def bijeenkomst_genodigden(bijeenkomst: Bijeenkomst) -> list[Persoon]:
    """The people invited to a meeting loaded by bijeenkomst_detail_get (no query)."""
    return [a.lidmaatschap.persoon for a in bijeenkomst.aanwezigheden.all()]


def verslagpunt_get(bijeenkomst: Bijeenkomst, pk: int) -> Verslagpunt:
    """One decision/action of this meeting (404 otherwise)."""
    try:
        return Verslagpunt.objects.get(bijeenkomst=bijeenkomst, pk=pk)
    except Verslagpunt.DoesNotExist:
        raise Http404 from None


def aanwezigheid_get_by_sleutel(sleutel: str) -> Aanwezigheid:
    """The invitation behind a personal absence link, or 404."""
    try:
        return Aanwezigheid.objects.select_related(
            "bijeenkomst__werkteam", "lidmaatschap__persoon"
        ).get(sleutel=sleutel)
    except Aanwezigheid.DoesNotExist:
        raise Http404 from None


def leeropbrengst_list(werkteam: Werkteam):
    """A team's learning outcomes as a timeline, newest first, with their links."""
    return Leeropbrengst.objects.filter(werkteam=werkteam).select_related(
        "persoon", "bijeenkomst", "activiteit", "organisatie", "kenniscafe", "publicatie"
    )


def leeropbrengst_bewijs_get(werkteam: Werkteam, pk: int) -> Leeropbrengst:
    """One learning outcome of this team that has an evidence file (404 otherwise)."""
    try:
        return werkteam.leeropbrengsten.exclude(bewijs_bestand="").get(pk=pk)
    except Leeropbrengst.DoesNotExist:
        raise Http404 from None


def leeropbrengst_counts_uit(leeropbrengsten) -> list[tuple[str, int]]:
    """Number of learning outcomes per level from an already-loaded list (no query)."""
    tellingen = defaultdict(int)
    for opbrengst in leeropbrengsten:
        tellingen[opbrengst.niveau] += 1
    return [(label, tellingen.get(code, 0)) for code, label in Leeropbrengst.Niveau.choices]


def kenniscafe_list_for_team(werkteam: Werkteam) -> list:
    """The published kenniscafés this team organised, newest first."""
    return list(werkteam.kenniscafes.gepubliceerd().order_by("-start"))


def publicatie_list_for_team(werkteam: Werkteam) -> list:
    """The published kennisbank items of this team, newest first."""
    return list(werkteam.publicaties.gepubliceerd().order_by("-jaar", "titel"))


def leeropbrengst_counts(werkteam: Werkteam) -> list[tuple[str, int]]:
    """Number of learning outcomes per level, every level listed (one query)."""
    tellingen = dict(
        Leeropbrengst.objects.filter(werkteam=werkteam)
        .values_list("niveau")
        .annotate(n=Count("pk"))
        .values_list("niveau", "n")
    )
    return [(label, tellingen.get(code, 0)) for code, label in Leeropbrengst.Niveau.choices]


def activiteit_list(werkteam: Werkteam):
    """A team's activities with their organisations."""
    return Activiteit.objects.filter(werkteam=werkteam).prefetch_related("organisaties")


def activiteit_list_public(werkteam: Werkteam):
    """Activities for the public team page (no personal data in them)."""
    return activiteit_list(werkteam)


def mijn_werkteams(user) -> dict:
    """For a member with a login: their memberships, upcoming meetings and published minutes."""
    persoon = Persoon.objects.filter(gebruiker=user).first() if user.is_authenticated else None
    if persoon is None:
        return {"persoon": None, "lidmaatschappen": [], "komend": [], "verslagen": []}
    lidmaatschappen = list(
        persoon.lidmaatschappen.select_related("werkteam__periode").order_by("-start")
    )
    teams = [lid.werkteam_id for lid in lidmaatschappen]
    nu = timezone.now()
    eigen = Aanwezigheid.objects.filter(lidmaatschap__persoon=persoon)
    komend = list(
        Bijeenkomst.objects.filter(
            werkteam__in=teams, start__gte=nu, status=Bijeenkomst.Status.GEPLAND
        )
        .filter(Exists(eigen.filter(bijeenkomst=OuterRef("pk"))))
        .select_related("werkteam")
        .order_by("start")[:20]
    )
    verslagen = list(
        Bijeenkomst.objects.filter(werkteam__in=teams, verslag_gepubliceerd_op__isnull=False)
        .filter(Exists(eigen.filter(bijeenkomst=OuterRef("pk"))))
        .select_related("werkteam")
        .prefetch_related("verslagpunten", "leerdoelen")
        .order_by("-start")[:20]
    )
    return {
        "persoon": persoon,
        "lidmaatschappen": lidmaatschappen,
        "komend": komend,
        "verslagen": verslagen,
    }
