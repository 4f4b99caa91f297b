"""An administrator starts a work team and names its coordinators in the site."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, GebruikerFactory, PeriodeFactory
from werkteams import services
from werkteams.models import Werkteam

from .factories import WerkteamFactory

pytestmark = pytest.mark.django_db
NIEUW = reverse("werkteams:werkteam_create")
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def periode():
    return PeriodeFactory(
        naam="2025-2028", start=datetime.date(2025, 1, 1), eind=datetime.date(2028, 12, 31)
    )


def gegevens(per, **wijzig) -> dict:
    return {
        "naam": "Werkteam Wonen en zorg",
        "korte_naam": "Wonen",
        "soort": "werkteam",
        "periode": str(per.pk),
        "status": "in-oprichting",
        "start": "2025-02-01",
        "eind": "",
        "thema": "Langer thuis wonen",
        **wijzig,
    }


def test_administrator_creates_a_team_and_its_coordinator_can_manage_it(client, periode):
    coordinator = CoordinatorFactory(username="nieuwe-coordinator")
    client.force_login(BeheerderFactory())
    assert "Nieuw werkteam" in client.get(reverse("werkteams:werkteam_list")).content.decode()
    pagina = client.get(NIEUW).content.decode()
    assert "Werkteam aanmaken" in pagina and "nieuwe-coordinator@voorbeeld.example" in pagina
    response = client.post(NIEUW, gegevens(periode, coordinatoren=[str(coordinator.pk)]))
    team = Werkteam.objects.get()
    assert response.status_code == 302 and response["Location"] == team.get_absolute_url()
    assert team.slug == "werkteam-wonen-en-zorg" and team.periode == periode
    assert list(team.coordinatoren.all()) == [coordinator]
    assert (
        "is aangemaakt; de coördinatoren kunnen beginnen."
        in client.get(team.get_absolute_url()).content.decode()
    )
    client.force_login(coordinator)
    assert client.get(reverse("werkteams:werkteam_edit", args=[team.slug])).status_code == 200


def test_with_htmx_the_browser_is_sent_to_the_new_team(client, periode):
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, gegevens(periode), **HX)
    assert response["HX-Redirect"] == Werkteam.objects.get().get_absolute_url()


@pytest.mark.parametrize(
    "wijziging,melding",
    [
        ({"naam": ""}, "Dit veld is verplicht."),
        ({"naam": "   "}, "Dit veld is verplicht."),
        ({"thema": "Team\x07"}, "tekens die niet zijn toegestaan"),
        ({"eind": "2024-01-01"}, "De einddatum kan niet vóór de startdatum liggen."),
        ({"start": "gisteren"}, "Voer een geldige datum in."),
        ({"periode": "999999"}, "Selecteer een geldige keuze."),
        ({"soort": "club"}, "Selecteer een geldige keuze."),
        ({"naam": "x" * 201}, "niet meer dan 200 tekens"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, periode, wijziging, melding):
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, gegevens(periode, **wijziging), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in html
    assert 'value="Wonen"' in html  # nothing the user typed is lost
    assert not Werkteam.objects.exists()


def test_a_member_cannot_be_named_coordinator(client, periode):
    lid = GebruikerFactory(username="gewoon-lid")
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, gegevens(periode, coordinatoren=[str(lid.pk)]))
    assert "Selecteer een geldige keuze." in response.content.decode()
    assert not Werkteam.objects.exists()
    with pytest.raises(services.WerkteamFout):
        services.werkteam_create(
            door=BeheerderFactory(), naam="Team", periode=periode, coordinatoren=[lid]
        )


def test_addresses_are_unique_and_never_take_a_reserved_path(periode):
    beheerder = BeheerderFactory()
    eerste = services.werkteam_create(door=beheerder, naam="Jeugd", periode=periode)
    tweede = services.werkteam_create(door=beheerder, naam="Jeugd", periode=periode)
    gereserveerd = services.werkteam_create(door=beheerder, naam="Nieuw", periode=periode)
    assert (eerste.slug, tweede.slug, gereserveerd.slug) == ("jeugd", "jeugd-2", "nieuw-2")


def test_only_administrators_create_teams_and_name_coordinators(client, periode):
    team = WerkteamFactory(slug="team-x")
    coordinator = CoordinatorFactory(username="coord-x")
    team.coordinatoren.add(coordinator)
    coordinatoren_url = reverse("werkteams:werkteam_coordinatoren", args=[team.slug])
    assert client.get(NIEUW)["Location"].startswith("/inloggen/")
    for gebruiker in (coordinator, GebruikerFactory()):
        client.force_login(gebruiker)
        assert client.get(NIEUW).status_code == 403
        assert client.post(NIEUW, gegevens(periode)).status_code == 403
        assert client.post(coordinatoren_url, {"coordinatoren": []}).status_code == 403
    assert Werkteam.objects.count() == 1
    assert list(team.coordinatoren.all()) == [coordinator]
    assert "Coördinatoren" not in client.get(team.get_absolute_url()).content.decode()


def test_administrator_changes_coordinators_and_access_follows(client):
    team = WerkteamFactory(slug="team-y")
    oud, nieuw = CoordinatorFactory(username="oud"), CoordinatorFactory(username="nieuw")
    team.coordinatoren.add(oud)
    client.force_login(BeheerderFactory())
    url = reverse("werkteams:werkteam_coordinatoren", args=[team.slug])
    assert url in client.get(team.get_absolute_url()).content.decode()
    formulier = client.get(url).content.decode()
    assert re.search(rf'value="{oud.pk}"[^>]*checked', formulier)
    assert not re.search(rf'value="{nieuw.pk}"[^>]*checked', formulier)
    response = client.post(url, {"coordinatoren": [str(nieuw.pk)]})
    assert response.status_code == 302
    assert list(team.coordinatoren.all()) == [nieuw]
    bewerken = reverse("werkteams:werkteam_edit", args=[team.slug])
    client.force_login(oud)
    assert client.get(bewerken).status_code == 404
    client.force_login(nieuw)
    assert client.get(bewerken).status_code == 200


def test_coordinators_form_inline_with_htmx_and_bad_input(client):
    team = WerkteamFactory(slug="team-z")
    coordinator = CoordinatorFactory(username="coord-z")
    client.force_login(BeheerderFactory())
    url = reverse("werkteams:werkteam_coordinatoren", args=[team.slug])
    fout = client.post(url, {"coordinatoren": ["abc"]}, **HX)
    assert fout.status_code == 200
    assert "is geen geldige waarde" in fout.content.decode()
    assert "<html" not in fout.content.decode()
    lid = GebruikerFactory(username="lid-z")
    assert (
        "Selecteer een geldige keuze"
        in client.post(url, {"coordinatoren": [str(lid.pk)]}, **HX).content.decode()
    )
    assert not team.coordinatoren.exists()
    goed = client.post(url, {"coordinatoren": [str(coordinator.pk)]}, **HX)
    assert "zijn opgeslagen." in goed.content.decode()
    assert list(team.coordinatoren.all()) == [coordinator]
