"""The reminder defaults in the site settings: edited by a beheerder, used by new meetings and
cafés only; what is already planned keeps its own reminder."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kenniscafes.forms import KenniscafeForm
from tests.factories import (
    BeheerderFactory,
    CoordinatorFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
)
from tests.factories.kern import na_commit
from werkplaats.kern.models import Werkplaats
from werkteams import services
from werkteams.forms import BijeenkomstPlanForm
from werkteams.models import Herinnering

pytestmark = pytest.mark.django_db
INSTELLINGEN = reverse("beheer:site_instellingen")


@pytest.fixture
def site():
    return SiteInstellingenFactory()


@pytest.fixture
def beheerder(client, site):
    gebruiker = BeheerderFactory()
    client.force_login(gebruiker)
    return gebruiker


def gegevens(site, **wijzig) -> dict:
    return {
        "naam": site.naam,
        "korte_naam": "",
        "regio": site.regio,
        "contact_email": site.contact_email,
        "adres": site.adres,
        "website": "",
        "intro": "",
        "privacyverklaring": "",
        "toegankelijkheidsverklaring": "",
        "bewaartermijn_maanden": "24",
        "herinnering_dagen_werkteam": "2",
        "herinnering_uren_kenniscafe": "24",
        **wijzig,
    }


def _plan(team, **extra):
    with na_commit():
        return services.bijeenkomsten_plan(
            team,
            titel="Werkteambijeenkomst",
            eerste=timezone.localdate() + datetime.timedelta(days=10),
            tijd=datetime.time(15, 0),
            duur_minuten=90,
            vorm="fysiek",
            locatie="Voorbeeldlokaal",
            **extra,
        )


def test_the_settings_form_shows_the_defaults_and_says_planned_ones_stay(client, beheerder):
    html = client.get(INSTELLINGEN).content.decode()
    assert "herinnering vóór een werkteambijeenkomst (dagen)" in html.lower()
    assert "herinnering vóór een kenniscafé (uren)" in html.lower()
    assert "Bijeenkomsten die al gepland zijn houden hun eigen herinnering" in html
    assert "Cafés die al bestaan houden hun eigen herinneringstijd" in html


def test_beheerder_saves_new_defaults(client, beheerder, site):
    response = client.post(
        INSTELLINGEN,
        gegevens(site, herinnering_dagen_werkteam="5", herinnering_uren_kenniscafe="48"),
    )
    assert response.status_code == 302
    site = Werkplaats.objects.get(slug="test")
    assert (site.herinnering_dagen_werkteam, site.herinnering_uren_kenniscafe) == (5, 48)


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("herinnering_dagen_werkteam", "31", "Kies van 0 tot 30 dagen."),
        ("herinnering_dagen_werkteam", "-1", "minstens 0"),
        ("herinnering_dagen_werkteam", "", "Dit veld is verplicht."),
        ("herinnering_dagen_werkteam", "twee", "geheel getal"),
        ("herinnering_dagen_werkteam", "<b>2</b>", "geheel getal"),
        ("herinnering_uren_kenniscafe", "0", "Kies van 1 tot 336 uur"),
        ("herinnering_uren_kenniscafe", "337", "Kies van 1 tot 336 uur"),
        ("herinnering_uren_kenniscafe", "9" * 40, "Kies van 1 tot 336 uur"),
        ("herinnering_uren_kenniscafe", "1; DROP TABLE kern_siteinstellingen", "geheel getal"),
    ],
)
def test_bad_defaults_are_named_in_dutch_and_nothing_is_saved(
    client, beheerder, site, veld, waarde, tekst
):
    response = client.post(INSTELLINGEN, gegevens(site, naam="Niet opgeslagen", **{veld: waarde}))
    assert response.status_code == 200
    assert tekst in response.content.decode()
    site.refresh_from_db()
    assert site.naam != "Niet opgeslagen"
    assert (site.herinnering_dagen_werkteam, site.herinnering_uren_kenniscafe) == (2, 24)


def test_a_coordinator_cannot_change_the_defaults(client, site):
    client.force_login(CoordinatorFactory())
    response = client.post(INSTELLINGEN, gegevens(site, herinnering_dagen_werkteam="9"))
    assert response.status_code == 403
    site.refresh_from_db()
    assert site.herinnering_dagen_werkteam == 2


# --- werkteams: new meetings take the default, planned ones keep theirs ---------------------


def test_the_plan_form_starts_with_the_site_default(client, site):
    site.herinnering_dagen_werkteam = 6
    site.save()
    assert BijeenkomstPlanForm().fields["herinnering_dagen"].initial == 6
    team = WerkteamFactory()
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("werkteams:bijeenkomst_plan", args=[team.slug])).content.decode()
    veld = html.split('name="herinnering_dagen"', 1)[1].split(">", 1)[0]
    assert 'value="6"' in veld


def test_changing_the_default_leaves_planned_meetings_and_their_reminders_alone(site):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team)
    [eerder] = _plan(team)  # no value given: the default of that moment (2 days)
    assert eerder.herinnering_dagen == 2
    gepland = Herinnering.objects.get(bijeenkomst=eerder).verstuur_op
    assert gepland == eerder.start - datetime.timedelta(days=2)

    site.herinnering_dagen_werkteam = 7
    site.save()
    [later] = _plan(team)
    eerder.refresh_from_db()
    assert eerder.herinnering_dagen == 2
    assert Herinnering.objects.get(bijeenkomst=eerder).verstuur_op == gepland
    assert later.herinnering_dagen == 7
    assert Herinnering.objects.get(bijeenkomst=later).verstuur_op == later.start - (
        datetime.timedelta(days=7)
    )


def test_a_value_given_for_one_meeting_wins_over_the_default(site):
    site.herinnering_dagen_werkteam = 7
    site.save()
    [bijeenkomst] = _plan(WerkteamFactory(), herinnering_dagen=0)
    assert bijeenkomst.herinnering_dagen == 0
    assert not Herinnering.objects.filter(bijeenkomst=bijeenkomst).exists()


# --- kenniscafés: a new café starts with the default, an existing one keeps its own -------


def test_a_new_cafe_form_starts_with_the_site_default(client, site):
    site.herinnering_uren_kenniscafe = 72
    site.save()
    assert KenniscafeForm().initial["herinnering_uren"] == 72
    client.force_login(BeheerderFactory())
    html = client.get(reverse("kenniscafes:kenniscafe_create")).content.decode()
    veld = html.split('name="herinnering_uren"', 1)[1].split(">", 1)[0]
    assert 'value="72"' in veld


def test_an_existing_cafe_keeps_its_own_reminder_time(client, site):
    cafe = KenniscafeFactory(herinnering_uren=12)
    site.herinnering_uren_kenniscafe = 72
    site.save()
    assert KenniscafeForm(instance=cafe).initial["herinnering_uren"] == 12
    client.force_login(BeheerderFactory())
    html = client.get(reverse("kenniscafes:kenniscafe_update", args=[cafe.slug])).content.decode()
    veld = html.split('name="herinnering_uren"', 1)[1].split(">", 1)[0]
    assert 'value="12"' in veld
