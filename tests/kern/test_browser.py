"""A beheerder retries a failed mail in Debian's Chromium, with axe on the page."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import BeheerderFactory, CoordinatorFactory
from werkplaats.kern.models import Bericht

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_retries_a_failed_mail_in_the_browser(browser):
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    BeheerderFactory(username="beheer-browser")
    bericht = Bericht.objects.create(
        sleutel="browser:1",
        aan="ontvanger@fictief.example",
        onderwerp="Je bent aangemeld",
        tekst="x",
        status=Bericht.Status.MISLUKT,
        pogingen=8,
        laatste_fout="550 mailbox onbekend",
    )
    browser_inloggen(browser, "beheer-browser")

    browser.find_element(By.LINK_TEXT, "Mislukte e-mails").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "550 mailbox onbekend"))
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[contains(., 'Opnieuw proberen')]").click()
    wait.until(
        EC.text_to_be_present_in_element(
            (By.ID, f"bericht-{bericht.pk}"), "wordt opnieuw verstuurd"
        )
    )
    assert_accessible(browser)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERZONDEN


def test_the_dutch_error_pages_in_the_browser(browser, settings):
    """404 and 403 in production mode: Dutch, in the site's layout, a way on, axe-clean."""
    settings.DEBUG = False
    browser.get(browser.live_server_url + "/bestaat-niet/")
    assert browser.title.startswith("Pagina niet gevonden")
    assert browser.find_element(By.LINK_TEXT, "ga naar de startpagina")
    assert_accessible(browser)
    # a coordinator who asks for the beheerder's page of failed mail
    CoordinatorFactory(username="coord-browser")
    browser_inloggen(browser, "coord-browser")
    browser.get(browser.live_server_url + "/beheer-berichten/")
    assert browser.title.startswith("Geen toegang")
    assert "Vraag een coördinator" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
