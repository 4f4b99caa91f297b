"""Run by test_sqlite_gelijktijdig.py in its own process on an empty SQLite file, as `make run` does.

Twenty threads register for one café through the service, twenty more through the view
(each thread its own connection); writes the outcome as JSON to the file named in argv[1].
"""

import json
import os
import sys

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "werkplaats.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from kenniscafes.models import Aanmelding  # noqa: E402
from kenniscafes.services import AanmeldGegevens, aanmelding_create  # noqa: E402
from tests.factories import SiteInstellingenFactory  # noqa: E402
from tests.gelijktijdig import fouten, parallel  # noqa: E402
from tests.kenniscafes.factories import KenniscafeFactory, gegevens  # noqa: E402
from tests.sqlite_proces import werkplaats_inrichten  # noqa: E402

AANTAL = 20
PLAATSEN = 10

setup_test_environment()  # the test client's host, mail kept in memory
call_command("migrate", verbosity=0)
assert connection.vendor == "sqlite"
werkplaats_inrichten()
SiteInstellingenFactory()
via_service = KenniscafeFactory(plaatsen_locatie=PLAATSEN)
via_view = KenniscafeFactory(plaatsen_locatie=PLAATSEN)
connection.close()


def bezoeker(n: int) -> dict:
    """Valid registration data of visitor n (the service's cleaned data)."""
    return gegevens(naam=f"Fictieve Bezoeker {n}", email=f"bezoeker{n}@fictief.example")


def parallel_fouten(werk) -> list[str]:
    """Run werk(n) in AANTAL threads that start together; return the errors."""
    return fouten(parallel([lambda n=n: werk(n) for n in range(AANTAL)]))


def via_de_service(n):
    aanmelding_create(kenniscafe_id=via_service.pk, gegevens=AanmeldGegevens(**bezoeker(n)))


def via_het_formulier(n):
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": via_view.slug})
    response = Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(url, {**bezoeker(n), "toestemming": "on"})
    if response.status_code != 302 or "aangemeld" not in response["Location"]:
        raise AssertionError(f"{response.status_code}: {response.content[:300]!r}")


def telling(kenniscafe) -> dict:
    rijen = Aanmelding.objects.filter(kenniscafe=kenniscafe)
    return {status: rijen.filter(status=status).count() for status in Aanmelding.Status.values}


uit = {
    "service_fouten": parallel_fouten(via_de_service),
    "view_fouten": parallel_fouten(via_het_formulier),
}
uit["service"] = telling(via_service)
uit["view"] = telling(via_view)
with open(sys.argv[1], "w") as f:
    json.dump(uit, f)
