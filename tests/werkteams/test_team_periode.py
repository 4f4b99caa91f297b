"""A team's dates lie within its period, or the form says why not (issue #12)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, PeriodeFactory
from werkteams import services
from werkteams.models import Werkteam
from werkteams.regels import WerkteamFout

from .factories import WerkteamFactory

pytestmark = pytest.mark.django_db
NIEUW = reverse("werkteams:werkteam_create")
REDEN = "Periode 2023-2026 loopt van 01-01-2023 tot 31-12-2026"


@pytest.fixture
def periode():
    return PeriodeFactory(
        naam="2023-2026", start=datetime.date(2023, 1, 1), eind=datetime.date(2026, 12, 31)
    )


def _nieuw(periode, **wijzig) -> dict:
    return {
        "naam": "Werkteam Binnen de periode",
        "soort": "werkteam",
        "periode": str(periode.pk),
        "status": "actief",
        "start": "2023-09-01",
        "eind": "",
        **wijzig,
    }


@pytest.mark.parametrize(
    ("veld", "datum"), [("start", "2022-12-31"), ("start", "2027-01-01"), ("eind", "2027-01-01")]
)
def test_a_new_team_outside_its_period_is_refused_with_the_reason(client, periode, veld, datum):
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, _nieuw(periode, **{veld: datum}))
    assert response.status_code == 200
    assert REDEN in response.content.decode()
    assert response.context["form"].errors[veld]
    assert not Werkteam.objects.exists()


def test_a_new_team_on_the_period_s_first_and_last_day_is_created(client, periode):
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, _nieuw(periode, start="2023-01-01", eind="2026-12-31"))
    assert response.status_code == 302
    assert Werkteam.objects.get().periode == periode


def test_the_service_refuses_dates_outside_the_period_for_any_caller(periode):
    with pytest.raises(WerkteamFout) as fout:
        services.werkteam_create(
            door=BeheerderFactory(),
            naam="Te vroeg",
            periode=periode,
            start=datetime.date(2020, 1, 1),
        )
    assert fout.value.veld == "start"
    assert not Werkteam.objects.exists()


def test_editing_a_team_s_dates_outside_its_period_says_why_and_saves_nothing(client, periode):
    team = WerkteamFactory(periode=periode, start=datetime.date(2023, 9, 1))
    coordinator = CoordinatorFactory()
    team.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("werkteams:werkteam_edit", args=[team.slug]),
        {"status": "actief", "start": "2023-09-01", "eind": "2027-06-30"},
    )
    assert response.status_code == 200
    assert REDEN in response.content.decode()
    team.refresh_from_db()
    assert team.eind is None
