"""How the report looks on the web page: formatted cells and server-rendered SVG bar charts.

No database access: everything comes from a `Rapport`.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .rapport import DATUM, PROCENT, TEKST, Rapport, Tabel

GRAFIEK_BREEDTE = 720
LABEL_BREEDTE = 260
WAARDE_RUIMTE = 70
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


def staafdiagram(sectie_sleutel: str, tabel: Tabel) -> Grafiek | None:
    """A horizontal bar chart of one column of a table, with a text alternative."""
    if not tabel.grafiek or not tabel.rijen:
        return None
    label_i, waarde_i = tabel.grafiek
    kolom = tabel.kolommen[waarde_i]
    paren = [(str(r[label_i]), r[waarde_i] or 0) for r in tabel.rijen]
    maximum = max((w for _l, w in paren), default=0) or 1
    ruimte = GRAFIEK_BREEDTE - LABEL_BREEDTE - WAARDE_RUIMTE
    balken = []
    for i, (label, waarde) in enumerate(paren):
        breedte = round(ruimte * waarde / maximum, 1)
        y = i * RIJ_HOOGTE + (RIJ_HOOGTE - BALK_HOOGTE) / 2
        balken.append(
            Balk(
                label=label if len(label) <= 38 else label[:36] + "…",
                tekst=waarde_tekst(waarde, kolom.soort),
                y=y,
                breedte=breedte,
                tekst_x=LABEL_BREEDTE + breedte + 6,
                label_y=y + BALK_HOOGTE - 4,
            )
        )
    hoogste = max(paren, key=lambda p: p[1])
    beschrijving = _(
        "Bar chart of %(kolom)s per row: %(n)s bars; highest %(label)s with %(waarde)s. "
        "The table below holds every value."
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
        breedte=GRAFIEK_BREEDTE,
        hoogte=max(len(paren) * RIJ_HOOGTE, RIJ_HOOGTE),
        label_breedte=LABEL_BREEDTE,
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
