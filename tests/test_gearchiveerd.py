"""Archived partner organisations are not offered in the apps' choice lists; a record that
already names one keeps it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kenniscafes.forms import KenniscafeForm
from tests.factories import (
    BeheerderFactory,
    CoordinatorFactory,
    KenniscafeFactory,
    OrganisatieFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
)
from werkplaats.kern.selectors import organisaties_kiesbaar
from werkteams.forms import ActiviteitForm, LeeropbrengstForm, LidToevoegenForm, OverdrachtForm
from werkteams.models import Persoon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteInstellingenFactory()


@pytest.fixture
def actief():
    return OrganisatieFactory(naam="Buurtwerk Fictief")


@pytest.fixture
def archief():
    return OrganisatieFactory(naam="Opgeheven Stichting Fictief", gearchiveerd=True)


def _keuzes(form, veld: str) -> set:
    return set(form.fields[veld].queryset)


def test_the_kern_selector_leaves_archived_ones_out_unless_kept(actief, archief):
    assert list(organisaties_kiesbaar()) == [actief]
    assert set(organisaties_kiesbaar(behouden=[archief.pk, None])) == {actief, archief}


# --- werkteams ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form_class", "veld"),
    [
        (LidToevoegenForm, "organisatie"),
        (OverdrachtForm, "organisatie"),
        (LeeropbrengstForm, "organisatie"),
        (ActiviteitForm, "organisaties"),
    ],
)
def test_werkteams_forms_do_not_offer_archived_organisations(form_class, veld, actief, archief):
    kwargs = {"personen": Persoon.objects.none()} if form_class is not ActiviteitForm else {}
    form = form_class(**kwargs)
    assert _keuzes(form, veld) == {actief}


def test_a_new_member_cannot_be_given_an_archived_organisation(client, actief, archief):
    team = WerkteamFactory()
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    url = reverse("werkteams:lid_create", args=[team.slug])
    html = client.get(url).content.decode()
    assert "Buurtwerk Fictief" in html and "Opgeheven Stichting Fictief" not in html
    response = client.post(
        url,
        {
            "naam": "Fictieve Nieuweling",
            "email": "nieuweling@fictief.example",
            "organisatie": str(archief.pk),
            "rol": "professional",
            "start": timezone.localdate().isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze." in response.content.decode()
    assert not Persoon.objects.filter(email="nieuweling@fictief.example").exists()


def test_an_activity_with_an_archived_organisation_is_refused(actief, archief):
    form = ActiviteitForm(
        {"soort": "gastles", "titel": "Gastles", "organisaties": [str(archief.pk)]}
    )
    assert not form.is_valid()
    assert "organisaties" in form.errors


# --- kenniscafés ----------------------------------------------------------------------------


def test_a_new_cafe_does_not_offer_archived_organisations(actief, archief):
    form = KenniscafeForm(user=BeheerderFactory())
    assert _keuzes(form, "organisator_organisaties") == {actief}


def test_a_cafe_that_names_an_archived_organisation_keeps_it_but_not_others(actief, archief):
    ander = OrganisatieFactory(naam="Ook Opgeheven Fictief", gearchiveerd=True)
    cafe = KenniscafeFactory()
    cafe.organisator_organisaties.add(archief)
    form = KenniscafeForm(instance=cafe, user=BeheerderFactory())
    assert _keuzes(form, "organisator_organisaties") == {actief, archief}
    assert ander not in _keuzes(form, "organisator_organisaties")


def test_the_edit_page_shows_the_kept_archived_organisation_checked(client, archief, actief):
    cafe = KenniscafeFactory()
    cafe.organisator_organisaties.add(archief)
    client.force_login(BeheerderFactory())
    html = client.get(reverse("kenniscafes:kenniscafe_update", args=[cafe.slug])).content.decode()
    invoer = html.split(f'value="{archief.pk}"', 1)
    assert len(invoer) == 2, "the archived organiser is still listed"
    assert "checked" in invoer[1].split(">", 1)[0]
    assert "Opgeheven Stichting Fictief" in html


def test_saving_a_cafe_keeps_its_archived_organiser(actief, archief):
    cafe = KenniscafeFactory()
    cafe.organisator_organisaties.add(archief)
    start = timezone.localtime(cafe.start)
    data = {
        "titel": cafe.titel,
        "slug": cafe.slug,
        "type": cafe.type,
        "thema": cafe.thema,
        "beschrijving": cafe.beschrijving,
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "eind": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "vorm": cafe.vorm,
        "locatie": cafe.locatie,
        "adres": cafe.adres,
        "online_link": cafe.online_link,
        "plaatsen_locatie": "40",
        "plaatsen_online": "0",
        "organisatoren_tekst": cafe.organisatoren_tekst,
        "herinnering_uren": "24",
        "organisator_organisaties": [str(archief.pk), str(actief.pk)],
    }
    bewerkt = KenniscafeForm(data, instance=cafe, user=BeheerderFactory())
    assert bewerkt.is_valid(), bewerkt.errors
    assert set(bewerkt.cleaned_data["organisator_organisaties"]) == {archief, actief}
