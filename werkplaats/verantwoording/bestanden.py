"""The report as files: CSV per section (UTF-8 with BOM, `;`), an XLSX workbook and a PDF.

Also the raw lists for beheerders (registrations, attendance, memberships of a period),
written row by row from a server-side cursor so memory stays bounded at any size.
"""

import csv
import datetime
import io
import logging
import re
from collections.abc import Iterable, Iterator

import xlsxwriter
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .rapport import DATUM, DECIMAAL, GETAL, PROCENT, TEKST, Rapport, Sectie

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIMETYPE = "application/pdf"
HTML_MIMETYPE = "text/html; charset=utf-8"
BOM = "\ufeff"


def _bestandsnaam(rapport: Rapport, deel: str, extensie: str) -> str:
    periode = slugify(f"{rapport.periode.soort}-{rapport.periode.label}")
    return f"verantwoording-{periode}-{deel}.{extensie}"


# --- CSV -----------------------------------------------------------------------------------


def csv_waarde(waarde, soort: str) -> str:
    """A value as Dutch Excel reads it: decimal comma, dates as DD-MM-YYYY, empty for none."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).strftime("%d-%m-%Y %H:%M")
    if isinstance(waarde, datetime.date):
        return waarde.strftime("%d-%m-%Y")
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    return str(waarde)


def _csv_regels(rijen: Iterable[list]) -> Iterator[str]:
    """Lines of `;`-separated CSV (Excel NL), quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for rij in rijen:
        writer.writerow(rij)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)


def csv_sectie(rapport: Rapport, sectie: Sectie) -> bytes:
    """One section as CSV: per table a title line, a header line and its rows."""
    rijen = [[sectie.titel, rapport.periode.label]]
    for tabel in sectie.tabellen:
        rijen.append([])
        rijen.append([tabel.titel])
        rijen.append([k.titel for k in tabel.kolommen])
        for rij in tabel.rijen:
            rijen.append([csv_waarde(w, k.soort) for w, k in zip(rij, tabel.kolommen, strict=True)])
    return (BOM + "".join(_csv_regels(rijen))).encode("utf-8")


def csv_bestanden(rapport: Rapport) -> list[tuple[str, str, str, bytes]]:
    """(file name, title, mimetype, bytes) for each section's CSV."""
    return [
        (
            _bestandsnaam(rapport, sectie.sleutel, "csv"),
            sectie.titel,
            CSV_MIMETYPE,
            csv_sectie(rapport, sectie),
        )
        for sectie in rapport.secties
    ]


# --- XLSX ----------------------------------------------------------------------------------

VET = Font(bold=True)
KOP = Font(bold=True, size=14)
KOP_VULLING = PatternFill("solid", fgColor="DDE7F0")
FORMATEN = {
    GETAL: "#,##0",
    PROCENT: "0.0%",
    DECIMAAL: "0.0",
    DATUM: "DD-MM-YYYY",
}


def _bladnaam(titel: str, gebruikt: set) -> str:
    naam = re.sub(r"[\[\]:*?/\\]", "", titel)[:31] or "Blad"
    basis, n = naam, 2
    while naam in gebruikt:
        naam = f"{basis[:28]} {n}"
        n += 1
    gebruikt.add(naam)
    return naam


def xlsx_bytes(rapport: Rapport) -> bytes:
    """The report as one workbook, one sheet per section, real numbers and dates.

    Row 1 holds the section title; the first table's title and header (rows 2-3) are
    frozen with it, so they stay visible while scrolling.
    """
    wb = Workbook()
    wb.remove(wb.active)
    gebruikt: set = set()
    for sectie in rapport.secties:
        ws = wb.create_sheet(_bladnaam(sectie.titel, gebruikt))
        ws.append([f"{sectie.titel} – {rapport.periode.label}"])
        ws.cell(row=1, column=1).font = KOP
        breedtes: dict[int, int] = {}
        for nummer, tabel in enumerate(sectie.tabellen):
            if nummer:
                ws.append([])
            ws.append([tabel.titel])
            ws.cell(row=ws.max_row, column=1).font = VET
            ws.append([k.titel for k in tabel.kolommen])
            for kolom in range(1, len(tabel.kolommen) + 1):
                cel = ws.cell(row=ws.max_row, column=kolom)
                cel.font = VET
                cel.fill = KOP_VULLING
                cel.alignment = Alignment(wrap_text=True, vertical="top")
            for rij in tabel.rijen:
                waarden = []
                for waarde, kolom in zip(rij, tabel.kolommen, strict=True):
                    if kolom.soort == PROCENT and waarde is not None:
                        waarde = waarde / 100
                    waarden.append(waarde)
                ws.append(waarden)
                regel = ws.max_row
                for i, (waarde, kolom) in enumerate(zip(rij, tabel.kolommen, strict=True), 1):
                    if kolom.soort != TEKST and waarde is not None:
                        formaat = FORMATEN[kolom.soort]
                        if kolom.soort == DECIMAAL and isinstance(waarde, int):
                            formaat = FORMATEN[GETAL]
                        ws.cell(row=regel, column=i).number_format = formaat
            for i, kolom in enumerate(tabel.kolommen, 1):
                lengte = max([len(kolom.titel)] + [len(str(r[i - 1] or "")) for r in tabel.rijen])
                breedtes[i] = max(breedtes.get(i, 10), min(lengte + 2, 60))
        for i, breedte in breedtes.items():
            ws.column_dimensions[get_column_letter(i)].width = breedte
        ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_bestand(rapport: Rapport) -> tuple[str, str, str, bytes]:
    return (
        _bestandsnaam(rapport, "alle-onderdelen", "xlsx"),
        _("Annual report (Excel)"),
        XLSX_MIMETYPE,
        xlsx_bytes(rapport),
    )


