"""The portal's agenda and kennisbank in Chromium: filters swap the results; axe clean."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import assert_accessible
from tests.kenniscafes.factories import KenniscafeFactory
from tests.publicaties.factories import PublicatieFactory
from werkplaats.kern.huidig import in_werkplaats

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("portaal_host"),
]


def test_agenda_and_kennisbank_are_accessible_and_filter(browser, regio):
    KenniscafeFactory(titel="Schulden in de wijk")
    PublicatieFactory(titel="Schulden bij jonge gezinnen")
    with in_werkplaats(regio):
        KenniscafeFactory(titel="Jongeren en werk", slug="jongeren")
        PublicatieFactory(titel="Schulden en werk")
    portaal = browser.live_server_url.replace("localhost", "portaal.localhost")
    wait = WebDriverWait(browser, 10)

    browser.get(portaal + "/agenda/")
    assert "Jongeren en werk" in browser.page_source
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "filter-werkplaats")).select_by_value("regio-b")
    wait.until(EC.invisibility_of_element_located((By.PARTIAL_LINK_TEXT, "Schulden in de wijk")))
    assert "werkplaats=regio-b" in browser.current_url

    browser.get(portaal + "/kennisbank/?q=schulden")
    assert "Schulden en werk" in browser.page_source
    assert_accessible(browser)
    browser.find_element(By.ID, "f-werkplaats-regio-b").click()
    wait.until(EC.invisibility_of_element_located((By.PARTIAL_LINK_TEXT, "jonge gezinnen")))
    assert_accessible(browser)
