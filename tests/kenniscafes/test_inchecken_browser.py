"""Check-in on a phone (390 × 844): search, tap three, add a walk-in, no sideways scrolling."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.models import Aanmelding
from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import CoordinatorFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.werkteams.factories import WerkteamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _klik(wait, selector):
    """Click what `selector` finds now; an htmx swap may replace it between find and click."""
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, selector).click() or True)


def _geen_zijwaarts_scrollen(browser):
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390


def test_check_in_on_a_phone(browser):
    SiteInstellingenFactory()
    coordinator = CoordinatorFactory(username="coord-inchecken")
    werkteam = WerkteamFactory()
    werkteam.coordinatoren.add(coordinator)
    kenniscafe = KenniscafeFactory(
        titel="Fictief kenniscafé met een heel lange titel op de telefoon"
    )
    kenniscafe.organisator_werkteams.add(werkteam)
    namen = ["Fictieve Anouk", "Fictieve Bram", "Fictieve Chaima", "Fictieve Daan"]
    pks = [AanmeldingFactory(kenniscafe=kenniscafe, naam=naam).pk for naam in namen]
    # htmx swaps the rows and the counter: a node found a moment ago may be gone.
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    grootte = browser.get_window_size()
    browser.set_window_size(390, 844)
    try:
        browser_inloggen(browser, "coord-inchecken")
        browser.get(f"{browser.live_server_url}/kenniscafes/{kenniscafe.slug}/inchecken/")
        teller = browser.find_element(By.ID, "inchecken-teller")
        assert teller.text == "0 van 4 aanwezig"
        assert_accessible(browser)
        _geen_zijwaarts_scrollen(browser)

        # Search as you type: the list narrows to one name, its button on the same row.
        browser.find_element(By.ID, "inchecken-zoek").send_keys("chaima")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".inchecken__rij")) == 1)
        rij = browser.find_element(By.CSS_SELECTOR, ".inchecken__rij")
        knop = rij.find_element(By.TAG_NAME, "button")
        assert "Fictieve Chaima" in rij.text
        assert (
            abs(knop.rect["y"] - rij.find_element(By.CLASS_NAME, "inchecken__naam").rect["y"]) < 30
        )
        knop.click()
        wait.until(lambda d: d.find_element(By.ID, "inchecken-teller").text == "1 van 4 aanwezig")

        # Clear the search, tap two more.
        zoek = browser.find_element(By.ID, "inchecken-zoek")
        zoek.clear()
        zoek.send_keys(" ")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".inchecken__rij")) == 4)
        for i, pk in enumerate(pks[:2], start=2):
            _klik(wait, f"#inchecken-{pk} button")
            wait.until(
                lambda d, i=i: (
                    d.find_element(By.ID, "inchecken-teller").text == f"{i} van 4 aanwezig"
                )
            )
        assert_accessible(browser)

        # A tap that fails says so: in the row (cancelled meanwhile), or in the alert (gone).
        Aanmelding.objects.filter(pk=pks[3]).update(status="geannuleerd")
        _klik(wait, f"#inchecken-{pks[3]} button")
        wait.until(
            lambda d: (
                "Alleen aanmeldingen met een plaats"
                in d.find_element(By.ID, f"inchecken-{pks[3]}").text
            )
        )
        Aanmelding.objects.filter(pk=pks[3]).delete()
        _klik(wait, f"#inchecken-{pks[3]} button")
        wait.until(lambda d: "Dat lukte niet" in d.find_element(By.ID, "inchecken-fout").text)
        assert_accessible(browser)

        # A walk-in from the same screen.
        browser.find_element(By.CSS_SELECTOR, ".inchecken__inloop summary").click()
        browser.find_element(By.ID, "id_naam").send_keys("Fictieve Inloper")
        Select(browser.find_element(By.ID, "id_rol")).select_by_value("student")
        browser.find_element(By.ID, "id_regio_0").click()
        browser.find_element(By.CSS_SELECTOR, ".inchecken__inloop button[type=submit]").click()
        wait.until(lambda d: "Fictieve Inloper" in d.page_source)
        # A walk-in is present and has a place: 4 present of 5.
        assert browser.find_element(By.ID, "inchecken-teller").text.startswith("4 van")
        assert Aanmelding.objects.filter(aanwezig=True).count() == 4
        assert_accessible(browser)
        _geen_zijwaarts_scrollen(browser)
    finally:
        browser.set_window_size(grootte["width"], grootte["height"])
