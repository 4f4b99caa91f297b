"""Run by test_sqlite_zoeken.py in its own process on an empty SQLite file, as `make run` does.

Creates a few publications through the service and prints what some searches return.
"""

import json
import os
import sys

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "werkplaats.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from publicaties.forms import zoekvraag_from_request  # noqa: E402
from publicaties.models import Thema  # noqa: E402
from publicaties.services import AuteurInvoer, publicatie_create  # noqa: E402
from tests.factories import BeheerderFactory, PeriodeFactory  # noqa: E402
from tests.sqlite_proces import werkplaats_inrichten  # noqa: E402

call_command("migrate", verbosity=0)
assert connection.vendor == "sqlite"
werkplaats_inrichten()
door = BeheerderFactory()
PeriodeFactory()
armoede = Thema.objects.create(naam="Armoede", slug="armoede")


def maak(titel, status="gepubliceerd", type_="artikel", jaar=2023, themas=(), **extra):
    publicatie_create(
        door=door,
        gegevens={
            "titel": titel,
            "type": type_,
            "jaar": jaar,
            "status": status,
            "taal": "nl",
            "licentie": "cc-by-4.0",
            **extra,
        },
        auteurs=[AuteurInvoer("Jansen", "Pien")],
        themas=themas,
    )


maak("Leven met schuld in de wijk", themas=[armoede])
maak("Verslag van het kenniscafé", type_="kenniscafe-verslag", jaar=2022)
maak("Geheim concept over schulden", status="concept")
maak("Iets anders", samenvatting="Over schuldhulp en armoede", type_="blog", themas=[armoede])
uit = {}
for q in [
    "q=schulden",
    "q=kenniscafe",
    "q=cafe",
    "q=schuld&type=blog",
    "q=jansen",
    "thema=armoede",
]:
    r = __import__("publicaties.zoeken", fromlist=["publicatie_search"]).publicatie_search(
        zoekvraag_from_request(QueryDict(q))
    )
    uit[q] = {
        "totaal": r.totaal,
        "titels": [i.titel for i in r.items],
        "type": {w.waarde: w.aantal for f in r.facetten if f.naam == "type" for w in f.waarden},
    }
json.dump(uit, sys.stdout)
