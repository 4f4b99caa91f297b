"""The portal's error pages: in the portal's layout, with ways back into the portal."""

import pytest

from tests.factories import GebruikerFactory

from .conftest import PORTAAL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_host")]


def test_an_unknown_portal_page_gets_the_portals_404(client):
    response = client.get("/bestaat-niet/", HTTP_HOST=PORTAAL)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html
    assert 'href="/agenda/"' in html and 'href="/kennisbank/"' in html
    assert "/kenniscafes/" not in html  # no link to a werkplaats's own pages


def test_landelijk_beheer_refuses_a_werkplaats_account_with_the_portals_403(client):
    client.force_login(GebruikerFactory(rol="beheerder"))
    response = client.get("/landelijk/", HTTP_HOST=PORTAAL)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in html
    assert 'href="/agenda/"' in html  # the portal's menu, not a werkplaats's
