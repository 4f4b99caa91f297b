"""Who may do what in werkteams: the role counts, people and cafés stay within reach."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory
from tests.factories.kern import rol_geef
from tests.kenniscafes.factories import KenniscafeFactory
from werkteams import selectors
from werkteams.models import Leeropbrengst, Lidmaatschap, Persoon

from .factories import LidmaatschapFactory, PersoonFactory, WerkteamFactory

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def andermans_lid(team_b):
    coordinator_b = CoordinatorFactory(username="coord-b")
    team_b.coordinatoren.add(coordinator_b)
    persoon = PersoonFactory(naam="Andermans Fictief Lid", email="ander@fictief.example")
    return LidmaatschapFactory(werkteam=team_b, persoon=persoon, start=datetime.date(2020, 1, 1))


# --- the role counts ------------------------------------------------------------------------


def test_coordinator_set_back_to_lid_loses_team_management_at_once(client, team_a, coordinator_a):
    LidmaatschapFactory(werkteam=team_a, persoon__naam="Geheim Fictief Lid")
    client.force_login(coordinator_a)
    assert client.get(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 200

    rol_geef(coordinator_a, "lid")

    # Still on the team's list of coordinators, but the role no longer makes them one.
    assert team_a.coordinatoren.filter(pk=coordinator_a.pk).exists()
    assert client.get(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 404
    assert client.post(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 404
    html = client.get(team_a.get_absolute_url()).content.decode()
    assert "Geheim Fictief Lid" not in html
    assert selectors.werkteam_list_beheerbaar(coordinator_a) == []
    assert not selectors.werkteams_beheerbaar(coordinator_a).exists()


def test_beheerder_role_manages_every_team_without_being_named(client, team_a):
    beheerder = BeheerderFactory(is_superuser=False)
    client.force_login(beheerder)
    assert client.get(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 200


# --- people within reach --------------------------------------------------------------------


def test_member_forms_list_only_people_of_own_teams(client, team_a, coordinator_a, andermans_lid):
    eigen = LidmaatschapFactory(werkteam=team_a, persoon__naam="Eigen Fictief Lid")
    client.force_login(coordinator_a)
    for url in (
        reverse("werkteams:lid_create", args=[team_a.slug]),
        reverse("werkteams:lid_handover", args=[team_a.slug, eigen.pk]),
    ):
        html = client.get(url, **HX).content.decode()
        assert "Eigen Fictief Lid" in html, url
        assert "Andermans Fictief Lid" not in html, url
        assert 'name="bekend_email"' in html, url


def test_beheerder_sees_every_person(client, team_a, andermans_lid):
    client.force_login(BeheerderFactory())
    html = client.get(reverse("werkteams:lid_create", args=[team_a.slug]), **HX).content.decode()
    assert "Andermans Fictief Lid" in html


def test_crafted_post_with_another_teams_person_is_refused(
    client, team_a, coordinator_a, andermans_lid
):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_create", args=[team_a.slug]),
        {"persoon": andermans_lid.persoon.pk, "rol": "lector", "start": "2021-02-01"},
        **HX,
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Lidmaatschap.objects.filter(werkteam=team_a).exists()


def test_crafted_handover_to_another_teams_person_is_refused(
    client, team_a, coordinator_a, andermans_lid
):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_handover", args=[team_a.slug, lid.pk]),
        {"datum": "2021-03-01", "persoon": andermans_lid.persoon.pk},
        **HX,
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    lid.refresh_from_db()
    assert lid.overgedragen_aan is None and lid.eind is None


def test_someone_from_another_team_is_added_by_exact_email(
    client, team_a, coordinator_a, andermans_lid
):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_create", args=[team_a.slug]),
        {"bekend_email": "ANDER@fictief.example", "rol": "lector", "start": "2021-02-01"},
        **HX,
    )
    assert response["HX-Retarget"] == "#leden-vak"
    assert Lidmaatschap.objects.get(werkteam=team_a).persoon == andermans_lid.persoon
    assert Persoon.objects.count() == 1


def test_handover_to_someone_from_another_team_by_exact_email(
    client, team_a, coordinator_a, andermans_lid
):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    client.post(
        reverse("werkteams:lid_handover", args=[team_a.slug, lid.pk]),
        {"datum": "2021-03-01", "bekend_email": "ander@fictief.example"},
        **HX,
    )
    lid.refresh_from_db()
    assert lid.overgedragen_aan.persoon == andermans_lid.persoon


def test_an_unknown_address_links_nobody_and_says_so_in_dutch(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_create", args=[team_a.slug]),
        {"bekend_email": "onbekend@fictief.example", "rol": "lector", "start": "2021-02-01"},
        **HX,
    )
    assert "Er is niemand bekend met dit e-mailadres" in response.content.decode()
    assert not Lidmaatschap.objects.exists() and not Persoon.objects.exists()


# --- cafés within reach ---------------------------------------------------------------------


def test_outcome_form_never_offers_another_organisers_draft_cafe(client, team_a, coordinator_a):
    andermans = KenniscafeFactory(titel="Andermans geheim concept", status="concept")
    andermans.organisator_werkteams.add(WerkteamFactory())
    eigen = KenniscafeFactory(titel="Eigen concept", status="concept")
    eigen.organisator_gebruikers.add(coordinator_a)
    KenniscafeFactory(titel="Aangekondigd kenniscafe")
    client.force_login(coordinator_a)
    url = reverse("werkteams:leeropbrengst_create", args=[team_a.slug])
    html = client.get(url, **HX).content.decode()
    assert "Eigen concept" in html and "Aangekondigd kenniscafe" in html
    assert "Andermans geheim concept" not in html

    data = {"niveau": "team", "wat": "Geleerd", "datum": "2021-05-01"}
    response = client.post(url, {**data, "kenniscafe": andermans.pk}, **HX)
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Leeropbrengst.objects.exists()
    client.post(url, {**data, "kenniscafe": eigen.pk}, **HX)
    assert Leeropbrengst.objects.get().kenniscafe == eigen
