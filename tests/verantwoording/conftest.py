"""The golden fixture: a small Werkplaats whose 2021 figures were counted by hand.

The expected figures live in GOUDEN (and in comments next to the rows that make them);
tests compare the web page, the CSV and the XLSX against the same numbers.
"""

import datetime

import pytest

from kenniscafes.models import Aanmelding, Kenniscafe
from publicaties.models import Publicatie
from tests.factories import (
    AanmeldingFactory,
    AanwezigheidFactory,
    ActiviteitFactory,
    BeheerderFactory,
    BijeenkomstFactory,
    CoordinatorFactory,
    EvaluatieFactory,
    KenniscafeFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    PeriodeFactory,
    PersoonFactory,
    PublicatieFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
    moment,
)
from werkplaats.kern.models import Sector
from werkteams.models import Activiteit

D = datetime.date
# Every registrant has this name: the raw lists must show none of them (AVG).
BEZOEKER = "Fictieve Bezoeker"


@pytest.fixture(autouse=True)
def _exportmap(settings, tmp_path):
    settings.VERANTWOORDING_EXPORT_MAP = tmp_path / "exports"


@pytest.fixture
def site(db):
    return SiteInstellingenFactory()


@pytest.fixture
def beheerder(db):
    return BeheerderFactory(username="beheerder")


