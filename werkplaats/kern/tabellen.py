"""The one writer of every spreadsheet file the product makes: CSV and XLSX.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is what Excel and
LibreOffice read as a formula (OWASP "CSV injection"); names, titles and remarks typed by the
public must never run as one. So text always leaves here as text:

- CSV (UTF-8 with BOM, `;`, as Dutch Excel reads it): such a cell gets a leading `'`.
- XLSX (XlsxWriter): text is written with `write_string` only, never as a formula, and such a
  cell also gets the "quote prefix" style, so editing it in Excel keeps it text.

Numbers stay numbers: only text is checked, so -3 is a number in both formats.
"""

import csv
import datetime
import decimal
import io
import re
from collections.abc import Iterable, Iterator, Sequence

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
SCHEIDER = ";"
# The first characters that make a spreadsheet evaluate a cell.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
DATUMTIJD_FORMAAT = "DD-MM-YYYY HH:MM"
DATUM_FORMAAT = "DD-MM-YYYY"
CSV_BATCH = 2000

_GETALLEN = (int, float, decimal.Decimal)


def tekst_veilig(tekst: str) -> str:
    """Text as a CSV cell that no spreadsheet evaluates: a leading `'` where needed."""
    return "'" + tekst if tekst.startswith(FORMULETEKENS) else tekst


# --- CSV -----------------------------------------------------------------------------------


def csv_cel(waarde) -> str:
    """A value as Dutch Excel reads it: decimal comma, DD-MM-YYYY dates, text never a formula."""
    if waarde.__class__ is str:  # the common case first: this runs for every cell
        return "'" + waarde if waarde.startswith(FORMULETEKENS) else waarde
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    if isinstance(waarde, _GETALLEN):
        return str(waarde)
    if isinstance(waarde, datetime.datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)
        return waarde.strftime("%d-%m-%Y %H:%M")
    if isinstance(waarde, datetime.date):
        return waarde.strftime("%d-%m-%Y")
    return tekst_veilig(str(waarde))


def csv_stream(rijen: Iterable[Sequence], batch: int = CSV_BATCH) -> Iterator[bytes]:
    """Rows as CSV chunks of bytes (BOM first, `;`, CRLF), holding one batch at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SCHEIDER, lineterminator="\r\n")
    buffer.write(BOM)
    cel, tekens = csv_cel, FORMULETEKENS
    regels = 0
    for rij in rijen:
        # csv_cel inlined for text, numbers and gaps, the bulk of a raw list (the csv module
        # writes ints and None as csv_cel would): a million rows stay fast.
        writer.writerow(
            [
                "'" + w
                if w.__class__ is str and w.startswith(tekens)
                else w
                if w.__class__ is str or w.__class__ is int or w is None
                else cel(w)
                for w in rij
            ]
        )
        regels += 1
        if regels >= batch:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate(0)
            regels = 0
    yield buffer.getvalue().encode("utf-8")


def csv_bytes(rijen: Iterable[Sequence]) -> bytes:
    """Rows as one CSV file (UTF-8 with BOM, `;`)."""
    return b"".join(csv_stream(rijen))


# --- XLSX ----------------------------------------------------------------------------------


def bladnaam(titel: str, gebruikt: set) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique within `gebruikt`."""
    naam = re.sub(r"[\[\]:*?/\\]", "", titel)[:31].strip("'") or "Blad"
    basis, n = naam, 2
    while naam.lower() in gebruikt:
        naam = f"{basis[:28]} {n}"
        n += 1
    gebruikt.add(naam.lower())
    return naam


