"""The report's figures, computed in SQL, against the hand-counted golden fixture."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import CoordinatorFactory, GebruikerFactory
from tests.verantwoording.conftest import GOUDEN
from werkplaats.verantwoording.rapport import Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get, rapport_scope

pytestmark = pytest.mark.django_db


def test_every_golden_figure_matches_the_report_for_2021(wereld):
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    for (sectie, tabel_sleutel), rijen in GOUDEN.items():
        tabel = rapport.sectie(sectie).tabel(tabel_sleutel)
        for rij, kolommen in rijen.items():
            for kolom, verwacht in kolommen.items():
                assert tabel.waarde(str(rij), kolom) == verwacht, (
                    sectie,
                    tabel_sleutel,
                    rij,
                    kolom,
                )


def test_cafes_that_do_not_count_are_left_out(wereld):
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    titels = [rij[0] for rij in rapport.sectie("kenniscafes").tabel("cafes").rijen]
    assert titels == ["Schulden en stress", "De scootmobiel"]


def test_a_coordinator_sees_only_their_own_werkteam(wereld):
    scope = rapport_scope(wereld["coord1"])
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), scope)
    assert [s.sleutel for s in rapport.secties] == [
        "werkteams",
        "kenniscafes",
        "kennisbank",
        "onderwijs",
        "vergelijking",
    ]
    werkteams = rapport.sectie("werkteams").tabel("overzicht")
    assert [r[0] for r in werkteams.rijen] == ["Armoede en schulden"]
    cafes = rapport.sectie("kenniscafes").tabel("cafes")
    assert [r[0] for r in cafes.rijen] == ["Schulden en stress"]
    assert rapport.sectie("kennisbank").tabel("per-type").waarde("Totaal", "aantal") == 1
    activiteiten = rapport.sectie("werkteams").tabel("activiteiten")
    assert sorted(r[1] for r in activiteiten.rijen) == [1, 1]


def test_school_year_covers_september_to_august(wereld):
    # School year 2021-2022: K2 (October 2021) and the February 2022 café; not K1 (March 2021).
    rapport = rapport_get(Verslagperiode.schooljaar(2021), None)
    cafes = rapport.sectie("kenniscafes").tabel("cafes")
    assert len(cafes.rijen) == 2
    assert cafes.rijen[0][0] == "De scootmobiel"


def test_a_period_report_covers_the_whole_period(wereld):
    rapport = rapport_get(Verslagperiode.voor_periode(wereld["periode"]), None)
    kern = rapport.sectie("kenniscafes").tabel("kerncijfers")
    # K1, K2, the 2022 café and the 2020 café.
    assert kern.waarde("Kenniscafés", "waarde") == 4


def test_members_and_people_without_a_coordinator_role_get_no_report(db):
    with pytest.raises(PermissionDenied):
        rapport_scope(GebruikerFactory())


def test_a_coordinator_without_teams_gets_an_empty_scope(db):
    assert rapport_scope(CoordinatorFactory()) == []


def test_undated_activities_count_only_in_the_report_of_their_period(wereld):
    from tests.factories import ActiviteitFactory
    from werkteams.models import Activiteit

    keuzevak = str(Activiteit.Soort.KEUZEVAK.label)
    ActiviteitFactory(werkteam=wereld["wt1"], soort="keuzevak", start=None, aantal_studenten=12)
    jaar = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    assert jaar.sectie("onderwijs").tabel("onderwijs").waarde(keuzevak, "aantal") == 0
    periode = rapport_get(Verslagperiode.voor_periode(wereld["periode"]), None)
    onderwijs = periode.sectie("onderwijs").tabel("onderwijs")
    assert onderwijs.waarde(keuzevak, "aantal") == 1
    assert onderwijs.waarde(keuzevak, "studenten") == 12


def test_the_report_names_the_sectors_and_parties_missing_at_the_table(wereld):
    from werkplaats.kern.models import Sector

    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    tafel = rapport.sectie("werkteams").tabel("aan-tafel")
    # wt1 wants gemeente (present) and wonen (absent), and names huisartsen.
    assert tafel.waarde("Armoede en schulden", "ontbreekt") == f"{Sector.WONEN.label}, huisartsen"
    aanwezig = tafel.waarde("Armoede en schulden", "aanwezig")
    assert str(Sector.GEMEENTE.label) in aanwezig and str(Sector.ZORG_WELZIJN.label) in aanwezig
    assert tafel.waarde("Gezond-sociaal", "ontbreekt") == "–"


def test_differences_tell_rows_with_the_same_werkteam_apart():
    from werkplaats.verantwoording.rapport import (
        Kolom,
        Rapport,
        Sectie,
        Tabel,
        rapport_cijfers,
        rapport_verschillen,
    )

    def rapport(rijen):
        tabel = Tabel(
            "samenstelling-sector",
            "Samenstelling",
            [
                Kolom("werkteam", "Werkteam", "tekst"),
                Kolom("sector", "Sector", "tekst"),
                Kolom("leden", "Leden"),
            ],
            rijen,
            sleutel_kolommen=2,
        )
        return Rapport(
            Verslagperiode.kalenderjaar(2021),
            None,
            [Sectie("werkteams", "Werkteams", [tabel])],
            alles=True,
        )

    oud = rapport([["A", "Gemeente", 2], ["A", "Hogeschool", 1]])
    nieuw = rapport([["A", "Gemeente", 2], ["A", "Hogeschool", 3]])
    verschillen = rapport_verschillen(rapport_cijfers(oud), rapport_cijfers(nieuw), nieuw)
    assert [(v.rij, v.kolom, v.bevroren, v.live) for v in verschillen] == [
        ("A · Hogeschool", "Leden", 1, 3)
    ]
