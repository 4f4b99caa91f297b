"""A visitor's journey across sites in Chromium: on the portal they find a café of another
werkplaats in the national agenda and register on that werkplaats's own site; axe on every
page. Both sites run on the live server's port (*.localhost resolves to 127.0.0.1)."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.models import Aanmelding
from tests.conftest import assert_accessible
from tests.factories import KenniscafeFactory, WerkplaatsFactory
from werkplaats.kern.huidig import in_werkplaats

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("portaal_host"),
]


def test_a_visitor_finds_another_werkplaats_cafe_on_the_portal_and_registers_there(
    browser, mailoutbox
):
    KenniscafeFactory(titel="Armoede in gesprek", slug="armoede-in-gesprek")
    rivier = WerkplaatsFactory(
        naam="Werkplaats Sociaal Domein Rivierland", slug="rivierland", hosts=["rivier.localhost"]
    )
    with in_werkplaats(rivier):
        KenniscafeFactory(
            titel="Armoede in gesprek aan de rivier", slug="armoede-in-gesprek", plaatsen_locatie=5
        )
    poort = browser.live_server_url.rsplit(":", 1)[1]
    wait = WebDriverWait(browser, 15)

    browser.get(f"http://portaal.localhost:{poort}/agenda/")
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "filter-werkplaats")).select_by_value("rivierland")
    wait.until(EC.invisibility_of_element_located((By.LINK_TEXT, "Armoede in gesprek")))
    browser.find_element(By.LINK_TEXT, "Armoede in gesprek aan de rivier").click()

    # On Rivierland's own site, at the same port: the café with the same slug as the
    # first werkplaats's, its own page and form.
    wait.until(EC.presence_of_element_located((By.ID, "id_naam")))
    assert browser.current_url == f"http://rivier.localhost:{poort}/kenniscafes/armoede-in-gesprek/"
    assert "Werkplaats Sociaal Domein Rivierland" in browser.page_source
    assert_accessible(browser)
    browser.find_element(By.ID, "id_naam").send_keys("Fictieve Reiziger")
    browser.find_element(By.ID, "id_email").send_keys("reiziger@fictief.example")
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("professional")
    browser.find_element(By.ID, "id_regio_0").click()
    browser.find_element(By.ID, "id_toestemming").click()
    browser.find_element(By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]").click()
    bedankt = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-focus-na-swap]")))
    assert "kijk in je mail" in bedankt.text
    assert_accessible(browser)

    with in_werkplaats(None):
        aanmelding = Aanmelding.objects.select_related("kenniscafe").get()
    assert aanmelding.kenniscafe.werkplaats_id == rivier.pk
    # The confirmation comes from Rivierland and links to its site at the running port.
    wait.until(lambda d: len(mailoutbox) == 1)
    mail = mailoutbox[0]
    assert "Rivierland" in mail.from_email or "Rivierland" in mail.extra_headers.get("From", "")
    assert re.search(rf"http://rivier\.localhost:{poort}/kenniscafes/aanmelding/\S+/", mail.body)
