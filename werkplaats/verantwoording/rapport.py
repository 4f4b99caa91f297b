"""The shape of the yearly report: periods, sections, tables and columns (no database access).

Every output (web page, XLSX, CSV, frozen JSON) is rendered from the same `Rapport`, so
the numbers can only differ if the data differs.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

KALENDERJAAR = "kalenderjaar"
SCHOOLJAAR = "schooljaar"
PERIODE = "periode"


@dataclass(frozen=True)
class Verslagperiode:
    """The stretch of time a report covers: both dates inclusive."""

    soort: str
    sleutel: int
    start: datetime.date
    eind: datetime.date
    label: str

    @classmethod
    def kalenderjaar(cls, jaar: int) -> "Verslagperiode":
        return cls(
            KALENDERJAAR,
            jaar,
            datetime.date(jaar, 1, 1),
            datetime.date(jaar, 12, 31),
            str(jaar),
        )

    @classmethod
    def schooljaar(cls, jaar: int) -> "Verslagperiode":
        """The school year that starts on 1 September of `jaar`."""
        return cls(
            SCHOOLJAAR,
            jaar,
            datetime.date(jaar, 9, 1),
            datetime.date(jaar + 1, 8, 31),
            _("school year %(start)s-%(eind)s") % {"start": jaar, "eind": jaar + 1},
        )

    @classmethod
    def voor_periode(cls, periode) -> "Verslagperiode":
        return cls(
            PERIODE,
            periode.pk,
            periode.start,
            periode.eind,
            _("period %(naam)s") % {"naam": periode.naam},
        )


# Column kinds: how a value is shown, written to CSV and formatted in Excel.
TEKST = "tekst"
GETAL = "getal"
PROCENT = "procent"  # a percentage, e.g. 75.0 means 75.0 %
DECIMAAL = "decimaal"  # one decimal, e.g. an average score
DATUM = "datum"


@dataclass
class Kolom:
    sleutel: str
    titel: str
    soort: str = GETAL


@dataclass
class Tabel:
    """One table of figures; `grafiek` names the label and value columns of its bar chart."""

    sleutel: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list]
    grafiek: tuple[int, int] | None = None
    toelichting: str = ""
    sleutel_kolommen: int = 1  # how many leading columns identify a row (for differences)

    def kolom_index(self, sleutel: str) -> int:
        return next(i for i, k in enumerate(self.kolommen) if k.sleutel == sleutel)

    def waarde(self, rij_label, kolom_sleutel: str):
        """The value in the row whose first cell is `rij_label` (used by tests and diffs)."""
        index = self.kolom_index(kolom_sleutel)
        for rij in self.rijen:
            if rij[0] == rij_label:
                return rij[index]
        raise KeyError(rij_label)


@dataclass
class Sectie:
    sleutel: str
    titel: str
    tabellen: list[Tabel] = field(default_factory=list)

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for t in self.tabellen if t.sleutel == sleutel)


@dataclass
class Rapport:
    periode: Verslagperiode
    vorige: Verslagperiode | None
    secties: list[Sectie]
    alles: bool  # True: the whole Werkplaats; False: only the user's own werkteams

    def sectie(self, sleutel: str) -> Sectie:
        return next(s for s in self.secties if s.sleutel == sleutel)


def procent(teller: int, noemer: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not noemer:
        return None
    return round(100.0 * teller / noemer, 1)


def gemiddelde(totaal, aantal: int) -> float | None:
    if not aantal or totaal is None:
        return None
    return round(float(totaal) / aantal, 1)


def rapport_cijfers(rapport: Rapport) -> dict:
    """The report's figures as plain JSON data: {section: {table: {columns, rows}}}."""
    data = {
        "periode": {
            "soort": rapport.periode.soort,
            "sleutel": rapport.periode.sleutel,
            "label": rapport.periode.label,
        },
        "secties": {
            sectie.sleutel: {
                tabel.sleutel: {
                    "kolommen": [k.sleutel for k in tabel.kolommen],
                    "sleutels": tabel.sleutel_kolommen,
                    "rijen": tabel.rijen,
                }
                for tabel in sectie.tabellen
            }
            for sectie in rapport.secties
        },
    }
    # Round trip so dates become ISO strings exactly as they are stored when frozen.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@dataclass
class Verschil:
    sectie: str
    tabel: str
    rij: str
    kolom: str
    bevroren: object
    live: object


def rapport_verschillen(bevroren: dict, live: dict, rapport: Rapport) -> list[Verschil]:
    """Every cell where the live figures differ from the frozen ones, with readable titles."""
    titels = {}
    for sectie in rapport.secties:
        for tabel in sectie.tabellen:
            titels[(sectie.sleutel, tabel.sleutel)] = (
                sectie.titel,
                tabel.titel,
                {k.sleutel: k.titel for k in tabel.kolommen},
            )
    verschillen = []
    secties = list(dict.fromkeys([*bevroren["secties"], *live["secties"]]))
    for s in secties:
        b_tabellen = bevroren["secties"].get(s, {})
        l_tabellen = live["secties"].get(s, {})
        for t in dict.fromkeys([*b_tabellen, *l_tabellen]):
            b = b_tabellen.get(t, {"kolommen": [], "rijen": []})
            lv = l_tabellen.get(t, {"kolommen": [], "rijen": []})
            sectie_titel, tabel_titel, kolom_titels = titels.get((s, t), (s, t, {}))
            n = max(b.get("sleutels", 1), lv.get("sleutels", 1))

            def rijsleutel(rij, n=n):
                return " · ".join(str(w) for w in rij[:n])

            b_rijen = {rijsleutel(r): dict(zip(b["kolommen"], r, strict=False)) for r in b["rijen"]}
            l_rijen = {
                rijsleutel(r): dict(zip(lv["kolommen"], r, strict=False)) for r in lv["rijen"]
            }
            kolommen = list(dict.fromkeys([*b["kolommen"][n:], *lv["kolommen"][n:]]))
            for rij in dict.fromkeys([*b_rijen, *l_rijen]):
                for kolom in kolommen:
                    oud = b_rijen.get(rij, {}).get(kolom)
                    nieuw = l_rijen.get(rij, {}).get(kolom)
                    if oud != nieuw:
                        verschillen.append(
                            Verschil(
                                sectie_titel,
                                tabel_titel,
                                rij,
                                kolom_titels.get(kolom, kolom),
                                oud,
                                nieuw,
                            )
                        )
    return verschillen
