"""Live validation answers with the changed field only, exactly as the whole form shows it."""

import re

import pytest
from django.urls import reverse

from kenniscafes.models import Aanmelding
from tests.kenniscafes.factories import KenniscafeFactory

pytestmark = pytest.mark.django_db

POST = {"naam": "Ans <b>", "email": "geen-adres", "rol": "student", "regio": "x"}


def _valideer(client, kenniscafe, **headers):
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug}) + "?valideren=1"
    return client.post(url, POST, headers={"HX-Request": "true", **headers})


@pytest.mark.parametrize("veld", ["naam", "email", "opleiding", "regio", "toestemming"])
def test_one_field_as_in_the_whole_form(client, site, django_assert_max_num_queries, veld):
    kenniscafe = KenniscafeFactory()
    geheel = _valideer(client, kenniscafe).content.decode()
    with django_assert_max_num_queries(2):
        response = _valideer(client, kenniscafe, **{"HX-Trigger-Name": veld})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<div class=") and f'id="id_{veld}_veld"' in html
    assert html in geheel
    assert re.findall(r'id="id_(\w+?)_veld"', html) == [veld]
    assert "csrfmiddlewaretoken" not in html
    assert Aanmelding.objects.count() == 0


def test_unknown_trigger_gets_the_whole_form(client, site):
    kenniscafe = KenniscafeFactory()
    html = _valideer(client, kenniscafe, **{"HX-Trigger-Name": "website"}).content.decode()
    assert 'id="id_email_veld"' in html and 'id="id_naam_veld"' in html
