"""Run by test_demo_kennisbank.py in its own process on an empty SQLite file, as `make run`
does: load the demo and print how many publications each word given finds."""

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
from publicaties.zoeken import publicatie_search  # noqa: E402
from werkplaats.demo import demo_zhz  # noqa: E402
from werkplaats.kern.huidig import in_werkplaats  # noqa: E402

call_command("migrate", verbosity=0)
assert connection.vendor == "sqlite"
call_command("demo_laden", "--zonder-accounts", stdout=open(os.devnull, "w"))  # noqa: SIM115
with in_werkplaats(demo_zhz()):  # the kennisbank of Zuid-Holland Zuid, as at its host
    gevonden = {
        woord: publicatie_search(zoekvraag_from_request(QueryDict(f"q={woord}"))).totaal
        for woord in sys.argv[1:]
    }
print(json.dumps(gevonden))
