"""A beheerder finds a duplicate person, opens them and merges the two, in Chromium with axe."""

import datetime

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import BeheerderFactory, OrganisatieFactory
from werkteams.models import Lidmaatschap, Persoon

from .factories import LidmaatschapFactory, PersoonFactory, WerkteamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENEGEERD = [StaleElementReferenceException, WebDriverException]


def test_beheerder_searches_opens_and_merges_a_duplicate(browser):
    def wacht(voorwaarde):
        WebDriverWait(browser, 15, ignored_exceptions=GENEGEERD).until(voorwaarde)

    def wacht_op_tekst(tekst):
        wacht(lambda d: tekst in d.find_element(By.TAG_NAME, "main").text)

    def typ(veld_id, waarde):
        def gevuld(driver):
            veld = driver.find_element(By.ID, veld_id)
            veld.clear()
            veld.send_keys(waarde)
            return veld.get_attribute("value") == waarde

        wacht(gevuld)

    team = WerkteamFactory(naam="Schulden (browser)")
    gemeente = OrganisatieFactory(naam="Gemeente Browserstad")
    houden = PersoonFactory(naam="Fenna de Vries", email="fenna@werk.example", organisatie=gemeente)
    weg = PersoonFactory(naam="F. de Vries", email="fenna@thuis.example", functie="Wijkcoach")
    PersoonFactory(naam="Iemand Anders")
    LidmaatschapFactory(werkteam=team, persoon=houden, start=datetime.date(2020, 1, 1))
    LidmaatschapFactory(werkteam=team, persoon=weg, start=datetime.date(2021, 1, 1))
    BeheerderFactory(username="beheer-personen")
    browser_inloggen(browser, "beheer-personen")

    # Search as you type: htmx swaps the results without a page load.
    browser.get(browser.live_server_url + "/werkteams/personen/")
    wacht_op_tekst("Iemand Anders")
    assert_accessible(browser)
    typ("id_q", "vries")
    wacht(lambda d: "Iemand Anders" not in d.find_element(By.ID, "persoon-resultaten").text)
    assert "Fenna de Vries" in browser.find_element(By.ID, "persoon-resultaten").text

    # Open the person and start a merge.
    browser.find_element(By.LINK_TEXT, "Fenna de Vries").click()
    wacht_op_tekst("Wat bij deze persoon hoort")
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Samenvoegen met…").click()
    wacht(lambda d: d.find_elements(By.ID, "kandidaten"))
    typ("id_q", "F. de")
    wacht(lambda d: d.find_elements(By.LINK_TEXT, "F. de Vries"))
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "F. de Vries").click()

    # The confirmation shows both side by side; keep the other's function, then merge.
    wacht_op_tekst("Welke gegevens je houdt")
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, f"input[name=functie][value='{weg.pk}']").click()
    browser.find_element(
        By.XPATH, "//button[normalize-space()='Deze twee personen samenvoegen']"
    ).click()
    wacht_op_tekst("is samengevoegd met Fenna de Vries")
    assert_accessible(browser)

    assert not Persoon.objects.filter(pk=weg.pk).exists()
    houden.refresh_from_db()
    assert (houden.email, houden.functie) == ("fenna@werk.example", "Wijkcoach")
    # The two overlapping memberships of the team became one, from the earliest start.
    assert list(Lidmaatschap.objects.values_list("persoon", "start")) == [
        (houden.pk, datetime.date(2020, 1, 1))
    ]
