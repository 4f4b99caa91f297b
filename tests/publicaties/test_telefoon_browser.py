"""The knowledge base and the café archive on a phone (390 × 844): results first, no sideways scroll."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from publicaties.models import Publicatie
from tests.conftest import assert_accessible
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory

from .factories import PublicatieFactory, ThemaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_come_first_and_the_archive_reflows_on_a_phone(browser):
    thema = ThemaFactory(naam="Armoede en schulden", slug="armoede-en-schulden")
    for jaar in range(2015, 2025):
        PublicatieFactory(
            titel=f"Schulden in de wijk {jaar}",
            type=Publicatie.Type.ONDERZOEKSRAPPORT,
            jaar=jaar,
            themas=[thema],
        )
    voorbij = timezone.now() - datetime.timedelta(days=30)
    cafe = KenniscafeFactory(
        titel="Een fictief kenniscafé met een lange titel over schulden en armoede",
        start=voorbij,
        eind=voorbij + datetime.timedelta(hours=2),
    )
    AanmeldingFactory(kenniscafe=cafe, aanwezig=True)
    grootte = browser.get_window_size()
    browser.set_window_size(390, 844)
    try:
        browser.get(browser.live_server_url + "/kennisbank/")
        eerste = browser.find_element(By.CSS_SELECTOR, ".kb-resultaat")
        assert (
            browser.execute_script("return arguments[0].getBoundingClientRect().top", eerste) < 844
        )
        facet = browser.find_element(By.CSS_SELECTOR, ".kb-facet input[type=checkbox]")
        assert not facet.is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".kb-filters > summary").click()
        assert facet.is_displayed()
        assert_accessible(browser)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390

        browser.get(browser.live_server_url + "/kenniscafes/archief/")
        assert "Een fictief kenniscafé" in browser.page_source
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        assert_accessible(browser)
    finally:
        browser.set_window_size(grootte["width"], grootte["height"])
