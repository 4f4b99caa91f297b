"""Ground-floor pages: home, statements, login with rate limit, password reset."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    CoordinatorFactory,
    OrganisatieFactory,
    PeriodeFactory,
    SiteInstellingenFactory,
)
from werkplaats.kern.models import Bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return SiteInstellingenFactory()


def test_home_shows_the_werkplaats_name_partners_and_periods(client, site):
    OrganisatieFactory(naam="Gemeente Voorbeeld", sector="gemeente")
    PeriodeFactory()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Werkplaats Sociaal Domein Testregio" in html
    assert "Gemeente Voorbeeld" in html
    assert "2020-2022" in html
    assert 'lang="nl"' in html


def _grow_home_data(n: int) -> None:
    from tests.kenniscafes.factories import KenniscafeFactory
    from tests.publicaties.factories import PublicatieFactory
    from tests.werkteams.factories import WerkteamFactory

    OrganisatieFactory.create_batch(n)
    KenniscafeFactory.create_batch(n)
    PublicatieFactory.create_batch(n)
    WerkteamFactory.create_batch(n)


def test_home_query_count_is_constant_when_data_grows(client, site, django_assert_num_queries):
    # 6 queries on a fresh render: organisations, periods, upcoming kenniscafés,
    # newest publications, the latest period and its werkteams. Site settings come from
    # the cache. Every growth below bumps the page cache version, so each is a fresh render.
    client.get("/")
    _grow_home_data(2)
    with django_assert_num_queries(6):
        client.get("/")
    _grow_home_data(20)
    with django_assert_num_queries(6):
        response = client.get("/")
    html = response.content.decode()
    assert re.search(r"Kenniscafé \d+", html)
    assert re.search(r"Publicatie nummer \d+", html)


def test_home_works_without_site_settings(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Werkplaats Sociaal Domein" in response.content.decode()


def test_security_headers_and_csp(client, site):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize("url", ["privacy", "toegankelijkheid"])
def test_statements_are_public(client, site, url):
    response = client.get(reverse(url))
    assert response.status_code == 200


def test_login_and_logout(client, site):
    CoordinatorFactory(username="coordinator1")
    response = client.post(
        reverse("login"), {"username": "coordinator1", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.parametrize(
    "username,password",
    [
        ("", ""),
        ("onbekend", "fout"),
        ("<script>alert(1)</script>", "x"),
        ("' OR 1=1 --", "' OR 1=1 --"),
        ("ë" * 300, "p"),
    ],
)
def test_bad_login_input_gets_a_clear_dutch_message(client, site, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "foutsamenvatting" in html
    assert "<script>alert(1)</script>" not in html
    assert (
        ("Dit veld is verplicht" in html)
        or ("niet bekend" in html)
        or ("niet meer dan 254 tekens" in html)
    )


def test_login_is_rate_limited_per_ip(client, site, settings):
    for _ in range(10):
        client.post(reverse("login"), {"username": "x", "password": "y"})
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


def test_password_reset_does_not_reveal_accounts(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    CoordinatorFactory(username="c1", email="bekend@voorbeeld.example")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": "bekend@voorbeeld.example"})
        unknown = client.post(reverse("password_reset"), {"email": "onbekend@voorbeeld.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
    assert "wachtwoord" in mailoutbox[0].subject.lower()
    assert "/wachtwoord-herstellen/" in mailoutbox[0].body
    assert Bericht.objects.get().aan == "bekend@voorbeeld.example"


def test_password_reset_link_sets_a_new_password(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    CoordinatorFactory(username="c2", email="c2@voorbeeld.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "c2@voorbeeld.example"})
    link = re.search(r"http://testserver(/wachtwoord-herstellen/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {
            "new_password1": "EenNieuwSterkWachtwoord!9",
            "new_password2": "EenNieuwSterkWachtwoord!9",
        },
    )
    assert response.status_code == 302
    assert client.login(username="c2", password="EenNieuwSterkWachtwoord!9")


def test_password_reset_rejects_mismatching_passwords_in_dutch(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    CoordinatorFactory(username="c3", email="c3@voorbeeld.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "c3@voorbeeld.example"})
    link = re.search(r"http://testserver(/wachtwoord-herstellen/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "EenNieuwSterkWachtwoord!9", "new_password2": "<b>anders</b>"}
    )
    assert response.status_code == 200
    assert "foutsamenvatting" in response.content.decode()
    assert "<b>anders</b>" not in response.content.decode()


def test_admin_is_closed_to_coordinators(client, site):
    client.force_login(CoordinatorFactory())
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_dutch_for_everyone_whatever_the_browser_language(client, site):
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()
    assert "Privacyverklaring" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_the_language_switch_gives_english_on_request(client, site):
    client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    response = client.get("/privacy/")
    assert 'lang="en"' in response.content.decode()
    assert "Privacy statement" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client, site):
    client.cookies["django_language"] = "<script>"
    assert 'lang="nl"' in client.get("/privacy/").content.decode()
