"""Beheerders invite coordinators and beheerders, change roles and deactivate users (#12)."""

import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, SiteInstellingenFactory
from werkplaats.kern.beheer import gebruikers
from werkplaats.kern.models import Bericht, Gebruiker

pytestmark = pytest.mark.django_db

ONGELDIG = "Deze uitnodigingslink is verlopen of al gebruikt."
LINK = re.compile(r"https?://\S+/uitnodiging/[^/\s]+/")
WACHTWOORD = "Een-lang-en-sterk-wachtwoord-42"


@pytest.fixture(autouse=True)
def _lege_tellers():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site():
    return SiteInstellingenFactory()


@pytest.fixture
def beheerder(client, site):
    gebruiker = BeheerderFactory()
    client.force_login(gebruiker)
    return gebruiker


def _melding(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _uitnodigen(client, **velden):
    data = {"email": "nieuw@voorbeeld.example", "voornaam": "Nina", "rol": "coordinator"}
    return client.post(reverse("beheer:gebruiker_list"), data | velden, follow=True)


def _link(email="nieuw@voorbeeld.example") -> str:
    bericht = Bericht.objects.get(aan=email, onderwerp__icontains="uitnodiging")
    return LINK.search(bericht.tekst).group(0)


# --- permissions -------------------------------------------------------------------------

PAGINAS = ["beheer:gebruiker_list", "beheer:gebruiker_detail"]


def _url(naam, gebruiker):
    return reverse(naam, kwargs={"pk": gebruiker.pk} if naam.endswith("detail") else {})


@pytest.mark.parametrize("naam", PAGINAS)
def test_anonymous_visitors_are_sent_to_the_login(client, site, naam):
    response = client.get(_url(naam, CoordinatorFactory()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("naam", PAGINAS)
def test_coordinators_get_403(client, site, naam):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    assert client.get(_url(naam, coordinator)).status_code == 403
    andere = CoordinatorFactory()
    url = reverse("beheer:gebruiker_active", kwargs={"pk": andere.pk})
    assert client.post(url).status_code == 403
    andere.refresh_from_db()
    assert andere.is_active


def test_the_overview_links_to_the_users(client, beheerder):
    response = client.get(reverse("beheer:overzicht"))
    assert reverse("beheer:gebruiker_list") in response.content.decode()


def test_the_list_searches_by_name_and_email(client, beheerder):
    CoordinatorFactory(first_name="Zelda", email="zelda@voorbeeld.example")
    CoordinatorFactory(first_name="Karel")
    response = client.get(reverse("beheer:gebruiker_list"), {"q": "zelda"})
    namen = [g.first_name for g in response.context["gebruikers"]]
    assert namen == ["Zelda"]


# --- invitation --------------------------------------------------------------------------


def test_invite_mails_a_link_that_sets_the_password_and_logs_in(client, beheerder):
    response = _uitnodigen(client)
    assert response.status_code == 200
    assert "nieuw@voorbeeld.example" in _melding(response)
    nieuw = Gebruiker.objects.get(email="nieuw@voorbeeld.example")
    assert nieuw.rol == "coordinator" and not nieuw.has_usable_password()
    link = _link()

    client.logout()
    pagina = client.get(link)
    assert pagina.status_code == 200
    assert "Kies een wachtwoord" in pagina.content.decode()
    response = client.post(
        link, {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"] == nieuw
    nieuw.refresh_from_db()
    assert nieuw.check_password(WACHTWOORD)


def test_a_weak_or_mismatched_password_shows_an_error_and_keeps_the_link(client, beheerder):
    _uitnodigen(client)
    link = _link()
    client.logout()
    for wachtwoorden in (("kort", "kort"), (WACHTWOORD, WACHTWOORD + "x")):
        response = client.post(
            link, {"new_password1": wachtwoorden[0], "new_password2": wachtwoorden[1]}
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not response.context["user"].is_authenticated
    assert not Gebruiker.objects.get(email="nieuw@voorbeeld.example").has_usable_password()
    assert client.get(link).status_code == 200


def test_a_used_link_is_refused_in_dutch(client, beheerder):
    _uitnodigen(client)
    link = _link()
    client.logout()
    client.post(link, {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD})
    client.logout()
    for response in (client.get(link), client.post(link, {"new_password1": "x"})):
        assert response.status_code == 410
        tekst = response.content.decode()
        assert ONGELDIG in tekst
        assert '<form method="post" novalidate>' not in tekst


def test_an_expired_link_is_refused_in_dutch(client, beheerder, monkeypatch):
    _uitnodigen(client)
    link = _link()
    client.logout()
    monkeypatch.setattr(gebruikers, "UITNODIGING_GELDIG", gebruikers.timedelta(seconds=-1))
    response = client.get(link)
    assert response.status_code == 410
    assert ONGELDIG in response.content.decode()
    response = client.post(link, {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD})
    assert response.status_code == 410
    assert not Gebruiker.objects.get(email="nieuw@voorbeeld.example").has_usable_password()


def test_a_forged_token_says_the_same_and_tells_nothing(client, site):
    gebruiker = CoordinatorFactory()
    vals = signing.dumps({"g": gebruiker.pk, "s": "geraden"}, salt=gebruikers.UITNODIGING_SALT)
    for token in ("onzin", vals):
        response = client.get(reverse("uitnodiging_accepteren", kwargs={"token": token}))
        assert response.status_code == 410
        assert ONGELDIG in response.content.decode()


def test_many_wrong_tokens_from_one_address_are_cut_off(client, site, settings):
    settings.LOGIN_IP_RATE = "3/5m"
    url = reverse("uitnodiging_accepteren", kwargs={"token": "onzin"})
    assert [client.get(url).status_code for _ in range(4)] == [410, 410, 410, 429]


def test_an_invited_person_can_get_a_fresh_link(client, beheerder):
    _uitnodigen(client)
    nieuw = Gebruiker.objects.get(email="nieuw@voorbeeld.example")
    detail = client.get(reverse("beheer:gebruiker_detail", kwargs={"pk": nieuw.pk}))
    url = reverse("beheer:gebruiker_invite_again", kwargs={"pk": nieuw.pk})
    assert url in detail.content.decode()
    client.post(url)
    assert Bericht.objects.filter(aan=nieuw.email).count() == 2
    andere = CoordinatorFactory()
    url = reverse("beheer:gebruiker_invite_again", kwargs={"pk": andere.pk})
    response = client.post(url, follow=True)
    assert "al geaccepteerd" in _melding(response)
    assert not Bericht.objects.filter(aan=andere.email).exists()


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"email": "geen-adres"}, "email"),
        ({"voornaam": ""}, "voornaam"),
        ({"rol": "lid"}, "rol"),
    ],
)
def test_bad_invitation_input_shows_an_error_and_saves_nothing(client, beheerder, velden, veld):
    aantal = Gebruiker.objects.count()
    response = _uitnodigen(client, **velden)
    assert response.status_code == 200
    assert response.context["form"].errors[veld]
    assert Gebruiker.objects.count() == aantal
    assert not Bericht.objects.exists()


def test_an_existing_email_is_refused(client, beheerder):
    CoordinatorFactory(email="nieuw@voorbeeld.example")
    response = _uitnodigen(client, email="NIEUW@voorbeeld.example")
    assert response.status_code == 200
    assert "bestaat al" in str(response.context["form"].errors["email"])
    assert not Bericht.objects.exists()


# --- role and active ---------------------------------------------------------------------


def test_a_role_change_mails_the_person(client, beheerder):
    coordinator = CoordinatorFactory()
    url = reverse("beheer:gebruiker_detail", kwargs={"pk": coordinator.pk})
    response = client.post(url, {"rol": "beheerder"}, follow=True)
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.rol == "beheerder"
    bericht = Bericht.objects.get(aan=coordinator.email)
    assert "beheerder" in bericht.tekst


def test_deactivate_and_reactivate_mail_the_person(client, beheerder):
    coordinator = CoordinatorFactory()
    url = reverse("beheer:gebruiker_active", kwargs={"pk": coordinator.pk})
    client.post(url)
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    client.post(url, {"actief": "1"})
    coordinator.refresh_from_db()
    assert coordinator.is_active
    teksten = [b.tekst for b in Bericht.objects.filter(aan=coordinator.email).order_by("pk")]
    assert len(teksten) == 2
    assert "gedeactiveerd" in teksten[0] and "weer" in teksten[1]


def test_a_beheerder_cannot_deactivate_or_demote_themselves(client, beheerder):
    BeheerderFactory()
    client.post(reverse("beheer:gebruiker_active", kwargs={"pk": beheerder.pk}))
    url = reverse("beheer:gebruiker_detail", kwargs={"pk": beheerder.pk})
    response = client.post(url, {"rol": "coordinator"})
    assert response.status_code == 200
    assert response.context["form"].errors["rol"]
    beheerder.refresh_from_db()
    assert beheerder.is_active and beheerder.is_beheerder
    assert not Bericht.objects.exists()


def test_the_last_active_beheerder_stays(site):
    enige = BeheerderFactory()
    door = BeheerderFactory(is_active=False)
    for actie in (
        lambda: gebruikers.gebruiker_active_set(gebruiker=enige, actief=False, door=door),
        lambda: gebruikers.gebruiker_rol_change(gebruiker=enige, rol="lid", door=door),
    ):
        with pytest.raises(gebruikers.DomeinFout, match="laatste"):
            actie()
    enige.refresh_from_db()
    assert enige.is_active and enige.is_beheerder


def test_another_beheerder_can_be_demoted_when_one_remains(client, beheerder):
    ander = BeheerderFactory()
    url = reverse("beheer:gebruiker_detail", kwargs={"pk": ander.pk})
    client.post(url, {"rol": "coordinator"})
    ander.refresh_from_db()
    assert ander.rol == "coordinator" and not ander.is_beheerder


def test_bad_role_input_shows_an_error_and_saves_nothing(client, beheerder):
    coordinator = CoordinatorFactory()
    url = reverse("beheer:gebruiker_detail", kwargs={"pk": coordinator.pk})
    response = client.post(url, {"rol": "keizer"})
    assert response.status_code == 200
    assert response.context["form"].errors["rol"]
    coordinator.refresh_from_db()
    assert coordinator.rol == "coordinator"
    assert not Bericht.objects.exists()


# --- in the browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_beheerder_invites_in_the_browser_accessible(browser):
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def wacht_op_tekst(tekst: str, *, klein: bool = False) -> None:
        """Wait until the page that a click loads shows `tekst` in its main element."""

        def gevonden(driver):
            inhoud = driver.find_element(By.TAG_NAME, "main").text
            return tekst in (inhoud.lower() if klein else inhoud)

        WebDriverWait(browser, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            gevonden
        )

    def vul_in(veld_id: str, waarde: str) -> None:
        """Type into a field that an htmx swap may still be replacing: retry on a fresh node."""

        def gevuld(driver):
            veld = driver.find_element(By.ID, veld_id)
            veld.clear()
            veld.send_keys(waarde)
            return veld.get_attribute("value") == waarde

        WebDriverWait(
            browser, 10, ignored_exceptions=[StaleElementReferenceException, WebDriverException]
        ).until(gevuld)

    from tests.conftest import assert_accessible, browser_inloggen

    SiteInstellingenFactory()
    BeheerderFactory(username="beheer-rollen")
    browser_inloggen(browser, "beheer-rollen")
    browser.get(browser.live_server_url + reverse("beheer:overzicht"))
    browser.find_element(By.LINK_TEXT, "Gebruikers en rollen").click()
    assert_accessible(browser)
    browser.find_element(By.ID, "id_email").send_keys("geen-adres")
    browser.find_element(By.ID, "id_voornaam").send_keys("Nina")
    browser.find_element(By.XPATH, "//button[contains(., 'Uitnodiging sturen')]").click()
    wacht_op_tekst("geldig e-mailadres", klein=True)
    assert not Gebruiker.objects.filter(first_name="Nina").exists()
    assert_accessible(browser)
    vul_in("id_email", "nina@voorbeeld.example")
    browser.find_element(By.XPATH, "//button[contains(., 'Uitnodiging sturen')]").click()
    wacht_op_tekst("nina@voorbeeld.example")
    browser.find_element(By.LINK_TEXT, "Nina").click()
    wacht_op_tekst("Uitnodiging opnieuw sturen")
    assert_accessible(browser)
