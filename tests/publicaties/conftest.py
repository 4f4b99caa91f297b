import pytest

from tests.factories import SiteInstellingenFactory


@pytest.fixture(autouse=True)
def site(db):
    return SiteInstellingenFactory()
