"""The demo Werkplaats's report: 13 kenniscafés over 2020-2022 and three werkteams."""

import pytest
from django.utils import translation

from werkplaats.demo import demo_load, demo_zhz
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Periode
from werkplaats.verantwoording.rapport import Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get

pytestmark = pytest.mark.django_db


def cafes(rapport) -> int:
    return rapport.sectie("kenniscafes").tabel("kerncijfers").waarde("Kenniscafés", "waarde")


def test_the_demo_report_shows_the_demo_werkplaats(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    with translation.override("nl"), in_werkplaats(demo_zhz()):
        periode = rapport_get(
            Verslagperiode.voor_periode(Periode.objects.get(naam="2020-2022")), None
        )
        jaren = {j: rapport_get(Verslagperiode.kalenderjaar(j), None) for j in (2020, 2021, 2022)}
    assert cafes(periode) == 13
    assert sum(cafes(r) for r in jaren.values()) == 13
    for jaar in (2021, 2022):
        werkteams = jaren[jaar].sectie("werkteams").tabel("overzicht").rijen
        assert len(werkteams) == 3
        assert all(rij[4] > 0 and rij[9] > 0 for rij in werkteams)  # members and meetings
        assert cafes(jaren[jaar]) > 0
