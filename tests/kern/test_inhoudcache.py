"""The content cache (`inhoudcache`, `inhoud_memo`): fresh renders of public pages reuse what
is the same for every visitor, and never anything of one visitor for another.

A visitor with a session (a returning visitor, one who chose a language, one with a
message) is passed by the whole-page cache; these tests use such visitors throughout.
"""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.cached_db import SessionStore
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import (
    ActiviteitFactory,
    BeheerderFactory,
    KenniscafeFactory,
    OrganisatieFactory,
    ProgrammaOnderdeelFactory,
    PublicatieFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
)
from werkplaats.kern.paginacache import CSRF_MARKER, inhoud_memo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteInstellingenFactory()


def bezoeker(**sessie) -> Client:
    """A visitor without an account whose session holds something: never a page-cache hit."""
    store = SessionStore()
    store["terug"] = True
    store.update(sessie)
    store.create()
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = store.session_key
    return client


def met_bericht(tekst: str) -> Client:
    """A visitor with a message waiting for them (as after a form sent without JS)."""
    client = bezoeker()
    opslag = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = opslag._encode([Message(constants.SUCCESS, tekst)])
    return client


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _html(client, url, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Fresh on the next request after an edit ------------------------------------------------


def test_a_cafe_edit_shows_on_the_next_request_in_detail_list_and_home():
    kenniscafe = KenniscafeFactory(titel="Armoede in gesprek")
    onderdeel = ProgrammaOnderdeelFactory(kenniscafe=kenniscafe, titel="Opening door de lector")
    client = bezoeker()
    for url in (kenniscafe.get_absolute_url(), reverse("kenniscafes:kenniscafe_list"), "/"):
        assert "Armoede in gesprek" in _html(client, url)
    kenniscafe.titel = "Schulden in gesprek"
    kenniscafe.save()
    onderdeel.titel = "Welkom door de wethouder"
    onderdeel.save()
    detail = _html(client, kenniscafe.get_absolute_url())
    assert "Schulden in gesprek" in detail and "Armoede in gesprek" not in detail
    assert "Welkom door de wethouder" in detail
    assert "Schulden in gesprek" in _html(client, reverse("kenniscafes:kenniscafe_list"))
    assert "Schulden in gesprek" in _html(client, "/")


def test_a_registration_changes_the_places_left_on_the_next_request():
    kenniscafe = KenniscafeFactory(plaatsen_locatie=2, vorm="fysiek")
    client = bezoeker()
    assert "Nog 2 plaatsen" in _html(client, kenniscafe.get_absolute_url())
    from tests.factories import AanmeldingFactory

    AanmeldingFactory(kenniscafe=kenniscafe, deelname="locatie")
    assert "Nog 1 plaats" in _html(client, kenniscafe.get_absolute_url())


def test_kennisbank_results_and_facets_follow_a_new_publication():
    PublicatieFactory(titel="Schulden bij jongeren", type="blog")
    client = bezoeker()
    url = reverse("publicaties:publicatie_list") + "?q=schulden"
    html = _html(client, url)
    assert "bij jongeren" in html and "in de wijk over" not in html
    PublicatieFactory(titel="Schuldhulp in de wijk over schulden", type="artikel")
    html = _html(client, url)
    assert "in de wijk over" in html
    # the htmx swap of the same search is fresh too
    swap = _html(client, url, headers={"HX-Request": "true"})
    assert "in de wijk over" in swap and "<html" not in swap


def test_a_publication_page_follows_an_edit_and_hides_a_withdrawn_item():
    publicatie = PublicatieFactory(titel="Vroegsignalering van schulden")
    client = bezoeker()
    url = publicatie.get_absolute_url()
    assert "Vroegsignalering van schulden" in _html(client, url)
    publicatie.titel = "Vroeg erbij zijn bij schulden"
    publicatie.save()
    html = _html(client, url)
    assert "Vroeg erbij zijn bij schulden" in html
    assert 'name="citation_title" content="Vroeg erbij zijn bij schulden"' in html
    publicatie.status = "concept"
    publicatie.save()
    assert client.get(url).status_code == 404
    # an editor still sees the draft, with the edit link the visitor never gets
    redacteur = Client()
    redacteur.force_login(BeheerderFactory())
    assert reverse("publicaties:publicatie_update", kwargs={"slug": publicatie.slug}) in (
        _html(redacteur, url)
    )


def test_the_archive_follows_a_new_visitor():
    import datetime

    from django.utils import timezone

    from tests.factories import AanmeldingFactory

    start = timezone.now() - datetime.timedelta(days=30)
    kenniscafe = KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))
    AanmeldingFactory(kenniscafe=kenniscafe, aanwezig=True)
    client = bezoeker()
    url = reverse("kenniscafes:kenniscafe_archive")
    assert "1 kenniscafé, 1 aanmeldingen, 1 bezoekers." in _html(client, url)
    AanmeldingFactory(kenniscafe=kenniscafe, aanwezig=True)
    assert "1 kenniscafé, 2 aanmeldingen, 2 bezoekers." in _html(client, url)


