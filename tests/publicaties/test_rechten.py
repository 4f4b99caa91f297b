"""Who may do what in the kennisbank: teams and cafés an editor may attach, the role counts."""

import pytest
from django.urls import reverse
from django.utils import translation

from publicaties.models import Publicatie
from publicaties.services import AuteurInvoer, PublicatieFout, publicatie_create
from tests.factories import BeheerderFactory
from tests.factories.kern import rol_geef
from tests.kenniscafes.factories import KenniscafeFactory
from tests.rechten import (  # noqa: F401 (fixtures)
    ander_team_fixture,
    coordinator_fixture,
    eigen_team_fixture,
)

from .factories import PublicatieFactory
from .test_views import NIEUW, geldig

pytestmark = pytest.mark.django_db


def _bewerken(publicatie):
    return reverse("publicaties:publicatie_update", kwargs={"slug": publicatie.slug})


# --- the role counts ------------------------------------------------------------------------


def test_coordinator_set_back_to_lid_can_no_longer_edit_the_teams_publications(
    client, coordinator, eigen_team
):
    publicatie = PublicatieFactory(titel="Teamnotitie")
    publicatie.werkteams.add(eigen_team)
    client.force_login(coordinator)
    assert client.get(_bewerken(publicatie)).status_code == 200
    rol_geef(coordinator, "lid")
    assert client.get(_bewerken(publicatie)).status_code == 403


def test_someone_elses_draft_is_404_on_the_edit_page(client, coordinator):
    concept = PublicatieFactory(titel="Andermans concept", status="concept")
    client.force_login(coordinator)
    assert client.get(_bewerken(concept)).status_code == 404


# --- teams --------------------------------------------------------------------------------


def test_form_offers_only_the_coordinators_own_teams(client, coordinator, eigen_team, ander_team):
    client.force_login(coordinator)
    html = client.get(NIEUW).content.decode()
    assert "Eigen Fictief Team" in html
    assert "Ander Fictief Team" not in html


def test_crafted_post_attaching_another_coordinators_team_is_refused(
    client, coordinator, eigen_team, ander_team
):
    client.force_login(coordinator)
    response = client.post(NIEUW, geldig(werkteams=[eigen_team.pk, ander_team.pk]))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Publicatie.objects.exists()


def test_service_refuses_another_coordinators_team_in_dutch(coordinator, ander_team):
    with translation.override("nl"), pytest.raises(PublicatieFout) as fout:
        publicatie_create(
            door=coordinator,
            gegevens={"titel": "Notitie", "type": "onderzoeksnotitie", "jaar": 2024},
            auteurs=[AuteurInvoer("Fictief", "Anne")],
            werkteams=[ander_team],
        )
    assert "werkteams die je coördineert" in " ".join(fout.value.messages)
    assert not Publicatie.objects.exists()


def test_beheerder_attaches_any_team(client, ander_team):
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, geldig(werkteams=[ander_team.pk]))
    assert response.status_code == 302
    assert list(Publicatie.objects.get().werkteams.all()) == [ander_team]


def test_editing_keeps_the_teams_the_editor_cannot_see(client, coordinator, eigen_team, ander_team):
    publicatie = PublicatieFactory(titel="Gedeelde notitie")
    publicatie.werkteams.add(eigen_team, ander_team)
    client.force_login(coordinator)
    assert "Ander Fictief Team" not in client.get(_bewerken(publicatie)).content.decode()
    response = client.post(
        _bewerken(publicatie), geldig(titel="Gedeelde notitie", werkteams=[eigen_team.pk])
    )
    assert response.status_code == 302
    assert set(publicatie.werkteams.all()) == {eigen_team, ander_team}


# --- cafés --------------------------------------------------------------------------------


def test_form_never_offers_another_organisers_draft_cafe(client, coordinator, eigen_team):
    andermans = KenniscafeFactory(titel="Andermans geheim concept", status="concept")
    eigen = KenniscafeFactory(titel="Eigen concept", status="concept")
    eigen.organisator_werkteams.add(eigen_team)
    KenniscafeFactory(titel="Aangekondigd kenniscafe")
    client.force_login(coordinator)
    html = client.get(NIEUW).content.decode()
    assert "Eigen concept" in html and "Aangekondigd kenniscafe" in html
    assert "Andermans geheim concept" not in html

    response = client.post(NIEUW, geldig(kenniscafe=andermans.pk))
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Publicatie.objects.exists()
    assert client.post(NIEUW, geldig(kenniscafe=eigen.pk)).status_code == 302
    assert Publicatie.objects.get().kenniscafe == eigen