class Werkboek:
    """An XLSX workbook (XlsxWriter, constant-memory mode) whose text cells are never formulas.

    Constant-memory mode flushes every finished row to a temporary file and writes strings
    inline (no shared-strings table), so memory does not grow with the number of rows; rows
    of a sheet are written top to bottom. Use as a context manager or call `sluiten()`.
    """

    def __init__(self, bestand):
        self.boek = xlsxwriter.Workbook(
            bestand,
            {
                "constant_memory": True,
                # Only write_string/write_number are used, but should anything ever reach
                # XlsxWriter's generic write(), text must stay text there too.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self._formaten: dict[tuple, object] = {}
        self._eigenschappen: dict[int, dict] = {}
        self._bladnamen: set = set()

    def formaat(self, **eigenschappen):
        """An XlsxWriter cell format (made once per set of properties)."""
        sleutel = tuple(sorted(eigenschappen.items()))
        if sleutel not in self._formaten:
            formaat = self.boek.add_format(eigenschappen)
            self._formaten[sleutel] = formaat
            self._eigenschappen[id(formaat)] = eigenschappen
        return self._formaten[sleutel]

    def _als_tekst(self, formaat):
        """The same format with Excel's quote prefix: the cell stays text when edited."""
        eigenschappen = self._eigenschappen.get(id(formaat), {}) if formaat is not None else {}
        return self.formaat(**eigenschappen, quote_prefix=True)

    def blad(self, titel: str) -> "Blad":
        """A new sheet, named after `titel` as far as Excel allows."""
        return Blad(self, self.boek.add_worksheet(bladnaam(titel, self._bladnamen)))

    def sluiten(self) -> None:
        self.boek.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sluiten()


class Blad:
    """One sheet of a `Werkboek`; `rij()` writes a row of plain Python values by their type."""

    def __init__(self, werkboek: Werkboek, ws):
        self.werkboek = werkboek
        self.ws = ws
        self._datumtijd = werkboek.formaat(num_format=DATUMTIJD_FORMAAT)
        self._datum = werkboek.formaat(num_format=DATUM_FORMAAT)

    def rij(self, regel: int, waarden: Sequence, formaten=None) -> None:
        """Write `waarden` in row `regel` (0-based): text as text, numbers as numbers.

        `formaten` is one format for every cell or a list with one per column (None: none).
        Dates and times without a format get DD-MM-YYYY (HH:MM); aware times become naive
        local times (Excel has no time zones). Empty cells (None) are skipped.
        """
        tekst_, getal, tijd = self.ws.write_string, self.ws.write_number, self.ws.write_datetime
        per_kolom = formaten.__class__ is list or formaten.__class__ is tuple
        formaat = formaten
        for kolom, waarde in enumerate(waarden):
            if waarde is None:
                continue
            if per_kolom:
                formaat = formaten[kolom]
            soort = waarde.__class__
            if soort is str:
                if waarde.startswith(FORMULETEKENS):
                    tekst_(regel, kolom, waarde, self.werkboek._als_tekst(formaat))
                else:
                    tekst_(regel, kolom, waarde, formaat)
            elif soort is int or soort is float:
                getal(regel, kolom, waarde, formaat)
            elif soort is datetime.datetime:
                if waarde.tzinfo is not None:
                    waarde = timezone.localtime(waarde).replace(tzinfo=None)
                tijd(regel, kolom, waarde, formaat or self._datumtijd)
            elif soort is datetime.date:
                tijd(regel, kolom, waarde, formaat or self._datum)
            elif soort is bool:
                self.ws.write_boolean(regel, kolom, waarde, formaat)
            elif isinstance(waarde, _GETALLEN):
                getal(regel, kolom, float(waarde), formaat)
            else:  # lazy translations, UUIDs, ...: written as their text, checked like text
                tekst = str(waarde)
                if tekst.startswith(FORMULETEKENS):
                    tekst_(regel, kolom, tekst, self.werkboek._als_tekst(formaat))
                else:
                    tekst_(regel, kolom, tekst, formaat)

    def kolombreedte(self, kolom: int, breedte: float) -> None:
        self.ws.set_column(kolom, kolom, breedte)

    def kop_vastzetten(self, regels: int) -> None:
        """Keep the first `regels` rows in view while scrolling."""
        self.ws.freeze_panes(regels, 0)


def xlsx_bytes(titel: str, rijen: Iterable[Sequence]) -> bytes:
    """Rows as a one-sheet workbook in memory; the first row is the (bold, frozen) header."""
    uit = io.BytesIO()
    with Werkboek(uit) as boek:
        blad = boek.blad(titel)
        blad.kop_vastzetten(1)
        kop = boek.formaat(bold=True)
        for regel, rij in enumerate(rijen):
            blad.rij(regel, rij, kop if regel == 0 else None)
    return uit.getvalue()
