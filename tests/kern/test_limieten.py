"""Rate limits count failures and valid submissions, per real client address."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django_ratelimit.core import _get_ip

from kenniscafes.models import Aanmelding, Abonnee
from tests.factories import BeheerderFactory, GebruikerFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import KenniscafeFactory
from werkplaats.kern.clientip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def site():
    return SiteInstellingenFactory()


def _aanmelding(n: int, **extra) -> dict:
    return {
        "naam": f"Fictieve Student {n}",
        "email": f"student{n}@school.example",
        "organisatie": "Hogeschool Voorbeeld",
        "rol": "professional",
        "sector": "gemeente",
        "regio": "binnen",
        "toestemming": "on",
        **extra,
    }


def _aanmelden(client, kenniscafe, data, **kwargs):
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug})
    return client.post(url, data, **kwargs)


def _assert_te_veel(response, minuten_tekst: str = "Probeer het over"):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel pogingen" in html
    assert minuten_tekst in html
    assert int(response["Retry-After"]) > 0


# --- login ---------------------------------------------------------------------------


def test_thirty_correct_logins_from_one_classroom_address_all_succeed(site):
    mensen = [GebruikerFactory(username=f"student{n}") for n in range(30)]
    for persoon in mensen:
        client = Client(REMOTE_ADDR="192.0.2.10")
        response = client.post(LOGIN, {"username": persoon.username, "password": WACHTWOORD})
        assert response.status_code == 302, persoon.username
        assert client.get("/").context["user"] == persoon


def test_failed_logins_from_one_address_get_the_dutch_429_with_retry_after(site, settings):
    settings.LOGIN_IP_RATE = "5/5m"
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(5):
        assert client.post(LOGIN, {"username": f"x{n}", "password": "fout"}).status_code == 200
    response = client.post(LOGIN, {"username": "x9", "password": "fout"})
    _assert_te_veel(response)
    assert 0 < int(response["Retry-After"]) <= 300 + 5


def test_failed_logins_for_one_user_name_are_limited_from_any_address(site, settings):
    settings.LOGIN_RATE = "3/5m"
    persoon = GebruikerFactory(username="doelwit")
    for n in range(3):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            LOGIN, {"username": "Doelwit", "password": "fout"}
        )
    # Even the right password waits now: the guessing stops, whoever knows the password.
    response = Client(REMOTE_ADDR="198.51.100.1").post(
        LOGIN, {"username": persoon.username, "password": WACHTWOORD}
    )
    _assert_te_veel(response)


def test_successful_logins_do_not_use_up_the_failed_attempts_budget(site, settings):
    settings.LOGIN_IP_RATE = "2/5m"
    GebruikerFactory(username="juist")
    for _ in range(5):
        client = Client(REMOTE_ADDR="192.0.2.10")
        assert client.post(LOGIN, {"username": "juist", "password": WACHTWOORD}).status_code == 302
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert client.post(LOGIN, {"username": "a", "password": "fout"}).status_code == 200
    assert client.post(LOGIN, {"username": "b", "password": "fout"}).status_code == 200
    assert client.post(LOGIN, {"username": "c", "password": "fout"}).status_code == 429


def test_admin_login_sends_people_to_the_site_login(site):
    response = Client().get("/beheer/login/?next=/beheer/kern/organisatie/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=%2Fbeheer%2Fkern%2Forganisatie%2F"
    # The admin has no password form of its own that could be tried without a limit.
    BeheerderFactory(username="baas")
    posted = Client().post("/beheer/login/", {"username": "baas", "password": WACHTWOORD})
    assert posted.status_code == 302
    assert posted["Location"].startswith(LOGIN)


def test_admin_sign_in_through_the_site_login_lands_in_the_admin(site):
    BeheerderFactory(username="baas")
    client = Client()
    start = client.get("/beheer/")
    volgende = client.get(start["Location"])
    assert volgende["Location"].startswith(LOGIN + "?next=")
    response = client.post(
        volgende["Location"], {"username": "baas", "password": WACHTWOORD, "next": "/beheer/"}
    )
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_admin_login_is_rate_limited_like_the_site_login(site, settings):
    settings.LOGIN_RATE = "3/5m"
    BeheerderFactory(username="baas")
    client = Client()
    for _ in range(3):
        naar = client.post("/beheer/login/", {"username": "baas", "password": "fout"})
        client.post(naar["Location"], {"username": "baas", "password": "fout"})
    naar = client.get("/beheer/login/?next=/beheer/")
    _assert_te_veel(client.post(naar["Location"], {"username": "baas", "password": WACHTWOORD}))


def test_signed_in_user_without_admin_access_gets_a_403_not_a_redirect_loop(site):
    GebruikerFactory(username="lid")
    client = Client()
    client.post(LOGIN, {"username": "lid", "password": WACHTWOORD})
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


# --- kenniscafé registration and mailing list ----------------------------------------


def test_thirty_students_behind_one_school_address_register_for_one_cafe(site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=40)
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(30):
        response = _aanmelden(client, kenniscafe, _aanmelding(n))
        assert response.status_code == 302, n
    assert Aanmelding.objects.filter(kenniscafe=kenniscafe).count() == 30


def test_invalid_registrations_re_render_and_do_not_use_up_the_budget(site, settings):
    settings.KENNISCAFE_AANMELD_RATE = "2/m"
    kenniscafe = KenniscafeFactory()
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(5):
        response = _aanmelden(client, kenniscafe, _aanmelding(n, email="geen-adres"))
        assert response.status_code == 200
        assert "geldig e-mailadres" in response.content.decode()
    assert _aanmelden(client, kenniscafe, _aanmelding(1)).status_code == 302
    assert _aanmelden(client, kenniscafe, _aanmelding(2)).status_code == 302
    response = _aanmelden(client, kenniscafe, _aanmelding(3))
    _assert_te_veel(response, "Probeer het over 1 minuut opnieuw.")
    assert Aanmelding.objects.count() == 2


def test_a_flood_of_invalid_registrations_has_its_own_cap(site, settings):
    settings.KENNISCAFE_ONGELDIG_RATE = "3/m"
    kenniscafe = KenniscafeFactory()
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(3):
        assert _aanmelden(client, kenniscafe, _aanmelding(n, naam="")).status_code == 200
    _assert_te_veel(_aanmelden(client, kenniscafe, _aanmelding(9)))


@pytest.mark.parametrize(
    "instelling,rate,stappen",
    [
        # Per café: a second café has its own budget.
        ("KENNISCAFE_AANMELD_RATE", "1/h", [(0, 302), (1, 302), (0, 429)]),
        # Per address over all cafés: the second café shares the budget.
        ("KENNISCAFE_AANMELD_IP_RATE", "2/h", [(0, 302), (0, 302), (1, 429)]),
    ],
)
def test_registration_budgets_per_cafe_and_per_address(site, settings, instelling, rate, stappen):
    setattr(settings, instelling, rate)
    kenniscafes = [KenniscafeFactory(), KenniscafeFactory()]
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n, (welk, status) in enumerate(stappen):
        response = _aanmelden(client, kenniscafes[welk], _aanmelding(n))
        assert response.status_code == status, n
    _assert_te_veel(response)


def test_rate_limited_htmx_registration_says_when_to_try_again(site, settings):
    settings.KENNISCAFE_AANMELD_RATE = "1/m"
    kenniscafe = KenniscafeFactory()
    client = Client(REMOTE_ADDR="192.0.2.10")
    _aanmelden(client, kenniscafe, _aanmelding(1))
    response = _aanmelden(client, kenniscafe, _aanmelding(2), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Probeer het over 1 minuut opnieuw." in response.content.decode()


def test_thirty_mailing_list_sign_ups_from_one_address_all_succeed(site):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(30):
        response = client.post(reverse("kenniscafes:abonnee"), {"email": f"s{n}@school.example"})
        assert response.status_code == 200
        assert "Bijna klaar" in response.content.decode(), n
    assert Abonnee.objects.count() == 30


def test_invalid_mailing_list_sign_ups_do_not_use_up_the_budget(site, settings):
    settings.KENNISCAFE_ABONNEE_RATE = "2/m"
    client = Client(REMOTE_ADDR="192.0.2.10")
    url = reverse("kenniscafes:abonnee")
    for _ in range(4):
        assert "geldig e-mailadres" in client.post(url, {"email": "fout"}).content.decode()
    assert "Bijna klaar" in client.post(url, {"email": "a@school.example"}).content.decode()
    assert "Bijna klaar" in client.post(url, {"email": "b@school.example"}).content.decode()
    _assert_te_veel(client.post(url, {"email": "c@school.example"}))
    assert Abonnee.objects.count() == 2


# --- the real client address ---------------------------------------------------------


def _verzoek(remote: str, doorgestuurd: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": doorgestuurd} if doorgestuurd else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_verzoek("192.0.2.10", "203.0.113.7")) == "192.0.2.10"


def test_a_direct_client_cannot_forge_its_address_when_proxies_are_trusted(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(_verzoek("192.0.2.10", "203.0.113.7")) == "192.0.2.10"


def test_behind_a_trusted_proxy_the_real_client_address_is_used(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "172.18.0.2"]
    assert client_ip(_verzoek("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    # What the client wrote itself stands left of what our proxy saw: it is not believed.
    assert client_ip(_verzoek("10.0.0.2", "198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    # Two trusted proxies in a row (a load balancer in front of the web proxy).
    assert client_ip(_verzoek("172.18.0.2", "203.0.113.7, 10.1.2.3")) == "203.0.113.7"
    # A trusted proxy that forwarded nothing: the proxy is all we know.
    assert client_ip(_verzoek("10.0.0.2")) == "10.0.0.2"


def test_django_ratelimit_ip_keys_go_through_client_ip(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _get_ip(_verzoek("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    assert _get_ip(_verzoek("192.0.2.10", "203.0.113.7")) == "192.0.2.10"


def test_forged_forwarded_for_does_not_give_a_direct_client_a_fresh_budget(site, settings):
    settings.LOGIN_IP_RATE = "2/5m"
    settings.TRUSTED_PROXIES = []
    for n in range(2):
        Client(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            LOGIN, {"username": f"x{n}", "password": "fout"}
        )
    response = Client(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.99").post(
        LOGIN, {"username": "x9", "password": "fout"}
    )
    assert response.status_code == 429


def test_two_clients_behind_one_trusted_proxy_have_separate_budgets(site, settings):
    settings.LOGIN_IP_RATE = "2/5m"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    def via_proxy(client_adres):
        return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_adres)

    for n in range(2):
        via_proxy("203.0.113.7").post(LOGIN, {"username": f"a{n}", "password": "fout"})
    assert (
        via_proxy("203.0.113.7").post(LOGIN, {"username": "a9", "password": "fout"}).status_code
        == 429
    )
    other = via_proxy("198.51.100.4").post(LOGIN, {"username": "b1", "password": "fout"})
    assert other.status_code == 200
