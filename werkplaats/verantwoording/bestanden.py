"""The report as files: CSV per section (UTF-8 with BOM, `;`), an XLSX workbook and a PDF.

Also the raw lists for beheerders (registrations, attendance, memberships of a period),
written row by row from a server-side cursor so memory stays bounded at any size.
"""

import datetime
import io
import itertools
import logging
from collections.abc import Iterable, Iterator

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplaats.kern import tabellen
from werkplaats.kern.tabellen import CSV_MIMETYPE, XLSX_MIMETYPE

from .rapport import DATUM, DECIMAAL, GETAL, PROCENT, TEKST, Rapport, Sectie

PDF_MIMETYPE = "application/pdf"
HTML_MIMETYPE = "text/html; charset=utf-8"


def _bestandsnaam(rapport: Rapport, deel: str, extensie: str) -> str:
    periode = slugify(f"{rapport.periode.soort}-{rapport.periode.label}")
    return f"verantwoording-{periode}-{deel}.{extensie}"


# --- CSV -----------------------------------------------------------------------------------


def csv_sectie(rapport: Rapport, sectie: Sectie) -> bytes:
    """One section as CSV: per table a title line, a header line and its rows."""
    rijen = [[sectie.titel, rapport.periode.label]]
    for tabel in sectie.tabellen:
        rijen.append([])
        rijen.append([tabel.titel])
        rijen.append([k.titel for k in tabel.kolommen])
        rijen.extend(tabel.rijen)
    return tabellen.csv_bytes(rijen)


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

KOLOMKOP = {"bold": True, "bg_color": "#DDE7F0", "text_wrap": True, "valign": "top"}
FORMATEN = {
    GETAL: "#,##0",
    PROCENT: "0.0%",
    DECIMAAL: "0.0",
    DATUM: "DD-MM-YYYY",
}


def _xlsx_rij(rij: list, kolommen: list, formaten: dict) -> tuple[list, list]:
    """A table row's values for Excel (percentages as fractions) and each cell's format."""
    waarden, opmaak = [], []
    for waarde, kolom in zip(rij, kolommen, strict=True):
        formaat = None
        if kolom.soort != TEKST and waarde is not None:
            soort = kolom.soort
            if soort == PROCENT:
                waarde = waarde / 100
            elif soort == DECIMAAL and isinstance(waarde, int):
                soort = GETAL
            formaat = formaten[soort]
        waarden.append(waarde)
        opmaak.append(formaat)
    return waarden, opmaak


def xlsx_bytes(rapport: Rapport) -> bytes:
    """The report as one workbook, one sheet per section, real numbers and dates.

    Row 1 holds the section title; the first table's title and header (rows 2-3) are
    frozen with it, so they stay visible while scrolling.
    """
    uit = io.BytesIO()
    with tabellen.Werkboek(uit) as boek:
        kop = boek.formaat(bold=True, font_size=14)
        vet = boek.formaat(bold=True)
        kolomkop = boek.formaat(**KOLOMKOP)
        formaten = {soort: boek.formaat(num_format=f) for soort, f in FORMATEN.items()}
        for sectie in rapport.secties:
            blad = boek.blad(sectie.titel)
            blad.kop_vastzetten(3)
            blad.rij(0, [f"{sectie.titel} – {rapport.periode.label}"], kop)
            regel = 1
            breedtes: dict[int, int] = {}
            for nummer, tabel in enumerate(sectie.tabellen):
                if nummer:
                    regel += 1  # an empty row between tables
                blad.rij(regel, [tabel.titel], vet)
                blad.rij(regel + 1, [k.titel for k in tabel.kolommen], kolomkop)
                regel += 2
                for rij in tabel.rijen:
                    blad.rij(regel, *_xlsx_rij(rij, tabel.kolommen, formaten))
                    regel += 1
                for i, kolom in enumerate(tabel.kolommen):
                    lengte = max([len(kolom.titel)] + [len(str(r[i] or "")) for r in tabel.rijen])
                    breedtes[i] = max(breedtes.get(i, 10), min(lengte + 2, 60))
            for i, breedte in breedtes.items():
                blad.kolombreedte(i, breedte)
    return uit.getvalue()


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
    """A raw list as streamed CSV chunks (BOM and header first); holds one batch at a time."""
    return tabellen.csv_stream(itertools.chain([kolommen], rijen))


def ruw_xlsx_schrijven(
    bestand, titel: str, kolommen: list[str], rijen: Iterable[tuple], voortgang=None
) -> int:
    """Write a raw list to `bestand` in constant memory (see `Werkboek`); returns rows.

    Numbers stay numbers, dates and times get real Excel formats, the header row is frozen.
    """
    with tabellen.Werkboek(bestand) as boek:
        blad = boek.blad(titel)
        blad.kop_vastzetten(1)
        for i, naam in enumerate(kolommen):
            blad.kolombreedte(i, min(max(len(naam) + 2, 12), 40))
        blad.rij(0, kolommen, boek.formaat(bold=True))
        regel = 0
        schrijf = blad.rij
        for regel, rij in enumerate(rijen, 1):  # noqa: B007 (regel is the row count afterwards)
            schrijf(regel, rij)
            if voortgang and regel % 20000 == 0:
                voortgang(regel)
    return regel
