"""A request body over its cap is refused (413, Dutch) before anything reads it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import SiteInstellingenFactory
from tests.kenniscafes.factories import KenniscafeFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def site():
    return SiteInstellingenFactory()


def _post(url: str, grootte: int):
    # With CSRF checks on, a body that got read would end in a 403, not a 413.
    client = Client(enforce_csrf_checks=True)
    return client.post(url, b"x" * grootte, content_type="application/octet-stream")


def test_an_oversized_body_gets_a_dutch_413_before_it_is_read(site, settings):
    settings.REQUEST_MAX_MB = 1
    kenniscafe = KenniscafeFactory()
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug})
    response = _post(url, 2 * MB)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Te veel tegelijk verstuurd" in html
    assert "1 MB" in html
    assert _post(url, MB // 2).status_code == 403  # under the cap: on to the CSRF check


def test_the_kennisbank_upload_forms_have_a_larger_cap(site, settings):
    settings.REQUEST_MAX_MB = 1
    settings.REQUEST_MAX_MB_PER_URL = {"publicaties:publicatie_create": 3}
    url = reverse("publicaties:publicatie_create")
    assert _post(url, 2 * MB).status_code != 413
    assert _post(url, 4 * MB).status_code == 413
    assert _post(reverse("kenniscafes:abonnee"), 2 * MB).status_code == 413


def test_default_caps_fit_the_kennisbank_audio_limit(settings):
    for naam in ("publicaties:publicatie_create", "publicaties:publicatie_update"):
        assert settings.REQUEST_MAX_MB_PER_URL[naam] > settings.PUBLICATIES_MAX_AUDIO_MB
    assert settings.REQUEST_MAX_MB < settings.PUBLICATIES_MAX_AUDIO_MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * MB
