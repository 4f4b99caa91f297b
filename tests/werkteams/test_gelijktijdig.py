"""Real parallel connections: sweepers and coordinators acting at the same moment."""

import datetime

import pytest
from django.utils import timezone

from tests.gelijktijdig import fouten, parallel
from werkplaats.kern.models import Bericht
from werkteams import services
from werkteams.models import Herinnering, Lidmaatschap

from .factories import AanwezigheidFactory, BijeenkomstFactory, LidmaatschapFactory, PersoonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_four_parallel_reminder_sweepers_send_each_reminder_exactly_once(mailoutbox):
    bijeenkomsten = []
    for _ in range(5):
        bijeenkomst = BijeenkomstFactory(start=timezone.now() + datetime.timedelta(days=1))
        for _ in range(3):
            AanwezigheidFactory(bijeenkomst=bijeenkomst)
        Herinnering.objects.create(
            bijeenkomst=bijeenkomst, verstuur_op=timezone.now() - datetime.timedelta(minutes=1)
        )
        bijeenkomsten.append(bijeenkomst)

    uitkomsten = parallel([services.herinneringen_sweep] * 4)

    assert all(isinstance(u, int) for u in uitkomsten), uitkomsten
    assert sum(uitkomsten) == 15
    assert Bericht.objects.filter(sleutel__startswith="werkteams:herinnering:").count() == 15
    assert len(mailoutbox) == 15
    assert not Herinnering.objects.filter(verstuurd_op__isnull=True).exists()


def test_two_coordinators_handing_over_one_place_at_once_make_one_hand_over():
    lid = LidmaatschapFactory(start=datetime.date(2020, 1, 1))
    a, b = PersoonFactory(), PersoonFactory()

    uitkomsten = parallel(
        [
            lambda: services.lidmaatschap_handover(lid, datum=datetime.date(2021, 3, 1), persoon=a),
            lambda: services.lidmaatschap_handover(lid, datum=datetime.date(2021, 3, 1), persoon=b),
        ]
    )

    gelukt = [u for u in uitkomsten if isinstance(u, Lidmaatschap)]
    geweigerd = [u for u in uitkomsten if isinstance(u, services.WerkteamFout)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    assert Lidmaatschap.objects.filter(werkteam=lid.werkteam).count() == 2
    lid.refresh_from_db()
    assert lid.overgedragen_aan == gelukt[0]


def test_adding_the_same_person_twice_at_once_leaves_one_membership():
    lid = LidmaatschapFactory(start=datetime.date(2020, 1, 1), eind=datetime.date(2020, 6, 30))
    persoon, team = PersoonFactory(), lid.werkteam

    def toevoegen():
        return services.lidmaatschap_create(
            team, rol="lector", start=datetime.date(2021, 1, 1), persoon=persoon
        )

    uitkomsten = parallel([toevoegen, toevoegen, toevoegen])

    # The service check and, under a race, the exclusion constraint both end in WerkteamFout.
    assert sum(isinstance(u, Lidmaatschap) for u in uitkomsten) == 1, uitkomsten
    assert all(isinstance(u, (Lidmaatschap, services.WerkteamFout)) for u in uitkomsten), fouten(
        uitkomsten
    )
    assert Lidmaatschap.objects.filter(werkteam=team, persoon=persoon).count() == 1
