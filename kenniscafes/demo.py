"""Demo kenniscafés: the 13 of 2020-2022 with fitting figures, four upcoming ones and one
that has just ended.

Facts (date, title, type, organiser, format) come from the demo file. Times, venues,
programmes and every registrant are invented: past registrations are stored already
anonymised (as the retention job would leave them), upcoming registrants are fictional
("Fictief" names, e-mail at fictief.example). Randomness is seeded, rows are looked up
by slug, and registrations are only created for a café that has none: loading twice
changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from werkplaats.kern.models import Sector
from werkteams.models import Werkteam

from .models import Aanmelding, Evaluatie, Herinnering, Kenniscafe, ProgrammaOnderdeel

# Registrations and visitors per past café (invented, within the published figures:
# on average 40+ visitors, 50-80 registrations for the first four online editions,
# 500+ visitors in total, 50+ students on 2021-10-28).
CIJFERS = {
    "2020-12-10": (62, 44),
    "2021-01-21": (78, 52),
    "2021-02-18": (55, 41),
    "2021-04-12": (71, 48),
    "2021-05-31": (50, 38),
    "2021-06-24": (47, 35),
    "2021-10-28": (84, 72),
    "2021-12-16": (49, 36),
    "2022-02-24": (58, 47),
    "2022-03-28": (45, 33),
    "2022-04-21": (52, 39),
    "2022-05-30": (40, 30),
    "2022-10-31": (46, 35),
}
STUDENTEN_AANWEZIG = {"2021-10-28": 54, "2022-02-24": 30}
LOCATIES = {
    "fysiek": ("Hogeschool Rotterdam, locatie Kralingse Zoom", "Kralingse Zoom 91, Rotterdam"),
    "hybride": ("Gemeentehuis Dordrecht", "Spuiboulevard 300, Dordrecht"),
}
ROLLEN = ["professional"] * 5 + ["student"] * 2 + ["onderwijs", "beleid", "bewoner", "anders"]
SECTOREN = [Sector.GEMEENTE, Sector.ZORG_WELZIJN, Sector.HOGESCHOOL, Sector.GEZONDHEID, ""]
OPLEIDINGEN = ["Social Work", "Sociaal Juridische Dienstverlening", "Verpleegkunde"]
VOORNAMEN = ["Anouk", "Bram", "Charlotte", "Daan", "Esra", "Femke", "Gijs", "Hatice", "Ilse"]
ACHTERNAMEN = ["Fictiefsma", "Verzonnen", "de Proef", "Voorbeeldt", "van Demo", "Testers"]


def _werkteam(naam: str) -> Werkteam | None:
    return Werkteam.objects.filter(Q(naam=naam) | Q(korte_naam=naam)).order_by("pk").first()


def _moment(dag: date, uur: int, minuut: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur, minuut)))


def _cafe(slug: str, velden: dict, organisator: str = "") -> Kenniscafe:
    kenniscafe, _ = Kenniscafe.objects.update_or_create(slug=slug, defaults=velden)
    team = _werkteam(organisator) if organisator else None
    if team is not None:
        kenniscafe.organisator_werkteams.set([team])
        kenniscafe.organisatoren_tekst = ""
    elif organisator:
        kenniscafe.organisatoren_tekst = (
            "Onbekend (niet vermeld in de bron)" if organisator == "onbekend" else organisator
        )
    kenniscafe.save(update_fields=["organisatoren_tekst"])
    return kenniscafe


def _verleden(data: dict) -> int:
    aantal = 0
    for item in data["kenniscafes"]:
        dag = date.fromisoformat(item["datum"])
        vorm = item["vorm"] if item["vorm"] in {"fysiek", "online", "hybride"} else "online"
        locatie, adres = LOCATIES.get(vorm, ("", ""))
        registraties, bezoekers = CIJFERS[item["datum"]]
        beschrijving = (
            f"Kenniscafé van het type {item['type']}. "
            + (f"{item['notitie'].capitalize()}. " if item.get("notitie") else "")
            + (
                "De vorm staat niet in de bron; hier als online opgenomen. "
                if item["vorm"] == "onbekend"
                else ""
            )
        )
        kenniscafe = _cafe(
            f"{item['datum']}-{slugify(item['titel'])}"[:100],
            {
                "titel": item["titel"],
                "type": item["type"],
                "thema": "",
                "beschrijving": beschrijving.strip(),
                "start": _moment(dag, 15, 30),
                "eind": _moment(dag, 17, 0),
                "vorm": vorm,
                "locatie": locatie,
                "adres": adres,
                "plaatsen_locatie": 90 if vorm != "online" else 0,
                "plaatsen_online": 100 if vorm != "fysiek" else 0,
                "status": Kenniscafe.Status.GEPUBLICEERD,
            },
            organisator=item.get("organisator", ""),
        )
        if not kenniscafe.aanmeldingen.exists():
            _anonieme_aanmeldingen(kenniscafe, item["datum"], registraties, bezoekers)
        if not Evaluatie.objects.filter(aanmelding__kenniscafe=kenniscafe).exists():
            _evaluaties(kenniscafe, item["datum"])
        aantal += 1
    return aantal


def _anonieme_aanmeldingen(
    kenniscafe, datum: str, registraties: int, bezoekers: int, bewaard_dagen: int = 730
) -> None:
    rng = random.Random(f"kenniscafe-{datum}")
    studenten = STUDENTEN_AANWEZIG.get(datum, 0)
    rijen = []
    for i in range(registraties):
        aanwezig = i < bezoekers
        rol = "student" if i < studenten else rng.choice(ROLLEN)
        rijen.append(
            Aanmelding(
                kenniscafe=kenniscafe,
                naam="",
                email="",
                rol=rol,
                sector="" if rol == "student" else rng.choice(SECTOREN),
                regio=rng.choice(["binnen", "binnen", "buiten"]),
                deelname="online" if kenniscafe.vorm == "online" else "locatie",
                status=Aanmelding.Status.BEVESTIGD,
                aanwezig=aanwezig,
                aangemaakt=kenniscafe.start - timedelta(days=rng.randint(1, 30)),
                bevestigd_op=kenniscafe.start - timedelta(days=1),
                geanonimiseerd_op=kenniscafe.eind + timedelta(days=bewaard_dagen),
            )
        )
    Aanmelding.objects.bulk_create(rijen)


def _evaluaties(kenniscafe, datum: str) -> None:
    """About a third of the visitors answered the evaluation, mostly with a 7 or an 8.

    The registrations are past the retention period, so only the scores remain: the
    retention job empties the answers in words, as it would have done here.
    """
    rng = random.Random(f"evaluatie-{datum}")
    aanwezig = list(kenniscafe.aanmeldingen.filter(aanwezig=True).order_by("pk"))
    Evaluatie.objects.bulk_create(
        Evaluatie(aanmelding=a, score=rng.choice([6, 7, 7, 8, 8, 8, 9, 10]), meenemen="")
        for a in aanwezig
        if rng.random() < 0.35
    )


# Cafés of the last months, so the report of last year and this year has cafés and scores.
RECENT = [
    ("demo-recent-geldzorgen", "Geldzorgen herkennen aan de keukentafel", "klaslokaal",
     "Schulden eerder in beeld", (-1, 3, 19), (58, 41)),
    ("demo-recent-preventie", "Welzijn en zorg aan één tafel in de wijk", "dialoogtafel",
     "Preventie samen in de wijk", (-1, 10, 8), (44, 33)),
    ("demo-recent-wijkteam", "Wat vraagt een bewoner van het wijkteam?", "podium",
     "Schulden eerder in beeld", None, (51, 37)),
]  # fmt: skip


def _recent_verleden() -> int:
    """Three cafés of the last months: two last calendar year, one six weeks ago.

    Their registrants are stored without names (the demo keeps no personal data of past
    visitors); about a third of the visitors gave a score.
    """
    vandaag = timezone.localdate()
    for slug, titel, soort, organisator, datum, (registraties, bezoekers) in RECENT:
        if datum is None:
            dag = vandaag - timedelta(days=42)
        else:
            dag = date(vandaag.year + datum[0], datum[1], datum[2])
        kenniscafe = _cafe(
            slug,
            {
                "titel": titel,
                "type": soort,
                "thema": "",
                "beschrijving": (
                    "Een demo-kenniscafé van het werkteam dat nu loopt: praktijkverhalen, "
                    "een korte inleiding en daarna het gesprek in kleine groepen."
                ),
                "start": _moment(dag, 15, 30),
                "eind": _moment(dag, 17, 0),
                "vorm": "hybride",
                "locatie": LOCATIES["hybride"][0],
                "adres": LOCATIES["hybride"][1],
                "plaatsen_locatie": 60,
                "plaatsen_online": 60,
                "status": Kenniscafe.Status.GEPUBLICEERD,
            },
            organisator=organisator,
        )
        if not kenniscafe.aanmeldingen.exists():
            _anonieme_aanmeldingen(kenniscafe, slug, registraties, bezoekers, bewaard_dagen=1)
        if not Evaluatie.objects.filter(aanmelding__kenniscafe=kenniscafe).exists():
            _evaluaties(kenniscafe, slug)
    return len(RECENT)


def _persoon(rng: random.Random, n: int) -> tuple[str, str]:
    naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)} (fictief {n})"
    return naam, f"deelnemer-{n}@fictief.example"


def _komend() -> int:
    vandaag = timezone.localdate()
    plannen = [
        {
            "slug": "demo-vrije-plaatsen-wijkgericht-werken",
            "titel": "Wijkgericht werken: wat werkt?",
            "type": Kenniscafe.Type.KENNISONTWIKKELING,
            "thema": "Multiproblematiek",
            "organisator": "Multiproblematiek",
            "dag": vandaag + timedelta(days=14),
            "vorm": "hybride",
            "plaatsen": (30, 30),
            "bevestigd": 12,
            "wachtlijst": 0,
        },
        {
            "slug": "demo-bijna-vol-preventie-en-welzijn",
            "titel": "Preventie: wat kan welzijn betekenen?",
            "type": Kenniscafe.Type.PODIUM,
            "thema": "Gezond en sociaal",
            "organisator": "Gezond-sociaal",
            "dag": vandaag + timedelta(days=21),
            "vorm": "fysiek",
            "plaatsen": (30, 0),
            "bevestigd": 28,
            "wachtlijst": 0,
        },
        {
            "slug": "demo-vol-met-wachtlijst-schulden-voorkomen",
            "titel": "Schulden voorkomen: vroegsignalering in de praktijk",
            "type": Kenniscafe.Type.KLASLOKAAL,
            "thema": "Armoede en schulden",
            "organisator": "Armoede en schulden",
            "dag": vandaag + timedelta(days=10),
            "vorm": "online",
            "plaatsen": (0, 25),
            "bevestigd": 25,
            "wachtlijst": 6,
        },
        {
            # Tomorrow, with the reminder two days ahead: it is due at once, so the first
            # `make run` prints three reminder mails (the planner runs the sweep at start).
            "slug": "demo-morgen-herinnering-mantelzorg",
            "titel": "Mantelzorg en werk: wat helpt?",
            "type": Kenniscafe.Type.KENNISONTWIKKELING,
            "thema": "Gezond en sociaal",
            "organisator": "Gezond-sociaal",
            "dag": vandaag + timedelta(days=1),
            "vorm": "fysiek",
            "plaatsen": (20, 0),
            "bevestigd": 3,
            "wachtlijst": 0,
            "herinnering_uren": 48,
        },
    ]
    for nummer, plan in enumerate(plannen):
        komend_cafe(nummer, plan)
    return len(plannen)


def komend_cafe(
    nummer: int, plan: dict, locaties: dict = LOCATIES, spreker: str = "Hogeschool Rotterdam"
) -> Kenniscafe:
    """One upcoming café of `plan` with its programme and `bevestigd` fictional registrants
    (and `wachtlijst` more on the waiting list); `nummer` seeds the names."""
    locatie, adres = locaties.get(plan["vorm"], ("", ""))
    kenniscafe = _cafe(
        plan["slug"],
        {
            "titel": plan["titel"],
            "type": plan["type"],
            "thema": plan["thema"],
            "beschrijving": plan.get("beschrijving")
            or (
                "Een demo-kenniscafé om aanmelden, de wachtlijst en afmelden uit te "
                "proberen. Iedereen is welkom: professionals, studenten en bewoners."
            ),
            "start": _moment(plan["dag"], 15, 30),
            "eind": _moment(plan["dag"], 17, 0),
            "vorm": plan["vorm"],
            "locatie": locatie,
            "adres": adres,
            "online_link": "https://meet.fictief.example/kenniscafe-demo"
            if plan["vorm"] != "fysiek"
            else "",
            "plaatsen_locatie": plan["plaatsen"][0],
            "plaatsen_online": plan["plaatsen"][1],
            "status": Kenniscafe.Status.GEPUBLICEERD,
            "herinnering_uren": plan.get("herinnering_uren", 24),
        },
        organisator=plan["organisator"],
    )
    if not kenniscafe.programma.exists():
        ProgrammaOnderdeel.objects.bulk_create(
            [
                ProgrammaOnderdeel(
                    kenniscafe=kenniscafe,
                    tijd=time(15, 30),
                    titel="Inloop en welkom",
                    volgorde=1,
                ),
                ProgrammaOnderdeel(
                    kenniscafe=kenniscafe,
                    tijd=time(15, 45),
                    titel="Inleiding",
                    spreker_naam="Fictieve Lector",
                    spreker_rol="lector",
                    spreker_organisatie=spreker,
                    volgorde=2,
                ),
                ProgrammaOnderdeel(
                    kenniscafe=kenniscafe,
                    tijd=time(16, 15),
                    titel="Gesprek in kleine groepen",
                    volgorde=3,
                ),
            ]
        )
    if not kenniscafe.aanmeldingen.exists():
        _fictieve_aanmeldingen(kenniscafe, nummer, plan["bevestigd"], plan["wachtlijst"])
    return kenniscafe


def _fictieve_aanmeldingen(
    kenniscafe, nummer: int, bevestigd: int, wachtlijst: int, *, aanwezig: bool = False
) -> None:
    """Fictional registrants; with `aanwezig` (a café that is over) those with a place were
    there, and their evaluation requests are due instead of reminders."""
    rng = random.Random(f"komend-{nummer}")
    nu = timezone.now()
    rijen = []
    for i in range(bevestigd + wachtlijst):
        naam, email = _persoon(rng, nummer * 100 + i)
        rol = rng.choice(ROLLEN)
        if kenniscafe.vorm == "online":
            deelname = "online"
        elif kenniscafe.vorm == "fysiek":
            deelname = "locatie"
        else:
            deelname = rng.choice(["locatie", "online"])
        op_plaats = i < bevestigd
        rijen.append(
            Aanmelding(
                kenniscafe=kenniscafe,
                naam=naam,
                email=email,
                organisatie="Fictieve Organisatie",
                rol=rol,
                sector="" if rol == "student" else rng.choice(SECTOREN),
                regio=rng.choice(["binnen", "buiten"]),
                opleiding=rng.choice(OPLEIDINGEN) if rol == "student" else "",
                deelname=deelname,
                status=Aanmelding.Status.BEVESTIGD if op_plaats else Aanmelding.Status.WACHTLIJST,
                toestemming_op=nu,
                aangemaakt=nu - timedelta(hours=bevestigd + wachtlijst - i),
                bevestigd_op=nu if op_plaats else None,
                aanwezig=True if aanwezig and op_plaats else None,
            )
        )
    Aanmelding.objects.bulk_create(rijen)
    if aanwezig:
        soort, verstuur_op = Herinnering.Soort.EVALUATIE, kenniscafe.eind
    else:
        soort = Herinnering.Soort.HERINNERING
        verstuur_op = kenniscafe.start - timedelta(hours=kenniscafe.herinnering_uren)
    Herinnering.objects.bulk_create(
        [
            Herinnering(aanmelding=a, soort=soort, verstuur_op=verstuur_op)
            for a in rijen
            if a.status == Aanmelding.Status.BEVESTIGD
        ]
    )


def _zojuist_afgelopen() -> int:
    """A café that ended a few minutes before loading, with three visitors marked present.

    Their evaluation requests are due at once, so the first `make run` prints them next to
    the reminders of tomorrow's café (the in-process planner sweeps at start).
    """
    nu = timezone.now()
    kenniscafe = _cafe(
        "demo-zojuist-afgelopen-eenzaamheid",
        {
            "titel": "Eenzaamheid in de wijk signaleren",
            "type": Kenniscafe.Type.KENNISONTWIKKELING,
            "thema": "Multiproblematiek",
            "beschrijving": (
                "Een demo-kenniscafé dat net voorbij is: de bezoekers die er waren, krijgen "
                "nu een korte vraag hoe ze het vonden."
            ),
            "start": nu - timedelta(hours=2),
            "eind": nu - timedelta(minutes=10),
            "vorm": Kenniscafe.Vorm.FYSIEK,
            "locatie": LOCATIES["fysiek"][0],
            "adres": LOCATIES["fysiek"][1],
            "plaatsen_locatie": 25,
            "plaatsen_online": 0,
            "status": Kenniscafe.Status.GEPUBLICEERD,
        },
        organisator="Multiproblematiek",
    )
    if not kenniscafe.aanmeldingen.exists():
        _fictieve_aanmeldingen(kenniscafe, 9, bevestigd=3, wachtlijst=0, aanwezig=True)
    return 1


def load(data: dict) -> dict:
    """The 13 cafés of 2020-2022 with anonymous figures, four upcoming ones, one just ended."""
    verleden = _verleden(data) + _recent_verleden()
    komend = _komend()
    return {"kenniscafes": verleden + komend + _zojuist_afgelopen()}
