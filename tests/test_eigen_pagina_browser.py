"""A form on its own page in Chromium with JavaScript switched off, and axe on that page."""

import datetime

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import assert_accessible, browser_inloggen, chromium_start
from tests.factories import CoordinatorFactory, SiteInstellingenFactory
from tests.werkteams.factories import BijeenkomstFactory, LidmaatschapFactory, WerkteamFactory
from werkteams.models import Leeropbrengst

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zonder_js(live_server):
    """A second headless Chromium in which no page runs a script (htmx never loads)."""
    driver = chromium_start("--blink-settings=scriptEnabled=false")
    driver.live_server_url = live_server.url
    yield driver
    driver.quit()


def _wacht(driver):
    return WebDriverWait(
        driver, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException)
    )


@pytest.fixture
def team_met_bijeenkomst():
    SiteInstellingenFactory()
    team = WerkteamFactory(naam="Team Zonder Script", slug="zonder-script")
    coordinator = CoordinatorFactory(username="coord-zonder-js")
    team.coordinatoren.add(coordinator)
    LidmaatschapFactory(werkteam=team, start=datetime.date(2020, 1, 1))
    bijeenkomst = BijeenkomstFactory(werkteam=team, titel="Lenteoverleg")
    return team, bijeenkomst


def test_without_javascript_an_outcome_is_recorded_from_the_learning_tab(
    zonder_js, team_met_bijeenkomst
):
    team, bijeenkomst = team_met_bijeenkomst
    wacht = _wacht(zonder_js)
    browser_inloggen(zonder_js, "coord-zonder-js")
    tab = f"{zonder_js.live_server_url}/werkteams/{team.slug}/leren/"
    zonder_js.get(tab)
    # With htmx this link opens the form inside the tab; with no script running it loads
    # the form as a page of its own (so the address changes).
    zonder_js.find_element(By.CSS_SELECTOR, "a[hx-get*='/leeropbrengsten/toevoegen/']").click()
    wacht.until(EC.url_contains("/leeropbrengsten/toevoegen/"))
    wacht.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    opties = [
        o.text for o in zonder_js.find_elements(By.CSS_SELECTOR, "select[name=bijeenkomst] option")
    ]
    assert any(o.endswith("— Lenteoverleg") for o in opties), opties
    zonder_js.find_element(By.CSS_SELECTOR, "input[name=niveau][value=team]").click()
    zonder_js.find_element(By.NAME, "wat").send_keys("We verwijzen eerder door naar schuldhulp.")
    zonder_js.find_element(By.CSS_SELECTOR, ".formulier form button[type=submit]").click()
    # Back on the tab it came from, saying what was saved.
    wacht.until(EC.url_contains("/leren/"))
    wacht.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".meldingen"), "is vastgelegd"))
    assert Leeropbrengst.objects.get(werkteam=team).niveau == "team"


def test_without_javascript_the_meeting_pages_link_returns_to_the_meeting(
    zonder_js, team_met_bijeenkomst
):
    team, bijeenkomst = team_met_bijeenkomst
    wacht = _wacht(zonder_js)
    browser_inloggen(zonder_js, "coord-zonder-js")
    pagina = f"{zonder_js.live_server_url}/werkteams/{team.slug}/bijeenkomsten/{bijeenkomst.pk}/"
    zonder_js.get(pagina)
    zonder_js.find_element(By.CSS_SELECTOR, 'a[href*="/leeropbrengsten/toevoegen/"]').click()
    wacht.until(EC.url_contains("/leeropbrengsten/toevoegen/"))
    keuze = zonder_js.find_element(By.CSS_SELECTOR, "select[name=bijeenkomst] option:checked")
    assert keuze.text.endswith("— Lenteoverleg")
    zonder_js.find_element(By.CSS_SELECTOR, "input[name=niveau][value=individueel]").click()
    zonder_js.find_element(By.NAME, "wat").send_keys("Eerder vragen naar schulden.")
    zonder_js.find_element(By.CSS_SELECTOR, ".formulier form button[type=submit]").click()
    wacht.until(EC.url_to_be(pagina))
    wacht.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".meldingen"), "is vastgelegd"))
    assert Leeropbrengst.objects.get(werkteam=team).bijeenkomst == bijeenkomst


def test_the_form_page_passes_axe(browser, team_met_bijeenkomst):
    team, bijeenkomst = team_met_bijeenkomst
    browser_inloggen(browser, "coord-zonder-js")
    browser.get(
        f"{browser.live_server_url}/werkteams/{team.slug}/leeropbrengsten/toevoegen/"
        f"?bijeenkomst={bijeenkomst.pk}&terug=/werkteams/{team.slug}/"
    )
    _wacht(browser).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert_accessible(browser)
