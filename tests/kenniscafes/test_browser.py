"""A visitor's journey in Debian's Chromium: find, register with an error, fix, cancel by link."""

import re

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.models import Aanmelding
from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import CoordinatorFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import (
    AanmeldingFactory,
    KenniscafeFactory,
    ProgrammaOnderdeelFactory,
)
from tests.werkteams.factories import WerkteamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_register_with_an_error_fix_confirm_and_cancel_by_link(browser, mailoutbox):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory(titel="Fictief kenniscafé over schulden", plaatsen_locatie=1)
    ProgrammaOnderdeelFactory(kenniscafe=kenniscafe, titel="Welkom")
    KenniscafeFactory(titel="Een ander fictief café", type="podium")
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))

    browser.get(browser.live_server_url + "/kenniscafes/")
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Fictief kenniscafé over schulden").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_naam")))
    assert "Nog 1 plaats" in browser.page_source
    assert_accessible(browser)

    # Submit with the name missing: an error summary that gets focus.
    browser.find_element(By.ID, "id_email").send_keys("reiziger@fictief.example")
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("professional")
    browser.find_element(By.ID, "id_regio_0").click()
    browser.find_element(By.ID, "id_toestemming").click()
    browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
    summary = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".foutsamenvatting")))
    assert "Naam" in summary.text
    wait.until(lambda d: d.switch_to.active_element == summary)
    assert_accessible(browser)
    assert Aanmelding.objects.count() == 0

    # Fix it and send again: the thank-you message replaces the form.
    browser.find_element(By.ID, "id_naam").send_keys("Fictieve Reiziger")
    if not browser.find_element(By.ID, "id_toestemming").is_selected():
        browser.find_element(By.ID, "id_toestemming").click()
    browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
    bedankt = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-focus-na-swap]")))
    assert "kijk in je mail" in bedankt.text
    assert_accessible(browser)
    wait.until(lambda d: len(mailoutbox) == 1)
    assert Aanmelding.objects.get().status == "bevestigd"

    # The confirmation mail's personal link: view, one confirm step, cancel.
    link = re.search(r"http://\S+/kenniscafes/aanmelding/\S+/", mailoutbox[0].body).group(0)
    pad = link.split("/kenniscafes/", 1)[1]
    browser.get(f"{browser.live_server_url}/kenniscafes/{pad}")
    assert "Fictieve Reiziger" in browser.page_source
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Aanmelding annuleren").click()
    knop = wait.until(
        EC.presence_of_element_located(
            (By.XPATH, "//button[normalize-space()='Ja, annuleer mijn aanmelding']")
        )
    )
    knop.click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".melding--success")))
    assert "Je aanmelding is geannuleerd." in browser.page_source

    # The place is free again.
    browser.get(browser.live_server_url + kenniscafe.get_absolute_url())
    assert "Nog 1 plaats" in browser.page_source
    assert Aanmelding.objects.get().status == "geannuleerd"


def test_organiser_marks_attendance_with_htmx_and_gives_a_place_from_the_one_form(browser):
    """The registrations page has one form for all rows (issue #13): with htmx a tap swaps
    its row and is announced; the waiting-list button is a plain POST back to the page."""
    SiteInstellingenFactory()
    organisator = CoordinatorFactory(username="organisator-lijst")
    team = WerkteamFactory()
    team.coordinatoren.add(organisator)
    kenniscafe = KenniscafeFactory(titel="Fictief café met een lijst")
    kenniscafe.organisator_werkteams.add(team)
    anouk = AanmeldingFactory(kenniscafe=kenniscafe, naam="Fictieve Anouk")
    AanmeldingFactory(kenniscafe=kenniscafe, naam="Fictieve Bram")
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, naam="Fictieve Chaima", status="wachtlijst")
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    browser_inloggen(browser, "organisator-lijst")

    browser.get(f"{browser.live_server_url}/kenniscafes/{kenniscafe.slug}/aanmeldingen/")
    assert_accessible(browser)
    knop = f"#aanmelding-{anouk.pk} button[value=ja]"
    browser.find_element(By.CSS_SELECTOR, knop).click()
    wait.until(
        lambda d: d.find_element(By.CSS_SELECTOR, knop).get_attribute("aria-pressed") == "true"
    )
    wait.until(EC.text_to_be_present_in_element((By.ID, "htmx-status"), "Fictieve Anouk: aanwezig"))
    assert browser.current_url.endswith("/aanmeldingen/")  # swapped in place, no reload
    anouk.refresh_from_db()
    assert anouk.aanwezig is True
    assert_accessible(browser)

    browser.find_element(By.CSS_SELECTOR, f"#aanmelding-{wachtend.pk} button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".melding--success")))
    assert "Fictieve Chaima heeft nu een plaats." in browser.page_source
    wachtend.refresh_from_db()
    assert wachtend.status == "bevestigd"
    assert_accessible(browser)