def test_team_pages_and_partners_follow_an_edit():
    team = WerkteamFactory(naam="Armoede en schulden")
    ActiviteitFactory(werkteam=team, titel="Ronde tafel in Dordrecht")
    client = bezoeker()
    assert "Ronde tafel in Dordrecht" in _html(client, team.get_absolute_url())
    assert "Armoede en schulden" in _html(client, reverse("werkteams:werkteam_list"))
    team.naam = "Bestaanszekerheid"
    team.save()
    ActiviteitFactory(werkteam=team, titel="Leerbijeenkomst in Gorinchem")
    html = _html(client, team.get_absolute_url())
    assert "Bestaanszekerheid" in html and "Leerbijeenkomst in Gorinchem" in html
    assert "Bestaanszekerheid" in _html(client, reverse("werkteams:werkteam_list"))
    OrganisatieFactory(naam="Stichting Nieuwe Partner")
    assert "Stichting Nieuwe Partner" in _html(client, "/")


def test_site_settings_in_header_and_footer_follow_an_edit(site):
    client = bezoeker()
    assert site.naam in _html(client, "/werkteams/")
    site.naam = "Werkplaats Sociaal Domein Nieuwe Naam"
    site.save()
    html = _html(client, "/werkteams/")
    assert html.count("Werkplaats Sociaal Domein Nieuwe Naam") >= 2  # logo and footer


# --- Never one visitor's data for another ---------------------------------------------------


def test_a_message_reaches_only_its_own_visitor():
    kenniscafe = KenniscafeFactory()
    url = kenniscafe.get_absolute_url()
    a = met_bericht("Je afmelding voor Ans is verwerkt.")
    assert "Je afmelding voor Ans is verwerkt." in _html(a, url)
    b = met_bericht("Bericht voor Bram.")
    html_b = _html(b, url)
    assert "Ans" not in html_b and "Bericht voor Bram." in html_b
    assert "Je afmelding" not in _html(bezoeker(), url)


def test_every_visitor_gets_their_own_working_csrf_token_from_a_cached_part():
    kenniscafe = KenniscafeFactory()
    url = kenniscafe.get_absolute_url()
    a, b = bezoeker(), bezoeker()
    html_a, html_b = _html(a, url), _html(b, url)
    assert CSRF_MARKER not in html_a + html_b
    token_a, token_b = _token(html_a), _token(html_b)
    # masked tokens differ per response; each unmasks to its own visitor's secret
    assert a.cookies["csrftoken"].value != b.cookies["csrftoken"].value
    for token in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html_b):
        assert token != token_a
    # b's token (from the cached registration form and footer) works for b …
    response = b.post(
        "/taal/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token_b}
    )
    assert response.status_code == 302
    # … and a's token does not work for b
    c = bezoeker()
    _html(c, url)
    response = c.post(
        "/taal/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token_a}
    )
    assert response.status_code == 403


def test_an_organisers_links_and_a_draft_never_reach_a_visitor():
    kenniscafe = KenniscafeFactory()
    url = kenniscafe.get_absolute_url()
    organisator = Client()
    organisator.force_login(BeheerderFactory())
    html = _html(organisator, url)
    assert reverse("kenniscafes:aanmelding_list", args=[kenniscafe.slug]) in html
    assert "Uitloggen" in html
    # the visitor after them
    html = _html(bezoeker(), url)
    assert reverse("kenniscafes:aanmelding_list", args=[kenniscafe.slug]) not in html
    assert "Uitloggen" not in html and "Inloggen" in html
    # and the other way round: the organiser never gets the visitor's version
    html = _html(organisator, url)
    assert reverse("kenniscafes:kenniscafe_update", args=[kenniscafe.slug]) in html
    concept = KenniscafeFactory(status="concept")
    assert "Concept" in _html(organisator, concept.get_absolute_url())
    assert bezoeker().get(concept.get_absolute_url()).status_code == 404


