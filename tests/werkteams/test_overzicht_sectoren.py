"""The overview's 'wanted but missing' sectors come from one small query (issue #13) and say
the same as the full composition does."""

import datetime

import pytest
from django.utils import translation

from tests.factories.kern import OrganisatieFactory
from tests.factories.werkteams import LidmaatschapFactory, PersoonFactory, WerkteamFactory
from werkplaats.kern.models import Sector
from werkteams import overzicht, selectors

pytestmark = pytest.mark.django_db
DAG = datetime.date(2021, 6, 1)


def test_missing_sectors_match_the_composition():
    team = WerkteamFactory(
        gewenste_sectoren=[Sector.GEMEENTE, Sector.WONEN, Sector.OVERIG, Sector.ZORG_WELZIJN]
    )
    LidmaatschapFactory(werkteam=team, persoon__organisatie__sector=Sector.GEMEENTE)
    # Without an organisation a member counts as 'overig'; an ended member counts not at all.
    LidmaatschapFactory(werkteam=team, persoon=PersoonFactory(organisatie=None))
    LidmaatschapFactory(
        werkteam=team,
        persoon__organisatie=OrganisatieFactory(sector=Sector.WONEN),
        eind=datetime.date(2021, 1, 1),
    )
    for taal in ("nl", "en"):
        with translation.override(taal):
            verwacht = [
                str(s) for s in selectors.samenstelling_get(team, DAG)["ontbrekende_sectoren"]
            ]
            assert overzicht.ontbrekende_sectoren_op(team, DAG) == verwacht
    with translation.override("en"):
        assert overzicht.ontbrekende_sectoren_op(team, DAG) == ["Housing", "Care and welfare"]