@pytest.fixture
def wereld(db, site):
    """Two werkteams, three cafés that count in 2021 and a few that must not count."""
    periode = PeriodeFactory()
    gemeente = OrganisatieFactory(naam="Gemeente Aadorp", sector="gemeente")
    welzijn = OrganisatieFactory(naam="Welzijn Beestad", sector="zorg-welzijn")
    hogeschool = OrganisatieFactory(naam="Hogeschool Cestad", sector="hogeschool")
    coord1 = CoordinatorFactory(username="coord1")
    coord2 = CoordinatorFactory(username="coord2")
    wt1 = WerkteamFactory(
        naam="Armoede en schulden",
        periode=periode,
        thema="Armoede",
        opgave="Een opgave",
        gewenste_sectoren=["gemeente", "wonen"],
        gewenst_maar_afwezig=["huisartsen"],
    )
    wt2 = WerkteamFactory(
        naam="Gezond-sociaal", periode=periode, thema="Gezondheid", opgave="Een opgave"
    )
    wt1.coordinatoren.add(coord1)
    wt2.coordinatoren.add(coord2)

    p1 = PersoonFactory(naam="Lid Een", organisatie=gemeente)
    p2 = PersoonFactory(naam="Lid Twee", organisatie=welzijn)
    p3 = PersoonFactory(naam="Lid Drie", organisatie=welzijn)
    p4 = PersoonFactory(naam="Lid Vier", organisatie=hogeschool)
    p5 = PersoonFactory(naam="Lid Vijf", organisatie=hogeschool)
    # wt1 in 2021: P1, P2 (leaves 30 June), P3 (joins 1 July) -> 3 members, 1 joined, 1 left,
    # organisations 2 (gemeente, welzijn), sectors 2. P4 only from 2022.
    l1 = LidmaatschapFactory(werkteam=wt1, persoon=p1, start=D(2020, 1, 1))
    l2 = LidmaatschapFactory(werkteam=wt1, persoon=p2, start=D(2020, 1, 1), eind=D(2021, 6, 30))
    l3 = LidmaatschapFactory(werkteam=wt1, persoon=p3, start=D(2021, 7, 1))
    LidmaatschapFactory(werkteam=wt1, persoon=p4, start=D(2022, 1, 1))
    # wt2 in 2021: P5 (joins 1 March) -> 1 member, 1 joined; P1 only in 2020.
    l5 = LidmaatschapFactory(werkteam=wt2, persoon=p5, start=D(2021, 3, 1))
    LidmaatschapFactory(werkteam=wt2, persoon=p1, start=D(2020, 1, 1), eind=D(2020, 12, 31))

    # Meetings held in 2021: wt1 two (3 present of 4 recorded = 75.0 %), wt2 one (0 of 1).
    m1 = BijeenkomstFactory(werkteam=wt1, start=moment("2021-02-10", 14))
    AanwezigheidFactory(bijeenkomst=m1, lidmaatschap=l1, status="aanwezig")
    AanwezigheidFactory(bijeenkomst=m1, lidmaatschap=l2, status="afgemeld")
    m2 = BijeenkomstFactory(werkteam=wt1, start=moment("2021-09-15", 14))
    AanwezigheidFactory(bijeenkomst=m2, lidmaatschap=l1, status="aanwezig")
    AanwezigheidFactory(bijeenkomst=m2, lidmaatschap=l3, status="aanwezig")
    m_geannuleerd = BijeenkomstFactory(
        werkteam=wt1, start=moment("2021-11-10", 14), status="geannuleerd"
    )
    AanwezigheidFactory(bijeenkomst=m_geannuleerd, lidmaatschap=l1, status="aanwezig")
    m_2020 = BijeenkomstFactory(werkteam=wt1, start=moment("2020-12-01", 14))
    AanwezigheidFactory(bijeenkomst=m_2020, lidmaatschap=l1, status="aanwezig")
    m5 = BijeenkomstFactory(werkteam=wt2, start=moment("2021-05-05", 14))
    AanwezigheidFactory(bijeenkomst=m5, lidmaatschap=l5, status="afwezig")

    # Learning outcomes 2021: wt1 individual 2, organisation 1; wt2 team 1.
    LeeropbrengstFactory(werkteam=wt1, niveau="individueel", datum=D(2021, 2, 10))
    LeeropbrengstFactory(werkteam=wt1, niveau="individueel", datum=D(2021, 9, 15))
    LeeropbrengstFactory(werkteam=wt1, niveau="organisatie", datum=D(2021, 12, 1))
    LeeropbrengstFactory(werkteam=wt2, niveau="team", datum=D(2021, 5, 5))
    LeeropbrengstFactory(werkteam=wt2, niveau="team", datum=D(2022, 1, 5))

    # Activities 2021: wt1 guest lesson (25 students) + graduation research (2); wt2 pilot;
    # a Werkplaats-wide symposium (no team). The 2022 guest lesson does not count.
    ActiviteitFactory(werkteam=wt1, soort="gastles", start=D(2021, 3, 1), aantal_studenten=25)
    ActiviteitFactory(
        werkteam=wt1, soort="afstudeeronderzoek", start=D(2021, 6, 1), aantal_studenten=2
    )
    ActiviteitFactory(werkteam=wt2, soort="pilot", start=D(2021, 2, 1))
    ActiviteitFactory(werkteam=None, soort="symposium", start=D(2021, 10, 13))
    ActiviteitFactory(werkteam=wt2, soort="gastles", start=D(2022, 1, 10), aantal_studenten=30)

    # Publications 2021: research note (wt2, dated), blog (wt1, undated), teaching material.
    PublicatieFactory(type="onderzoeksnotitie", jaar=2021, datum=D(2021, 5, 1), werkteams=[wt2])
    PublicatieFactory(type="blog", jaar=2021, werkteams=[wt1])
    PublicatieFactory(type="lesmateriaal", jaar=2021)
    PublicatieFactory(type="artikel", jaar=2021, status="concept", werkteams=[wt1])
    PublicatieFactory(type="onderzoeksrapport", jaar=2022, werkteams=[wt2])

    # Café K1 (wt1, classroom, online, 10 March 2021).
    k1 = KenniscafeFactory(
        titel="Schulden en stress", type="klaslokaal", vorm="online", start=moment("2021-03-10")
    )
    k1.organisator_werkteams.add(wt1)
    a1 = AanmeldingFactory(
        naam=BEZOEKER,
        kenniscafe=k1,
        rol="professional",
        sector="gemeente",
        regio="binnen",
        aanwezig=True,
    )
    a2 = AanmeldingFactory(
        naam=BEZOEKER,
        kenniscafe=k1,
        rol="student",
        sector="hogeschool",
        regio="binnen",
        aanwezig=True,
    )
    AanmeldingFactory(
        naam=BEZOEKER, kenniscafe=k1, rol="bewoner", sector="", regio="buiten", aanwezig=False
    )
    AanmeldingFactory(
        naam=BEZOEKER, kenniscafe=k1, rol="student", sector="hogeschool", regio="binnen"
    )
    AanmeldingFactory(
        naam=BEZOEKER, kenniscafe=k1, rol="anders", status="geannuleerd", regio="binnen"
    )
    AanmeldingFactory(
        naam=BEZOEKER, kenniscafe=k1, rol="anders", status="wachtlijst", regio="binnen"
    )
    AanmeldingFactory(
        naam=BEZOEKER,
        kenniscafe=k1,
        rol="professional",
        sector="zorg-welzijn",
        regio="buiten",
        aanwezig=True,
        is_inloop=True,
    )
    EvaluatieFactory(aanmelding=a1, score=8)
    EvaluatieFactory(aanmelding=a2, score=6)
    # Café K2 (wt2, stage, on site, 20 October 2021): two registrations, both present.
    k2 = KenniscafeFactory(
        titel="De scootmobiel",
        type="podium",
        vorm="fysiek",
        start=moment("2021-10-20"),
        plaatsen_locatie=40,
    )
    k2.organisator_werkteams.add(wt2)
    b1 = AanmeldingFactory(
        naam=BEZOEKER,
        kenniscafe=k2,
        rol="professional",
        sector="gemeente",
        regio="binnen",
        aanwezig=True,
    )
    AanmeldingFactory(
        naam=BEZOEKER,
        kenniscafe=k2,
        rol="professional",
        sector="zorg-welzijn",
        regio="buiten",
        aanwezig=True,
    )
    EvaluatieFactory(aanmelding=b1, score=9)
    # Not counted in 2021: a draft, a cancelled café and one in 2022; K6 counts in 2020.
    for status, datum in (("concept", "2021-05-01"), ("geannuleerd", "2021-06-01")):
        k = KenniscafeFactory(status=status, vorm="online", start=moment(datum))
        AanmeldingFactory(naam=BEZOEKER, kenniscafe=k, aanwezig=True)
    k2022 = KenniscafeFactory(vorm="online", start=moment("2022-02-01"))
    AanmeldingFactory(naam=BEZOEKER, kenniscafe=k2022, aanwezig=True)
    k2020 = KenniscafeFactory(type="dialoogtafel", vorm="fysiek", start=moment("2020-11-11"))
    AanmeldingFactory(naam=BEZOEKER, kenniscafe=k2020, aanwezig=True)

    return {
        "wt1": wt1,
        "wt2": wt2,
        "coord1": coord1,
        "coord2": coord2,
        "k1": k1,
        "periode": periode,
    }


