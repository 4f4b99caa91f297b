"""The one spreadsheet writer: text that looks like a formula stays text in CSV and XLSX."""

import csv
import datetime
import decimal
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.functional import lazy
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from werkplaats.kern import tabellen

GEVAAR = '=HYPERLINK("http://x.example","klik")'
FORMULES = [GEVAAR, "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1+1"]


def csv_lezen(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_lezen(inhoud: bytes):
    """The first sheet as openpyxl reads it, after checking no sheet holds a formula."""
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        for naam in z.namelist():
            if naam.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(naam) and b"<f " not in z.read(naam), naam
    return load_workbook(io.BytesIO(inhoud)).worksheets[0]


@pytest.mark.parametrize("tekst", FORMULES)
def test_a_csv_text_cell_that_starts_like_a_formula_gets_a_quote(tekst):
    assert tabellen.csv_cel(tekst) == "'" + tekst


@pytest.mark.parametrize("tekst", ["", "Jan de Vries", "a=b", "'al gequote", " =1+1", "31-12"])
def test_ordinary_text_is_written_to_csv_unchanged(tekst):
    assert tabellen.csv_cel(tekst) == tekst


def test_numbers_stay_numbers_in_csv_even_when_negative():
    assert tabellen.csv_cel(-3) == "-3"
    assert tabellen.csv_cel(-1.25) == "-1,2"
    assert tabellen.csv_cel(decimal.Decimal("-4")) == "-4"
    assert tabellen.csv_cel(None) == ""


def test_dates_in_csv_are_dutch_and_local():
    moment = timezone.make_aware(datetime.datetime(2021, 3, 10, 19, 5))
    assert tabellen.csv_cel(moment.astimezone(datetime.UTC)) == "10-03-2021 19:05"
    assert tabellen.csv_cel(datetime.date(2021, 3, 1)) == "01-03-2021"


def test_text_that_is_not_a_str_is_checked_as_text_too():
    lui = lazy(lambda: "=1+1", str)()
    assert tabellen.csv_cel(lui) == "'=1+1"


def test_a_csv_stream_has_a_bom_semicolons_and_quoted_formulas_in_every_batch():
    rijen = [["Naam", "Aantal"]] + [[f, -i] for i, f in enumerate(FORMULES)]
    stukken = list(tabellen.csv_stream(rijen, batch=2))
    assert len(stukken) > 2  # several batches, each written by the same rule
    inhoud = b"".join(stukken)
    assert inhoud.count(b"\xef\xbb\xbf") == 1
    assert inhoud.split(b"\r\n")[0] == b"\xef\xbb\xbfNaam;Aantal"
    gelezen = csv_lezen(inhoud)
    assert gelezen[1:] == [["'" + f, str(-i)] for i, f in enumerate(FORMULES)]
    assert tabellen.csv_bytes(rijen) == inhoud


@pytest.mark.parametrize("tekst", FORMULES)
def test_an_xlsx_text_cell_that_starts_like_a_formula_is_a_string(tekst):
    ws = xlsx_lezen(tabellen.xlsx_bytes("Blad", [["Naam"], [tekst]]))
    cel = ws["A2"]
    assert cel.data_type == "s"
    assert unescape(cel.value) == tekst  # XlsxWriter stores a CR as _x000D_, as Excel does
    # Excel's quote prefix: editing the cell keeps it text.
    assert cel.quotePrefix


def test_xlsx_numbers_and_dates_keep_their_type_and_text_keeps_its_format(tmp_path):
    moment = timezone.make_aware(datetime.datetime(2021, 3, 10, 19, 5))
    pad = tmp_path / "b.xlsx"
    with open(pad, "wb") as f, tabellen.Werkboek(f) as boek:
        blad = boek.blad("Lijst")
        vet = boek.formaat(bold=True)
        blad.rij(0, ["Jan", -3, -1.5, decimal.Decimal("2.5"), moment, datetime.date(2021, 3, 1)])
        blad.rij(1, ["=1+1", lazy(lambda: "@x", str)(), None, True], vet)
    ws = xlsx_lezen(pad.read_bytes())
    assert [c.data_type for c in ws[1]] == ["s", "n", "n", "n", "d", "d"]
    assert [c.value for c in ws[1][:4]] == ["Jan", -3, -1.5, 2.5]
    assert ws["E1"].value == datetime.datetime(2021, 3, 10, 19, 5)
    assert ws["E1"].number_format == "DD-MM-YYYY HH:MM"
    assert ws["F1"].number_format == "DD-MM-YYYY"
    assert ws["A1"].quotePrefix is False
    assert (ws["A2"].value, ws["A2"].data_type, ws["A2"].font.b) == ("=1+1", "s", True)
    assert (ws["B2"].value, ws["B2"].data_type) == ("@x", "s")
    assert ws["B2"].quotePrefix and ws["B2"].font.b
    assert ws["C2"].value is None and ws["D2"].value is True


def test_the_workbook_never_turns_strings_into_formulas_even_through_write():
    uit = io.BytesIO()
    with tabellen.Werkboek(uit) as boek:
        boek.blad("Blad").ws.write(0, 0, GEVAAR)
    assert xlsx_lezen(uit.getvalue())["A1"].data_type == "s"


def test_sheet_names_are_what_excel_accepts_and_unique():
    gebruikt: set = set()
    assert tabellen.bladnaam("Leden: [2021]/*?", gebruikt) == "Leden 2021"
    assert tabellen.bladnaam("leden 2021", gebruikt) == "leden 2021 2"
    assert len(tabellen.bladnaam("x" * 40, gebruikt)) == 31
    assert tabellen.bladnaam("", gebruikt) == "Blad"


def test_no_other_module_writes_csv_or_xlsx_itself():
    """Every export goes through this writer, so the rule above cannot be bypassed."""
    wortel = Path(__file__).resolve().parents[2]
    schrijvers = re.compile(r"^\s*(import|from)\s+(csv|xlsxwriter|openpyxl)\b", re.M)
    eigen = []
    for pakket in ("werkplaats", "kenniscafes", "werkteams", "publicaties"):
        for pad in (wortel / pakket).rglob("*.py"):
            if pad.name != "tabellen.py" and schrijvers.search(pad.read_text(encoding="utf-8")):
                eigen.append(str(pad.relative_to(wortel)))
    assert eigen == []
