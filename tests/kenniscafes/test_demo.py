"""The demo kenniscafés match the published figures and can be tried."""

import pytest
from django.db.models import Count, Q

from kenniscafes import demo, selectors
from kenniscafes.models import Aanmelding, Kenniscafe
from werkplaats.demo import demo_data, kern
from werkteams import demo as werkteams_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def geladen():
    data = demo_data()
    kern.load(data)
    werkteams_demo.load(data)
    demo.load(data)
    return data


def test_past_cafes_match_the_published_figures(geladen):
    verleden = (
        # the cafés of 2020-2022 (the demo also has one that ended minutes before loading)
        Kenniscafe.objects.filter(start__year__lte=2022)
        .annotate(
            bezoekers=Count("aanmeldingen", filter=Q(aanmeldingen__aanwezig=True)),
            registraties=Count("aanmeldingen"),
        )
        .order_by("start")
    )
    assert verleden.count() == 13
    bezoekers = [k.bezoekers for k in verleden]
    assert sum(bezoekers) >= 500
    assert sum(bezoekers) / 13 > 40
    eerste_online = [k for k in verleden if k.vorm == "online"][:4]
    assert all(50 <= k.registraties <= 80 for k in eerste_online)
    wijkteams = verleden.get(start__date="2021-10-28")
    studenten = Aanmelding.objects.filter(kenniscafe=wijkteams, aanwezig=True, rol="student")
    assert studenten.count() >= 50
    assert not Aanmelding.objects.filter(kenniscafe__in=verleden).exclude(email="").exists()


def test_upcoming_cafes_are_free_nearly_full_and_full(geladen):
    komend = {k.slug: k for k in selectors.kenniscafe_list_public()}
    assert komend["demo-vrije-plaatsen-wijkgericht-werken"].vrij["totaal"] > 20
    assert 0 < komend["demo-bijna-vol-preventie-en-welzijn"].vrij["totaal"] <= 3
    vol = komend["demo-vol-met-wachtlijst-schulden-voorkomen"]
    assert vol.vrij["totaal"] == 0
    assert vol.aantal_wachtlijst > 0
    assert vol.organisator_werkteams.exists()


def test_loading_twice_changes_nothing(geladen):
    voor = (Kenniscafe.objects.count(), Aanmelding.objects.count())
    demo.load(geladen)
    assert (Kenniscafe.objects.count(), Aanmelding.objects.count()) == voor
