"""The logged-in user is read once per content version per process (kern/auth.py, issue #13),
and every change to the user still counts on the very next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, SiteInstellingenFactory
from tests.factories.kern import rol_geef
from tests.werkteams.factories import WerkteamFactory
from werkplaats.kern.beheer import gebruikers

pytestmark = pytest.mark.django_db
BEHEER = reverse("beheer:overzicht")


def _gebruiker_queries(client, url) -> tuple[int, int]:
    """(status, queries on the user table) of one GET."""
    with CaptureQueriesContext(connection) as vastgelegd:
        status = client.get(url).status_code
    return status, sum('"kern_gebruiker"' in q["sql"] for q in vastgelegd.captured_queries)


@pytest.fixture(autouse=True)
def instellingen():
    SiteInstellingenFactory()


@pytest.fixture
def beheerder(client):
    client.force_login(gebruiker := BeheerderFactory())
    return gebruiker


@pytest.fixture
def coordinator_en_team(client):
    """A logged-in coordinator of a team who has seen its page once (so it is kept)."""
    team, coordinator = WerkteamFactory(), CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    client.get(team.get_absolute_url())
    return coordinator, team


def _beheert(client, team) -> bool:
    return "Werkteam bewerken" in client.get(team.get_absolute_url()).content.decode()


def test_the_user_is_read_once_while_nothing_changes(client, beheerder):
    assert _gebruiker_queries(client, BEHEER) == (200, 1)
    assert _gebruiker_queries(client, BEHEER) == (200, 0)
    assert _gebruiker_queries(client, BEHEER) == (200, 0)


def test_a_deactivated_user_is_refused_on_the_next_request(client, beheerder):
    client.get(BEHEER)
    gebruikers.gebruiker_active_set(gebruiker=beheerder, actief=False, door=BeheerderFactory())
    response = client.get(BEHEER)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_changed_role_counts_on_the_next_request(client, coordinator_en_team):
    coordinator, team = coordinator_en_team
    leden = reverse("werkteams:lid_list", args=[team.slug])
    assert client.get(leden).status_code == 200 and _beheert(client, team)
    rol_geef(coordinator, coordinator.Rol.LID)
    assert client.get(leden).status_code == 404 and not _beheert(client, team)


def test_a_coordinator_taken_off_a_team_no_longer_manages_it(client, coordinator_en_team):
    coordinator, team = coordinator_en_team
    assert _beheert(client, team)
    team.coordinatoren.remove(coordinator)
    assert not _beheert(client, team)


def test_a_new_password_ends_the_other_sessions_on_their_next_request(client, beheerder):
    client.get(BEHEER)
    elders = Client()
    elders.force_login(beheerder)
    assert elders.get(BEHEER).status_code == 200
    beheerder.set_password("een-heel-nieuw-wachtwoord-2026")
    beheerder.save()
    assert elders.get(BEHEER).status_code == 302


def test_the_user_row_never_goes_to_redis(client, beheerder):
    client.get(BEHEER)
    client.get(BEHEER)
    redis = cache._cache.get_client()
    hash_ = beheerder.password.encode()
    for key in redis.scan_iter("*"):
        assert b":proces:" not in key
        if redis.type(key) == b"string":
            assert hash_ not in (redis.get(key) or b""), key
