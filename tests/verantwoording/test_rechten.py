"""Who sees which part of the annual report: the role counts, through the shared team rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.factories import BeheerderFactory, CoordinatorFactory, WerkteamFactory
from tests.factories.kern import rol_geef
from werkplaats.verantwoording.selectors import rapport_can_manage, rapport_scope

pytestmark = pytest.mark.django_db


def test_report_scope_follows_the_role_and_the_teams_coordinated():
    coordinator = CoordinatorFactory()
    eigen, _ander = WerkteamFactory(), WerkteamFactory()
    eigen.coordinatoren.add(coordinator)
    assert rapport_scope(coordinator) == [eigen.pk]
    assert rapport_scope(BeheerderFactory()) is None
    rol_geef(coordinator, "lid")
    with pytest.raises(PermissionDenied):
        rapport_scope(coordinator)


def test_only_a_beheerder_manages_the_report():
    assert rapport_can_manage(BeheerderFactory())
    assert not rapport_can_manage(CoordinatorFactory())
    assert not rapport_can_manage(AnonymousUser())
