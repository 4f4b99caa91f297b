"""The demo tells a true story: a Werkplaats alive today, with earlier and finished teams
that hold together, and past cafés with evaluation scores."""

from datetime import date, timedelta

import pytest
from django.db.models import F, Q
from django.utils import timezone, translation

from kenniscafes.models import Evaluatie, Kenniscafe
from werkplaats.demo import demo_data, demo_load, demo_zhz
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Periode
from werkplaats.verantwoording.forms import standaard_periode
from werkplaats.verantwoording.rapport import Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get
from werkplaats.verantwoording.weergave import rapport_weergave
from werkteams.models import Bijeenkomst, Herinnering, Leerdoel, Lidmaatschap, Verslagpunt, Werkteam

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhz(settings, tmp_path):
    """The demo loaded; the test acts in its Werkplaats Zuid-Holland Zuid."""
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    with in_werkplaats(demo_zhz()) as werkplaats:
        yield werkplaats


def test_a_period_contains_today_and_has_running_teams(zhz):
    vandaag = timezone.localdate()
    huidig = Periode.objects.filter(start__lte=vandaag, eind__gte=vandaag)
    assert huidig.exists()
    lopend = Werkteam.objects.filter(periode__in=huidig, status=Werkteam.Status.ACTIEF)
    assert lopend.count() >= 2
    nu = timezone.now()
    for team in lopend:
        assert Lidmaatschap.objects.filter(werkteam=team, eind__isnull=True).exists()
        assert Bijeenkomst.objects.filter(werkteam=team, start__lt=nu).exists()
        volgende = Bijeenkomst.objects.filter(werkteam=team, start__gt=nu).first()
        assert volgende is not None
        herinnering = Herinnering.objects.get(bijeenkomst=volgende)
        assert herinnering.verstuurd_op is None and herinnering.verstuur_op < volgende.start
        assert volgende.aanwezigheden.exists()  # the members are invited
        assert Verslagpunt.objects.filter(
            bijeenkomst__werkteam=team, soort="actie", gedaan=False
        ).exists()
        assert Leerdoel.objects.filter(bijeenkomst__werkteam=team, resultaat="").exists()

    # The earlier teams: every team of 2016-2019 has members and meetings.
    eerder = Werkteam.objects.filter(periode__start__lt=date(2020, 1, 1))
    namen = {t["naam"] for t in demo_data()["werkteams"] if t["periode"] < "2020"}
    assert eerder.count() == len(namen) >= 6
    for team in eerder:
        assert team.lidmaatschappen.exists(), team.naam
        assert team.bijeenkomsten.exists(), team.naam

    # Memberships of finished teams end with the team, never after it and never open.
    afgerond = Lidmaatschap.objects.filter(werkteam__status=Werkteam.Status.AFGEROND)
    assert afgerond.exists()
    assert not afgerond.filter(Q(eind__isnull=True) | Q(eind__gt=F("werkteam__eind"))).exists()
    assert not Lidmaatschap.objects.filter(eind__lt=F("start")).exists()

    # Past cafés have evaluations (the one that ended minutes ago is asking for them), and
    # the report shows their scores, also the one a user sees first (last calendar year).
    for item in demo_data()["kenniscafes"]:
        cafe = Kenniscafe.objects.get(titel=item["titel"], start__date=item["datum"])
        assert Evaluatie.objects.filter(aanmelding__kenniscafe=cafe).exists(), cafe.titel
    verleden = Kenniscafe.objects.filter(
        status=Kenniscafe.Status.GEPUBLICEERD, eind__lt=nu - timedelta(days=1)
    )
    assert verleden.count() >= 16
    for cafe in verleden:
        assert Evaluatie.objects.filter(aanmelding__kenniscafe=cafe).exists(), cafe.titel
    with translation.override("nl"):
        for periode in (Verslagperiode.kalenderjaar(2021), standaard_periode()):
            kerncijfers = rapport_get(periode, None).sectie("kenniscafes").tabel("kerncijfers")
            assert kerncijfers.waarde("Evaluaties", "waarde") > 0, periode
            assert 6 <= kerncijfers.waarde("Gemiddelde evaluatiescore", "waarde") <= 10

    # In the demo's reports every bar draws the value its table row shows.
    with translation.override("nl"):
        for periode in (
            Verslagperiode.voor_periode(Periode.objects.get(naam="2020-2022")),
            standaard_periode(),
        ):
            for sectie in rapport_weergave(rapport_get(periode, None)):
                for t in sectie.tabellen:
                    if t.grafiek:
                        label_i, waarde_i = t.tabel.grafiek
                        rijen = {str(r[label_i]): r[waarde_i] for r in t.tabel.rijen}
                        for balk in t.grafiek.balken:
                            assert balk.waarde == rijen[balk.label], (t.id, balk.label)

    # Loading again changes nothing.
    tellingen = (
        Lidmaatschap.objects.count(),
        Bijeenkomst.objects.count(),
        Evaluatie.objects.count(),
    )
    demo_load()
    assert tellingen == (
        Lidmaatschap.objects.count(),
        Bijeenkomst.objects.count(),
        Evaluatie.objects.count(),
    )
