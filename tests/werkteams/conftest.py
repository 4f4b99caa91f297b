import pytest

from tests.factories import CoordinatorFactory, SiteInstellingenFactory

from .factories import (
    AanwezigheidFactory,
    ActiviteitFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    WerkteamFactory,
)


@pytest.fixture(autouse=True)
def site(db):
    return SiteInstellingenFactory()


@pytest.fixture
def team_a():
    return WerkteamFactory(naam="Team A", slug="team-a")


@pytest.fixture
def team_b():
    return WerkteamFactory(naam="Team B", slug="team-b")


@pytest.fixture
def coordinator_a(team_a):
    gebruiker = CoordinatorFactory(username="coord-a")
    team_a.coordinatoren.add(gebruiker)
    return gebruiker


def vul_team(team, leden=3):
    """A team with members, a meeting with attendance and goals, an activity and an outcome."""
    lidmaatschappen = LidmaatschapFactory.create_batch(leden, werkteam=team)
    bijeenkomst = BijeenkomstFactory(werkteam=team)
    for lid in lidmaatschappen:
        AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=lid)
    LeerdoelFactory(bijeenkomst=bijeenkomst)
    ActiviteitFactory(werkteam=team)
    LeeropbrengstFactory(werkteam=team, bijeenkomst=bijeenkomst)
    return {"leden": lidmaatschappen, "bijeenkomst": bijeenkomst}
