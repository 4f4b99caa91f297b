"""After registering: place or waiting-list position, calendar links, a fresh places figure."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.agenda_links import agenda_links
from kenniscafes.models import Kenniscafe
from tests.conftest import assert_accessible
from tests.factories import AanmeldingFactory, KenniscafeFactory, SiteInstellingenFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _post(**extra):
    return {
        "naam": "Fictieve Bezoeker",
        "email": "bezoeker@fictief.example",
        "organisatie": "Gemeente Voorbeeld",
        "rol": "professional",
        "sector": "gemeente",
        "regio": "binnen",
        "toestemming": "on",
        **extra,
    }


def _aanmelden(client, kenniscafe, **kwargs):
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug})
    return client.post(url, _post(**kwargs.pop("data", {})), **kwargs)


def test_agenda_links_are_encoded_in_utc_and_carry_no_online_link_by_default():
    start = datetime.datetime(2026, 3, 5, 19, 30, tzinfo=datetime.UTC)
    kenniscafe = Kenniscafe(
        titel="Schuld & zorg",
        slug="schuld-zorg",
        beschrijving="Praten over schulden",
        start=start,
        eind=start + datetime.timedelta(hours=2),
        vorm=Kenniscafe.Vorm.HYBRIDE,
        locatie="Buurthuis De Fictie",
        adres="Straat 1",
        online_link="https://meet.example/geheim",
    )
    links = agenda_links(kenniscafe)
    google = parse_qs(urlsplit(links["google"]).query)
    assert links["google"].startswith("https://calendar.google.com/calendar/render?")
    assert google["action"] == ["TEMPLATE"]
    assert google["text"] == ["Kenniscafé: Schuld & zorg"]
    assert google["dates"] == ["20260305T193000Z/20260305T213000Z"]
    assert google["location"] == ["Buurthuis De Fictie, Straat 1, Online"]
    assert "Praten over schulden" in google["details"][0]
    outlook = parse_qs(urlsplit(links["outlook"]).query)
    assert links["outlook"].startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert outlook["subject"] == ["Kenniscafé: Schuld & zorg"]
    assert outlook["startdt"] == ["2026-03-05T19:30:00Z"]
    assert outlook["enddt"] == ["2026-03-05T21:30:00Z"]
    assert " " not in links["google"] + links["outlook"]
    assert "geheim" not in links["google"] + links["outlook"]
    eigen = agenda_links(kenniscafe, online_link="https://meet.example/geheim")
    assert "https://meet.example/geheim" in parse_qs(urlsplit(eigen["google"]).query)["details"][0]
    assert "https://meet.example/geheim" in parse_qs(urlsplit(eigen["outlook"]).query)["body"][0]


def test_htmx_answer_says_you_have_a_place_with_calendar_links(client, site):
    kenniscafe = KenniscafeFactory(online_link="https://meet.example/geheim")
    response = _aanmelden(client, kenniscafe, headers=HTMX)
    html = response.content.decode()
    assert "Je hebt een plaats." in html
    assert "Zet in je agenda" in html
    assert "calendar.google.com" in html and "outlook.live.com" in html
    assert reverse("kenniscafes:kenniscafe_ics", kwargs={"slug": kenniscafe.slug}) in html
    assert "geheim" not in html
    assert response["HX-Trigger"] == "kenniscafe-plaatsen"


def test_htmx_answer_gives_the_waiting_list_position(client, site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    html = _aanmelden(client, kenniscafe, headers=HTMX).content.decode()
    assert "Je staat op de wachtlijst, op plaats 2." in html
    assert "Je hebt een plaats" not in html


def test_known_address_gets_what_a_new_registration_would_get(client, site):
    # The existing registration has a place, the café is full now: the page answers as for a
    # new address (waiting list), never revealing the known registration.
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe, email="bezoeker@fictief.example")
    html = _aanmelden(client, kenniscafe, headers=HTMX).content.decode()
    assert "Je staat op de wachtlijst, op plaats 1." in html


def test_without_js_the_redirect_shows_outcome_links_and_the_new_places_figure(client, site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=3)
    detail = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Nog 3 plaatsen" in detail
    response = _aanmelden(client, kenniscafe, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "kenniscafes:aangemeld", kwargs={"slug": kenniscafe.slug}
    )
    assert "Je hebt een plaats." in html
    assert "Nog 2 plaatsen" in html
    assert "calendar.google.com" in html
    # the cached public page is not stale
    assert "Nog 2 plaatsen" in client.get(kenniscafe.get_absolute_url()).content.decode()
    _aanmelden(client, kenniscafe, data={"email": "tweede@fictief.example"})
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Nog 1 plaats\n" in html


def test_the_thank_you_page_without_a_registration_shows_no_outcome(client, site):
    kenniscafe = KenniscafeFactory()
    url = reverse("kenniscafes:aangemeld", kwargs={"slug": kenniscafe.slug})
    html = client.get(url).content.decode()
    assert "Je hebt een plaats" not in html and "wachtlijst, op plaats" not in html


def test_the_places_figure_refreshes_itself_after_an_htmx_registration(client, site):
    kenniscafe = KenniscafeFactory()
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert 'hx-trigger="kenniscafe-plaatsen from:body"' in html
    assert 'hx-select="#plaatsen"' in html


def test_hybrid_places_use_plurals(client, site):
    kenniscafe = KenniscafeFactory(
        vorm=Kenniscafe.Vorm.HYBRIDE, plaatsen_locatie=1, plaatsen_online=5
    )
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Nog 1 plaats op locatie" in html
    assert "5 online" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_registration_shows_the_place_and_updates_the_figure(browser):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory(plaatsen_locatie=2)
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(browser.live_server_url + kenniscafe.get_absolute_url())
    assert "Nog 2 plaatsen" in browser.find_element(By.ID, "plaatsen").text
    browser.find_element(By.ID, "id_naam").send_keys("Fictieve Reiziger")
    browser.find_element(By.ID, "id_email").send_keys("reiziger@fictief.example")
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("professional")
    browser.find_element(By.ID, "id_regio_0").click()
    browser.find_element(By.ID, "id_toestemming").click()
    browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
    bedankt = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-focus-na-swap]")))
    assert "Je hebt een plaats." in bedankt.text
    assert "Google Agenda" in bedankt.text
    wait.until(lambda d: "Nog 1 plaats" in d.find_element(By.ID, "plaatsen").text)
    assert_accessible(browser)
