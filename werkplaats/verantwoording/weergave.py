"""How the report looks on the web page: formatted cells and server-rendered SVG bar charts.

No database access: everything comes from a `Rapport`.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import ngettext

from .rapport import DATUM, PROCENT, TEKST, Rapport, Tabel
from .tekstbreedte import tekst_breedte

BALK_RUIMTE = 390  # the longest bar
LETTERGROOTTE = 13
LABEL_AFSTAND = 8  # between a label's end and its bar
RAND = 4  # left of the longest label and right of the longest value
MIN_LABEL_BREEDTE = 120
MIN_WAARDE_RUIMTE = 70
WAARDE_AFSTAND = 6  # between a bar's end and its value
RIJ_HOOGTE = 28
BALK_HOOGTE = 18


def waarde_tekst(waarde, soort: str) -> str:
    """One value as a person reads it on the Dutch page ("75,0 %", "1.234", "10 maart 2021")."""
    if waarde is None or waarde == "":
        return "–"
    if soort == TEKST:
        return str(waarde)
    if isinstance(waarde, str) and soort == DATUM:
        waarde = datetime.date.fromisoformat(waarde)
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    if soort == PROCENT:
        return f"{number_format(waarde, decimal_pos=1, force_grouping=True)} %"
    if isinstance(waarde, float):
        return number_format(waarde, decimal_pos=1, force_grouping=True)
    return number_format(waarde, force_grouping=True)


@dataclass
class Balk:
    label: str
    waarde: object  # the number in the table cell the bar draws
    tekst: str
    y: float
    breedte: float
    tekst_x: float
    label_y: float


@dataclass
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    label_breedte: int
    balken: list[Balk]

    @property
    def label_x(self) -> int:
        """Where the labels end (they are right-aligned against their bars)."""
        return self.label_breedte - LABEL_AFSTAND


def staafdiagram(sectie_sleutel: str, tabel: Tabel) -> Grafiek | None:
    """A horizontal bar chart of one column of a table, with a text alternative."""
    if not tabel.grafiek or not tabel.rijen:
        return None
    label_i, waarde_i = tabel.grafiek
    kolom = tabel.kolommen[waarde_i]
    # A row without a value in this column (shown as "–") gets no bar rather than a 0.
    paren = [(str(r[label_i]), r[waarde_i]) for r in tabel.rijen if r[waarde_i] is not None]
    if not paren:
        return None
    teksten = [waarde_tekst(w, kolom.soort) for _l, w in paren]
    # The label column fits the longest label and the value room the longest value, so no
    # text is ever clipped (on screen or in the PDF); the whole chart scales to the page.
    label_breedte = max(
        MIN_LABEL_BREEDTE,
        RAND + LABEL_AFSTAND + max(tekst_breedte(label, LETTERGROOTTE) for label, _w in paren),
    )
    waarde_ruimte = max(
        MIN_WAARDE_RUIMTE,
        WAARDE_AFSTAND + RAND + max(tekst_breedte(t, LETTERGROOTTE) for t in teksten),
    )
    maximum = max(w for _l, w in paren) or 1
    balken = []
    for i, ((label, waarde), tekst) in enumerate(zip(paren, teksten, strict=True)):
        breedte = round(BALK_RUIMTE * waarde / maximum, 1)
        y = i * RIJ_HOOGTE + (RIJ_HOOGTE - BALK_HOOGTE) / 2
        balken.append(
            Balk(
                label=label,
                waarde=waarde,
                tekst=tekst,
                y=y,
                breedte=breedte,
                tekst_x=label_breedte + breedte + WAARDE_AFSTAND,
                label_y=y + BALK_HOOGTE - 4,
            )
        )
    hoogste = max(paren, key=lambda p: p[1])
    beschrijving = ngettext(
        "Bar chart of %(kolom)s per row: %(n)s bar; highest %(label)s with %(waarde)s. "
        "The table below holds every value.",
        "Bar chart of %(kolom)s per row: %(n)s bars; highest %(label)s with %(waarde)s. "
        "The table below holds every value.",
        len(paren),
    ) % {
        "kolom": kolom.titel.lower(),
        "n": len(paren),
        "label": hoogste[0],
        "waarde": waarde_tekst(hoogste[1], kolom.soort),
    }
    return Grafiek(
        id=f"grafiek-{sectie_sleutel}-{tabel.sleutel}",
        titel=f"{tabel.titel}: {kolom.titel}",
        beschrijving=beschrijving,
        breedte=label_breedte + BALK_RUIMTE + waarde_ruimte,
        hoogte=max(len(paren) * RIJ_HOOGTE, RIJ_HOOGTE),
        label_breedte=label_breedte,
        balken=balken,
    )


@dataclass
class Cel:
    tekst: str
    kolom: str
    is_getal: bool


@dataclass
class TabelWeergave:
    id: str
    tabel: Tabel
    kopjes: list
    rijen: list[list[Cel]]
    grafiek: Grafiek | None


@dataclass
class SectieWeergave:
    sleutel: str
    titel: str
    tabellen: list[TabelWeergave]


def rapport_weergave(rapport: Rapport) -> list[SectieWeergave]:
    """The sections with formatted cells and charts, ready for the template."""
    secties = []
    for sectie in rapport.secties:
        tabellen = []
        for tabel in sectie.tabellen:
            rijen = [
                [
                    Cel(waarde_tekst(w, k.soort), k.sleutel, k.soort not in (TEKST, DATUM))
                    for w, k in zip(rij, tabel.kolommen, strict=True)
                ]
                for rij in tabel.rijen
            ]
            tabellen.append(
                TabelWeergave(
                    id=f"tabel-{sectie.sleutel}-{tabel.sleutel}",
                    tabel=tabel,
                    kopjes=[(k.titel, k.soort not in (TEKST, DATUM)) for k in tabel.kolommen],
                    rijen=rijen,
                    grafiek=staafdiagram(sectie.sleutel, tabel),
                )
            )
        secties.append(SectieWeergave(sectie.sleutel, sectie.titel, tabellen))
    return secties


def verschil_tekst(waarde) -> str:
    """A frozen or live value in the differences table."""
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        return number_format(waarde, decimal_pos=1, force_grouping=True)
    if isinstance(waarde, int):
        return number_format(waarde, force_grouping=True)
    return str(waarde)
