"""Exports of a café's registrations for organisers: CSV (streamed) and XLSX."""

import itertools
from collections.abc import Iterator

from werkplaats.kern import tabellen

from .models import Aanmelding

KOLOMMEN = [
    "Naam",
    "E-mail",
    "Organisatie",
    "Rol",
    "Sector",
    "Regio",
    "Opleiding",
    "Deelname",
    "Registratienummer",
    "Opmerkingen",
    "Status",
    "Aanwezig",
    "Inloop",
    "Aangemeld op",
]


def _aanwezig(waarde) -> str:
    return {True: "ja", False: "nee"}.get(waarde, "")


def aanmeldingen_rows(kenniscafe):
    """One row per registration, in a stable order; iterates without loading all at once.

    Values stay raw (text, times): the shared writer keeps text from being read as a
    formula and formats times for each file type.
    """
    qs = Aanmelding.objects.filter(kenniscafe=kenniscafe).order_by("status", "aangemaakt", "pk")
    for a in qs.iterator(chunk_size=2000):
        yield [
            a.naam,
            a.email,
            a.organisatie,
            a.get_rol_display(),
            a.get_sector_display() if a.sector else "",
            a.get_regio_display(),
            a.opleiding,
            a.get_deelname_display(),
            a.registratienummer,
            a.opmerkingen,
            a.get_status_display(),
            _aanwezig(a.aanwezig),
            "ja" if a.is_inloop else "",
            a.aangemaakt,
        ]


def aanmeldingen_csv(kenniscafe) -> Iterator[bytes]:
    """Header plus rows as streamed CSV (UTF-8 with BOM, `;`)."""
    return tabellen.csv_stream(itertools.chain([KOLOMMEN], aanmeldingen_rows(kenniscafe)))


def aanmeldingen_xlsx(kenniscafe) -> bytes:
    """The same rows as an Excel workbook (constant memory)."""
    return tabellen.xlsx_bytes(
        "Aanmeldingen", itertools.chain([KOLOMMEN], aanmeldingen_rows(kenniscafe))
    )
