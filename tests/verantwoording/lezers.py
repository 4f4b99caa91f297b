"""Readers that turn the page, the CSV and the XLSX back into {table: {row: {column: value}}},
and the PDF back into its text."""

import csv
import io
import re
from html.parser import HTMLParser

from openpyxl import load_workbook
from pypdf import PdfReader


class _TabelLezer(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tabellen = {}
        self._tabel = None
        self._rij = None
        self._kolom = None
        self._tekst = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id", "").startswith("tabel-"):
            self._tabel = self.tabellen.setdefault(attrs["id"], {})
        elif tag == "tr" and self._tabel is not None:
            self._rij = []
        elif tag in ("td", "th") and self._rij is not None and "data-kolom" in attrs:
            self._kolom = attrs["data-kolom"]
            self._tekst = []

    def handle_data(self, data):
        if self._kolom is not None:
            self._tekst.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._kolom is not None:
            self._rij.append((self._kolom, "".join(self._tekst).strip()))
            self._kolom = None
        elif tag == "tr" and self._rij:
            self._tabel[self._rij[0][1]] = dict(self._rij)
            self._rij = None
        elif tag == "table":
            self._tabel = None


def html_tabellen(html: str) -> dict:
    """{"tabel-<section>-<table>": {row label: {column key: visible text}}}."""
    lezer = _TabelLezer()
    lezer.feed(html)
    return lezer.tabellen


def csv_tabellen(inhoud: bytes) -> dict:
    """{table title: {row label: {column title: text}}} from one section's CSV."""
    assert inhoud.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    regels = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    tabellen, i = {}, 1
    while i < len(regels):
        if not regels[i]:
            titel, kop = regels[i + 1][0], regels[i + 2]
            rijen = {}
            i += 3
            while i < len(regels) and regels[i]:
                rijen[regels[i][0]] = dict(zip(kop, regels[i], strict=True))
                i += 1
            tabellen[titel] = rijen
        else:
            i += 1
    return tabellen


def xlsx_tabellen(inhoud: bytes) -> dict:
    """{sheet: {table title: {row label: {column title: cell}}}}; cells keep value and format."""
    wb = load_workbook(io.BytesIO(inhoud))
    uit = {}
    for ws in wb.worksheets:
        rijen = list(ws.iter_rows(min_row=2))
        tabellen, i = {}, 0
        while i < len(rijen):
            if rijen[i][0].value is None:
                i += 1
                continue
            titel = rijen[i][0].value
            kop = [c.value for c in rijen[i + 1] if c.value is not None]
            data = {}
            i += 2
            while i < len(rijen) and rijen[i][0].value is not None:
                data[rijen[i][0].value] = {
                    k: c for k, c in zip(kop, rijen[i][: len(kop)], strict=True)
                }
                i += 1
            tabellen[titel] = data
        uit[ws.title] = (ws, tabellen)
    return uit


def pdf_tekst(inhoud: bytes) -> str:
    """The text of every page as pypdf extracts it, with line breaks inside table cells
    undone: whitespace runs become one space and a word broken after a hyphen is rejoined."""
    assert inhoud.startswith(b"%PDF-"), "not a PDF"
    reader = PdfReader(io.BytesIO(inhoud))
    tekst = "\n".join(pagina.extract_text() for pagina in reader.pages)
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", tekst))
