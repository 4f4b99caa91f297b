"""The registration form on a phone (390 × 844): the extras folded away, opened, checked, sent."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.models import Aanmelding
from tests.conftest import assert_accessible
from tests.factories import SiteInstellingenFactory
from tests.kenniscafes.factories import KenniscafeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VOUW_OPEN = "return document.getElementById('form-meer').open"


def _wacht(browser):
    return WebDriverWait(
        browser,
        15,
        ignored_exceptions=(StaleElementReferenceException, WebDriverException),
    )


def _geen_zijwaarts_scrollen(browser):
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390


def test_folded_registration_form_on_a_phone(browser):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory(titel="Fictief kenniscafé op de telefoon")
    wait = _wacht(browser)
    grootte = browser.get_window_size()
    browser.set_window_size(390, 844)
    try:
        browser.get(browser.live_server_url + kenniscafe.get_absolute_url())
        wait.until(lambda d: d.find_element(By.ID, "id_naam"))
        # Folded: the report's questions are in view, the extras are not.
        assert browser.execute_script(VOUW_OPEN) is False
        assert browser.find_element(By.ID, "id_rol").is_displayed()
        assert not browser.find_element(By.ID, "id_organisatie").is_displayed()
        assert_accessible(browser)
        _geen_zijwaarts_scrollen(browser)

        browser.find_element(By.ID, "id_naam").send_keys("Fictieve Telefoon")
        browser.find_element(By.ID, "id_email").send_keys("telefoon@fictief.example")
        Select(browser.find_element(By.ID, "id_rol")).select_by_value("professional")
        browser.find_element(By.ID, "id_regio_0").click()

        # Open the fold; a remark with < and > is refused as soon as the field is left.
        browser.find_element(By.CSS_SELECTOR, "#form-meer > summary").click()
        wait.until(lambda d: d.find_element(By.ID, "id_organisatie").is_displayed())
        browser.find_element(By.ID, "id_organisatie").send_keys("Gemeente Voorbeeld")
        browser.find_element(By.ID, "id_opmerkingen").send_keys("<b>rolstoel</b>", Keys.TAB)
        wait.until(lambda d: "weg" in d.find_element(By.CSS_SELECTOR, "#id_opmerkingen_veld").text)
        assert browser.execute_script(VOUW_OPEN) is True
        assert_accessible(browser)
        _geen_zijwaarts_scrollen(browser)

        # Sent anyway: the whole form comes back with the fold open at the error.
        browser.find_element(By.ID, "id_toestemming").click()
        browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".foutsamenvatting").is_displayed())
        assert browser.execute_script(VOUW_OPEN) is True
        assert Aanmelding.objects.count() == 0
        assert_accessible(browser)

        # Clearing the field fires its live check: wait for that swap before typing again.
        browser.find_element(By.ID, "id_opmerkingen").clear()
        wait.until(
            lambda d: "weg" not in d.find_element(By.CSS_SELECTOR, "#id_opmerkingen_veld").text
        )
        browser.find_element(By.ID, "id_opmerkingen").send_keys("Graag een rolstoelplaats")
        if not browser.find_element(By.ID, "id_toestemming").is_selected():
            browser.find_element(By.ID, "id_toestemming").click()
        browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
        bedankt = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-focus-na-swap]"))
        assert "kijk in je mail" in bedankt.text
        aanmelding = Aanmelding.objects.get()
        assert aanmelding.organisatie == "Gemeente Voorbeeld"
        assert aanmelding.opmerkingen == "Graag een rolstoelplaats"
        assert_accessible(browser)
        _geen_zijwaarts_scrollen(browser)
    finally:
        browser.set_window_size(grootte["width"], grootte["height"])
