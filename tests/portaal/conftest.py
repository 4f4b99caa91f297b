"""The portal in tests: its own host, two werkplaatsen with their own sites."""

import pytest

from tests.factories import WerkplaatsFactory

PORTAAL = "portaal.testserver"


@pytest.fixture
def portaal_host(settings):
    # The fixture werkplaats owns localhost: the portal gets a host of its own (used by
    # the tests of the public portal through their pytestmark).
    settings.PORTAAL_HOSTS = [PORTAAL, "portaal.localhost"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".testserver", ".localhost"]
    settings.SITE_URL = "http://testserver"
    return PORTAAL


@pytest.fixture
def regio(db):
    """A second werkplaats, at regio-b.testserver."""
    return WerkplaatsFactory(naam="Werkplaats Regio B", slug="regio-b", regio="Drechtsteden")


def haal(client, url, **extra):
    return client.get(url, HTTP_HOST=PORTAAL, **extra)
