"""Journey of a beheerder in Chromium: open the report, start an export, watch its progress,
download it; axe finds no serious or critical violation on the way."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import assert_accessible
from werkplaats.verantwoording import services
from werkplaats.verantwoording.models import Export

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(browser, wait, gebruikersnaam):
    browser.get(browser.live_server_url + "/inloggen/")
    wait.until(EC.presence_of_element_located((By.ID, "id_username")))
    browser.find_element(By.ID, "id_username").send_keys(gebruikersnaam)
    browser.find_element(By.ID, "id_password").send_keys("geheim-wachtwoord-123")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".kop__gebruiker")))


def _download(browser, href) -> list:
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done("
        "[r.status, r.headers.get('content-type'), b.byteLength])));",
        href,
    )


def test_beheerder_opens_the_report_exports_it_sees_progress_and_downloads(
    browser, beheerder, wereld
):
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    _inloggen(browser, wait, "beheerder")

    browser.find_element(By.LINK_TEXT, "Verantwoording").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_jaar")))
    jaar = browser.find_element(By.ID, "id_jaar")
    jaar.clear()
    jaar.send_keys("2021")
    browser.find_element(By.XPATH, "//button[normalize-space()='Toon verantwoording']").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Verantwoording 2021"))
    cafes = browser.find_element(By.ID, "tabel-kenniscafes-kerncijfers").text
    assert "Aanmeldingen 6" in cafes
    assert browser.find_elements(By.CSS_SELECTOR, "svg[role=img] title")
    assert_accessible(browser)

    # Start an export: the job runs and the list is swapped in by htmx.
    Select(browser.find_element(By.ID, "id_uitvoer")).select_by_value("xlsx")
    browser.find_element(By.XPATH, "//button[normalize-space()='Export starten']").click()
    link = wait.until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#export-lijst a[download]"))
    )
    status, soort, grootte = _download(browser, link.get_attribute("href"))
    assert status == 200
    assert soort.startswith("application/vnd.openxmlformats")
    assert grootte > 1000

    # An export that is still waiting shows a progress bar; htmx polls until it is ready.
    wachtend = Export.objects.create(
        soort=Export.Soort.CSV,
        periode_soort="kalenderjaar",
        periode_sleutel=2021,
        periode_label="2021",
        aangemaakt_door=beheerder,
    )
    browser.refresh()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#export-lijst progress")))
    assert_accessible(browser)
    services.export_run(wachtend.pk)
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "#export-lijst progress")))
    links = browser.find_elements(By.CSS_SELECTOR, "#export-lijst a[download]")
    assert len(links) == 1 + 6  # the workbook, then one CSV per section
    status, soort, _grootte = _download(browser, links[0].get_attribute("href"))
    assert status == 200 and soort.startswith("text/csv")
    assert_accessible(browser)
