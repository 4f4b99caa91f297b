"""A student's journey in a real browser: search, filter, open, download, back to the results."""

import io
import urllib.request

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from publicaties.models import Bijlage, Publicatie
from tests.conftest import assert_accessible

from .factories import PublicatieFactory, ThemaFactory
from .test_bestanden import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kennisbank(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    thema = ThemaFactory(naam="Armoede en schulden", slug="armoede-en-schulden")
    T = Publicatie.Type
    doel = PublicatieFactory(
        titel="Schuldhulp in de wijk",
        type=T.ONDERZOEKSRAPPORT,
        jaar=2022,
        samenvatting="Hoe buurtteams bewoners met schulden eerder bereiken.",
        auteurs=[("David", "ter Avest")],
        themas=[thema],
    )
    bijlage = Bijlage(
        publicatie=doel, naam="schuldhulp.pdf", mimetype="application/pdf", grootte=len(PDF)
    )
    bijlage.bestand.save("schuldhulp.pdf", io.BytesIO(PDF), save=True)
    PublicatieFactory(titel="Schulden en gezondheid", type=T.BLOG, jaar=2022, themas=[thema])
    PublicatieFactory(titel="Schulden voorkomen", type=T.ONDERZOEKSRAPPORT, jaar=2020)
    PublicatieFactory(titel="Over iets anders", type=T.ADVIES, jaar=2021)
    return doel


def wacht(browser, conditie, seconden=10):
    return WebDriverWait(
        browser, seconden, ignored_exceptions=(StaleElementReferenceException,)
    ).until(conditie)


def aantal(browser) -> str:
    return browser.find_element(By.ID, "aantal-resultaten").text


def test_search_filter_open_download_and_back(browser, kennisbank):
    browser.get(browser.live_server_url + "/kennisbank/")
    assert "4 resultaten" in aantal(browser)
    assert_accessible(browser)

    # Live results while typing (debounced), and the URL follows.
    browser.find_element(By.ID, "zoekterm").send_keys("schulden")
    wacht(browser, lambda b: "3 resultaten" in aantal(b))
    wacht(browser, lambda b: "q=schulden" in b.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, ".kb-resultaat mark")
    assert_accessible(browser)

    # Filter by type and by year; each change updates results and URL.
    browser.find_element(By.CSS_SELECTOR, "label[for='f-type-onderzoeksrapport']").click()
    wacht(browser, lambda b: "type=onderzoeksrapport" in b.current_url)
    wacht(browser, lambda b: "2 resultaten" in aantal(b))
    browser.find_element(By.CSS_SELECTOR, "label[for='f-jaar-2022']").click()
    wacht(browser, lambda b: "jaar=2022" in b.current_url)
    wacht(browser, lambda b: "1 resultaat" in aantal(b))
    resultaten_url = browser.current_url
    assert browser.find_element(By.ID, "f-type-onderzoeksrapport").is_selected()
    assert_accessible(browser)

    # Open the result, see the citation and download the attachment.
    browser.find_element(By.LINK_TEXT, "Schuldhulp in de wijk").click()
    wacht(browser, EC.title_contains("Schuldhulp in de wijk"))
    assert "ter Avest, D. (2022)." in browser.find_element(By.CLASS_NAME, "kb-apa").text
    assert_accessible(browser)
    link = browser.find_element(By.LINK_TEXT, "schuldhulp.pdf").get_attribute("href")
    with urllib.request.urlopen(link) as response:  # noqa: S310 - the live test server
        assert response.read() == PDF
        assert "attachment" in response.headers["Content-Disposition"]

    # Back: the same results, the same filters.
    browser.back()
    wacht(browser, lambda b: b.current_url == resultaten_url)
    wacht(browser, lambda b: "1 resultaat" in aantal(b))
    assert browser.find_element(By.ID, "zoekterm").get_attribute("value") == "schulden"
    assert browser.find_element(By.ID, "f-jaar-2022").is_selected()