# --- PDF ----------------------------------------------------------------------------------

# WeasyPrint logs every layout step at INFO; a worker's log only needs its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def afdruk_html(rapport: Rapport, site, gemaakt: datetime.datetime) -> str:
    """The print version of the report (HTML, Dutch): the page's sections, charts and tables.

    Cheap to make (a template), so closing a year stores it with the frozen files; the PDF
    is made from exactly this HTML by a background job.
    """
    from .weergave import rapport_weergave

    return render_to_string(
        "verantwoording/afdruk.html",
        {
            "rapport": rapport,
            "periode": rapport.periode,
            "secties": rapport_weergave(rapport),
            "site": site,
            "gemaakt": timezone.localtime(gemaakt),
        },
    )


def afdruk_html_bestand(rapport: Rapport, html: str) -> tuple[str, str, str, bytes]:
    return (
        _bestandsnaam(rapport, "afdrukversie", "html"),
        _("Annual report (print version, HTML)"),
        HTML_MIMETYPE,
        html.encode("utf-8"),
    )


def pdf_uit_html(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the print HTML, with system fonts. Slow: only in a job."""
    import weasyprint  # loaded only by the worker that renders

    stylesheet = weasyprint.CSS(string=render_to_string("verantwoording/afdruk.css"))
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True
    )


def pdf_naam(html_naam: str) -> str:
    """The PDF's file name next to its print HTML: "...-afdrukversie.html" -> "...-rapport.pdf"."""
    return html_naam.removesuffix("-afdrukversie.html") + "-rapport.pdf"


def pdf_bestand(rapport: Rapport, site, gemaakt: datetime.datetime) -> tuple[str, str, str, bytes]:
    return (
        _bestandsnaam(rapport, "rapport", "pdf"),
        _("Annual report (PDF)"),
        PDF_MIMETYPE,
        pdf_uit_html(afdruk_html(rapport, site, gemaakt)),
    )


# --- raw lists -----------------------------------------------------------------------------


def ruw_csv_stream(kolommen: list[str], rijen: Iterable[tuple]) -> Iterator[bytes]:
    """A raw list as streamed CSV chunks (BOM and header first); holds one batch at a time.

    On PostgreSQL the rows arrive ready to write (labels and local times made by the
    database); elsewhere each value is converted here.
    """
    klaar = connection.vendor == "postgresql"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(kolommen)
    batch = []
    for rij in rijen:
        batch.append(rij if klaar else [csv_waarde(w, "") for w in rij])
        if len(batch) >= 2000:
            writer.writerows(batch)
            batch = []
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate(0)
    writer.writerows(batch)
    yield buffer.getvalue().encode("utf-8")


RUW_DATUMTIJD = "DD-MM-YYYY HH:MM"
RUW_DATUM = "DD-MM-YYYY"


def ruw_xlsx_schrijven(
    bestand, titel: str, kolommen: list[str], rijen: Iterable[tuple], voortgang=None
) -> int:
    """Write a raw list to `bestand` with XlsxWriter in constant-memory mode; returns rows.

    Constant-memory mode flushes every finished row to a temporary file and writes strings
    inline (no shared-strings table), so memory does not grow with the number of rows.
    Numbers stay numbers, dates and times get real Excel formats, the header row is frozen.
    Aware datetimes become naive local times (Excel has no time zones).
    """
    wb = xlsxwriter.Workbook(bestand, {"constant_memory": True})
    ws = wb.add_worksheet(_bladnaam(titel, set()))
    vet = wb.add_format({"bold": True})
    datumtijd = wb.add_format({"num_format": RUW_DATUMTIJD})
    datum = wb.add_format({"num_format": RUW_DATUM})
    ws.freeze_panes(1, 0)
    for i, naam in enumerate(kolommen):
        ws.set_column(i, i, min(max(len(naam) + 2, 12), 40))
    ws.write_row(0, 0, kolommen, vet)
    schrijf_tekst, schrijf_getal, schrijf_tijd = ws.write_string, ws.write_number, ws.write_datetime
    lokaal = timezone.localtime
    regel = 0
    for regel, rij in enumerate(rijen, 1):  # noqa: B007 (regel is the row count afterwards)
        for kolom, waarde in enumerate(rij):
            if waarde is None:
                continue
            soort = type(waarde)
            if soort is str:
                schrijf_tekst(regel, kolom, waarde)
            elif soort is int or soort is float:
                schrijf_getal(regel, kolom, waarde)
            elif soort is datetime.datetime:
                if waarde.tzinfo is not None:
                    waarde = lokaal(waarde).replace(tzinfo=None)
                schrijf_tijd(regel, kolom, waarde, datumtijd)
            elif soort is datetime.date:
                schrijf_tijd(regel, kolom, waarde, datum)
            else:
                ws.write(regel, kolom, waarde)
        if voortgang and regel % 20000 == 0:
            voortgang(regel)
    wb.close()
    return regel
