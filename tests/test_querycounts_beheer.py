"""Query counts of the #12 staff pages, pinned and proven flat: 2 rows cost what 20 rows cost.

Each test measures a page with 2 rows, adds 18, measures again, and holds both runs under one
pinned maximum (`django_assert_max_num_queries`). The numbers are the queries of one request
after a warm-up request (the warm-up fills the cached site settings, and the logged-in user
and the team as kept per content version); each pin says what they are. Pages: the beheer pages (overview, periods, organisations, users, settings), the check-in
page of a kenniscafé and its search fragment, and the tabs of a team.
"""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AanmeldingFactory,
    AanwezigheidFactory,
    BeheerderFactory,
    BijeenkomstFactory,
    CoordinatorFactory,
    KenniscafeFactory,
    OrganisatieFactory,
    PeriodeFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
)
from tests.querytelling import gemeten_voor_en_na_groei
from tests.werkteams.conftest import vul_team
from werkteams.models import Verslagpunt

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _vlak(client, url, maximum, django_assert_max_num_queries, groei, headers=None):
    """Measure `url` at 2 rows, grow to 20 with `groei(18)`, measure again: equal and pinned."""
    (bij_2, klein), (bij_20, groot) = gemeten_voor_en_na_groei(
        client, url, lambda: groei(18), django_assert_max_num_queries, maximum, headers
    )
    assert klein.status_code == groot.status_code == 200, url
    assert bij_2 == bij_20, f"{url}: {bij_2} queries at 2 rows, {bij_20} at 20"


@pytest.fixture
def beheerder(client):
    SiteInstellingenFactory()
    gebruiker = BeheerderFactory(username="beheerder-telt")
    client.force_login(gebruiker)
    return gebruiker


# --- the beheer pages -------------------------------------------------------------------------


_JAREN = itertools.count(1900, 4)


def _periodes(aantal):
    for jaar in itertools.islice(_JAREN, aantal):
        PeriodeFactory(
            naam=f"{jaar}-{jaar + 3}",
            start=datetime.date(jaar, 1, 1),
            eind=datetime.date(jaar + 3, 12, 31),
        )


def _organisaties(aantal):
    OrganisatieFactory.create_batch(aantal)


def _gebruikers(aantal):
    CoordinatorFactory.create_batch(aantal)


@pytest.mark.parametrize(
    ("naam", "groei", "maximum", "headers"),
    [
        # The session comes from the cache, the user as kept per content version (kern/auth.py).
        # The overview lists links only.
        ("beheer:overzicht", _periodes, 0, None),
        # The periods.
        ("beheer:periode_list", _periodes, 1, None),
        # An empty form.
        ("beheer:periode_create", _periodes, 0, None),
        # The organisations (one page, searchable).
        ("beheer:organisatie_list", _organisaties, 1, None),
        ("beheer:organisatie_list", _organisaties, 1, HX),
        # An empty form.
        ("beheer:organisatie_create", _organisaties, 0, None),
        # The users.
        ("beheer:gebruiker_list", _gebruikers, 1, None),
        ("beheer:gebruiker_list", _gebruikers, 1, HX),
        # The settings row (read fresh for the form).
        ("beheer:site_instellingen", _gebruikers, 1, None),
    ],
)
def test_beheer_pages_are_pinned_and_flat(
    client, beheerder, django_assert_max_num_queries, naam, groei, maximum, headers
):
    groei(2)
    _vlak(client, reverse(naam), maximum, django_assert_max_num_queries, groei, headers)


def test_a_period_s_change_page_is_pinned_and_flat(
    client, beheerder, django_assert_max_num_queries
):
    periode = PeriodeFactory(naam="2023-2026")
    # session, user, the period.
    _vlak(
        client,
        reverse("beheer:periode_update", args=[periode.pk]),
        3,
        django_assert_max_num_queries,
        lambda n: WerkteamFactory.create_batch(n, periode=periode),
    )


