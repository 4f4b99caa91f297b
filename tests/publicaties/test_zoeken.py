"""Search on PostgreSQL: Dutch stemming, accents, weighting, facets, suggestions, no leaks."""

import pytest
from django.db import connection
from django.http import QueryDict

from publicaties.forms import zoekvraag_from_request
from publicaties.models import Publicatie
from publicaties.zoeken import PER_PAGINA, publicatie_search
from tests.werkteams.factories import WerkteamFactory

from .factories import PublicatieFactory, ThemaFactory

pytestmark = pytest.mark.django_db


def zoek(querystring: str):
    return publicatie_search(zoekvraag_from_request(QueryDict(querystring)))


def titels(resultaat) -> list[str]:
    return [item.titel for item in resultaat.items]


def test_stemming_schulden_finds_schuld():
    PublicatieFactory(titel="Leven met schuld in de wijk")
    PublicatieFactory(titel="Iets heel anders")
    assert titels(zoek("q=schulden")) == ["Leven met schuld in de wijk"]


def test_accents_cafe_finds_café_and_back():
    PublicatieFactory(titel="Verslag van het kenniscafé over armoede")
    assert titels(zoek("q=kenniscafe")) == ["Verslag van het kenniscafé over armoede"]
    PublicatieFactory(titel="Een cafe zonder accent")
    assert "Een cafe zonder accent" in titels(zoek("q=café"))


def test_weighting_title_then_authors_and_themes_then_summary_then_body():
    thema = ThemaFactory(naam="Algemeen", slug="algemeen")
    body = PublicatieFactory(titel="Vier", inhoud="Hier gaat het over mantelzorg.", jaar=2025)
    samenvatting = PublicatieFactory(titel="Drie", samenvatting="Over mantelzorg.", jaar=2024)
    auteur = PublicatieFactory(titel="Twee", auteurs=["Stichting Mantelzorg"], jaar=2023)
    titel = PublicatieFactory(titel="Mantelzorg in de regio", jaar=2020, themas=[thema])
    resultaat = zoek("q=mantelzorg")
    assert titels(resultaat) == [titel.titel, auteur.titel, samenvatting.titel, body.titel]


def test_theme_names_are_searchable_with_weight_b():
    thema = ThemaFactory(naam="Schuldhulpverlening", slug="schuldhulpverlening")
    PublicatieFactory(titel="Zonder woord", themas=[thema])
    assert titels(zoek("q=schuldhulpverlening")) == ["Zonder woord"]


def test_snippet_highlights_the_match_and_escapes_html():
    PublicatieFactory(
        titel="Over buurtteams",
        samenvatting="<script>alert(1)</script> Buurtteams & wijkagenten helpen bewoners.",
    )
    item = zoek("q=bewoners").items[0]
    assert "<mark>bewoners</mark>" in item.fragment
    assert "<script" not in item.fragment
    assert "&amp; wijkagenten" in item.fragment


def test_concepts_never_appear_in_search_or_facets():
    PublicatieFactory(titel="Geheime armoede-aanpak", status=Publicatie.Status.CONCEPT)
    PublicatieFactory(titel="Openbare armoede-aanpak")
    resultaat = zoek("q=armoede")
    assert titels(resultaat) == ["Openbare armoede-aanpak"]
    assert resultaat.totaal == 1
    assert sum(w.aantal for w in resultaat.facetten[0].waarden) == 1


def test_concept_words_are_not_suggested():
    PublicatieFactory(titel="Zeldzaamheidsonderzoek", status=Publicatie.Status.CONCEPT)
    assert zoek("q=zeldzaamheidsonderzoel").suggestie == ""


def test_did_you_mean_for_a_misspelled_word():
    PublicatieFactory(titel="De scootmobiel in de wijk")
    resultaat = zoek("q=scotmobiel")
    assert resultaat.totaal == 0
    assert resultaat.suggestie == "scootmobiel"
    assert "q=scootmobiel" in resultaat.suggestie_url


