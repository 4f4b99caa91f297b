"""Journey in Chromium: a landelijk beheerder logs in on the portal, reads the national
summary, exports it, adds werkplaats "test2"; its new beheerder opens the invitation, chooses
a password and sees the empty site. axe finds no serious or critical violation on any page."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import assert_accessible
from tests.factories import GebruikerFactory
from werkplaats.kern.models import Bericht, Gebruiker, Werkplaats

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("portaal_host"),
]


def _knop(browser, tekst):
    return browser.find_element(By.XPATH, f"//button[normalize-space()='{tekst}']")


def test_a_landelijk_beheerder_adds_a_werkplaats_whose_beheerder_sees_an_empty_site(
    browser, settings
):
    GebruikerFactory(username="landelijk", landelijk_beheerder=True)
    poort = browser.live_server_url.rsplit(":", 1)[1]
    portaal = f"http://portaal.localhost:{poort}"
    # Links in mails use SITE_URL's scheme and port with the werkplaats's own host.
    settings.SITE_URL = f"http://localhost:{poort}"
    wait = WebDriverWait(browser, 15)

    browser.get(portaal + "/landelijk/")
    wait.until(EC.presence_of_element_located((By.ID, "id_username")))
    assert "/inloggen/" in browser.current_url
    assert_accessible(browser)
    browser.find_element(By.ID, "id_username").send_keys("landelijk")
    browser.find_element(By.ID, "id_password").send_keys("geheim-wachtwoord-123")
    _knop(browser, "Inloggen").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Landelijk overzicht"))
    assert (
        "Werkplaats Sociaal Domein"
        in browser.find_element(By.ID, "tabel-landelijk-kerncijfers").text
    )
    assert_accessible(browser)

    # The summary as a file: the job runs, htmx swaps in the list with the download.
    Select(browser.find_element(By.ID, "export-uitvoer")).select_by_value("xlsx")
    _knop(browser, "Export starten").click()
    link = wait.until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#export-lijst a[download]"))
    )
    assert "landelijk-overzicht" in link.text
    assert_accessible(browser)

    browser.find_element(By.LINK_TEXT, "Werkplaats toevoegen").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Werkplaats toevoegen"))
    assert_accessible(browser)
    velden = {
        "id_naam": "Werkplaats Sociaal Domein Test Twee",
        "id_slug": "test2",
        "id_hosts": "test2.localhost",
        "id_regio": "Testregio",
        "id_contact_email": "info@test2.example",
        "id_beheerder_voornaam": "Fictieve",
        "id_beheerder_achternaam": "Beheerder",
        "id_beheerder_email": "beheer@test2.example",
    }
    for veld, waarde in velden.items():
        browser.find_element(By.ID, veld).send_keys(waarde)
    _knop(browser, "Werkplaats toevoegen en uitnodiging sturen").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".meldingen"), "toegevoegd"))
    assert "Werkplaats Sociaal Domein Test Twee" in browser.page_source
    assert_accessible(browser)

    # The invitation in the outbox points at the new werkplaats's own host.
    bericht = Bericht.objects.get(aan="beheer@test2.example")
    link = re.search(r"http://\S+/uitnodiging/\S+/", bericht.tekst).group(0)
    assert link.startswith(f"http://test2.localhost:{poort}/")
    browser.get(link)
    wait.until(EC.presence_of_element_located((By.ID, "id_new_password1")))
    assert_accessible(browser)
    browser.find_element(By.ID, "id_new_password1").send_keys("een-nieuw-wachtwoord-42")
    browser.find_element(By.ID, "id_new_password2").send_keys("een-nieuw-wachtwoord-42")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".kop__gebruiker")))
    assert browser.current_url.startswith(f"http://test2.localhost:{poort}/")
    assert "Werkplaats Sociaal Domein Test Twee" in browser.page_source
    assert "Werkplaats Sociaal Domein Zuid" not in browser.page_source
    assert_accessible(browser)

    # An empty site that is ready to use: the beheer pages open, with nothing in them yet.
    browser.get(f"http://test2.localhost:{poort}/beheerder/")
    wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert browser.find_elements(By.CSS_SELECTOR, ".kop__gebruiker")
    assert_accessible(browser)
    twee = Werkplaats.objects.get(slug="test2")
    beheerder = Gebruiker.objects.get(email="beheer@test2.example")
    assert beheerder.rollen == {twee.pk: Gebruiker.Rol.BEHEERDER}
    assert beheerder.has_usable_password()
