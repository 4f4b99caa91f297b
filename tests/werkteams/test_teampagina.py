"""The coordinator's team page opens on an overview; members, meetings, learning and
activities each have their own tab with a bookmarkable URL. Everyone else sees the public page."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import CoordinatorFactory, OrganisatieFactory
from tests.sqlite_proces import sqlite_script_run
from werkplaats.kern.models import Sector
from werkteams.models import Bijeenkomst, Verslagpunt

from .conftest import vul_team
from .factories import (
    ActiviteitFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    PersoonFactory,
)

HX = {"HTTP_HX_REQUEST": "true"}
TABS = {
    "leden": "werkteams:lid_list",
    "bijeenkomsten": "werkteams:team_bijeenkomsten",
    "leren": "werkteams:team_leren",
    "activiteiten": "werkteams:team_activiteiten",
}


def _label(sector) -> str:
    with translation.override("nl"):
        return str(sector.label)


@pytest.fixture
def druk_team(team_a):
    """Demo-like: members from one sector, a past and a next meeting, actions, goals, outcomes."""
    team_a.gewenste_sectoren = [Sector.GEMEENTE, Sector.KUNST_CULTUUR]
    team_a.save()
    gemeente = OrganisatieFactory(naam="Gemeente Fictiefstad", sector=Sector.GEMEENTE)
    for i in range(12):
        LidmaatschapFactory(
            werkteam=team_a,
            persoon=PersoonFactory(naam=f"Lid {i}", organisatie=gemeente),
            start=datetime.date(2020, 1, 1),
        )
    nu = timezone.now()
    verleden = BijeenkomstFactory(
        werkteam=team_a, titel="Vorige keer", start=nu - datetime.timedelta(days=20)
    )
    BijeenkomstFactory(werkteam=team_a, titel="Later nog", start=nu + datetime.timedelta(days=40))
    volgende = BijeenkomstFactory(
        werkteam=team_a, titel="Eerstvolgende sessie", start=nu + datetime.timedelta(days=5)
    )
    for i in range(8):
        Verslagpunt.objects.create(
            bijeenkomst=verleden, soort="actie", tekst=f"Open actie {i}", gedaan=i >= 6
        )
    Verslagpunt.objects.create(bijeenkomst=verleden, soort="actie", tekst="Al gedaan", gedaan=True)
    LeerdoelFactory(bijeenkomst=verleden, omschrijving="Lopend leerdoel")
    LeerdoelFactory(bijeenkomst=verleden, omschrijving="Bereikt leerdoel", resultaat="bereikt")
    for i in range(8):
        LeeropbrengstFactory(
            werkteam=team_a,
            wat=f"Opbrengst {i}",
            datum=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
        )
    for i in range(6):
        ActiviteitFactory(werkteam=team_a, titel=f"Activiteit {i}")
    return {"volgende": volgende}


def test_overview_shows_what_needs_attention(client, team_a, coordinator_a, druk_team):
    client.force_login(coordinator_a)
    html = client.get(team_a.get_absolute_url()).content.decode()
    assert "Eerstvolgende sessie" in html and "Later nog" not in html
    assert "Open actie 0" in html and "Al gedaan" not in html
    assert "Lopend leerdoel" in html and "Bereikt leerdoel" not in html
    assert _label(Sector.KUNST_CULTUUR) in html  # wanted, nobody from it at the table
    assert "Opbrengst 7" in html and "Opbrengst 0" not in html  # the five most recent
    # The long sections are on their tabs, not here.
    assert 'id="leden"' not in html and "Lid 3" not in html
    assert 'aria-current="page"' in html


def test_overview_names_owners_skips_cancelled_meetings_in_one_query(
    client, team_a, coordinator_a, druk_team, django_assert_num_queries
):
    eigenaar = PersoonFactory(naam="Fictieve Eigenaar")
    Verslagpunt.objects.filter(tekst="Open actie 0").update(
        eigenaar=eigenaar, deadline=datetime.date(2020, 1, 2)
    )
    druk_team["volgende"].status = Bijeenkomst.Status.GEANNULEERD
    druk_team["volgende"].save()
    client.force_login(coordinator_a)
    url = team_a.get_absolute_url()
    client.get(url)
    # The pinned 1 with sectors wanted: they join the overview's one query (the team, the
    # coordinator check and the user are kept per content version).
    with django_assert_num_queries(1):
        html = client.get(url).content.decode()
    assert 'Open actie 0 <span class="metadata">(Fictieve Eigenaar, 2-1-2020)</span>' in html
    assert "Open actie 1</li>" in html  # no owner, no date: no brackets
    assert "Eerstvolgende sessie" not in html and "Later nog" in html


def test_the_overview_cards_link_to_the_tabs_urls_py_names(client, team_a, coordinator_a):
    """The cards write their links from one reversed team URL (team_overzicht.html): they
    must stay the addresses urls.py gives those pages."""
    client.force_login(coordinator_a)
    html = client.get(team_a.get_absolute_url()).content.decode()
    for naam in ("team_bijeenkomsten", "lid_list", "team_leren"):
        assert f'<p><a href="{reverse(f"werkteams:{naam}", args=[team_a.slug])}">' in html, naam


@pytest.mark.parametrize("tab", list(TABS))
def test_each_tab_has_its_own_url_and_marks_itself_current(client, team_a, coordinator_a, tab):
    vul_team(team_a)
    client.force_login(coordinator_a)
    url = reverse(TABS[tab], args=[team_a.slug])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{url}" aria-current="page">' in html
    assert html.count('aria-current="page"') == 2  # the site navigation and this tab
    assert 'aria-label="Onderdelen van het team"' in html


def test_tabs_keep_the_htmx_swap_targets(client, team_a, coordinator_a):
    vul_team(team_a)
    client.force_login(coordinator_a)
    for tab, vak in [
        ("leden", "leden-vak"),
        ("bijeenkomsten", "bijeenkomsten-vak"),
        ("leren", "leeropbrengsten-vak"),
        ("activiteiten", "activiteiten-vak"),
    ]:
        html = client.get(reverse(TABS[tab], args=[team_a.slug])).content.decode()
        assert f'id="{vak}"' in html, tab
    # With htmx the members tab still answers with the section alone.
    fragment = client.get(reverse("werkteams:lid_list", args=[team_a.slug]), **HX)
    assert "<html" not in fragment.content.decode()


def test_members_and_anonymous_visitors_get_the_public_page(client, team_a, druk_team):
    for gebruiker in [None, CoordinatorFactory(username="ander")]:
        if gebruiker:
            client.force_login(gebruiker)
        html = client.get(team_a.get_absolute_url()).content.decode()
        assert "Gemeente Fictiefstad" in html and "Activiteit 0" in html
        assert "Onderdelen van het team" not in html and "Open actie 0" not in html
        assert "Lid 3" not in html


def test_tabs_of_another_team_are_404(client, team_a, team_b, coordinator_a):
    client.force_login(coordinator_a)
    for naam in TABS.values():
        assert client.get(reverse(naam, args=[team_b.slug])).status_code == 404
        assert client.post(reverse(naam, args=[team_b.slug])).status_code == 404
    assert client.post(reverse(TABS["leren"], args=[team_a.slug])).status_code == 405


def test_anonymous_visitors_are_sent_to_login_from_the_tabs(client, team_a):
    for naam in TABS.values():
        assert "/inloggen/" in client.get(reverse(naam, args=[team_a.slug]))["Location"]


def _meer(team, keer):
    for _ in range(keer):
        vul_team(team, leden=3)
        Verslagpunt.objects.create(
            bijeenkomst=BijeenkomstFactory(werkteam=team), soort="actie", tekst="x"
        )


@pytest.mark.parametrize(
    ("naam", "aantal"),
    [
        # The session comes from the cache and the user as kept per content version. The team
        # page: its team with the teams it continued in, and the coordinator check, kept per
        # version too; the overview (next meeting, open actions with their owner's name,
        # goals in progress, recent outcomes and, when the team wants sectors, the sectors at
        # the table: one UNION).
        ("werkteams:werkteam_detail", 1),
        # team with the coordinator check, memberships with people and hand-overs.
        ("werkteams:lid_list", 2),
        # team with the coordinator check, meetings with attendance counts.
        ("werkteams:team_bijeenkomsten", 2),
        # team with the coordinator check, outcomes with their links.
        ("werkteams:team_leren", 2),
        # team with the coordinator check, activities, their organisations, the team's
        # organisations, kenniscafés, publications.
        ("werkteams:team_activiteiten", 6),
    ],
)
def test_query_counts_are_pinned_and_stay_when_data_grows(
    client, team_a, coordinator_a, django_assert_num_queries, naam, aantal
):
    vul_team(team_a)
    client.force_login(coordinator_a)
    url = reverse(naam, args=[team_a.slug])
    client.get(url)  # warms the cached site settings, the user and the team
    with django_assert_num_queries(aantal):
        client.get(url)
    _meer(team_a, 10)
    client.get(url)  # the new rows made what is kept per content version stale
    with django_assert_num_queries(aantal):
        assert client.get(url).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_overview_fits_about_two_screens_at_1280x800_and_is_accessible(browser, druk_team):
    from selenium.webdriver.common.by import By

    from tests.conftest import assert_accessible, browser_inloggen
    from werkteams.models import Werkteam

    team = Werkteam.objects.get(slug="team-a")
    coordinator = CoordinatorFactory(username="coord-overzicht")
    team.coordinatoren.add(coordinator)
    browser.set_window_size(1280, 800)
    try:
        browser_inloggen(browser, "coord-overzicht")
        browser.get(browser.live_server_url + team.get_absolute_url())
        assert browser.find_element(By.CSS_SELECTOR, "nav.team-tabs [aria-current=page]")
        hoogte = browser.execute_script("return document.documentElement.scrollHeight;")
        assert hoogte <= 1700, hoogte
        assert_accessible(browser)
        browser.find_element(By.LINK_TEXT, "Leden").click()
        assert "/leden/" in browser.current_url
        assert_accessible(browser)
    finally:
        browser.set_window_size(1280, 1000)


def test_the_overview_reads_the_same_as_the_orm_did_on_sqlite(tmp_path):
    """make run uses SQLite: the overview's raw SQL must answer there as the ORM did."""
    klaar = sqlite_script_run("_sqlite_teamoverzicht.py", tmp_path)
    uitkomst = json.loads(klaar.stdout.strip().splitlines()[-1])
    assert uitkomst["verschillen"] == {}
    assert uitkomst["gevuld"] >= 1  # a demo team with a next meeting, actions and goals


def test_the_overview_reads_the_same_as_the_orm_did_on_postgresql(druk_team, team_a):
    from tests._sqlite_teamoverzicht import met_orm, met_sql

    Verslagpunt.objects.filter(tekst="Open actie 0").update(
        eigenaar=PersoonFactory(), deadline=datetime.date(2020, 1, 2)
    )
    team_a.refresh_from_db()
    assert met_sql(team_a) == met_orm(team_a)
    assert met_sql(team_a)["volgende"] and met_sql(team_a)["sectoren"]
