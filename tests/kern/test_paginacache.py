"""The page cache: anonymous visitors get stored pages with their own CSRF token; changes show at once."""

import re

import pytest
from django.test import Client

from tests.factories import CoordinatorFactory, OrganisatieFactory, SiteInstellingenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteInstellingenFactory()


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_second_anonymous_visit_is_served_without_queries(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response.status_code == 200
    assert "Werkplaats Sociaal Domein Testregio" in response.content.decode()


def test_cached_page_carries_each_visitors_own_working_csrf_token():
    eerste, tweede = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html_1 = eerste.get("/").content.decode()
    html_2 = tweede.get("/").content.decode()
    assert "__werkplaats_csrf_token_plek__" not in html_1 + html_2
    # The language switch form on the cached page posts with the visitor's token.
    response = tweede.post(
        "/taal/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(html_2)}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_a_change_is_visible_on_the_next_request(client):
    client.get("/")
    OrganisatieFactory(naam="Nieuwe Partner Voorbeeldstad")
    assert "Nieuwe Partner Voorbeeldstad" in client.get("/").content.decode()


def test_language_is_part_of_the_key(client):
    client.get("/")
    client.cookies["django_language"] = "en"
    assert "Skip to content" in client.get("/").content.decode()


def test_logged_in_users_always_get_a_fresh_page(client, django_assert_max_num_queries):
    client.get("/")
    client.force_login(CoordinatorFactory())
    response = client.get("/")
    assert "Uitloggen" in response.content.decode()
    assert "Inloggen</a>" not in response.content.decode()


@pytest.mark.parametrize(
    "headers,fragment",
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
    ],
)
def test_a_history_restore_never_wants_a_fragment(rf, headers, fragment):
    from werkplaats.kern.htmx import wil_fragment

    assert wil_fragment(rf.get("/", headers=headers)) is fragment


def test_every_app_with_public_pages_registered_itself_in_its_ready():
    """The ground floor names no app: the apps register in AppConfig.ready(), and the rows
    that never show publicly (outgoing mail, reminders, invitations, subscribers) are exempt."""
    from werkplaats.kern import paginacache

    assert {"kern", "werkteams", "kenniscafes", "publicaties"} <= paginacache.VERVERSENDE_APPS
    assert ("kern", "bericht") in paginacache.NIET_VERVERSEND
    assert ("kenniscafes", "herinnering") in paginacache.NIET_VERVERSEND
    assert ("kenniscafes", "kenniscafe") not in paginacache.NIET_VERVERSEND