def test_someone_elses_input_and_errors_never_fill_the_next_visitors_form():
    kenniscafe = KenniscafeFactory()
    url = kenniscafe.get_absolute_url()
    a = bezoeker()
    token = _token(_html(a, url))
    # without JS an invalid registration shows the page again with the input and errors
    response = a.post(
        reverse("kenniscafes:aanmelden", args=[kenniscafe.slug]),
        {"naam": "Ans Geheim", "email": "ans@geheim", "csrfmiddlewaretoken": token},
    )
    html_a = response.content.decode()
    assert "Ans Geheim" in html_a and 'aria-invalid="true"' in html_a
    html_b = _html(bezoeker(), url)
    assert "Ans Geheim" not in html_b and "ans@geheim" not in html_b
    assert 'aria-invalid="true"' not in html_b


def test_the_language_of_a_visitor_is_part_of_the_key():
    kenniscafe = KenniscafeFactory()
    url = kenniscafe.get_absolute_url()
    assert "Aanmelden" in _html(bezoeker(), url)
    engels = bezoeker()
    engels.cookies["django_language"] = "en"
    html = _html(engels, url)
    assert "Register" in html and "Skip to content" in html
    assert "Direct naar de inhoud" in _html(bezoeker(), url)


# --- The tag and the memo themselves --------------------------------------------------------


def _render(template: str, request, **context) -> str:
    return Template("{% load inhoudcache %}" + template).render(
        Context({"request": request, **context})
    )


