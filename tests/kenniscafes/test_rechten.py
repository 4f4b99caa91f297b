"""Who may do what with kenniscafés: invitations, co-organising teams, the role that counts."""

import pytest
from django.urls import reverse
from django.utils import translation

from kenniscafes import services
from kenniscafes.models import UitnodigingsRonde
from tests.factories import BeheerderFactory
from tests.factories.kern import rol_geef
from tests.kenniscafes.factories import KenniscafeFactory
from tests.rechten import (  # noqa: F401 (fixtures)
    ander_team_fixture,
    coordinator_fixture,
    eigen_team_fixture,
)

from .test_views_organisator import _nieuw

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe(eigen_team, ander_team):
    """A café co-organised by the coordinator's team and another coordinator's team."""
    kenniscafe = KenniscafeFactory()
    kenniscafe.organisator_werkteams.add(eigen_team, ander_team)
    return kenniscafe


def _url(naam, kenniscafe):
    return reverse(f"kenniscafes:{naam}", kwargs={"slug": kenniscafe.slug})


# --- the role counts ------------------------------------------------------------------------


def test_coordinator_set_back_to_lid_loses_organiser_access_at_once(
    client, site, coordinator, cafe
):
    client.force_login(coordinator)
    assert client.get(_url("kenniscafe_update", cafe)).status_code == 200
    rol_geef(coordinator, "lid")
    assert client.get(_url("kenniscafe_update", cafe)).status_code == 404
    assert client.get(_url("uitnodiging", cafe)).status_code == 404


# --- invitation rounds ----------------------------------------------------------------------


def test_invitation_form_offers_only_the_coordinators_own_teams(client, site, coordinator, cafe):
    client.force_login(coordinator)
    html = client.get(_url("uitnodiging", cafe)).content.decode()
    assert "Eigen Fictief Team" in html
    assert "Ander Fictief Team" not in html


def test_crafted_invitation_to_another_coordinators_team_is_refused(
    client, site, coordinator, cafe, ander_team
):
    client.force_login(coordinator)
    response = client.post(_url("uitnodiging", cafe), {"werkteams": [ander_team.pk]})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not UitnodigingsRonde.objects.exists()


def test_invitation_service_refuses_another_coordinators_team_in_dutch(
    site, coordinator, cafe, ander_team
):
    with translation.override("nl"), pytest.raises(services.AanmeldingFout) as fout:
        services.uitnodigingsronde_create(
            kenniscafe=cafe,
            werkteams=[ander_team],
            eerdere_bezoekers=False,
            abonnees=True,
            door=coordinator,
        )
    assert "werkteams die je coördineert" in str(fout.value)
    assert not UitnodigingsRonde.objects.exists()


def test_coordinator_invites_own_team_and_the_mailing_list(
    client, site, coordinator, cafe, eigen_team
):
    client.force_login(coordinator)
    response = client.post(
        _url("uitnodiging", cafe), {"werkteams": [eigen_team.pk], "abonnees": "on"}
    )
    assert response.status_code == 302
    ronde = UitnodigingsRonde.objects.get()
    assert list(ronde.werkteams.all()) == [eigen_team] and ronde.abonnees


def test_beheerder_invites_any_team(client, site, cafe, ander_team):
    client.force_login(BeheerderFactory())
    assert "Ander Fictief Team" in client.get(_url("uitnodiging", cafe)).content.decode()
    response = client.post(_url("uitnodiging", cafe), {"werkteams": [ander_team.pk]})
    assert response.status_code == 302
    assert list(UitnodigingsRonde.objects.get().werkteams.all()) == [ander_team]


# --- co-organised cafés ---------------------------------------------------------------------


def test_editing_a_co_organised_cafe_keeps_the_teams_the_editor_cannot_see(
    client, site, coordinator, cafe, eigen_team, ander_team
):
    client.force_login(coordinator)
    html = client.get(_url("kenniscafe_update", cafe)).content.decode()
    assert "Eigen Fictief Team" in html and "Ander Fictief Team" not in html
    data = _nieuw(titel="Nieuwe titel", slug=cafe.slug, organisator_werkteams=[eigen_team.pk])
    response = client.post(_url("kenniscafe_update", cafe), data)
    assert response.status_code == 302
    cafe.refresh_from_db()
    assert cafe.titel == "Nieuwe titel"
    assert set(cafe.organisator_werkteams.all()) == {eigen_team, ander_team}


def test_beheerder_sees_every_organiser_team_and_may_remove_one(client, site, cafe, ander_team):
    client.force_login(BeheerderFactory())
    # A beheerder is offered every team, so what they untick is really removed.
    data = _nieuw(slug=cafe.slug, organisator_werkteams=[ander_team.pk])
    assert client.post(_url("kenniscafe_update", cafe), data).status_code == 302
    assert list(cafe.organisator_werkteams.all()) == [ander_team]


def test_crafted_post_naming_another_coordinators_team_as_organiser_is_refused(
    client, site, coordinator, eigen_team, ander_team
):
    client.force_login(coordinator)
    data = _nieuw(organisator_werkteams=[eigen_team.pk, ander_team.pk])
    response = client.post(reverse("kenniscafes:kenniscafe_create"), data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_save_service_refuses_a_team_the_editor_does_not_coordinate(
    site, coordinator, eigen_team, ander_team
):
    from kenniscafes.forms import KenniscafeForm, ProgrammaFormSet
    from kenniscafes.models import Kenniscafe
    from tests.kenniscafes.test_services import kenniscafe_save_uit

    # A form built for someone else (here: offering every team) must not smuggle a team in.
    data = _nieuw(organisator_werkteams=[eigen_team.pk, ander_team.pk])
    form = KenniscafeForm(data, instance=Kenniscafe())
    formset = ProgrammaFormSet(data, instance=form.instance, prefix="programma")
    assert form.is_valid(), form.errors
    assert formset.is_valid()
    with translation.override("nl"), pytest.raises(services.AanmeldingFout) as fout:
        kenniscafe_save_uit(form, formset, door=coordinator)
    assert "werkteams die je coördineert" in str(fout.value)
    assert not Kenniscafe.objects.exists()


def test_unticking_the_own_team_is_fine_while_another_team_still_organises(
    client, site, coordinator, cafe, ander_team
):
    client.force_login(coordinator)
    data = _nieuw(slug=cafe.slug, organisatoren_tekst="")
    response = client.post(_url("kenniscafe_update", cafe), data)
    assert response.status_code == 302
    assert list(cafe.organisator_werkteams.all()) == [ander_team]
