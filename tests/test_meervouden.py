"""Counted texts read as correct Dutch for one and for many (ngettext / blocktranslate count)."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from publicaties.models import Publicatie
from tests.factories import CoordinatorFactory, PublicatieFactory, SiteInstellingenFactory
from tests.werkteams.factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    WerkteamFactory,
    na_commit,
)
from werkplaats.kern.services import bericht_render
from werkplaats.verantwoording.rapport import Kolom, Tabel
from werkplaats.verantwoording.weergave import staafdiagram

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(db):
    return SiteInstellingenFactory()


@pytest.mark.parametrize(
    "verwerkt,totaal,tekst",
    [
        (1, 1, "1 van 1 adres verwerkt"),
        (0, 1, "0 van 1 adres verwerkt"),
        (2, 3, "2 van 3 adressen verwerkt"),
        (0, 0, "0 van 0 adressen verwerkt"),
    ],
)
def test_invitation_progress_counts_addresses(verwerkt, totaal, tekst):
    ronde = SimpleNamespace(status="klaar", verwerkt=verwerkt, totaal=totaal, nieuw=verwerkt, pk=1)
    html = render_to_string(
        "kenniscafes/uitnodiging_ronde.html#voortgang",
        {"ronde": ronde, "kenniscafe": SimpleNamespace(slug="x")},
    )
    assert tekst in html


@pytest.mark.parametrize("vrij,tekst", [(1, "Nog 1 plaats"), (3, "Nog 3 plaatsen")])
def test_places_left_count_places(vrij, tekst):
    kenniscafe = SimpleNamespace(status="gepubliceerd", vorm="fysiek", vrij={"totaal": vrij})
    html = render_to_string("kenniscafes/_plaatsen.html", {"kenniscafe": kenniscafe})
    assert tekst in html
    if vrij == 1:
        assert "plaatsen" not in html


@pytest.mark.parametrize(
    "dagen,tekst", [(1, "één keer en 1 dag lang:"), (7, "één keer en 7 dagen lang:")]
)
def test_invitation_mail_counts_days(dagen, tekst):
    gebruiker = CoordinatorFactory(first_name="Fatma")
    onderwerp, platte_tekst, html = bericht_render(
        "kern/emails/uitnodiging",
        {"gebruiker": gebruiker, "link": "https://werkplaats.example/x/", "dagen": dagen},
    )
    assert tekst in platte_tekst
    assert tekst in html


@pytest.mark.parametrize("rijen,tekst", [(1, ": 1 staaf;"), (3, ": 3 staven;")])
def test_bar_chart_text_alternative_counts_bars(rijen, tekst):
    tabel = Tabel(
        "t",
        "Bezoekers",
        [Kolom("naam", "Naam", "tekst"), Kolom("n", "Bezoekers")],
        [[f"rij {i}", 10 + i] for i in range(rijen)],
        grafiek=(0, 1),
    )
    assert tekst in staafdiagram("s", tabel).beschrijving


@pytest.mark.parametrize("leden,tekst", [(1, "gemaild naar 1 lid."), (2, "gemaild naar 2 leden.")])
def test_published_minutes_count_the_members_mailed(client, leden, tekst):
    werkteam = WerkteamFactory()
    coordinator = CoordinatorFactory()
    werkteam.coordinatoren.add(coordinator)
    bijeenkomst = BijeenkomstFactory(werkteam=werkteam, verslag="We spraken over wonen.")
    for _ in range(leden):
        AanwezigheidFactory(bijeenkomst=bijeenkomst, status="aanwezig")
    client.force_login(coordinator)
    url = reverse("werkteams:verslag_publish", args=[werkteam.slug, bijeenkomst.pk])
    with na_commit():
        response = client.post(url, headers={"HX-Request": "true"})
    assert f"Het verslag is gepubliceerd en {tekst}" in response.content.decode()


def test_kennisbank_facet_counts_read_one_result_or_many(client):
    PublicatieFactory(type=Publicatie.Type.ONDERZOEKSRAPPORT)
    PublicatieFactory.create_batch(2, type=Publicatie.Type.ARTIKEL)
    html = client.get(reverse("publicaties:publicatie_list")).content.decode()
    assert '(1<span class="visueel-verborgen"> resultaat</span>)' in html
    assert '(2<span class="visueel-verborgen"> resultaten</span>)' in html
    assert '1<span class="visueel-verborgen"> resultaten' not in html
