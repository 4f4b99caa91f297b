"""The demo network: Zuid-Holland Zuid and two smaller made-up werkplaatsen, each at its own
host with its own teams, cafés and kennisbank; themes and a café slug they share."""

import pytest
from django.test import override_settings
from django.utils import timezone

from kenniscafes.models import Aanmelding, Kenniscafe
from publicaties.models import Publicatie, Thema
from werkplaats.demo import DEMO_WERKPLAATSEN, demo_data, demo_load, demo_zhz
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Organisatie, Werkplaats, WerkplaatsHost
from werkteams.models import Bijeenkomst, Lidmaatschap, Werkteam

pytestmark = pytest.mark.django_db

REGIOS = ["nijmegen", "utrecht"]


@pytest.fixture
def geladen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return demo_load()


def _in(slug: str):
    return in_werkplaats(Werkplaats.objects.get(slug=slug))


def test_every_demo_werkplaats_has_its_own_host_and_name(geladen):
    for demo in DEMO_WERKPLAATSEN:
        werkplaats = Werkplaats.objects.get(slug=demo.slug)
        assert werkplaats.naam == demo_data(demo.slug)["werkplaats"]["naam"]
        assert list(werkplaats.hosts.values_list("host", "primair")) == [(demo.hosts[0], True)]
    # The test's own werkplaats keeps the hosts of the test client; the portal hosts stay free.
    assert not WerkplaatsHost.objects.filter(host__endswith=".localhost", werkplaats__slug="test")


@pytest.mark.parametrize("slug", REGIOS)
def test_a_made_up_werkplaats_has_a_smaller_set_of_everything(geladen, slug):
    nu = timezone.now()
    with _in(slug) as werkplaats:
        assert werkplaats.intro and werkplaats.privacyverklaring
        assert werkplaats.toegankelijkheidsverklaring and werkplaats.contact_email
        assert 8 <= Organisatie.objects.count() <= 15
        assert len(set(Organisatie.objects.values_list("sector", flat=True))) >= 5
        lopend = Werkteam.objects.filter(status=Werkteam.Status.ACTIEF)
        assert 2 <= Werkteam.objects.count() <= 4 and lopend.count() >= 2
        for team in lopend:
            assert Lidmaatschap.objects.filter(werkteam=team, eind__isnull=True).exists()
            assert Bijeenkomst.objects.filter(werkteam=team, start__gt=nu).exists()
        cafes = Kenniscafe.objects.all()
        assert 3 <= cafes.count() <= 6
        komend = cafes.filter(start__gt=nu)
        assert komend.exists() and cafes.filter(eind__lt=nu).exists()
        assert Aanmelding.objects.filter(kenniscafe__in=komend).exclude(email="").exists()
        assert 5 <= Publicatie.objects.filter(status="gepubliceerd").count() <= 10
        assert not Publicatie.objects.filter(themas__isnull=True).exists()
        for publicatie in Publicatie.objects.all():
            assert len(publicatie.samenvatting) >= 80 and publicatie.inhoud_tekst


@pytest.mark.parametrize("slug", REGIOS)
def test_themes_and_a_cafe_slug_are_shared_with_zuid_holland_zuid(geladen, slug):
    with in_werkplaats(demo_zhz()):
        zhz_themas = set(
            Thema.objects.filter(publicaties__isnull=False).values_list("slug", flat=True)
        )
        zhz_cafes = set(Kenniscafe.objects.values_list("slug", flat=True))
    with _in(slug):
        themas = set(Thema.objects.filter(publicaties__isnull=False).values_list("slug", flat=True))
        cafes = set(Kenniscafe.objects.values_list("slug", flat=True))
    assert themas & zhz_themas
    assert cafes & zhz_cafes
    with in_werkplaats(None):  # across all werkplaatsen: one café per werkplaats
        gedeeld = Kenniscafe.objects.filter(slug__in=cafes & zhz_cafes)
        werkplaatsen = gedeeld.order_by().values("werkplaats").distinct().count()
    assert werkplaatsen == 2


def test_each_host_shows_its_own_cafe_under_the_shared_slug(client, geladen):
    with _in("nijmegen"):
        gedeeld = Kenniscafe.objects.get(slug="demo-vrije-plaatsen-wijkgericht-werken")
    url = gedeeld.get_absolute_url()
    nijmegen = client.get(url, HTTP_HOST="nijmegen.localhost").content.decode()
    zhz = client.get(url, HTTP_HOST="zhz.localhost").content.decode()
    assert gedeeld.titel in nijmegen and gedeeld.titel not in zhz
    assert "Wijkgericht werken: wat werkt?" in zhz
    voorpagina = client.get("/", HTTP_HOST="utrecht.localhost")
    assert voorpagina.status_code == 200
    assert "Werkplaats Utrecht" in voorpagina.content.decode()


def test_loading_twice_changes_nothing(geladen):
    def tellingen():
        uitkomst = {}
        for slug in ["zhz", *REGIOS]:
            with _in(slug):
                uitkomst[slug] = (
                    Organisatie.objects.count(),
                    Werkteam.objects.count(),
                    Lidmaatschap.objects.count(),
                    Bijeenkomst.objects.count(),
                    Kenniscafe.objects.count(),
                    Aanmelding.objects.count(),
                    Publicatie.objects.count(),
                )
        return uitkomst

    voor = tellingen()
    demo_load()
    assert tellingen() == voor
    assert Werkplaats.objects.filter(slug__in=["zhz", *REGIOS]).count() == 3


def test_an_upgraded_single_werkplaats_demo_becomes_zuid_holland_zuid(settings, tmp_path):
    """A database of the earlier demo was upgraded to a werkplaats with the old slug and the
    host names of those days: loading makes it the demo's ZHZ, not a second one, and frees
    the hosts that now belong to the portal."""
    settings.MEDIA_ROOT = tmp_path
    oud = Werkplaats.objects.create(
        naam="Werkplaats Sociaal Domein Zuid-Holland Zuid", slug="werkplaats-zhz"
    )
    WerkplaatsHost.objects.create(werkplaats=oud, host="oud-portaal.testserver", primair=True)
    with in_werkplaats(oud):
        Organisatie.objects.create(naam="Al bestaande partner", sector="overig")
    with override_settings(PORTAAL_HOSTS=["oud-portaal.testserver"]):
        demo_load()
    oud.refresh_from_db()
    assert oud.slug == "zhz" and demo_zhz() == oud
    assert list(oud.hosts.values_list("host", flat=True)) == ["zhz.localhost"]
    assert not Werkplaats.objects.filter(slug="werkplaats-zhz").exists()
    with in_werkplaats(oud):
        assert Organisatie.objects.filter(naam="Al bestaande partner").exists()
        assert Kenniscafe.objects.count() > 10


def test_a_demo_host_owned_by_another_werkplaats_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ander = Werkplaats.objects.create(naam="Ander", slug="ander")
    WerkplaatsHost.objects.create(werkplaats=ander, host="nijmegen.localhost", primair=True)
    with pytest.raises(ValueError, match="nijmegen.localhost"):
        demo_load()
