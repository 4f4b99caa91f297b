"""The PDF of the report: the golden figures in its text, tagged and Dutch, made only by the
export job (never in a request), listed and permission-checked like the other files, and
frozen with a closed year."""

import hashlib
import io
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.factories import AanmeldingFactory, GebruikerFactory
from tests.verantwoording.conftest import GOUDEN
from tests.verantwoording.lezers import pdf_tekst
from werkplaats.kern.selectors import site_instellingen_get
from werkplaats.verantwoording import bestanden, services
from werkplaats.verantwoording.models import AfsluitingBestand, Export
from werkplaats.verantwoording.rapport import PROCENT, Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get
from werkplaats.verantwoording.weergave import waarde_tekst

pytestmark = pytest.mark.django_db

EXPORTS = reverse("verantwoording:export_list")
JAAR_2021 = {"soort": "kalenderjaar", "jaar": "2021"}


def zichtbaar(waarde, soort) -> str:
    """A golden value as the Dutch report prints it (written out here, not by the site)."""
    if isinstance(waarde, float):
        tekst = f"{waarde:.1f}".replace(".", ",")
        return f"{tekst} %" if soort == PROCENT else tekst
    return str(waarde)


def pdf_van(scope=None) -> tuple[object, bytes]:
    with translation.override("nl"):
        rapport = rapport_get(Verslagperiode.kalenderjaar(2021), scope)
        _naam, _titel, mimetype, inhoud = bestanden.pdf_bestand(
            rapport, site_instellingen_get(), timezone.now()
        )
    assert mimetype == "application/pdf"
    return rapport, inhoud


def export_pdf(client, django_capture_on_commit_callbacks) -> Export:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORTS, {**JAAR_2021, "uitvoer": "pdf"})
    assert response.status_code == 302
    return Export.objects.get()


def test_every_golden_figure_is_in_the_pdf_in_its_table_row(wereld):
    rapport, inhoud = pdf_van()
    tekst = pdf_tekst(inhoud)
    # The tables in the order they are printed; each one's text runs to the next title.
    volgorde = [(s, t) for s in rapport.secties for t in s.tabellen]
    begin, stukken = 0, {}
    for i, (sectie, tabel) in enumerate(volgorde):
        begin = tekst.index(tabel.titel, begin)
        eind = len(tekst)
        if i + 1 < len(volgorde):
            eind = tekst.find(volgorde[i + 1][1].titel, begin + len(tabel.titel))
        stukken[(sectie.sleutel, tabel.sleutel)] = tekst[begin : eind if eind > 0 else None]
    gecontroleerd = 0
    for (sectie_sleutel, tabel_sleutel), rijen in GOUDEN.items():
        tabel = rapport.sectie(sectie_sleutel).tabel(tabel_sleutel)
        stuk = stukken[(sectie_sleutel, tabel_sleutel)]
        for rij_label, kolommen in rijen.items():
            rij = next(r for r in tabel.rijen if str(r[0]) == str(rij_label))
            for kolom, verwacht in kolommen.items():
                i = tabel.kolom_index(kolom)
                cellen = [waarde_tekst(w, k.soort) for w, k in zip(rij, tabel.kolommen)]
                # The hand-counted figure, written out by the test, in its column of the row.
                cellen[i] = zichtbaar(verwacht, tabel.kolommen[i].soort)
                regel = " ".join(cellen)
                assert re.search(re.escape(regel) + r"(?= [^\d–]| ?$)", stuk), (
                    sectie_sleutel,
                    tabel_sleutel,
                    rij_label,
                    kolom,
                    regel,
                )
                gecontroleerd += 1
    assert gecontroleerd == sum(len(k) for r in GOUDEN.values() for k in r.values())


def test_the_pdf_is_tagged_dutch_with_a_title_and_every_chart_has_its_text_alternative(wereld):
    rapport, inhoud = pdf_van()
    reader = PdfReader(io.BytesIO(inhoud))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title.startswith("Verantwoording 2021")
    assert reader.metadata.author == site_instellingen_get().naam
    tekst = pdf_tekst(inhoud)
    grafieken = [t for s in rapport.secties for t in s.tabellen if t.grafiek and t.rijen]
    assert len(grafieken) >= 5
    assert tekst.count("Staafdiagram van") == len(grafieken)
    assert "Gemaakt op" in tekst
    # The structure tree: every chart a Figure with an alternative text, tables with headers.
    soorten, figuren = structuur(root["/StructTreeRoot"])
    assert sorted(figuren) == sorted(
        f"{t.titel}: {t.kolommen[t.grafiek[1]].titel}" for t in grafieken
    )
    assert soorten["/Table"] == sum(len(s.tabellen) for s in rapport.secties)
    assert soorten["/TH"] > 0 and soorten["/H1"] == 1 and soorten["/H2"] == len(rapport.secties)


def structuur(element, soorten=None, figuren=None):
    """(count per structure type, alternative texts of Figures) of a PDF's structure tree."""
    soorten = Counter() if soorten is None else soorten
    figuren = [] if figuren is None else figuren
    element = element.get_object() if hasattr(element, "get_object") else element
    if isinstance(element, list):
        for kind in element:
            structuur(kind, soorten, figuren)
    elif isinstance(element, dict):
        if "/S" in element:
            soorten[element["/S"]] += 1
            if element["/S"] == "/Figure" and "/Alt" in element:
                figuren.append(str(element["/Alt"]))
        if "/K" in element:
            structuur(element["/K"], soorten, figuren)
    return soorten, figuren