def test_a_user_s_page_is_pinned_and_flat(client, beheerder, django_assert_max_num_queries):
    coordinator = CoordinatorFactory()
    teams = WerkteamFactory.create_batch(2)
    for team in teams:
        team.coordinatoren.add(coordinator)

    def meer_teams(aantal):
        for team in WerkteamFactory.create_batch(aantal):
            team.coordinatoren.add(coordinator)

    # session, user, the user shown (the teams they coordinate cost nothing per team).
    _vlak(
        client,
        reverse("beheer:gebruiker_detail", args=[coordinator.pk]),
        3,
        django_assert_max_num_queries,
        meer_teams,
    )


# --- check-in at the door ---------------------------------------------------------------------


@pytest.fixture
def inchecken(client):
    SiteInstellingenFactory()
    organisator = CoordinatorFactory(username="organisator-telt")
    team = WerkteamFactory()
    team.coordinatoren.add(organisator)
    kenniscafe = KenniscafeFactory(plaatsen_locatie=100)
    kenniscafe.organisator_werkteams.add(team)
    client.force_login(organisator)
    return kenniscafe


@pytest.mark.parametrize(
    ("query", "headers", "maximum"),
    [
        # The café, organiser in person or through a team (two checks), the counters in one
        # aggregate, the registrations (session and user as on the beheer pages).
        ("", None, 5),
        # The search fragment the page swaps in as you type: the same reads.
        ("?zoek=fictieve", HX, 5),
    ],
)
def test_check_in_page_and_its_search_are_pinned_and_flat(
    client, inchecken, django_assert_max_num_queries, query, headers, maximum
):
    def aanmeldingen(aantal):
        AanmeldingFactory.create_batch(aantal, kenniscafe=inchecken)

    aanmeldingen(2)
    url = reverse("kenniscafes:inchecken", args=[inchecken.slug]) + query
    _vlak(client, url, maximum, django_assert_max_num_queries, aanmeldingen, headers)


# --- the tabs of a team -----------------------------------------------------------------------


@pytest.fixture
def team(client):
    SiteInstellingenFactory()
    werkteam = WerkteamFactory(naam="Team Telt", slug="team-telt")
    coordinator = CoordinatorFactory(username="coord-telt")
    werkteam.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    return werkteam


@pytest.mark.parametrize(
    ("naam", "maximum"),
    [
        # The session comes from the cache and the user as kept per content version. The team
        # page: its team with the team that continues it ("voortgezet in") and the coordinator
        # check as kept per version too; the overview's next meeting, open actions, goals in
        # progress, sectors and recent outcomes in one UNION.
        ("werkteams:werkteam_detail", 1),
        # The team with the coordinator check, memberships with people and hand-overs.
        ("werkteams:lid_list", 2),
        # The team with the coordinator check, meetings with attendance counts.
        ("werkteams:team_bijeenkomsten", 2),
        # The team with the coordinator check, outcomes with their links.
        ("werkteams:team_leren", 2),
        # The team with the coordinator check, activities, their organisations, the team's
        # organisations, kenniscafés, publications.
        ("werkteams:team_activiteiten", 6),
        # The team with the coordinator check, filter years, series, meetings, attendance.
        ("werkteams:aanwezigheid_matrix", 5),
    ],
)
@pytest.mark.parametrize("headers", [None, HX], ids=["pagina", "htmx"])
def test_team_tabs_are_pinned_and_flat(
    client, team, django_assert_max_num_queries, naam, maximum, headers
):
    # An htmx fragment reads no more than its page (the activities fragment reads 3: the
    # team's organisations, kenniscafés and publications of the full page are not in it).
    def meer(aantal):
        # Each round adds a member, a coming meeting with attendance and a goal, a held
        # meeting with attendance (the matrix), an activity, an outcome and an open action:
        # every tab's list grows.
        for _ in range(aantal):
            gevuld = vul_team(team, leden=1)
            Verslagpunt.objects.create(
                bijeenkomst=gevuld["bijeenkomst"], soort="actie", tekst="Fictieve actie"
            )
            gehouden = BijeenkomstFactory(
                werkteam=team, start=timezone.now() - datetime.timedelta(days=1)
            )
            AanwezigheidFactory(bijeenkomst=gehouden, lidmaatschap=gevuld["leden"][0])

    meer(2)
    url = reverse(naam, args=[team.slug])
    _vlak(client, url, maximum, django_assert_max_num_queries, meer, headers)
