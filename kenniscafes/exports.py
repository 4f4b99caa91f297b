"""Exports of a café's registrations for organisers: CSV (streamed) and XLSX."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook

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


def _tijd(waarde) -> str:
    return timezone.localtime(waarde).strftime("%Y-%m-%d %H:%M") if waarde else ""


def _aanwezig(waarde) -> str:
    return {True: "ja", False: "nee"}.get(waarde, "")


def _veilig(waarde: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ is neutralised.
    if waarde and waarde[0] in "=+-@\t\r":
        return "'" + waarde
    return waarde


def aanmeldingen_rows(kenniscafe):
    """One row per registration, in a stable order; iterates without loading all at once."""
    qs = Aanmelding.objects.filter(kenniscafe=kenniscafe).order_by("status", "aangemaakt", "pk")
    for a in qs.iterator(chunk_size=2000):
        yield [
            _veilig(a.naam),
            _veilig(a.email),
            _veilig(a.organisatie),
            a.get_rol_display(),
            a.get_sector_display() if a.sector else "",
            a.get_regio_display(),
            _veilig(a.opleiding),
            a.get_deelname_display(),
            _veilig(a.registratienummer),
            _veilig(a.opmerkingen),
            a.get_status_display(),
            _aanwezig(a.aanwezig),
            "ja" if a.is_inloop else "",
            _tijd(a.aangemaakt),
        ]


def aanmeldingen_csv_rows(kenniscafe):
    """Header plus rows for the CSV export."""
    yield KOLOMMEN
    yield from aanmeldingen_rows(kenniscafe)


def aanmeldingen_xlsx(kenniscafe) -> bytes:
    """The same rows as an Excel workbook (write-only, so memory stays small)."""
    boek = Workbook(write_only=True)
    blad = boek.create_sheet(title="Aanmeldingen")
    blad.append(KOLOMMEN)
    for rij in aanmeldingen_rows(kenniscafe):
        blad.append(rij)
    uit = BytesIO()
    boek.save(uit)
    return uit.getvalue()