def test_a_coordinators_pdf_holds_only_their_own_sections(
    client, wereld, django_capture_on_commit_callbacks
):
    client.force_login(wereld["coord1"])
    export = export_pdf(client, django_capture_on_commit_callbacks)
    bestand = export.bestanden.get()
    download = client.get(reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk]))
    assert download.status_code == 200
    tekst = pdf_tekst(b"".join(download.streaming_content))
    assert "Armoede en schulden" in tekst and "Schulden en stress" in tekst
    assert "Gezond-sociaal" not in tekst and "De scootmobiel" not in tekst
    assert "Partners per sector" not in tekst  # the whole-Werkplaats section is not theirs


def test_the_pdf_export_is_listed_and_downloads_only_for_who_may_see_it(
    client, beheerder, wereld, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    export = export_pdf(client, django_capture_on_commit_callbacks)
    assert export.status == Export.Status.KLAAR and export.voortgang == 100
    bestand = export.bestanden.get()
    assert bestand.naam == "verantwoording-kalenderjaar-2021-rapport.pdf"
    assert bestand.mimetype == "application/pdf"
    url = reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk])
    lijst = client.get(EXPORTS, HTTP_HX_REQUEST="true").content.decode()
    assert url in lijst and "Verantwoording (PDF)" in lijst
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    inhoud = b"".join(download.streaming_content)
    assert inhoud.startswith(b"%PDF-") and len(inhoud) == bestand.grootte
    client.force_login(wereld["coord1"])
    assert client.get(url).status_code == 404  # someone else's export
    client.force_login(GebruikerFactory())
    assert client.get(url).status_code == 403  # not a coordinator at all
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_no_pdf_is_rendered_in_a_request(
    client, beheerder, wereld, monkeypatch, django_capture_on_commit_callbacks
):
    gemaakt = []
    echt = bestanden.pdf_uit_html

    def telt(html):
        gemaakt.append(html)
        return echt(html)

    monkeypatch.setattr(bestanden, "pdf_uit_html", telt)
    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=False) as taken:
        assert client.post(EXPORTS, {**JAAR_2021, "uitvoer": "pdf"}).status_code == 302
        assert client.post(reverse("verantwoording:afsluiten"), {"jaar": 2021}).status_code == 302
    assert gemaakt == []  # both requests only queued jobs
    for taak in taken:
        taak()
    assert len(gemaakt) == 2  # the export's PDF and the closed year's PDF, by the jobs


def test_closing_freezes_the_print_version_and_its_pdf_is_made_once(
    beheerder, wereld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        afsluiting = services.jaar_afsluiten(beheerder, 2021)
    pdf = afsluiting.bestanden.get(mimetype="application/pdf")
    assert pdf.naam == "verantwoording-kalenderjaar-2021-rapport.pdf"
    assert afsluiting.bestanden.filter(mimetype__startswith="text/html").count() == 1
    assert afsluiting.bestanden.count() == 9  # workbook, six CSVs, print HTML, PDF
    assert pdf.sha256 == hashlib.sha256(bytes(pdf.inhoud)).hexdigest()
    tekst = pdf_tekst(bytes(pdf.inhoud))
    assert "Aanmeldingen 6 Bezoekers 5" in tekst

    # A later change, a re-delivered job and the sweeper: the stored PDF stays as it was.
    AanmeldingFactory(kenniscafe=wereld["k1"], aanwezig=True, rol="student")
    assert services.afsluiting_pdf_make(afsluiting.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        services.exports_sweep()
    na = AfsluitingBestand.objects.get(pk=pdf.pk)
    assert bytes(na.inhoud) == bytes(pdf.inhoud)
    assert afsluiting.bestanden.filter(mimetype="application/pdf").count() == 1


def test_the_sweeper_makes_a_closed_years_pdf_whose_job_was_lost(
    beheerder, wereld, django_capture_on_commit_callbacks
):
    afsluiting = services.jaar_afsluiten(beheerder, 2021)  # its job never runs here
    assert not afsluiting.bestanden.filter(mimetype="application/pdf").exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.exports_sweep() == 0  # just closed: its job may still come
    assert not afsluiting.bestanden.filter(mimetype="application/pdf").exists()
    with django_capture_on_commit_callbacks(execute=True):
        _eerder(afsluiting)
        assert services.exports_sweep() == 1
    assert afsluiting.bestanden.filter(mimetype="application/pdf").count() == 1


def _eerder(afsluiting):
    """Pretend the year was closed an hour ago (the trigger forbids UPDATE, so do it raw)."""
    from django.db import connection

    with connection.cursor() as cur:
        # The row's deferred foreign-key checks would keep ALTER TABLE waiting.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("ALTER TABLE verantwoording_afsluiting DISABLE TRIGGER USER")
        cur.execute(
            "UPDATE verantwoording_afsluiting SET aangemaakt = %s WHERE id = %s",
            [timezone.now() - timedelta(hours=1), afsluiting.pk],
        )
        cur.execute("ALTER TABLE verantwoording_afsluiting ENABLE TRIGGER USER")
