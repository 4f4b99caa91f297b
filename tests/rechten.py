"""Fixtures for the permission tests of several apps: a coordinator, their team and another's.

Imported by the test modules under other names (`*_fixture`), so the names the tests ask for
are not shadowed by the import."""

import pytest

from tests.factories import CoordinatorFactory
from tests.werkteams.factories import WerkteamFactory


@pytest.fixture(name="coordinator")
def coordinator_fixture():
    return CoordinatorFactory()


@pytest.fixture(name="eigen_team")
def eigen_team_fixture(coordinator):
    werkteam = WerkteamFactory(naam="Eigen Fictief Team")
    werkteam.coordinatoren.add(coordinator)
    return werkteam


@pytest.fixture(name="ander_team")
def ander_team_fixture():
    werkteam = WerkteamFactory(naam="Ander Fictief Team")
    werkteam.coordinatoren.add(CoordinatorFactory())
    return werkteam
