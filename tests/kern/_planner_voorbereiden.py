"""Run by test_planner.py in its own process on an empty SQLite file, before `serveer` starts.

Leaves one café whose reminder is due and one that has ended with a visitor who was there.
"""

import os
from datetime import timedelta

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "werkplaats.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from kenniscafes.models import Herinnering  # noqa: E402
from kenniscafes.services import (  # noqa: E402
    AanmeldGegevens,
    aanmelding_attendance_set,
    aanmelding_create,
)
from tests.factories import SiteInstellingenFactory  # noqa: E402
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory, gegevens  # noqa: E402
from werkplaats.kern.huidig import werkplaats_activeer  # noqa: E402

call_command("migrate", verbosity=0)
assert connection.vendor == "sqlite"
nu = timezone.now()
# The data belongs to a werkplaats; the planner's sweepers find it with none active.
werkplaats_activeer(SiteInstellingenFactory(slug="planner"))
komend = KenniscafeFactory(titel="Planner Proefcafe", start=nu + timedelta(days=3))
komend.herinnering_uren = 24
komend.save()
aanmelding_create(
    kenniscafe_id=komend.pk,
    gegevens=AanmeldGegevens(**gegevens(email="herinnering@fictief.example")),
)
# Two days later: the reminder (24 hours before the start) is due.
Herinnering.objects.update(verstuur_op=nu - timedelta(minutes=1))
voorbij = KenniscafeFactory(
    titel="Terugblikcafe", start=nu - timedelta(hours=3), eind=nu - timedelta(hours=1)
)
bezoeker = AanmeldingFactory(kenniscafe=voorbij, email="evaluatie@fictief.example")
aanmelding_attendance_set(aanmelding_id=bezoeker.pk, aanwezig=True)
