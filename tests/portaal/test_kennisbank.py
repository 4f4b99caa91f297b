"""The national kennisbank and the themes across regions: published items of every
werkplaats, the werkplaats facet, links and citations to each item's own site."""

import pytest

from publicaties.models import Publicatie
from tests.factories import WerkplaatsFactory
from tests.publicaties.factories import PublicatieFactory, ThemaFactory
from tests.werkteams.factories import WerkteamFactory
from werkplaats.kern.huidig import in_werkplaats

from .conftest import haal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_host")]


@pytest.fixture
def kennis(regio):
    armoede = ThemaFactory(naam="Armoede", slug="armoede")
    team = WerkteamFactory(naam="Team Schuldhulp", slug="schuldhulp")
    PublicatieFactory(
        titel="Schulden bij jonge gezinnen",
        slug="schulden-gezinnen",
        themas=[armoede],
        werkteams=[team],
        samenvatting="Over schulden en armoede in de wijk.",
    )
    PublicatieFactory(titel="Geheim schuldenconcept", status=Publicatie.Status.CONCEPT)
    with in_werkplaats(regio):
        armoede_b = ThemaFactory(naam="Armoede", slug="armoede")
        team_b = WerkteamFactory(naam="Team Geldzorgen", slug="geldzorgen")
        PublicatieFactory(
            titel="Schulden en werk",
            slug="schulden-werk",
            themas=[armoede_b],
            werkteams=[team_b],
            auteurs=[("Fictieve", "Onderzoeker")],
            type=Publicatie.Type.ONDERZOEKSRAPPORT,
        )
        PublicatieFactory(
            titel="Tweede stuk over schulden regio B", slug="tweede", themas=[armoede_b]
        )
        PublicatieFactory(titel="Concept in regio B", status=Publicatie.Status.CONCEPT)


def _facet(inhoud: str, slug: str) -> str:
    start = inhoud.index(f'id="f-werkplaats-{slug}"')
    return inhoud[start : inhoud.index("</li>", start)]


def test_search_over_every_werkplaats_without_drafts_with_links_and_citations(client, kennis):
    inhoud = haal(client, "/kennisbank/?q=schulden").content.decode()
    assert "Schulden bij jonge gezinnen" in inhoud and "Schulden en werk" in inhoud
    assert "concept" not in inhoud.lower()
    assert "<mark>" in inhoud  # snippets highlighted by the kennisbank's own search
    assert 'href="http://testserver/kennisbank/schulden-gezinnen/"' in inhoud
    assert 'href="http://regio-b.testserver/kennisbank/schulden-werk/"' in inhoud
    # The citation names the werkplaats that published it, with its address there.
    assert "Onderzoeker, F. (2022). <em>Schulden en werk</em>. Werkplaats Regio B." in inhoud
    assert "http://regio-b.testserver/kennisbank/schulden-werk/</p>" in inhoud


def test_werkplaats_facet_counts_and_filters(client, kennis):
    inhoud = haal(client, "/kennisbank/?q=schulden").content.decode()
    assert "(1<" in _facet(inhoud, "test") and "(2<" in _facet(inhoud, "regio-b")
    # Themes with the same slug in both werkplaatsen are one value.
    assert inhoud.count('id="f-thema-armoede"') == 1
    gekozen = haal(client, "/kennisbank/?q=schulden&werkplaats=regio-b").content.decode()
    assert "Schulden en werk" in gekozen and "Schulden bij jonge gezinnen" not in gekozen
    # A facet does not narrow its own counts: the other werkplaats stays choosable.
    assert "(1<" in _facet(gekozen, "test") and "checked" in _facet(gekozen, "regio-b")
    assert "werkplaats=regio-b" in gekozen  # kept in the page's links
    thema = haal(client, "/kennisbank/?thema=armoede&werkplaats=test").content.decode()
    assert "Schulden bij jonge gezinnen" in thema and "Schulden en werk" not in thema


def test_browsing_without_words_and_htmx_fragment(client, kennis):
    response = haal(client, "/kennisbank/?werkplaats=regio-b", HTTP_HX_REQUEST="true")
    inhoud = response.content.decode()
    assert "<html" not in inhoud and "2 resultaten" in inhoud
    assert "Tweede stuk over schulden regio B" in inhoud


def test_an_inactive_werkplaats_is_not_searched(client, kennis):
    slapend = WerkplaatsFactory(actief=False)
    with in_werkplaats(slapend):
        PublicatieFactory(titel="Schulden van een slapende werkplaats")
    inhoud = haal(client, "/kennisbank/?q=schulden").content.decode()
    assert "slapende" not in inhoud and "Schulden en werk" in inhoud


def test_kennisbank_query_count_does_not_grow(client, kennis, django_assert_num_queries):
    def groei():
        for _ in range(3):
            nieuw = WerkplaatsFactory()
            with in_werkplaats(nieuw):
                for _ in range(4):
                    PublicatieFactory(titel="Schulden elders", auteurs=[("A", "B"), ("C", "D")])

    # As for the agenda: a miss with warm memos, then the hit from the page cache.
    for stap in (None, groei):
        if stap:
            stap()
        client.get("/kennisbank/?q=schulden&w=1", HTTP_HOST="portaal.testserver")
        # werkplaatsen, words and codes, search, werkplaats counts, authors, hosts
        with django_assert_num_queries(6):
            client.get("/kennisbank/?q=schulden&m=1", HTTP_HOST="portaal.testserver")
        with django_assert_num_queries(0):
            client.get("/kennisbank/?q=schulden&m=1", HTTP_HOST="portaal.testserver")


def test_themes_across_regions_from_published_publications(client, kennis, regio):
    with in_werkplaats(regio):
        verborgen = WerkteamFactory(naam="Team Alleen Concept")
        PublicatieFactory(
            titel="x",
            status=Publicatie.Status.CONCEPT,
            werkteams=[verborgen],
            themas=[ThemaFactory(naam="Wonen", slug="wonen")],
        )
    inhoud = haal(client, "/themas/").content.decode()
    assert inhoud.count('id="thema-armoede"') == 1 and "In 2 werkplaatsen" in inhoud
    assert 'href="http://testserver/werkteams/schuldhulp/"' in inhoud
    assert 'href="http://regio-b.testserver/werkteams/geldzorgen/"' in inhoud
    assert "Team Alleen Concept" not in inhoud and "Wonen" not in inhoud


def test_home_and_werkplaatsen_pages(client, regio):
    assert "/agenda/" in haal(client, "/").content.decode()
    inhoud = haal(client, "/werkplaatsen/").content.decode()
    assert 'href="http://regio-b.testserver/"' in inhoud