def _verzoek(gebruiker=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = gebruiker or AnonymousUser()
    return request


def test_the_tag_renders_once_per_key_and_again_for_another_key():
    teller = {"n": 0}

    def tel():
        teller["n"] += 1
        return teller["n"]

    request = _verzoek()
    sjabloon = '{% inhoudcache "proef" sleutel %}{{ tel }}{% endinhoudcache %}'
    assert _render(sjabloon, request, tel=tel, sleutel=1) == "1"
    assert _render(sjabloon, request, tel=tel, sleutel=1) == "1"
    assert _render(sjabloon, request, tel=tel, sleutel=2) == "2"


def test_the_tag_is_fresh_for_a_logged_in_user_and_for_a_bound_form():
    gebruiker = BeheerderFactory()
    sjabloon = '{% inhoudcache "persoonlijk" als=leeg %}{{ naam }}{% endinhoudcache %}'
    assert _render(sjabloon, _verzoek(), naam="eerste", leeg=True) == "eerste"
    assert _render(sjabloon, _verzoek(), naam="tweede", leeg=True) == "eerste"
    assert _render(sjabloon, _verzoek(gebruiker), naam="van de beheerder", leeg=True) == (
        "van de beheerder"
    )
    assert _render(sjabloon, _verzoek(), naam="met fouten", leeg=False) == "met fouten"
    # and neither of them was stored for the next visitor
    assert _render(sjabloon, _verzoek(), naam="derde", leeg=True) == "eerste"


def test_inside_a_cached_part_there_are_no_messages_and_only_a_marker_for_the_token():
    sjabloon = (
        '{% inhoudcache "binnen" %}[{{ csrf_token }}]{% for m in messages %}{{ m }}{% endfor %}'
        "{% endinhoudcache %}"
    )
    html = _render(sjabloon, _verzoek(), csrf_token="token-van-a", messages=["bericht van a"])
    assert html == "[token-van-a]"
    html = _render(sjabloon, _verzoek(), csrf_token="token-van-b", messages=[])
    assert html == "[token-van-b]"


def test_the_memo_is_fresh_after_a_change_and_skipped_for_logged_in_users():
    team = WerkteamFactory(naam="Eerste naam")

    def lees():
        return type(team).objects.get(pk=team.pk).naam

    assert inhoud_memo("proef-team", team.pk, maak=lees) == "Eerste naam"
    type(team).objects.filter(pk=team.pk).update(naam="Stil gewijzigd")  # no signal
    assert inhoud_memo("proef-team", team.pk, maak=lees) == "Eerste naam"
    assert inhoud_memo("proef-team", team.pk, maak=lees, voor=BeheerderFactory()) == (
        "Stil gewijzigd"
    )
    team.refresh_from_db()
    team.save()  # a save bumps the content version
    assert inhoud_memo("proef-team", team.pk, maak=lees) == "Stil gewijzigd"


def test_a_change_in_a_transaction_bumps_the_version_again_when_it_commits():
    from django.core.cache import cache
    from django.db import connection

    from werkplaats.kern import paginacache

    voor = paginacache.inhoud_versie()
    # The test runs inside a transaction, as a request with several saves does.
    team = WerkteamFactory()
    team.naam = "Eerste wijziging"
    team.save()
    team.naam = "Tweede wijziging"
    team.save()
    # a request now still reads the old rows: what it stores under this version …
    tijdens = cache.get(paginacache.VERSIE_KEY)
    assert tijdens >= voor + 3
    # … is left unused when the transaction commits: one step more, however many saves
    bij_commit = [f for _ids, f, _r in connection.run_on_commit if f is paginacache._verhoog]
    assert len(bij_commit) == 1
    bij_commit[0]()
    assert cache.get(paginacache.VERSIE_KEY) == tijdens + 1


def test_the_search_index_update_makes_stored_results_stale(django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from publicaties.services import zoekindex_update
    from werkplaats.kern.paginacache import VERSIE_KEY, inhoud_versie

    publicatie = PublicatieFactory()
    voor = inhoud_versie()
    with django_capture_on_commit_callbacks(execute=True):
        zoekindex_update([publicatie.pk])  # bulk updates: no signal of their own
    assert cache.get(VERSIE_KEY) > voor


def test_after_redis_is_emptied_no_process_serves_its_own_old_copy():
    from django.core.cache import cache

    kenniscafe = KenniscafeFactory(titel="Titel van voor de herstart")
    url = kenniscafe.get_absolute_url()
    for _ in range(2):
        cache.clear()  # Redis restarted or emptied: the version counter is gone …
        assert "Titel van voor de herstart" in _html(bezoeker(), url)  # … also in this process
    cache.clear()
    type(kenniscafe).objects.filter(pk=kenniscafe.pk).update(titel="Titel van na de herstart")
    html = _html(bezoeker(), url)
    assert "Titel van na de herstart" in html and "van voor de herstart" not in html


def test_a_request_that_changes_data_renders_the_new_data():
    # The version is read once per request (and again after the request's own write): the
    # registration's next page shows the places left after it.
    kenniscafe = KenniscafeFactory(plaatsen_locatie=3, vorm="fysiek")
    client = bezoeker()
    html = _html(client, kenniscafe.get_absolute_url())
    assert "Nog 3 plaatsen" in html
    response = client.post(
        reverse("kenniscafes:aanmelden", args=[kenniscafe.slug]),
        {
            "naam": "Ans de Vries",
            "email": "ans@example.org",
            "rol": "professional",
            "sector": "gemeente",
            "regio": "binnen",
            "toestemming": "on",
            "csrfmiddlewaretoken": _token(html),
        },
        headers={"HX-Request": "true"},
    )
    assert "Dank je wel" in response.content.decode()
    assert "Nog 2 plaatsen" in _html(client, kenniscafe.get_absolute_url())


def test_each_logged_in_user_gets_their_own_header_and_it_follows_a_change():
    from tests.factories import CoordinatorFactory

    beheerder = BeheerderFactory(first_name="Bea", last_name="Beheer")
    coordinator = CoordinatorFactory(first_name="Coen", last_name="Coördinator")
    b, c = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    b.force_login(beheerder)
    c.force_login(coordinator)
    url = reverse("werkteams:werkteam_list")
    for _ in range(2):  # a stored header the second time
        html_b, html_c = _html(b, url), _html(c, url)
        assert "Bea Beheer" in html_b and "Coen" not in html_b
        assert "Werkplaats beheren" in html_b
        assert "Coen Coördinator" in html_c and "Bea" not in html_c
        assert "Werkplaats beheren" not in html_c
        assert "Bea" not in _html(bezoeker(), url) and "Inloggen" in _html(bezoeker(), url)
    coordinator.first_name = "Cor"
    coordinator.save()
    assert "Cor Coördinator" in _html(c, url)
    # the logout form in a stored header carries this user's own working token
    response = c.post(reverse("logout"), {"csrfmiddlewaretoken": _token(_html(c, url))})
    assert response.status_code == 302
    assert "Inloggen" in _html(c, url)
