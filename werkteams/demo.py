"""Demo loader for werkteams: the nine teams, fictional members, meetings, outcomes, activities.

Every person is invented and recognisable as such ("(fictief)" in the function, e-mail at
fictief.example). Randomness is seeded per team, and every row is looked up by a natural key
before it is created, so running the loader twice changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from werkplaats.kern.models import Organisatie, Periode

from .models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Verslagpunt,
    Werkteam,
)

VOORNAMEN = [
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Esra",
    "Floor",
    "Gijs",
    "Hanna",
    "Ilias",
    "Joke",
    "Kees",
    "Lotte",
    "Mehmet",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Roos",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Wout",
    "Yara",
    "Zeynep",
    "Aad",
    "Bente",
    "Cas",
    "Dewi",
    "Egbert",
]
ACHTERNAMEN = [
    "Verzonnen",
    "Fictiefsma",
    "de Bedachte",
    "van Nergens",
    "Denkbeeld",
    "Proefmans",
    "Voorbeeldt",
    "Testerink",
    "van Ergens",
    "Schijnveld",
    "Papierman",
    "Modelaar",
]
ROLLEN_EXTRA = [
    ("professional", "Wijkwerker (fictief)"),
    ("professional", "Schuldhulpverlener (fictief)"),
    ("beleidsmedewerker", "Beleidsadviseur sociaal domein (fictief)"),
    ("leidinggevende", "Teamleider (fictief)"),
    ("student", "Student Social Work (fictief)"),
    ("afstudeerder", "Afstudeerder SJD (fictief)"),
    ("bewoner", "Bewoner (fictief)"),
    ("professional", "Jeugdprofessional (fictief)"),
    ("sociaal-ondernemer", "Sociaal ondernemer (fictief)"),
]
LEERDOELEN = [
    "We begrijpen elkaars werkwijze bij de eerste contactlegging.",
    "We kiezen samen een casus om in te duiken.",
    "We weten welke kennis uit de praktijk ontbreekt in het onderwijs.",
    "We formuleren een vraag voor het volgende kenniscafé.",
    "We delen wat we in de eigen organisatie hebben uitgeprobeerd.",
    "We scherpen de opgave van het werkteam aan.",
]
SECTOREN_GEWENST = {
    "Armoede en schulden": ["wonen", "financieel-juridisch"],
    "Gezond-sociaal": ["gezondheid"],
    "Multiproblematiek": ["clientvertegenwoordiging"],
}
MAANDEN_SCHOOLJAAR = [9, 10, 11, 1, 2, 3, 4, 6]  # ~8 meetings per school year
# Where the teams meet and who the lectors are, unless the demo file names its own.
LOCATIE = "Hogeschool Rotterdam, Museumpark (voorbeeldlokaal)"
LECTOREN = [
    ("Lector Amara Verzonnen", "Hogeschool Rotterdam"),
    ("Lector Bas Fictiefsma", "Hogeschool Inholland"),
]


def _maand(tekst: str | None) -> date | None:
    if not tekst:
        return None
    return date.fromisoformat(tekst if len(tekst) == 10 else f"{tekst}-01")


def _tweede_dinsdag(jaar: int, maand: int) -> date:
    eerste = date(jaar, maand, 1)
    return eerste + timedelta(days=(1 - eerste.weekday()) % 7 + 7)


def _organisatie(naam: str) -> Organisatie | None:
    return Organisatie.objects.filter(naam=naam).order_by("pk").first()


def _teams_laden(data: dict) -> dict[str, Werkteam]:
    periodes = {p.naam: p for p in Periode.objects.all()}
    teams: dict[str, Werkteam] = {}
    for item in data["werkteams"]:
        periode = periodes[item["periode"]]
        naam = item.get("volledige_naam") or item["naam"]
        team, _ = Werkteam.objects.update_or_create(
            slug=slugify(item["naam"])[:80],
            defaults={
                "naam": naam,
                "korte_naam": item["naam"] if item.get("volledige_naam") else "",
                "soort": item.get("soort", Werkteam.Soort.WERKTEAM),
                "periode": periode,
                "thema": item.get("thema", ""),
                "opgave": item.get("opgave", ""),
                "status": Werkteam.Status.AFGEROND
                if periode.eind < timezone.localdate()
                else Werkteam.Status.ACTIEF,
                "start": _maand(item.get("start")) or periode.start,
                "eind": periode.eind,
                "gewenst_maar_afwezig": item.get("gewenst_maar_afwezig", []),
                "gewenste_sectoren": SECTOREN_GEWENST.get(item["naam"], []),
            },
        )
        teams[item["naam"]] = team
    for item in data["werkteams"]:
        if item.get("voorganger") and item["voorganger"] in teams:
            team = teams[item["naam"]]
            team.voorganger = teams[item["voorganger"]]
            team.save(update_fields=["voorganger"])
    return teams


def _persoon(naam: str, functie: str, organisatie: Organisatie | None) -> Persoon:
    email = f"{slugify(naam)}@fictief.example"
    persoon, _ = Persoon.objects.get_or_create(
        email=email, defaults={"naam": naam, "functie": functie, "organisatie": organisatie}
    )
    return persoon


def _lid(team, persoon, rol, start, eind=None, kerngroep=False) -> Lidmaatschap:
    lid, _ = Lidmaatschap.objects.get_or_create(
        werkteam=team,
        persoon=persoon,
        start=start,
        defaults={"rol": rol, "eind": eind, "kerngroep": kerngroep},
    )
    return lid


OVERDRACHTEN_2020_2022 = (date(2021, 3, 1), date(2022, 1, 10))


def _leden_laden(
    item: dict,
    team: Werkteam,
    nummer: int,
    lectoren: list[Persoon],
    overdrachten: tuple[date, ...] = OVERDRACHTEN_2020_2022,
) -> list:
    rng = random.Random(f"leden-{team.slug}")
    start = team.start
    kerngroep = [o for o in (_organisatie(n) for n in item.get("kerngroep", [])) if o]
    leden = []
    namen = iter(
        f"{VOORNAMEN[(i * 7 + nummer * 11) % len(VOORNAMEN)]} "
        f"{ACHTERNAMEN[(i * 5 + nummer * 3) % len(ACHTERNAMEN)]} {nummer}{i:02d}"
        for i in range(100)
    )
    for organisatie in kerngroep:
        if organisatie.sector == "hogeschool":
            rol, functie = "docentonderzoeker", "Docentonderzoeker (fictief)"
        elif organisatie.sector == "gemeente":
            rol, functie = "beleidsmedewerker", "Beleidsmedewerker (fictief)"
        elif organisatie.sector == "clientvertegenwoordiging":
            rol, functie = "clientvertegenwoordiger", "Cliëntvertegenwoordiger (fictief)"
        else:
            rol, functie = "professional", "Professional (fictief)"
        persoon = _persoon(next(namen), functie, organisatie)
        leden.append(_lid(team, persoon, rol, start, kerngroep=True))
    procesbegeleider = _persoon(
        next(namen), "Procesbegeleider (fictief)", kerngroep[0] if kerngroep else None
    )
    leden.append(_lid(team, procesbegeleider, "procesbegeleider", start, kerngroep=True))
    for lector in lectoren:  # the two lectors sit in every 2020-2022 team
        leden.append(_lid(team, lector, "lector", start))
    for i in range(6):
        rol, functie = ROLLEN_EXTRA[(i + nummer) % len(ROLLEN_EXTRA)]
        if team.korte_naam == "Multiproblematiek" and rol == "bewoner":
            rol, functie = "professional", "Gezinscoach (fictief)"
        organisatie = rng.choice(kerngroep) if kerngroep and rol != "bewoner" else None
        lid_start = start + timedelta(days=rng.randint(0, 200))
        persoon = _persoon(next(namen), functie, organisatie)
        leden.append(_lid(team, persoon, rol, lid_start))
    # Two warm hand-overs per team: a colleague of the same organisation takes the place.
    for index, overdracht in enumerate(overdrachten):
        oud = leden[index + 1]
        if oud.overgedragen_aan_id:
            continue
        opvolger = _persoon(next(namen), oud.persoon.functie, oud.persoon.organisatie)
        oud.eind = overdracht - timedelta(days=1)
        oud.save(update_fields=["eind"])
        nieuw = _lid(team, opvolger, oud.rol, overdracht, kerngroep=oud.kerngroep)
        oud.overgedragen_aan = nieuw
        oud.save(update_fields=["overgedragen_aan"])
        leden.append(nieuw)
    return leden


def _bijeenkomsten_laden(team: Werkteam, locatie: str = LOCATIE) -> list[Bijeenkomst]:
    rng = random.Random(f"bijeenkomsten-{team.slug}")
    alle_leden = list(Lidmaatschap.objects.filter(werkteam=team).select_related("persoon"))
    eind = min(team.eind or date(2022, 12, 31), timezone.localdate() - timedelta(days=1))
    jaar, maand = team.start.year, team.start.month
    bijeenkomsten = []
    while date(jaar, maand, 1) <= eind:
        if maand in MAANDEN_SCHOOLJAAR:
            dag = _tweede_dinsdag(jaar, maand)
            if team.start <= dag <= eind:
                bijeenkomsten.append(_bijeenkomst_laden(team, dag, rng, alle_leden, locatie))
        maand += 1
        if maand > 12:
            jaar, maand = jaar + 1, 1
    return bijeenkomsten


def _bijeenkomst_laden(team, dag, rng, alle_leden, locatie=LOCATIE) -> Bijeenkomst:
    # During the pandemic the teams met online.
    online = date(2020, 3, 1) <= dag < date(2021, 9, 1)
    bijeenkomst, nieuw = Bijeenkomst.objects.get_or_create(
        werkteam=team,
        start=timezone.make_aware(datetime.combine(dag, time(15, 0))),
        defaults={
            "titel": "Werkteambijeenkomst",
            "duur_minuten": 120,
            "vorm": Bijeenkomst.Vorm.ONLINE if online else Bijeenkomst.Vorm.HYBRIDE,
            "locatie": "" if online else locatie,
            "online_link": "https://teams.example/werkteam-" + team.slug,
            "agenda": "1. Incheck\n2. Casus of thema van de maand\n3. Leerdoelen en opbrengsten\n4. Afspraken",
            "incheck": "Iedereen deelt kort wat hem of haar deze maand in het werk bezighield.",
            "verslag": (
                "Het werkteam besprak een casus uit de praktijk en wat die vraagt van "
                "samenwerking tussen organisaties. Afwezigen lezen via dit verslag mee."
            ),
            "verslag_gepubliceerd_op": timezone.make_aware(
                datetime.combine(dag + timedelta(days=3), time(10, 0))
            ),
            "volgnummer": 0,
        },
    )
    if not nieuw:
        return bijeenkomst
    actief = [lid for lid in alle_leden if lid.is_actief_op(dag)]
    statussen = []
    for _lid in actief:
        kans = rng.random()
        statussen.append(
            Aanwezigheid.Status.AANWEZIG
            if kans < 0.75
            else Aanwezigheid.Status.AFGEMELD
            if kans < 0.9
            else Aanwezigheid.Status.AFWEZIG
        )
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=bijeenkomst, lidmaatschap=lid, status=status)
        for lid, status in zip(actief, statussen, strict=True)
    )
    doelen = rng.sample(LEERDOELEN, 2)
    Leerdoel.objects.bulk_create(
        Leerdoel(
            bijeenkomst=bijeenkomst,
            omschrijving=doel,
            resultaat=rng.choice(["bereikt", "bereikt", "deels", "niet"]),
        )
        for doel in doelen
    )
    eigenaar = rng.choice(actief).persoon if actief else None
    Verslagpunt.objects.bulk_create(
        [
            Verslagpunt(
                bijeenkomst=bijeenkomst,
                soort=Verslagpunt.Soort.BESLUIT,
                tekst="De volgende bijeenkomst staat in het teken van de gekozen casus.",
            ),
            Verslagpunt(
                bijeenkomst=bijeenkomst,
                soort=Verslagpunt.Soort.ACTIE,
                tekst="Bevindingen delen in het eigen team en terugkoppelen.",
                eigenaar=eigenaar,
                deadline=dag + timedelta(days=28),
                gedaan=True,
            ),
        ]
    )
    return bijeenkomst


OPBRENGSTEN = [
    ("individueel", "Ik stel bij een eerste gesprek nu eerst de vraag achter de geldvraag."),
    ("individueel", "Als docent gebruik ik casussen uit het werkteam in mijn lessen."),
    ("individueel", "Ik ken nu de collega's bij de andere organisaties bij naam en bel ze direct."),
    ("team", "Het team heeft een gedeelde taal gevonden voor 'integraal werken'."),
    ("team", "We hebben samen een casusanalyse-methode ontwikkeld en drie keer toegepast."),
    ("team", "Het team weet welke partijen nog ontbreken aan tafel en benadert ze gericht."),
    ("organisatie", "De werkwijze van de werkbijeenkomst is overgenomen in het eigen teamoverleg."),
    ("organisatie", "Inzichten uit het werkteam zijn verwerkt in het beleidsplan sociaal domein."),
    ("organisatie", "Het onderwijsblok is aangepast op basis van de ervaringen uit de praktijk."),
]


def _leeropbrengsten_laden(team, bijeenkomsten, kerngroep_orgs) -> int:
    rng = random.Random(f"opbrengsten-{team.slug}")
    leden = list(Lidmaatschap.objects.filter(werkteam=team).select_related("persoon"))
    for index, (niveau, wat) in enumerate(OPBRENGSTEN):
        bijeenkomst = bijeenkomsten[(index * 3) % len(bijeenkomsten)] if bijeenkomsten else None
        datum = timezone.localdate(bijeenkomst.start) if bijeenkomst else team.start
        Leeropbrengst.objects.get_or_create(
            werkteam=team,
            wat=wat,
            defaults={
                "niveau": niveau,
                "datum": datum,
                "bijeenkomst": bijeenkomst,
                "bewijs_tekst": "Genoemd in het verslag van de bijeenkomst en in de focusgroep.",
                "persoon": rng.choice(leden).persoon if niveau == "individueel" and leden else None,
                "organisatie": rng.choice(kerngroep_orgs)
                if niveau == "organisatie" and kerngroep_orgs
                else None,
            },
        )
    return len(OPBRENGSTEN)


def _activiteiten_laden(data: dict, teams: dict[str, Werkteam]) -> int:
    huidige = [t for t in teams.values() if t.periode.naam == "2020-2022"]
    aantal = 0
    for item in data.get("activiteiten", []):
        naam = item.get("werkteam")
        if naam == "alle drie":
            doelen = huidige
        elif naam in teams:
            doelen = [teams[naam]]
        else:
            doelen = [None]
        start = _maand(item.get("datum") or item.get("start"))
        for team in doelen:
            activiteit, nieuw = Activiteit.objects.get_or_create(
                werkteam=team,
                titel=item["titel"],
                defaults={
                    "soort": item["soort"],
                    "start": start,
                    "eind": _maand(item.get("eind")),
                    "beschrijving": item.get("notitie", ""),
                    "opleiding": "Social Work"
                    if item["soort"] in ("gastles", "studentenonderzoek")
                    else "",
                    "aantal_studenten": 30
                    if item["soort"] in ("gastles", "studentenonderzoek", "keuzevak")
                    else None,
                },
            )
            aantal += 1
    return aantal


def lectoren_laden(data: dict) -> list[Persoon]:
    """The lectors of the demo file (else those of Zuid-Holland Zuid), fictional."""
    return [
        _persoon(naam, "Lector (fictief)", _organisatie(organisatie))
        for naam, organisatie in data.get("lectoren", LECTOREN)
    ]


def demo_coordinator(data: dict):
    """The demo account that coordinates this werkplaats's teams, if it has one."""
    naam = data.get("coordinator", "coordinator")
    return get_user_model().objects.filter(username=naam).first() if naam else None


