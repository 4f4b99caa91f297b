import pytest

from tests.factories import SiteInstellingenFactory


@pytest.fixture
def site(db):
    return SiteInstellingenFactory()
