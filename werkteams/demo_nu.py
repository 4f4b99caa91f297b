"""Demo loader, second part: the Werkplaats today and the teams before 2020.

Two teams run in the current period (dates relative to the day of loading): months of
meetings behind them, the next meeting in a few days with its reminder waiting, open
actions and learning goals not yet assessed. The 2016-2019 teams get members and
meetings too, and every membership of a finished team ends when the team ends.
Runs after `werkteams.demo.load`; running it twice changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from werkplaats.kern.models import Periode

from .demo import (
    LOCATIE,
    _bijeenkomsten_laden,
    _leden_laden,
    _leeropbrengsten_laden,
    _organisatie,
    demo_coordinator,
    lectoren_laden,
)
from .models import (
    Aanwezigheid,
    Bijeenkomst,
    Herinnering,
    Leerdoel,
    Lidmaatschap,
    Verslagpunt,
    Werkteam,
)

# Written for this demo; the facts (partners, themes) come from the demo file.
LOPENDE_TEAMS = [
    {
        "naam": "Schulden eerder in beeld",
        "voorganger": "armoede-en-schulden",
        "thema": "Geldzorgen vroeg opmerken, voordat ze schulden worden.",
        "opgave": (
            "Professionals in de wijk herkennen de eerste tekenen van geldzorgen en weten "
            "binnen een week bij wie een bewoner terechtkan."
        ),
        "kerngroep": [
            "Gemeente Nissewaard",
            "Stichting MAIT",
            "Stichting De Buurtbron",
            "Hogeschool Rotterdam",
            "Hogeschool Inholland",
        ],
    },
    {
        "naam": "Preventie samen in de wijk",
        "voorganger": "gezond-sociaal",
        "thema": "Wat welzijnswerk en gezondheidszorg samen kunnen doen om klachten te voorkomen.",
        "opgave": (
            "Eén gezamenlijk aanbod van welzijn en gezondheid in twee wijken, getoetst met "
            "de bewoners die het gebruiken."
        ),
        "kerngroep": [
            "GGD Zuid-Holland Zuid",
            "Welzijn Capelle",
            "Rogplus",
            "Gemeente Dordrecht",
            "Hogeschool Rotterdam",
        ],
    },
]
LOPENDE_LEERDOELEN = [
    "We kiezen twee signalen waarop iedereen in de wijk let.",
    "We weten bij welke collega een bewoner binnen een week terechtkan.",
]
OPEN_ACTIES = [
    "Een casus uit de eigen praktijk meenemen naar de volgende bijeenkomst.",
    "De verwijskaart laten lezen door twee collega's buiten het werkteam.",
]


def _lopende_teams(periode: Periode, data: dict) -> list[Werkteam]:
    coordinator = demo_coordinator(data)
    lectoren = lectoren_laden(data)
    locatie = data.get("werkteam_locatie", LOCATIE)
    teams = []
    for nummer, item in enumerate(data.get("lopende_werkteams", LOPENDE_TEAMS), start=7):
        team, _ = Werkteam.objects.update_or_create(
            slug=item["naam"].lower().replace(" ", "-"),
            defaults={
                "naam": item["naam"],
                "periode": periode,
                "thema": item["thema"],
                "opgave": item["opgave"],
                "status": Werkteam.Status.ACTIEF,
                "start": periode.start,
                "eind": periode.eind,
                "voorganger": Werkteam.objects.filter(slug=item.get("voorganger", "")).first(),
            },
        )
        if coordinator is not None:
            team.coordinatoren.add(coordinator)
        if not team.lidmaatschappen.exists():
            overdracht = periode.start + timedelta(days=270)
            _leden_laden(item, team, nummer, lectoren, overdrachten=(overdracht,))
        bijeenkomsten = _bijeenkomsten_laden(team, locatie)
        kerngroep = [o for o in (_organisatie(n) for n in item["kerngroep"]) if o]
        _leeropbrengsten_laden(team, bijeenkomsten, kerngroep)
        _volgende_bijeenkomst(team, locatie, item.get("volgende"))
        teams.append(team)
    return teams


def _volgende_bijeenkomst(
    team: Werkteam, locatie: str = LOCATIE, titel: str | None = None
) -> Bijeenkomst:
    """The next meeting in three days, members invited, its reminder due; open work."""
    vandaag = timezone.localdate()
    dag = vandaag + timedelta(days=3)
    bijeenkomst = Bijeenkomst.objects.filter(werkteam=team, start__date__gt=vandaag).first()
    if bijeenkomst is None:
        bijeenkomst = Bijeenkomst.objects.create(
            werkteam=team,
            titel=titel or "Werkteambijeenkomst: signalen in de wijk",
            start=timezone.make_aware(datetime.combine(dag, time(15, 0))),
            vorm=Bijeenkomst.Vorm.HYBRIDE,
            locatie=locatie,
            online_link="https://teams.example/werkteam-" + team.slug,
            agenda="1. Incheck\n2. Casus van de maand\n3. Verwijskaart\n4. Afspraken",
            herinnering_dagen=2,
        )
        actief = Lidmaatschap.objects.filter(werkteam=team, start__lte=dag).filter(
            Q(eind__isnull=True) | Q(eind__gte=dag)
        )
        Aanwezigheid.objects.bulk_create(
            Aanwezigheid(bijeenkomst=bijeenkomst, lidmaatschap=lid) for lid in actief
        )
        Leerdoel.objects.bulk_create(
            Leerdoel(bijeenkomst=bijeenkomst, omschrijving=doel) for doel in LOPENDE_LEERDOELEN
        )
    Herinnering.objects.get_or_create(
        bijeenkomst=bijeenkomst,
        defaults={"verstuur_op": bijeenkomst.start - timedelta(days=bijeenkomst.herinnering_dagen)},
    )
    vorige = Bijeenkomst.objects.filter(werkteam=team, start__date__lte=vandaag).last()
    if vorige is not None:
        eigenaar = Lidmaatschap.objects.filter(werkteam=team, eind__isnull=True).first()
        for tekst in OPEN_ACTIES:
            Verslagpunt.objects.get_or_create(
                bijeenkomst=vorige,
                tekst=tekst,
                defaults={
                    "soort": Verslagpunt.Soort.ACTIE,
                    "eigenaar": eigenaar.persoon if eigenaar else None,
                    "deadline": dag,
                    "gedaan": False,
                },
            )
    return bijeenkomst


def _eerdere_teams() -> int:
    """Members and meetings for the teams of 2016-2019 (they met before the pandemic)."""
    aantal = 0
    teams = Werkteam.objects.filter(periode__eind__lt=date(2020, 1, 1)).order_by("start", "pk")
    for nummer, team in enumerate(teams, start=20):
        if not team.lidmaatschappen.exists():
            helft = team.start + (team.eind - team.start) / 2
            _leden_laden({}, team, nummer, [], overdrachten=(helft,))
        _bijeenkomsten_laden(team)
        aantal += 1
    return aantal


def _einde_met_team() -> int:
    """A membership of a finished team ends no later than the team."""
    aantal = 0
    for team in Werkteam.objects.filter(status=Werkteam.Status.AFGEROND, eind__isnull=False):
        aantal += (
            Lidmaatschap.objects.filter(werkteam=team)
            .filter(Q(eind__isnull=True) | Q(eind__gt=team.eind))
            .update(eind=team.eind)
        )
    return aantal


def load(data: dict) -> dict:
    """The running teams (the demo file's `lopende_werkteams`, else the two of Zuid-Holland
    Zuid), the teams before 2020, and memberships ending with their team."""
    vandaag = timezone.localdate()
    # The running period the ground floor's demo loader made (werkplaats.demo.kern).
    periode = Periode.objects.filter(start__lte=vandaag, eind__gte=vandaag).latest("start")
    lopend = _lopende_teams(periode, data)
    eerder = _eerdere_teams()
    _einde_met_team()
    return {"lopende werkteams": len(lopend), "werkteams 2016-2019 gevuld": eerder}
