"""The Django admin cannot bypass the services: models whose writes lock, promote the waiting
list or send mail are shown there, never written."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kenniscafes.models import (
    Aanmelding,
    Abonnee,
    Herinnering,
    Kenniscafe,
    Uitnodiging,
    UitnodigingsRonde,
)
from tests.factories import BeheerderFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.werkteams.factories import AanwezigheidFactory
from werkplaats.kern.models import Bericht, Opdracht
from werkteams.models import Bijeenkomst

pytestmark = pytest.mark.django_db

ALLEEN_LEZEN = [
    Kenniscafe,
    Aanmelding,
    Herinnering,
    Abonnee,
    UitnodigingsRonde,
    Uitnodiging,
    Bericht,
    Opdracht,
    Bijeenkomst,
]


@pytest.fixture
def beheerder(client):
    SiteInstellingenFactory()
    gebruiker = BeheerderFactory()
    client.force_login(gebruiker)
    return gebruiker


def _url(obj, actie):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{actie}", args=[obj.pk])


def test_superuser_cannot_change_a_registration_in_the_admin(client, beheerder):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1, vorm="fysiek")
    aanmelding = AanmeldingFactory(kenniscafe=kenniscafe, status="bevestigd")
    response = client.get(_url(aanmelding, "change"))
    assert response.status_code == 200  # shown, read-only
    assert b'name="status"' not in response.content
    assert b'type="submit"' not in response.content.split(b'id="content"')[1]
    response = client.post(_url(aanmelding, "change"), {"status": "geannuleerd"})
    assert response.status_code == 403
    aanmelding.refresh_from_db()
    assert aanmelding.status == "bevestigd"


def test_superuser_cannot_delete_a_registration_or_a_cafe_in_the_admin(client, beheerder):
    aanmelding = AanmeldingFactory()
    for obj in (aanmelding, aanmelding.kenniscafe):
        assert client.get(_url(obj, "delete")).status_code == 403
        assert client.post(_url(obj, "delete"), {"post": "yes"}).status_code == 403
    assert Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    changelist = reverse("admin:kenniscafes_aanmelding_changelist")
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [aanmelding.pk], "post": "yes"},
    )
    assert Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    assert response.status_code in (200, 302, 403)


def test_superuser_cannot_add_a_cafe_in_the_admin(client, beheerder):
    assert client.get(reverse("admin:kenniscafes_kenniscafe_add")).status_code == 403


def test_the_registration_list_still_shows_in_the_admin(client, beheerder):
    aanmelding = AanmeldingFactory(naam="Fictieve Bezoeker")
    response = client.get(reverse("admin:kenniscafes_aanmelding_changelist"))
    assert response.status_code == 200
    assert "Fictieve Bezoeker" in response.content.decode()
    assert client.get(_url(aanmelding, "change")).status_code == 200


def test_a_meeting_and_its_attendance_cannot_be_changed_in_the_admin(client, beheerder):
    aanwezigheid = AanwezigheidFactory()
    bijeenkomst = aanwezigheid.bijeenkomst
    response = client.post(
        _url(bijeenkomst, "change"), {"titel": "Anders", "status": "geannuleerd"}
    )
    assert response.status_code == 403
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.titel != "Anders"


def test_memberships_and_coordinators_are_read_only_on_the_team_page_of_the_admin(
    client, beheerder
):
    werkteam = AanwezigheidFactory().lidmaatschap.werkteam
    response = client.get(_url(werkteam, "change"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="lidmaatschappen-0-rol"' not in html
    assert 'name="coordinatoren"' not in html


@pytest.mark.parametrize("model", ALLEEN_LEZEN, ids=lambda m: m._meta.label)
def test_models_whose_writes_have_side_effects_are_read_only_in_the_admin(rf, beheerder, model):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = beheerder
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_add_permission(request, None)
        assert not inline.has_change_permission(request)
        assert not inline.has_delete_permission(request)
