"""The golden figures in the CSV files and the XLSX workbook, read back as a user would."""

import datetime

import pytest
from django.utils import translation

from tests.verantwoording.conftest import GOUDEN
from tests.verantwoording.lezers import csv_tabellen, xlsx_tabellen
from werkplaats.verantwoording import bestanden
from werkplaats.verantwoording.rapport import PROCENT, Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapport(wereld):
    with translation.override("nl"):
        yield rapport_get(Verslagperiode.kalenderjaar(2021), None)


def csv_tekst(waarde) -> str:
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    return str(waarde)


def test_every_golden_figure_is_in_the_csv_of_its_section(rapport):
    per_sectie = {s.sleutel: s for s in rapport.secties}
    for (sectie, tabel_sleutel), rijen in GOUDEN.items():
        tabel = per_sectie[sectie].tabel(tabel_sleutel)
        titels = {k.sleutel: k.titel for k in tabel.kolommen}
        gelezen = csv_tabellen(bestanden.csv_sectie(rapport, per_sectie[sectie]))[tabel.titel]
        for rij, kolommen in rijen.items():
            for kolom, verwacht in kolommen.items():
                assert gelezen[str(rij)][titels[kolom]] == csv_tekst(verwacht), (
                    sectie,
                    tabel_sleutel,
                    rij,
                    kolom,
                )


def test_the_csv_uses_a_bom_semicolons_and_dutch_dates(rapport):
    inhoud = bestanden.csv_sectie(rapport, rapport.sectie("kenniscafes"))
    assert inhoud.startswith(b"\xef\xbb\xbf")
    tekst = inhoud.decode("utf-8-sig")
    assert "Schulden en stress;10-03-2021;" in tekst


def test_there_is_one_csv_per_section(rapport):
    namen = [naam for naam, *_rest in bestanden.csv_bestanden(rapport)]
    assert len(namen) == len(rapport.secties) == 6
    assert all(n.startswith("verantwoording-kalenderjaar-2021-") for n in namen)


def test_every_golden_figure_is_in_the_workbook_with_real_number_formats(rapport):
    bladen = xlsx_tabellen(bestanden.xlsx_bytes(rapport))
    per_sectie = {s.sleutel: s for s in rapport.secties}
    for (sectie, tabel_sleutel), rijen in GOUDEN.items():
        tabel = per_sectie[sectie].tabel(tabel_sleutel)
        soorten = {k.sleutel: k.soort for k in tabel.kolommen}
        titels = {k.sleutel: k.titel for k in tabel.kolommen}
        _ws, tabellen = bladen[per_sectie[sectie].titel[:31]]
        for rij, kolommen in rijen.items():
            for kolom, verwacht in kolommen.items():
                cel = tabellen[tabel.titel][str(rij)][titels[kolom]]
                if soorten[kolom] == PROCENT:
                    assert cel.value == pytest.approx(verwacht / 100)
                    assert cel.number_format == "0.0%"
                else:
                    assert cel.value == verwacht, (sectie, tabel_sleutel, rij, kolom)
                    assert isinstance(cel.value, int | float)


def test_the_workbook_has_one_sheet_per_section_frozen_headers_and_real_dates(rapport):
    bladen = xlsx_tabellen(bestanden.xlsx_bytes(rapport))
    assert list(bladen) == [s.titel[:31] for s in rapport.secties]
    for ws, _tabellen in bladen.values():
        assert ws.freeze_panes == "A4"
    _ws, cafes = bladen["Kenniscafés"]
    datum = cafes["Cafés"]["Schulden en stress"]["Datum"]
    assert datum.value == datetime.datetime(2021, 3, 10)
    assert datum.number_format == "DD-MM-YYYY"


def test_raw_registrations_are_written_with_real_formats_and_a_frozen_header(wereld, tmp_path):
    from openpyxl import load_workbook

    from werkplaats.verantwoording.selectors import ruwe_lijst

    titel, kolommen, rijen = ruwe_lijst("aanmeldingen", Verslagperiode.kalenderjaar(2021), "xlsx")
    pad = tmp_path / "ruw.xlsx"
    with open(pad, "wb") as f:
        aantal = bestanden.ruw_xlsx_schrijven(f, titel, kolommen, rijen)
    assert aantal == 11
    ws = load_workbook(pad).active
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 12
    datum = ws.cell(row=2, column=3)
    assert datum.number_format == "DD-MM-YYYY HH:MM"
    # 10 March 2021 19:00 in Amsterdam, whatever the database's time zone is.
    assert datum.value.hour == 19 and datum.value.day == 10
