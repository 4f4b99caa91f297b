"""Beheerders manage periods, partner organisations and site settings in the site (#12)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    BeheerderFactory,
    CoordinatorFactory,
    OrganisatieFactory,
    PeriodeFactory,
    SiteInstellingenFactory,
    WerkplaatsFactory,
)
from tests.factories.werkteams import WerkteamFactory
from tests.querytelling import gemeten_voor_en_na_groei
from werkplaats.kern.models import Organisatie, Periode, Werkplaats

pytestmark = pytest.mark.django_db

PAGINAS = [
    ("beheer:overzicht", {}),
    ("beheer:periode_list", {}),
    ("beheer:periode_create", {}),
    ("beheer:organisatie_list", {}),
    ("beheer:organisatie_create", {}),
    ("beheer:site_instellingen", {}),
]


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


# --- permissions -------------------------------------------------------------------------


@pytest.mark.parametrize(("naam", "kwargs"), PAGINAS)
def test_anonymous_visitors_are_sent_to_the_login(client, site, naam, kwargs):
    url = reverse(naam, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("naam", "kwargs"), PAGINAS)
def test_coordinators_get_403(client, site, naam, kwargs):
    client.force_login(CoordinatorFactory())
    assert client.get(reverse(naam, kwargs=kwargs)).status_code == 403


def test_coordinators_cannot_post_to_beheer_pages(client, site):
    client.force_login(CoordinatorFactory())
    organisatie = OrganisatieFactory()
    url = reverse("beheer:organisatie_archive", args=[organisatie.pk])
    assert client.post(url).status_code == 403
    response = client.post(
        reverse("beheer:periode_create"),
        {"naam": "2023-2026", "start": "2023-01-01", "eind": "2026-12-31"},
    )
    assert response.status_code == 403
    organisatie.refresh_from_db()
    assert not organisatie.gearchiveerd
    assert not Periode.objects.exists()


def test_the_navigation_links_to_beheer_for_beheerders_only(client, site):
    beheer_url = reverse("beheer:overzicht")
    client.force_login(CoordinatorFactory())
    assert beheer_url not in client.get(reverse("home")).content.decode()
    client.force_login(BeheerderFactory())
    assert beheer_url in client.get(reverse("home")).content.decode()


def test_the_overview_links_to_every_beheer_page(client, beheerder):
    html = client.get(reverse("beheer:overzicht")).content.decode()
    for naam in ("beheer:periode_list", "beheer:organisatie_list", "beheer:site_instellingen"):
        assert reverse(naam) in html


# --- periods -----------------------------------------------------------------------------


def test_beheerder_adds_a_period(client, beheerder):
    response = client.post(
        reverse("beheer:periode_create"),
        {"naam": "2023-2026", "start": "2023-01-01", "eind": "2026-12-31"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("beheer:periode_list")
    periode = Periode.objects.get(naam="2023-2026")
    assert (periode.start, periode.eind) == (datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))
    assert "2023-2026" in _melding(response)
    assert "2023-2026" in response.content.decode()


def test_beheerder_changes_a_period(client, beheerder):
    periode = PeriodeFactory()
    response = client.post(
        reverse("beheer:periode_update", args=[periode.pk]),
        {"naam": "2020-2023", "start": "2020-01-01", "eind": "2023-06-30"},
    )
    assert response.status_code == 302
    periode.refresh_from_db()
    assert (periode.naam, periode.eind) == ("2020-2023", datetime.date(2023, 6, 30))


def test_a_period_that_would_exclude_a_team_is_refused_with_its_name(client, beheerder):
    periode = PeriodeFactory()  # 2020-01-01 – 2022-12-31
    WerkteamFactory(
        naam="Armoede Oost",
        periode=periode,
        start=datetime.date(2020, 3, 1),
        eind=datetime.date(2022, 6, 30),
    )
    response = client.post(
        reverse("beheer:periode_update", args=[periode.pk]),
        {"naam": "2020-2022", "start": "2020-01-01", "eind": "2021-12-31"},
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert "Armoede Oost" in fouten["eind"][0]
    assert "valt buiten" in fouten["eind"][0]
    assert "Armoede Oost" in response.content.decode()
    periode.refresh_from_db()
    assert periode.eind == datetime.date(2022, 12, 31)


def test_a_later_start_that_excludes_a_team_is_reported_on_the_start(client, beheerder):
    periode = PeriodeFactory()
    WerkteamFactory(naam="Jeugd West", periode=periode, start=datetime.date(2020, 1, 1))
    response = client.post(
        reverse("beheer:periode_update", args=[periode.pk]),
        {"naam": "2020-2022", "start": "2020-06-01", "eind": "2022-12-31"},
    )
    assert response.status_code == 200
    assert "Jeugd West" in response.context["form"].errors["start"][0]
    periode.refresh_from_db()
    assert periode.start == datetime.date(2020, 1, 1)


def test_a_period_that_still_holds_its_teams_may_change(client, beheerder):
    periode = PeriodeFactory()
    WerkteamFactory(periode=periode, start=datetime.date(2020, 3, 1), eind=None)
    response = client.post(
        reverse("beheer:periode_update", args=[periode.pk]),
        {"naam": "2020-2022", "start": "2020-02-01", "eind": "2023-12-31"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "veld", "tekst"),
    [
        ({"naam": "2023-2026", "start": "2026-01-01", "eind": "2023-01-01"}, "eind", "einddatum"),
        ({"naam": "", "start": "2023-01-01", "eind": "2026-12-31"}, "naam", "verplicht"),
        ({"naam": "2023-2026", "start": "gisteren", "eind": "2026-12-31"}, "start", "datum"),
        ({"naam": "2020-2022", "start": "2023-01-01", "eind": "2026-12-31"}, "naam", "bestaat"),
    ],
)
def test_bad_period_input_is_refused_in_dutch_and_nothing_saved(
    client, beheerder, data, veld, tekst
):
    PeriodeFactory()
    response = client.post(reverse("beheer:periode_create"), data)
    assert response.status_code == 200
    assert tekst in " ".join(response.context["form"].errors[veld]).lower()
    assert "foutsamenvatting" in response.content.decode()
    assert Periode.objects.count() == 1


def test_an_unknown_period_is_404(client, beheerder):
    assert client.get(reverse("beheer:periode_update", args=[999999])).status_code == 404


# --- partner organisations ---------------------------------------------------------------


def test_beheerder_adds_an_organisation(client, beheerder):
    response = client.post(
        reverse("beheer:organisatie_create"),
        {
            "naam": "Buurtteam Noord",
            "afdeling": "Schulden",
            "sector": "zorg-welzijn",
            "gemeente": "Teststad",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("beheer:organisatie_list")
    organisatie = Organisatie.objects.get(naam="Buurtteam Noord")
    assert (organisatie.afdeling, organisatie.gemeente) == ("Schulden", "Teststad")
    assert "Buurtteam Noord" in _melding(response)


def test_beheerder_changes_an_organisation(client, beheerder):
    organisatie = OrganisatieFactory(naam="Gemeente Oud")
    response = client.post(
        reverse("beheer:organisatie_update", args=[organisatie.pk]),
        {"naam": "Gemeente Nieuw", "afdeling": "", "sector": "gemeente", "gemeente": ""},
    )
    assert response.status_code == 302
    organisatie.refresh_from_db()
    assert (organisatie.naam, organisatie.sector) == ("Gemeente Nieuw", "gemeente")


@pytest.mark.parametrize(
    ("naam", "afdeling"), [("Buurtteam Noord", "Schulden"), ("buurtteam noord", "schulden")]
)
def test_a_duplicate_organisation_is_refused_in_dutch(client, beheerder, naam, afdeling):
    OrganisatieFactory(naam="Buurtteam Noord", afdeling="Schulden")
    response = client.post(
        reverse("beheer:organisatie_create"),
        {"naam": naam, "afdeling": afdeling, "sector": "zorg-welzijn"},
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert list(fouten) == ["naam"]
    assert fouten["naam"] == ["Er bestaat al een organisatie met deze naam en afdeling."]
    assert Organisatie.objects.count() == 1


def test_an_organisation_without_name_or_sector_is_refused(client, beheerder):
    response = client.post(reverse("beheer:organisatie_create"), {"naam": "", "sector": "x"})
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert "verplicht" in fouten["naam"][0]
    assert "sector" in fouten
    assert not Organisatie.objects.exists()


def test_archiving_hides_an_organisation_from_the_list_and_restoring_brings_it_back(
    client, beheerder
):
    organisatie = OrganisatieFactory(naam="Stichting Archief")
    lijst = reverse("beheer:organisatie_list")
    response = client.post(
        reverse("beheer:organisatie_archive", args=[organisatie.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == lijst
    assert "gearchiveerd" in _melding(response)
    organisatie.refresh_from_db()
    assert organisatie.gearchiveerd
    assert "Stichting Archief" not in client.get(lijst).content.decode()
    assert "Stichting Archief" in client.get(lijst, {"archief": "on"}).content.decode()

    client.post(reverse("beheer:organisatie_archive", args=[organisatie.pk]), {"terug": "1"})
    organisatie.refresh_from_db()
    assert not organisatie.gearchiveerd


def test_archiving_needs_a_post(client, beheerder):
    organisatie = OrganisatieFactory()
    url = reverse("beheer:organisatie_archive", args=[organisatie.pk])
    assert client.get(url).status_code == 405


def test_the_organisation_list_searches_name_department_and_municipality(client, beheerder):
    OrganisatieFactory(naam="Gemeente Teststad", afdeling="Sociaal Domein")
    OrganisatieFactory(naam="Hogeschool Voorbeeld", gemeente="Voorbeelddorp")
    OrganisatieFactory(naam="Welzijn Zuid")
    lijst = reverse("beheer:organisatie_list")

    def namen(q):
        return [o.naam for o in client.get(lijst, {"q": q}).context["organisaties"]]

    assert namen("teststad") == ["Gemeente Teststad"]
    assert namen("sociaal") == ["Gemeente Teststad"]
    assert namen("voorbeelddorp") == ["Hogeschool Voorbeeld"]
    assert len(namen("")) == 3
    response = client.get(lijst, {"q": "bestaat-niet"})
    assert "Geen organisaties gevonden" in response.content.decode()


def test_the_organisation_list_has_a_constant_number_of_queries(
    client, beheerder, django_assert_num_queries
):
    lijst = reverse("beheer:organisatie_list")
    OrganisatieFactory.create_batch(3)
    # The organisations (site settings and the session come from the cache, the user as kept
    # per content version).
    gemeten_voor_en_na_groei(
        client, lijst, lambda: OrganisatieFactory.create_batch(30), django_assert_num_queries, 1
    )


def test_the_organisation_search_answers_htmx_with_the_results_only(client, beheerder):
    OrganisatieFactory(naam="Gemeente Teststad")
    OrganisatieFactory(naam="Welzijn Zuid")
    response = client.get(
        reverse("beheer:organisatie_list"), {"q": "teststad"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Teststad" in html and "Welzijn Zuid" not in html
    assert "<h1>" not in html
    assert 'data-aankondiging="1 organisatie gevonden"' in html
    assert "HX-Request" in response["Vary"]


def test_the_period_list_has_a_constant_number_of_queries(
    client, beheerder, django_assert_num_queries
):
    lijst = reverse("beheer:periode_list")
    PeriodeFactory()

    def twintig_jaar():
        for jaar in range(2000, 2020):
            PeriodeFactory(
                naam=str(jaar), start=datetime.date(jaar, 1, 1), eind=datetime.date(jaar, 12, 31)
            )

    # The periods (the session from the cache, the user as kept per content version).
    _, (_, groot) = gemeten_voor_en_na_groei(
        client, lijst, twintig_jaar, django_assert_num_queries, 1
    )
    assert "2019" in groot.content.decode()


# --- site settings -----------------------------------------------------------------------

INSTELLINGEN = {
    "naam": "Werkplaats Sociaal Domein Nieuw",
    "korte_naam": "WSD Nieuw",
    "regio": "Nieuwe regio",
    "contact_email": "nieuw@werkplaats.example",
    "adres": "Nieuwstraat 2",
    "website": "https://werkplaats.example",
    "intro": "Welkom bij de werkplaats.",
    "privacyverklaring": "Wij bewaren je gegevens zorgvuldig.",
    "toegankelijkheidsverklaring": "Deze site voldoet aan WCAG 2.1 AA.",
    "bewaartermijn_maanden": "18",
    "herinnering_dagen_werkteam": "2",
    "herinnering_uren_kenniscafe": "24",
}


def test_beheerder_edits_the_site_settings(client, beheerder):
    response = client.post(reverse("beheer:site_instellingen"), INSTELLINGEN, follow=True)
    assert response.redirect_chain[-1][0] == reverse("beheer:overzicht")
    assert "opgeslagen" in _melding(response)
    site = Werkplaats.objects.get(slug="test")
    assert site.naam == "Werkplaats Sociaal Domein Nieuw"
    assert site.bewaartermijn_maanden == 18
    assert site.privacyverklaring == "Wij bewaren je gegevens zorgvuldig."
    # The cached settings are refreshed: every page shows the new name at once.
    assert "Werkplaats Sociaal Domein Nieuw" in client.get(reverse("home")).content.decode()


def test_the_settings_change_this_werkplaats_only(client, beheerder, werkplaats):
    ander = WerkplaatsFactory(naam="Werkplaats Sociaal Domein Elders")
    response = client.post(reverse("beheer:site_instellingen"), INSTELLINGEN)
    assert response.status_code == 302
    werkplaats.refresh_from_db()
    ander.refresh_from_db()
    assert werkplaats.naam == "Werkplaats Sociaal Domein Nieuw"
    assert ander.naam == "Werkplaats Sociaal Domein Elders"


def test_the_settings_form_shows_the_current_values(client, beheerder, site):
    html = client.get(reverse("beheer:site_instellingen")).content.decode()
    assert site.naam in html


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("naam", "", "verplicht"),
        ("contact_email", "geen-adres", "e-mailadres"),
        ("bewaartermijn_maanden", "0", "1 tot 120"),
        ("bewaartermijn_maanden", "veel", "geheel getal"),
    ],
)
def test_bad_settings_are_refused_in_dutch_and_nothing_saved(
    client, beheerder, site, veld, waarde, tekst
):
    response = client.post(reverse("beheer:site_instellingen"), INSTELLINGEN | {veld: waarde})
    assert response.status_code == 200
    assert tekst in " ".join(response.context["form"].errors[veld]).lower()
    site.refresh_from_db()
    assert site.naam == "Werkplaats Sociaal Domein Testregio"


# --- in the browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_beheerder_changes_a_period_in_the_browser_and_sees_the_team_outside(browser):
    """Through the navigation to the periods; a refused change names the team; axe-clean."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.conftest import assert_accessible, browser_inloggen

    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    SiteInstellingenFactory()
    BeheerderFactory(username="beheer-periodes")
    periode = PeriodeFactory()
    WerkteamFactory(naam="Armoede Oost", periode=periode, eind=datetime.date(2022, 6, 30))
    browser_inloggen(browser, "beheer-periodes")

    browser.find_element(By.LINK_TEXT, "Werkplaats beheren").click()
    wait.until(EC.title_contains("Werkplaats beheren"))
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Periodes").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "2020-2022"))
    assert_accessible(browser)
    browser.find_element(By.PARTIAL_LINK_TEXT, "Wijzigen").click()
    eind = wait.until(EC.presence_of_element_located((By.ID, "id_eind")))
    browser.execute_script("arguments[0].value = '2021-12-31'", eind)
    browser.find_element(By.XPATH, "//button[contains(., 'Opslaan')]").click()
    wait.until(EC.presence_of_element_located((By.CLASS_NAME, "foutsamenvatting")))
    assert "Armoede Oost" in browser.find_element(By.ID, "id_eind_veld").text
    assert_accessible(browser)
    periode.refresh_from_db()
    assert periode.eind == datetime.date(2022, 12, 31)

    browser.execute_script(
        "arguments[0].value = '2023-06-30'", browser.find_element(By.ID, "id_eind")
    )
    browser.find_element(By.XPATH, "//button[contains(., 'Opslaan')]").click()
    wait.until(EC.text_to_be_present_in_element((By.CLASS_NAME, "meldingen"), "opgeslagen"))
    assert_accessible(browser)
    # the other beheer pages pass axe too
    OrganisatieFactory(naam="Stichting Axe")
    for pad in ("/beheerder/organisaties/", "/beheerder/instellingen/"):
        browser.get(browser.live_server_url + pad)
        wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        assert_accessible(browser)


def test_the_services_turn_a_lost_race_on_a_unique_name_into_a_dutch_error(monkeypatch, site):
    """The check before the save can pass for two beheerders at once; the constraint decides."""
    from werkplaats.kern.beheer import services
    from werkplaats.kern.fouten import DomeinFout

    PeriodeFactory(naam="2023-2026")
    OrganisatieFactory(naam="Buurtteam Noord", afdeling="")
    # Pretend the check found nothing, as it would have a moment before the other save.
    monkeypatch.setattr(services.Periode.objects, "filter", lambda **kw: Periode.objects.none())
    with pytest.raises(DomeinFout) as fout:
        services.periode_save(
            naam="2023-2026", start=datetime.date(2023, 1, 1), eind=datetime.date(2026, 12, 31)
        )
    assert fout.value.veld == "naam"
    monkeypatch.setattr(
        services.Organisatie.objects, "filter", lambda **kw: Organisatie.objects.none()
    )
    with pytest.raises(DomeinFout):
        services.organisatie_save(naam="Buurtteam Noord", sector="gemeente")
    assert Organisatie.objects.count() == 1