def test_suggestion_index_has_no_pending_list_and_sees_new_words_at_once():
    """The trigram index of the words goes without fastupdate (migration 0011): a pending
    list is read in full by every "did you mean" until VACUUM merges it (B5: 10 ms instead
    of 3). A word saved a moment ago is suggested straight away."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reloptions FROM pg_class c WHERE c.relname = 'zoekwoord_woord_trgm'"
        )
        assert "fastupdate=off" in cursor.fetchone()[0]
    PublicatieFactory(titel="De rollatorwandeling in het park")
    assert zoek("q=rolatorwandeling").suggestie == "rollatorwandeling"


def test_no_suggestion_when_there_are_results():
    PublicatieFactory(titel="De scootmobiel in de wijk")
    assert zoek("q=scootmobielen").suggestie == ""


@pytest.fixture
def facetdata():
    """Six rows with a known spread over type, year, theme and werkteam."""
    armoede = ThemaFactory(naam="Armoede", slug="armoede")
    zorg = ThemaFactory(naam="Zorg", slug="zorg")
    team = WerkteamFactory(naam="Gezond-sociaal", slug="gezond-sociaal")
    T = Publicatie.Type
    PublicatieFactory(titel="Wijk een", type=T.BLOG, jaar=2021, themas=[armoede])
    PublicatieFactory(titel="Wijk twee", type=T.BLOG, jaar=2022, themas=[armoede, zorg])
    PublicatieFactory(titel="Wijk drie", type=T.ADVIES, jaar=2022, themas=[zorg], werkteams=[team])
    PublicatieFactory(titel="Wijk vier", type=T.ADVIES, jaar=2021, werkteams=[team])
    PublicatieFactory(
        titel="Wijk vijf", type=T.BLOG, jaar=2022, kennisvormen=["ervaringskennis"],
        doelgroepen=["studenten"],
    )  # fmt: skip
    PublicatieFactory(titel="Wijk zes", type=T.BLOG, jaar=2022, status=Publicatie.Status.CONCEPT)


def facet(resultaat, naam) -> dict[str, int]:
    return {w.waarde: w.aantal for f in resultaat.facetten if f.naam == naam for w in f.waarden}


def test_facet_counts_without_filters(facetdata):
    r = zoek("q=wijk")
    assert r.totaal == 5
    assert facet(r, "type") == {"blog": 3, "advies": 2}
    assert facet(r, "jaar") == {"2022": 3, "2021": 2}
    assert facet(r, "thema") == {"armoede": 2, "zorg": 2}
    assert facet(r, "werkteam") == {"gezond-sociaal": 2}
    assert facet(r, "kennisvorm") == {"ervaringskennis": 1}
    assert facet(r, "doelgroep") == {"studenten": 1}


def test_facet_counts_stay_correct_under_combined_filters(facetdata):
    r = zoek("q=wijk&type=blog&jaar=2022")
    assert sorted(titels(r)) == ["Wijk twee", "Wijk vijf"]
    assert r.totaal == 2
    # Each facet counts what you would get by changing only that facet.
    assert facet(r, "type") == {"blog": 2, "advies": 1}  # year 2022 applies
    assert facet(r, "jaar") == {"2022": 2, "2021": 1}  # type blog applies
    assert facet(r, "thema") == {"armoede": 1, "zorg": 1}  # both apply
    assert facet(r, "werkteam") == {}


def test_values_within_a_facet_are_ored_and_facets_anded(facetdata):
    r = zoek("q=wijk&thema=armoede&thema=zorg&type=advies")
    assert titels(r) == ["Wijk drie"]
    assert facet(r, "thema") == {"zorg": 1, "armoede": 0}


def test_filters_work_without_words(facetdata):
    r = zoek("werkteam=gezond-sociaal")
    assert sorted(titels(r)) == ["Wijk drie", "Wijk vier"]
    assert facet(r, "type") == {"advies": 2}


def test_sort_by_date_puts_newest_first(facetdata):
    r = zoek("q=wijk&sortering=nieuwste")
    assert [i.jaar for i in r.items] == sorted([i.jaar for i in r.items], reverse=True)


def test_pagination_keeps_query_and_clamps_page():
    for n in range(PER_PAGINA + 5):
        PublicatieFactory(titel=f"Rapport over jeugdzorg {n}")
    eerste = zoek("q=jeugdzorg")
    assert eerste.totaal == PER_PAGINA + 5 and len(eerste.items) == PER_PAGINA
    assert "q=jeugdzorg" in eerste.volgende_url and "pagina=2" in eerste.volgende_url
    tweede = zoek("q=jeugdzorg&pagina=2")
    assert len(tweede.items) == 5
    assert not set(titels(eerste)) & set(titels(tweede))
    assert len(zoek("q=jeugdzorg&pagina=99").items) == 5
    assert zoek("q=jeugdzorg&pagina=99").pagina == 2


@pytest.mark.parametrize(
    "q",
    ["'; DROP TABLE publicaties_publicatie; --", "a:* & !", '"""', "<b>", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂", "x" * 500],
)
def test_hostile_queries_are_harmless(q):
    PublicatieFactory(titel="Gewoon een rapport")
    params = QueryDict(mutable=True)
    params["q"] = q
    resultaat = publicatie_search(zoekvraag_from_request(params))
    assert resultaat.totaal >= 0
    assert Publicatie.objects.count() == 1