# Hand-counted figures for calendar year 2021, whole Werkplaats. Row keys are the labels
# (choice labels of the other apps are resolved at test time in the active language).
GOUDEN = {
    ("werkteams", "overzicht"): {
        "Armoede en schulden": {
            "leden": 3,
            "nieuw": 1,
            "vertrokken": 1,
            "organisaties": 2,
            "sectoren": 2,
            "bijeenkomsten": 2,
            "aanwezigheid": 75.0,
            "individueel": 2,
            "team": 0,
            "organisatie": 1,
            "activiteiten": 2,
            "producten": 1,
        },
        "Gezond-sociaal": {
            "leden": 1,
            "nieuw": 1,
            "vertrokken": 0,
            "organisaties": 1,
            "sectoren": 1,
            "bijeenkomsten": 1,
            "aanwezigheid": 0.0,
            "individueel": 0,
            "team": 1,
            "organisatie": 0,
            "activiteiten": 1,
            "producten": 1,
        },
    },
    ("kenniscafes", "kerncijfers"): {
        "Kenniscafés": {"waarde": 2},
        "Aanmeldingen": {"waarde": 6},
        "Bezoekers": {"waarde": 5},
        "Opkomstpercentage (%)": {"waarde": 66.7},
        "Gemiddeld aantal bezoekers per café": {"waarde": 2.5},
        "Studenten bereikt": {"waarde": 1},
        "Evaluaties": {"waarde": 3},
        "Gemiddelde evaluatiescore": {"waarde": 7.7},
    },
    ("kenniscafes", "cafes"): {
        "Schulden en stress": {
            "aanmeldingen": 4,
            "bezoekers": 3,
            "opkomst": 50.0,
            "studenten": 1,
            "evaluaties": 2,
            "score": 7.0,
        },
        "De scootmobiel": {
            "aanmeldingen": 2,
            "bezoekers": 2,
            "opkomst": 100.0,
            "studenten": 0,
            "evaluaties": 1,
            "score": 9.0,
        },
    },
    ("kenniscafes", "per-type"): {
        Kenniscafe.Type.KLASLOKAAL.label: {"cafes": 1, "aanmeldingen": 4, "bezoekers": 3},
        Kenniscafe.Type.PODIUM.label: {"cafes": 1, "aanmeldingen": 2, "bezoekers": 2},
        Kenniscafe.Type.DIALOOGTAFEL.label: {"cafes": 0, "aanmeldingen": 0, "bezoekers": 0},
    },
    ("kenniscafes", "publiek-rol"): {
        Aanmelding.Rol.PROFESSIONAL.label: {"aanmeldingen": 3, "bezoekers": 4},
        Aanmelding.Rol.STUDENT.label: {"aanmeldingen": 2, "bezoekers": 1},
    },
    ("kenniscafes", "publiek-regio"): {
        Aanmelding.Regio.BINNEN.label: {"aanmeldingen": 4, "bezoekers": 3},
        Aanmelding.Regio.BUITEN.label: {"aanmeldingen": 2, "bezoekers": 2},
    },
    ("kenniscafes", "publiek-sector"): {
        Sector.GEMEENTE.label: {"aanmeldingen": 2, "bezoekers": 2},
        Sector.ZORG_WELZIJN.label: {"aanmeldingen": 1, "bezoekers": 2},
        Sector.HOGESCHOOL.label: {"aanmeldingen": 2, "bezoekers": 1},
    },
    ("kennisbank", "per-type"): {
        Publicatie.Type.ONDERZOEKSNOTITIE.label: {"aantal": 1},
        Publicatie.Type.BLOG.label: {"aantal": 1},
        Publicatie.Type.LESMATERIAAL.label: {"aantal": 1},
        "Totaal": {"aantal": 3},
    },
    ("onderwijs", "onderwijs"): {
        Activiteit.Soort.GASTLES.label: {"aantal": 1, "studenten": 25},
        Activiteit.Soort.AFSTUDEERONDERZOEK.label: {"aantal": 1, "studenten": 2},
    },
    ("vergelijking", "vergelijking"): {
        "Leden van werkteams": {"nu": 4, "vorige": 2, "verschil": 2},
        "Gehouden bijeenkomsten": {"nu": 3, "vorige": 1, "verschil": 2},
        "Kenniscafés": {"nu": 2, "vorige": 1, "verschil": 1},
        "Aanmeldingen": {"nu": 6, "vorige": 1, "verschil": 5},
        "Publicaties": {"nu": 3, "vorige": 0, "verschil": 3},
        "Studenten bereikt": {"nu": 28, "vorige": 0, "verschil": 28},
    },
}
