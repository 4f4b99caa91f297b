"""Every bar of the yearly report draws the value its table shows, and no label is clipped."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.factories import AanmeldingFactory, KenniscafeFactory, moment
from tests.verantwoording.lezers import html_tabellen
from werkplaats.verantwoording.rapport import Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get
from werkplaats.verantwoording.tekstbreedte import tekst_breedte
from werkplaats.verantwoording.weergave import rapport_weergave, staafdiagram

pytestmark = pytest.mark.django_db

RAPPORT = reverse("verantwoording:rapport")


class _GrafiekLezer(HTMLParser):
    """{"grafiek-<section>-<table>": [(label, value text), ...]} from the page's SVGs."""

    def __init__(self):
        super().__init__()
        self.grafieken = {}
        self._balken = None
        self._klasse = None
        self._tekst = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "grafiek__svg" in attrs.get("class", ""):
            sleutel = attrs["aria-labelledby"].split()[0].removesuffix("-titel")
            self._balken = self.grafieken.setdefault(sleutel, [])
        elif tag == "text" and self._balken is not None:
            self._klasse = attrs.get("class")
            self._tekst = []

    def handle_data(self, data):
        if self._klasse:
            self._tekst.append(data)

    def handle_endtag(self, tag):
        if tag == "text" and self._klasse:
            tekst = "".join(self._tekst).strip()
            if self._klasse == "grafiek__label":
                self._balken.append([tekst, None])
            else:
                self._balken[-1][1] = tekst
            self._klasse = None
        elif tag == "svg":
            self._balken = None


def html_grafieken(html: str) -> dict:
    lezer = _GrafiekLezer()
    lezer.feed(html)
    return lezer.grafieken


def test_every_bar_on_the_page_shows_the_value_in_its_table_row(client, beheerder, wereld):
    client.force_login(beheerder)
    html = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": "2021"}).content.decode()
    tabellen = html_tabellen(html)
    grafieken = html_grafieken(html)
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    getekend = 0
    for sectie in rapport.secties:
        for tabel in sectie.tabellen:
            if not tabel.grafiek:
                continue
            kolom = tabel.kolommen[tabel.grafiek[1]].sleutel
            balken = grafieken.get(f"grafiek-{sectie.sleutel}-{tabel.sleutel}", [])
            rijen = tabellen[f"tabel-{sectie.sleutel}-{tabel.sleutel}"]
            for label, waarde in balken:
                assert waarde == rijen[label][kolom], (sectie.sleutel, tabel.sleutel, label)
                getekend += 1
    assert getekend > 20


def _grafieken(rapport):
    """(table, chart) for every chart of the report."""
    for sectie in rapport_weergave(rapport):
        for t in sectie.tabellen:
            if t.grafiek:
                yield t, t.grafiek


def test_every_bar_of_a_full_report_draws_its_table_cell(wereld):
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    getekend = 0
    for t, grafiek in _grafieken(rapport):
        label_i, waarde_i = t.tabel.grafiek
        cellen = {
            str(rij[label_i]): (rij[waarde_i], cel) for rij, cel in zip(t.tabel.rijen, t.rijen)
        }
        for balk in grafiek.balken:
            waarde, cel = cellen[balk.label]
            assert balk.waarde == waarde, (t.id, balk.label)
            assert balk.tekst == cel[waarde_i].tekst, (t.id, balk.label)
            getekend += 1
        # Rows left out of a chart are exactly the rows with nothing in its column.
        zonder = {label for label, (waarde, _c) in cellen.items() if waarde is None}
        assert {b.label for b in grafiek.balken} == set(cellen) - zonder, t.id
    assert getekend > 20


def test_the_students_at_cafes_get_their_bar_in_the_education_chart(wereld):
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    onderwijs = rapport.sectie("onderwijs").tabel("onderwijs")
    grafiek = staafdiagram("onderwijs", onderwijs)
    balken = {b.label: b.waarde for b in grafiek.balken}
    for rij in onderwijs.rijen:
        if rij[2] is not None:
            assert balken[str(rij[0])] == rij[2]
    assert rapport.sectie("kenniscafes").tabel("kerncijfers").rijen[5][1] in balken.values()


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture(scope="module")
def dejavu_breedte():
    """The true width in pixels of a text in DejaVu Sans at 13 px, from the font itself."""
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans is not installed")
    from fontTools.ttLib import TTFont

    font = TTFont(DEJAVU)
    em, cmap, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
    return lambda tekst: sum(hmtx[cmap[ord(c)]][0] for c in tekst) * 13 / em


LANG = "Een heel lang kenniscafé over Wonen, Welzijn en Werk in de Wijk: wat MOET er beter?"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_no_label_or_value_of_any_chart_is_clipped(wereld, dejavu_breedte, taal):
    cafe = KenniscafeFactory(titel=LANG, start=moment("2021-03-03"))
    AanmeldingFactory(kenniscafe=cafe, aanwezig=True)
    with translation.override(taal):
        rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
        grafieken = [g for _t, g in _grafieken(rapport)]
    assert LANG in {b.label for g in grafieken for b in g.balken}
    for g in grafieken:
        for b in g.balken:
            # Right-aligned at label_x: the label starts at label_x minus its width.
            assert g.label_x - dejavu_breedte(b.label) >= 0, (g.id, b.label)
            assert g.label_x - tekst_breedte(b.label) >= 0, (g.id, b.label)
            assert b.tekst_x + dejavu_breedte(b.tekst) <= g.breedte, (g.id, b.tekst)


def test_the_pdf_and_the_page_draw_labels_whole_at_the_computed_column(client, beheerder, wereld):
    cafe = KenniscafeFactory(titel=LANG, start=moment("2021-03-03"))
    AanmeldingFactory(kenniscafe=cafe, aanwezig=True)
    client.force_login(beheerder)
    html = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": "2021"}).content.decode()
    with translation.override("nl"):
        rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
        afdruk = render_to_string(
            "verantwoording/afdruk.html",
            {"periode": rapport.periode, "rapport": rapport, "secties": rapport_weergave(rapport)},
        )
    grafiek = staafdiagram("kenniscafes", rapport.sectie("kenniscafes").tabel("cafes"))
    for pagina in (html, afdruk):
        assert f'<text x="{grafiek.label_x}" ' in pagina
        assert f">{LANG}</text>" in pagina
        assert "…</text>" not in pagina
        assert re.search(rf'viewBox="0 0 {grafiek.breedte} {grafiek.hoogte}"', pagina)