def test_phrase_and_exclusion_use_websearch_syntax():
    PublicatieFactory(titel="Sociale wijkteams in Dordrecht")
    PublicatieFactory(titel="Wijkteams en sociale basis")
    assert titels(zoek('q="sociale wijkteams"')) == ["Sociale wijkteams in Dordrecht"]
    assert titels(zoek("q=wijkteams -dordrecht")) == ["Wijkteams en sociale basis"]


def test_long_facets_show_the_most_frequent_values_and_chosen_ones():
    from publicaties.zoeken import FACET_MAX

    themas = [ThemaFactory(naam=f"Thema {n:02d}", slug=f"t{n:02d}") for n in range(FACET_MAX + 3)]
    for n, thema in enumerate(themas):
        for _ in range(n % 3 + 1):
            PublicatieFactory(titel="Wijkaanpak", themas=[thema])
    gekozen = themas[-1]  # among the least frequent, and last by name
    r = zoek(f"q=wijkaanpak&thema={gekozen.slug}")
    thema_facet = next(f for f in r.facetten if f.naam == "thema")
    getoond = [w.waarde for w in thema_facet.waarden]
    assert gekozen.slug in getoond
    assert len(getoond) == FACET_MAX + 1 and thema_facet.verborgen == 2
    alles = zoek(f"q=wijkaanpak&thema={gekozen.slug}&meer=thema")
    assert len(next(f for f in alles.facetten if f.naam == "thema").waarden) == FACET_MAX + 3
    assert "meer=thema" in r.meer_url("thema")


def test_title_matches_are_ranked_and_summary_matches_follow_newest_first():
    twee_keer = PublicatieFactory(titel="Wijkteams en wijkteams", jaar=2010)
    een_keer = PublicatieFactory(titel="Over wijkteams", jaar=2024)
    oud = PublicatieFactory(titel="Oud", samenvatting="wijkteams wijkteams wijkteams", jaar=2011)
    nieuw = PublicatieFactory(titel="Nieuw", samenvatting="Over wijkteams.", jaar=2023)
    lijf = PublicatieFactory(titel="Lijf", inhoud="Over wijkteams.", jaar=2025)
    assert titels(zoek("q=wijkteams")) == [
        twee_keer.titel,  # ts_rank: more title occurrences rank higher, whatever the year
        een_keer.titel,
        nieuw.titel,  # summary layer: newest first
        oud.titel,
        lijf.titel,  # body only: last
    ]


def test_only_stop_words_show_the_collection():
    PublicatieFactory(titel="Een rapport")
    PublicatieFactory(titel="Nog een rapport")
    resultaat = zoek("q=de+het")
    assert resultaat.totaal == 2 and resultaat.zoekvraag.q == "de het"


def test_renamed_werkteam_is_found_under_its_new_name(django_capture_on_commit_callbacks):
    team = WerkteamFactory(naam="Oude naam", slug="oud-team")
    PublicatieFactory(titel="Verslag", werkteams=[team])
    with django_capture_on_commit_callbacks(execute=True):
        team.naam = "Eenzaamheidsaanpak"
        team.save()
    assert titels(zoek("q=eenzaamheidsaanpak")) == ["Verslag"]
