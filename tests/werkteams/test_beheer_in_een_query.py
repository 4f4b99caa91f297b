"""werkteam_get_met_beheer (issue #13) answers in one query what werkteam_get_public and
werkteam_can_manage answer in two, for every kind of user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tests.factories import BeheerderFactory, CoordinatorFactory, GebruikerFactory
from werkteams import selectors

from .factories import WerkteamFactory

pytestmark = pytest.mark.django_db


def test_one_query_gives_the_same_answer_as_the_two(django_assert_num_queries):
    team, ander = WerkteamFactory(), WerkteamFactory()
    eigen = CoordinatorFactory()
    team.coordinatoren.add(eigen)
    teruggezet = GebruikerFactory(rol="lid")  # still listed, no longer a coordinator
    team.coordinatoren.add(teruggezet)
    van_ander = CoordinatorFactory()
    ander.coordinatoren.add(van_ander)
    for gebruiker in [
        AnonymousUser(),
        GebruikerFactory(rol="lid"),
        eigen,
        teruggezet,
        van_ander,
        BeheerderFactory(),
    ]:
        verwacht = selectors.werkteam_can_manage(gebruiker, team)
        with django_assert_num_queries(1):
            gevonden, beheer = selectors.werkteam_get_met_beheer(gebruiker, team.slug)
        assert (gevonden, beheer) == (team, verwacht), gebruiker
    assert [selectors.werkteam_can_manage(g, team) for g in (eigen, teruggezet, van_ander)] == [
        True,
        False,
        False,
    ]
    with pytest.raises(Http404):
        selectors.werkteam_get_met_beheer(eigen, "bestaat-niet")
