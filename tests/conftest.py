"""Shared fixtures: factories live per app; here the real browser and axe-core."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI") == "true"


def _bronnen_map() -> Path | None:
    """The source documents of the demo texts, when this machine has them (not in the repo)."""
    if os.environ.get("WERKPLAATS_BRONNEN"):
        return Path(os.environ["WERKPLAATS_BRONNEN"])
    return next(
        (p / "shared" / "seeds" for p in ROOT.parents if (p / "shared" / "seeds").is_dir()), None
    )


BRONNEN = _bronnen_map()
# The check that the demo texts copy no sentence needs the sources: without them it is not
# collected at all (a clean clone or CI without the sources), rather than skipped.
collect_ignore = [] if BRONNEN and BRONNEN.is_dir() else ["test_demo_bronnen.py"]


def missing(reason: str):
    """In CI a missing part is a failure, never a skip."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache (rate limits, cached site settings)."""
    cache.clear()
    yield
    cache.clear()


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def werkplaats(request):
    """Every test that uses the database acts in a werkplaats of its own, found at the
    hosts the test client and the live server use. Another one: WerkplaatsFactory."""
    gebruikt_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not gebruikt_db or request.node.get_closest_marker("zonder_werkplaats"):
        yield None
        return
    request.getfixturevalue("_django_db_helper")
    from werkplaats.kern.huidig import in_werkplaats
    from werkplaats.kern.models import Werkplaats, WerkplaatsHost

    eigen = Werkplaats.objects.create(naam="Werkplaats Sociaal Domein", slug="test")
    for volgorde, host in enumerate(("testserver", "localhost", "127.0.0.1")):
        WerkplaatsHost.objects.create(werkplaats=eigen, host=host, primair=volgorde == 0)
    with in_werkplaats(eigen):
        yield eigen


@pytest.fixture(autouse=True)
def _nl(settings):
    settings.LANGUAGE_CODE = "nl"


def chromium_start(*extra_flags: str):
    """Debian's headless Chromium through its ChromeDriver (never a downloaded browser);
    `extra_flags` for a variant, such as one that runs no scripts."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        missing(
            "Debian's chromium and chromium-driver are not installed (make test installs them)."
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--lang=nl-NL",
        *extra_flags,
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    return driver


def _waits_ride_out_swaps() -> None:
    """Every WebDriverWait in the browser tests polls on through the errors Chromium gives
    for a node that htmx has just replaced: StaleElementReference, and the plain
    WebDriverException "Node with given id does not belong to the document". A wait still
    fails (TimeoutException) when its condition never holds."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.wait import WebDriverWait

    if getattr(WebDriverWait, "_werkplaats", False):
        return
    oorspronkelijk = WebDriverWait.__init__

    def __init__(self, driver, timeout, poll_frequency=0.5, ignored_exceptions=None):
        genegeerd = tuple(ignored_exceptions or ()) + (
            StaleElementReferenceException,
            WebDriverException,
        )
        oorspronkelijk(self, driver, timeout, poll_frequency, genegeerd)

    WebDriverWait.__init__ = __init__
    WebDriverWait._werkplaats = True


@pytest.fixture(scope="session")
def _chromium_driver():
    _waits_ride_out_swaps()
    driver = chromium_start()
    yield driver
    driver.quit()


@pytest.fixture
def browser(_chromium_driver, live_server):
    """Debian's headless Chromium, pointed at a live server, with a clean cookie jar."""
    _chromium_driver.delete_all_cookies()
    _chromium_driver.live_server_url = live_server.url
    yield _chromium_driver
    _chromium_driver.delete_all_cookies()


def axe_violations(driver, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core 4 (npm package, injected) on the current page; return serious/critical hits."""
    if not AXE_JS.exists():
        missing("node_modules/axe-core is missing (make test runs npm ci).")
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r)).catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def assert_accessible(driver):
    """Fail with a readable list when axe finds serious or critical violations."""
    violations = axe_violations(driver)
    assert violations == [], f"axe on {driver.current_url}: {violations}"


def browser_inloggen(driver, gebruikersnaam: str, wachtwoord: str = "geheim-wachtwoord-123"):
    """Sign in through the site's login page and wait until the header shows the user."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(driver.live_server_url + "/inloggen/")
    driver.find_element(By.ID, "id_username").send_keys(gebruikersnaam)
    driver.find_element(By.ID, "id_password").send_keys(wachtwoord)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".kop__gebruiker"))
    )
