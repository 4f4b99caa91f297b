"""The demo podcast in a real browser: the episode page plays its clip (Chromium decodes it
and knows its length), the body reads as paragraphs, and the page passes axe."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from publicaties.models import Publicatie
from tests.conftest import assert_accessible
from werkplaats.demo import demo_load, demo_zhz
from werkplaats.kern.huidig import in_werkplaats

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_episode_plays_in_the_browser(browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    with in_werkplaats(demo_zhz()):
        aflevering = Publicatie.objects.filter(type=Publicatie.Type.PODCASTAFLEVERING).first()
    # The demo's Zuid-Holland Zuid is at zhz.localhost (Chromium finds *.localhost here).
    zhz = browser.live_server_url.replace("://localhost:", "://zhz.localhost:")
    browser.get(zhz + aflevering.get_absolute_url())
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "audio")
    )
    assert len(browser.find_elements(By.CSS_SELECTOR, ".kb-inhoud p")) >= 3
    browser.execute_script("document.querySelector('audio').load()")
    # HAVE_METADATA: the browser fetched the file, recognised its format and read its length.
    WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: b.execute_script(
            "const a = document.querySelector('audio');"
            "return a.error ? 'fout ' + a.error.code : a.readyState >= 1 && a.duration > 0;"
        )
    )
    fout, duur = browser.execute_script(
        "const a = document.querySelector('audio'); return [a.error && a.error.code, a.duration];"
    )
    assert fout is None
    assert abs(duur - aflevering.audio_duur) <= 1
    assert_accessible(browser)
