"""A beheerder changes a team's period, predecessor and status in the site, and lists all teams."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, PeriodeFactory
from werkteams import services
from werkteams.models import Werkteam
from werkteams.regels import WerkteamFout

from .factories import WerkteamFactory

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
LIJST = reverse("werkteam_beheer_list")


def _url(team) -> str:
    return reverse("werkteams:werkteam_beheer", args=[team.slug])


@pytest.fixture
def oud():
    return PeriodeFactory(
        naam="2016-2019", start=datetime.date(2016, 1, 1), eind=datetime.date(2019, 12, 31)
    )


@pytest.fixture
def nieuw():
    return PeriodeFactory(
        naam="2023-2026", start=datetime.date(2023, 1, 1), eind=datetime.date(2026, 12, 31)
    )


@pytest.fixture
def team(nieuw):
    return WerkteamFactory(
        naam="Armoede nu", slug="armoede-nu", periode=nieuw, start=datetime.date(2023, 3, 1)
    )


@pytest.fixture
def voorganger(oud):
    return WerkteamFactory(
        naam="Armoede toen", slug="armoede-toen", periode=oud, start=datetime.date(2016, 3, 1)
    )


@pytest.fixture
def beheerder(client):
    gebruiker = BeheerderFactory()
    client.force_login(gebruiker)
    return gebruiker


def gegevens(team, **wijzig) -> dict:
    return {
        "periode": str(team.periode_id),
        "status": team.status,
        "start": team.start.isoformat() if team.start else "",
        "eind": team.eind.isoformat() if team.eind else "",
        "voorganger": str(team.voorganger_id or ""),
        **wijzig,
    }


# --- the form -------------------------------------------------------------------------------


def test_beheerder_names_a_predecessor_and_both_team_pages_show_the_chain(
    client, beheerder, team, voorganger
):
    response = client.post(
        _url(team), gegevens(team, voorganger=str(voorganger.pk), status="afgerond")
    )
    assert response.status_code == 302
    assert response["Location"] == team.get_absolute_url()
    team.refresh_from_db()
    assert team.voorganger == voorganger and team.status == Werkteam.Status.AFGEROND
    pagina = client.get(team.get_absolute_url()).content.decode()
    assert "De periode, voorganger en status zijn opgeslagen." in pagina
    assert "Armoede toen" in pagina and "2016-2019" in pagina
    client.logout()
    # the public page of the predecessor says where its work went on
    vorige = client.get(voorganger.get_absolute_url()).content.decode()
    assert "Voortgezet in" in vorige and 'href="/werkteams/armoede-nu/"' in vorige


def test_beheerder_moves_a_team_to_another_period_with_dates_inside_it(
    client, beheerder, team, oud
):
    response = client.post(
        _url(team), gegevens(team, periode=str(oud.pk), start="2017-01-01", eind="2019-06-30")
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.periode, team.start, team.eind) == (
        oud,
        datetime.date(2017, 1, 1),
        datetime.date(2019, 6, 30),
    )


def test_a_period_that_does_not_hold_the_dates_is_refused_on_the_period_field(
    client, beheerder, team, oud
):
    response = client.post(_url(team), gegevens(team, periode=str(oud.pk)), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    fout = html.split('id="id_over_periode_fout">', 1)[1].split("</p>", 1)[0]
    assert "Periode 2016-2019 loopt van 01-01-2016 tot 31-12-2019" in fout
    team.refresh_from_db()
    assert team.periode.naam == "2023-2026"


def test_dates_outside_the_teams_own_period_are_refused_on_the_date(client, beheerder, team):
    response = client.post(_url(team), gegevens(team, eind="2027-01-31"), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    fout = html.split('id="id_over_eind_fout">', 1)[1].split("</p>", 1)[0]
    assert "de datums van het team moeten daarbinnen vallen" in fout
    team.refresh_from_db()
    assert team.eind is None


@pytest.mark.parametrize(
    "wijziging,melding",
    [
        ({"periode": "999999"}, "Selecteer een geldige keuze."),
        ({"periode": ""}, "Dit veld is verplicht."),
        ({"periode": "'; DROP TABLE werkteams_werkteam; --"}, "Selecteer een geldige keuze."),
        ({"status": "opgeheven"}, "Selecteer een geldige keuze."),
        ({"status": "<script>alert(1)</script>"}, "Selecteer een geldige keuze."),
        ({"start": "morgen"}, "Voer een geldige datum in."),
        ({"start": "2024-05-01", "eind": "2024-04-01"}, "niet vóór de startdatum"),
        ({"voorganger": "999999"}, "Selecteer een geldige keuze."),
        ({"voorganger": "x" * 5000}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_is_named_in_dutch_and_saves_nothing(client, beheerder, team, wijziging, melding):
    voor = Werkteam.objects.values().get(pk=team.pk)
    response = client.post(_url(team), gegevens(team, **wijziging), **HX)
    html = response.content.decode()
    assert response.status_code == 200 and melding in html
    assert "<script>alert(1)</script>" not in html
    assert Werkteam.objects.values().get(pk=team.pk) == voor


def test_a_team_is_not_offered_as_its_own_predecessor(client, beheerder, team, voorganger):
    html = client.get(_url(team)).content.decode()
    assert f'<option value="{voorganger.pk}">Armoede toen (2016-2019)</option>' in html
    assert f'<option value="{team.pk}"' not in html
    response = client.post(_url(team), gegevens(team, voorganger=str(team.pk)), **HX)
    assert "Selecteer een geldige keuze." in response.content.decode()


def test_a_cycle_through_other_teams_is_refused(client, beheerder, team, voorganger, nieuw):
    derde = WerkteamFactory(naam="Armoede later", periode=nieuw, voorganger=team)
    team.voorganger = voorganger
    team.save()
    # voorganger <- team <- derde: the oldest team cannot continue the newest
    response = client.post(_url(voorganger), gegevens(voorganger, voorganger=str(derde.pk)), **HX)
    html = response.content.decode()
    assert "wordt al voortgezet in dit team" in html
    voorganger.refresh_from_db()
    assert voorganger.voorganger is None


def test_the_service_refuses_the_team_itself_and_non_beheerders(team, voorganger):
    beheerder = BeheerderFactory()
    kwargs = {
        "werkteam": team,
        "periode": team.periode,
        "status": team.status,
        "start": team.start,
        "eind": None,
    }
    with pytest.raises(WerkteamFout) as fout:
        services.werkteam_beheer_update(door=beheerder, voorganger=team, **kwargs)
    assert fout.value.veld == "voorganger"
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.werkteam_beheer_update(door=coordinator, voorganger=voorganger, **kwargs)


def test_with_htmx_the_form_comes_as_a_fragment_and_saving_returns_the_section(
    client, beheerder, team
):
    html = client.get(_url(team), **HX).content.decode()
    assert "<html" not in html and "Periode, voorganger en status" in html
    response = client.post(_url(team), gegevens(team, status="afgerond"), **HX)
    assert response["HX-Retarget"] == "#over-vak"
    assert "De periode, voorganger en status zijn opgeslagen." in response.content.decode()


def test_opened_from_the_list_it_goes_back_to_the_list(client, beheerder, team):
    response = client.post(f"{_url(team)}?van=lijst", gegevens(team))
    assert response["Location"].startswith(LIJST)


def test_with_htmx_on_its_own_page_it_sends_the_browser_back_with_a_message(
    client, beheerder, team
):
    eigen = f"http://testserver{_url(team)}?van=lijst"
    response = client.post(
        f"{_url(team)}?van=lijst", gegevens(team), HTTP_HX_CURRENT_URL=eigen, **HX
    )
    assert response["HX-Redirect"] == LIJST
    assert "De periode, voorganger en status zijn opgeslagen." in client.get(LIJST).content.decode()


# --- who may ----------------------------------------------------------------------------------


def test_a_coordinator_of_the_team_may_not_open_or_post_the_form(client, team, voorganger):
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    assert client.get(_url(team)).status_code == 403
    response = client.post(_url(team), gegevens(team, voorganger=str(voorganger.pk)))
    assert response.status_code == 403
    team.refresh_from_db()
    assert team.voorganger is None
    assert client.get(LIJST).status_code == 403
    # the coordinator's team page has no link to it
    assert _url(team) not in client.get(team.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, team):
    assert client.get(_url(team))["Location"].startswith("/inloggen/")
    assert client.get(LIJST)["Location"].startswith("/inloggen/")


def test_the_beheerder_finds_the_form_on_the_team_page_and_the_list_on_the_index(
    client, beheerder, team
):
    assert _url(team) in client.get(team.get_absolute_url()).content.decode()
    assert LIJST in client.get(reverse("beheer:overzicht")).content.decode()


def test_an_unknown_team_is_404(client, beheerder):
    assert (
        client.get(reverse("werkteams:werkteam_beheer", args=["bestaat-niet"])).status_code == 404
    )


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_every_team_by_period_with_status_and_predecessor(
    client, beheerder, team, voorganger
):
    team.voorganger = voorganger
    team.save()
    coordinator = CoordinatorFactory(first_name="Fem", last_name="Fictief")
    team.coordinatoren.add(coordinator)
    html = client.get(LIJST).content.decode()
    assert html.index("2023-2026") < html.index("2016-2019")
    assert "Armoede nu" in html and "Actief" in html and "Fem Fictief" in html
    assert f"{_url(team)}?van=lijst" in html


def test_the_list_query_count_is_pinned_and_stays_when_teams_grow(
    client, beheerder, team, voorganger, nieuw, django_assert_num_queries
):
    def meten():
        # teams with period and predecessor (and its period), their coordinators (the session
        # comes from the cache, the user as kept per content version).
        with django_assert_num_queries(2):
            assert client.get(LIJST).status_code == 200

    client.get(LIJST)  # warms the cached site settings and the user
    meten()
    for n in range(10):
        extra = WerkteamFactory(periode=nieuw, voorganger=team, start=datetime.date(2024, 1, 1))
        extra.coordinatoren.add(CoordinatorFactory())
    client.get(LIJST)  # the new rows made the user kept per content version stale
    meten()


def test_the_form_query_count_is_pinned(client, beheerder, team, django_assert_num_queries):
    client.get(_url(team))
    # team, periods twice (a required select without an empty choice reads its first option
    # to decide on the `required` attribute), teams to choose as predecessor (the session
    # comes from the cache, the user as kept per content version).
    with django_assert_num_queries(4):
        client.get(_url(team))
    WerkteamFactory.create_batch(10, periode=team.periode)
    client.get(_url(team))  # the new rows made the user kept per content version stale
    with django_assert_num_queries(4):
        client.get(_url(team))


# --- two beheerders at once -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_beheerders_linking_two_teams_to_each_other_at_once_leave_no_cycle(oud, nieuw):
    a = WerkteamFactory(periode=nieuw, start=datetime.date(2023, 1, 1))
    b = WerkteamFactory(periode=nieuw, start=datetime.date(2023, 1, 1))
    beheerder = BeheerderFactory()
    start = threading.Barrier(2)
    fouten = []

    def koppel(team_pk, voorganger_pk):
        try:
            team = Werkteam.objects.get(pk=team_pk)
            start.wait()
            services.werkteam_beheer_update(
                door=beheerder,
                werkteam=team,
                periode=team.periode,
                voorganger=Werkteam.objects.get(pk=voorganger_pk),
                status=team.status,
                start=team.start,
                eind=team.eind,
            )
        except Exception as fout:  # noqa: BLE001 - the test counts what each thread met
            fouten.append(fout)
        finally:
            connection.close()

    draden = [
        threading.Thread(target=koppel, args=(a.pk, b.pk)),
        threading.Thread(target=koppel, args=(b.pk, a.pk)),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(30)
    assert len(fouten) == 1 and isinstance(fouten[0], WerkteamFout), fouten
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.voorganger_id == b.pk) != (b.voorganger_id == a.pk)


# --- the same period rule when a team is started or a coordinator edits its dates ------------


def test_starting_a_team_with_a_date_outside_its_period_is_refused(client, beheerder, nieuw):
    response = client.post(
        reverse("werkteams:werkteam_create"),
        {"naam": "Te vroeg", "soort": "werkteam", "periode": str(nieuw.pk)}
        | {"status": "actief", "start": "2022-06-01", "eind": "", "thema": ""},
        **HX,
    )
    assert "Periode 2023-2026 loopt van 01-01-2023 tot 31-12-2026" in response.content.decode()
    assert not Werkteam.objects.filter(naam="Te vroeg").exists()


def test_a_coordinator_cannot_set_dates_outside_the_teams_period(client, team):
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("werkteams:werkteam_edit", args=[team.slug]),
        {"status": "actief", "start": "2023-03-01", "eind": "2030-01-01"},
        **HX,
    )
    assert "de datums van het team moeten daarbinnen vallen" in response.content.decode()
    team.refresh_from_db()
    assert team.eind is None


# --- in the browser -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_beheerder_changes_period_and_predecessor_in_the_browser(browser, oud, nieuw):
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from tests.conftest import assert_accessible, browser_inloggen

    WerkteamFactory(naam="Armoede toen", slug="armoede-toen", periode=oud)
    team = WerkteamFactory(
        naam="Armoede nu", slug="armoede-nu", periode=nieuw, start=datetime.date(2023, 3, 1)
    )
    BeheerderFactory(username="beheer-teams")
    wacht = WebDriverWait(
        browser, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException)
    )
    browser_inloggen(browser, "beheer-teams")

    browser.get(browser.live_server_url + LIJST)
    wacht.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Armoede nu"))
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, f'a[href="{_url(team)}?van=lijst"]').click()
    wacht.until(EC.presence_of_element_located((By.ID, "id_over_voorganger")))
    assert_accessible(browser)

    # A period that does not hold the dates: the form says why, next to the period.
    Select(browser.find_element(By.ID, "id_over_periode")).select_by_visible_text("2016-2019")
    browser.find_element(By.CSS_SELECTOR, "#over-actie button[type=submit]").click()
    wacht.until(EC.presence_of_element_located((By.ID, "id_over_periode_fout")))
    assert (
        "loopt van 01-01-2016 tot 31-12-2019"
        in browser.find_element(By.ID, "id_over_periode_fout").text
    )
    assert_accessible(browser)

    Select(browser.find_element(By.ID, "id_over_periode")).select_by_visible_text("2023-2026")
    Select(browser.find_element(By.ID, "id_over_voorganger")).select_by_visible_text(
        "Armoede toen (2016-2019)"
    )
    browser.find_element(By.CSS_SELECTOR, "#over-actie button[type=submit]").click()
    wacht.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Werkteams per periode"))
    wacht.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "zijn opgeslagen"))
    assert_accessible(browser)
    team.refresh_from_db()
    assert team.voorganger.naam == "Armoede toen"


def test_a_team_that_started_before_its_period_keeps_working_until_its_dates_change(
    client, beheerder, nieuw, voorganger
):
    # As history has it (the demo's Gezond-sociaal started a month before its period).
    vroeg = WerkteamFactory(naam="Vroeg", periode=nieuw, start=datetime.date(2022, 12, 1))
    response = client.post(
        _url(vroeg), gegevens(vroeg, voorganger=str(voorganger.pk), status="afgerond")
    )
    assert response.status_code == 302
    vroeg.refresh_from_db()
    assert vroeg.voorganger == voorganger and vroeg.status == "afgerond"
    response = client.post(_url(vroeg), gegevens(vroeg, eind="2026-06-30"), **HX)
    assert "Periode 2023-2026 loopt van" in response.content.decode()
