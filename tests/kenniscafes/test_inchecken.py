"""Check-in on the day: search by name, one tap marks present, walk-ins, failures, rights."""

import pytest
from django.urls import reverse

from kenniscafes.models import Aanmelding
from tests.factories import CoordinatorFactory, GebruikerFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.werkteams.factories import WerkteamFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def eigen_cafe(coordinator):
    werkteam = WerkteamFactory()
    werkteam.coordinatoren.add(coordinator)
    kenniscafe = KenniscafeFactory()
    kenniscafe.organisator_werkteams.add(werkteam)
    return kenniscafe


@pytest.fixture
def organisator(client, site, coordinator):
    client.force_login(coordinator)
    return client


def _url(kenniscafe, pk=None):
    if pk is None:
        return reverse("kenniscafes:inchecken", kwargs={"slug": kenniscafe.slug})
    return reverse("kenniscafes:inchecken_tik", kwargs={"slug": kenniscafe.slug, "pk": pk})


def test_search_filters_the_list_by_name_as_a_page_and_as_a_fragment(organisator, eigen_cafe):
    AanmeldingFactory(kenniscafe=eigen_cafe, naam="Fictieve Anouk")
    AanmeldingFactory(kenniscafe=eigen_cafe, naam="Fictieve Bram")
    AanmeldingFactory(kenniscafe=eigen_cafe, naam="Fictieve Wachter", status="wachtlijst")
    pagina = organisator.get(_url(eigen_cafe)).content.decode()
    assert "Fictieve Anouk" in pagina and "Fictieve Bram" in pagina
    assert "Fictieve Wachter" not in pagina
    assert "0 van 2 aanwezig" in pagina
    fragment = organisator.get(_url(eigen_cafe), {"zoek": "anouk"}, **HX).content.decode()
    assert "Fictieve Anouk" in fragment and "Fictieve Bram" not in fragment
    assert "<html" not in fragment
    zonder_js = organisator.get(_url(eigen_cafe), {"zoek": "bram"}).content.decode()
    assert "Fictieve Bram" in zonder_js and "Fictieve Anouk" not in zonder_js


def test_a_tap_marks_present_and_returns_the_row_and_the_counter(organisator, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe, naam="Fictieve Anouk")
    AanmeldingFactory(kenniscafe=eigen_cafe)
    response = organisator.post(_url(eigen_cafe, aanmelding.pk), {"aanwezig": "ja"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="inchecken-{aanmelding.pk}"' in html and "Fictieve Anouk" in html
    assert 'hx-swap-oob="true"' in html and "1 van 2 aanwezig" in html
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is True
    # A second tap undoes it.
    organisator.post(_url(eigen_cafe, aanmelding.pk), {"aanwezig": ""}, **HX)
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is None


def test_without_js_a_tap_goes_back_to_the_page(organisator, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe)
    response = organisator.post(_url(eigen_cafe, aanmelding.pk), {"aanwezig": "ja"})
    assert response.status_code == 302 and response.url == _url(eigen_cafe)
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is True


def test_a_failing_tap_answers_200_with_a_dutch_error_in_the_row(organisator, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe, status="geannuleerd")
    response = organisator.post(_url(eigen_cafe, aanmelding.pk), {"aanwezig": "ja"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alleen aanmeldingen met een plaats" in html
    assert f'id="inchecken-{aanmelding.pk}"' in html
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is None


def test_a_walk_in_is_added_from_the_same_screen(organisator, eigen_cafe):
    response = organisator.post(
        _url(eigen_cafe), {"naam": "Fictieve Inloper", "rol": "professional", "regio": "binnen"}
    )
    assert response.status_code == 302
    inloper = Aanmelding.objects.get(naam="Fictieve Inloper")
    assert inloper.is_inloop and inloper.aanwezig
    pagina = organisator.get(_url(eigen_cafe)).content.decode()
    assert "Fictieve Inloper" in pagina and "1 van 1 aanwezig" in pagina


def test_an_invalid_walk_in_re_renders_with_an_error_summary(organisator, eigen_cafe):
    response = organisator.post(_url(eigen_cafe), {"naam": ""})
    assert response.status_code == 200
    assert "foutsamenvatting" in response.content.decode()
    assert not Aanmelding.objects.exists()


def test_someone_who_does_not_organise_the_cafe_gets_404(client, site, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe)
    client.force_login(GebruikerFactory())
    assert client.get(_url(eigen_cafe)).status_code == 404
    assert client.post(_url(eigen_cafe, aanmelding.pk), {"aanwezig": "ja"}).status_code == 404
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is None