def load(data: dict) -> dict:
    """All nine teams; for the three 2020-2022 teams members, meetings, outcomes and activities.

    A smaller demo file works the same way: its teams, and members and meetings for those of
    2020-2022, in its own meeting place (`werkteam_locatie`) with its own lectors."""
    teams = _teams_laden(data)
    lectoren = lectoren_laden(data)
    coordinator = demo_coordinator(data)
    locatie = data.get("werkteam_locatie", LOCATIE)
    nummer = 0
    for item in data["werkteams"]:
        if item["periode"] != "2020-2022":
            continue
        nummer += 1
        team = teams[item["naam"]]
        if coordinator is not None:
            team.coordinatoren.add(coordinator)
        _leden_laden(item, team, nummer, lectoren)
        bijeenkomsten = _bijeenkomsten_laden(team, locatie)
        kerngroep_orgs = [o for o in (_organisatie(n) for n in item.get("kerngroep", [])) if o]
        _leeropbrengsten_laden(team, bijeenkomsten, kerngroep_orgs)
    activiteiten = _activiteiten_laden(data, teams)
    return {
        "werkteams": Werkteam.objects.count(),
        "werkteamleden (fictief)": Lidmaatschap.objects.count(),
        "werkteambijeenkomsten": Bijeenkomst.objects.count(),
        "leeropbrengsten": Leeropbrengst.objects.count(),
        "activiteiten": activiteiten,
    }
