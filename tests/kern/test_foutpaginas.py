"""403, 404, 500 and CSRF failures answer in Dutch, in the site's layout, with a next step."""

import pytest
from django.test import Client
from django.urls import reverse

from kenniscafes import selectors as kenniscafe_selectors
from tests.factories import GebruikerFactory, SiteInstellingenFactory
from werkplaats.kern import context_processors

pytestmark = pytest.mark.django_db


SITE_NAAM = "Werkplaats Sociaal Domein Testregio"  # in the header of the site's layout


def _toont(response, status: int, *teksten: str) -> None:
    assert response.status_code == status
    html = response.content.decode()
    for tekst in teksten:
        assert tekst in html, tekst


@pytest.fixture
def productie(settings):
    settings.DEBUG = False
    return SiteInstellingenFactory()


def test_404_is_dutch_in_the_site_layout_with_ways_back(client, productie):
    _toont(
        client.get("/bestaat-niet/"),
        404,
        "Pagina niet gevonden",
        SITE_NAAM,
        'href="/"',
        reverse("kenniscafes:kenniscafe_list"),
    )


def test_403_is_dutch_and_says_whom_to_ask(client, productie):
    GebruikerFactory(username="lid")
    client.login(username="lid", password="geheim-wachtwoord-123")
    response = client.get(reverse("kenniscafes:organisator_list"))
    _toont(response, 403, "Geen toegang", "coördinator", SITE_NAAM)


def test_csrf_failure_is_dutch_and_says_to_reload(productie):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    _toont(response, 403, "Het formulier is verlopen", "herlaad", SITE_NAAM)


def _kapot(*args, **kwargs):
    raise RuntimeError("database weg")


def test_500_is_dutch_and_says_what_to_do(client, productie, monkeypatch):
    monkeypatch.setattr(kenniscafe_selectors, "kenniscafe_list_public", _kapot)
    client.raise_request_exception = False
    response = client.get(reverse("kenniscafes:kenniscafe_list"))
    _toont(response, 500, "Er ging iets mis", "probeer het opnieuw", 'href="/"')


def test_500_page_renders_when_the_site_settings_cannot_be_read(client, productie, monkeypatch):
    monkeypatch.setattr(kenniscafe_selectors, "kenniscafe_list_public", _kapot)
    monkeypatch.setattr(context_processors, "site_instellingen_get", _kapot)
    client.raise_request_exception = False
    response = client.get(reverse("kenniscafes:kenniscafe_list"))
    _toont(response, 500, "Er ging iets mis", "werkplaats.css")
