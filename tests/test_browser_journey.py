"""A first journey in Debian's Chromium: home, login with an error, login, logout; axe clean."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import assert_accessible
from tests.factories import CoordinatorFactory, SiteInstellingenFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_login_error_login_logout(browser):
    SiteInstellingenFactory(naam="Werkplaats Sociaal Domein Browserland")
    CoordinatorFactory(username="coordinator-b", first_name="Fictieve", last_name="Coördinator")
    wait = WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,))

    browser.get(browser.live_server_url + "/")
    assert "Werkplaats Sociaal Domein Browserland" in browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser)

    browser.find_element(By.LINK_TEXT, "Inloggen").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_username")))
    assert_accessible(browser)
    browser.find_element(By.ID, "id_username").send_keys("coordinator-b")
    browser.find_element(By.ID, "id_password").send_keys("verkeerd")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    summary = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".foutsamenvatting")))
    assert "niet bekend" in summary.text
    assert browser.switch_to.active_element == summary
    assert_accessible(browser)

    browser.find_element(By.ID, "id_password").send_keys("geheim-wachtwoord-123")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".kop__gebruiker")))
    assert "Fictieve Coördinator" in browser.find_element(By.CSS_SELECTOR, ".kop__gebruiker").text

    browser.find_element(By.XPATH, "//button[normalize-space()='Uitloggen']").click()
    wait.until(EC.presence_of_element_located((By.LINK_TEXT, "Inloggen")))
    assert browser.find_elements(By.CSS_SELECTOR, ".kop__gebruiker") == []
