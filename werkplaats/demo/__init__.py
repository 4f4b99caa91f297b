"""The demo Werkplaats Zuid-Holland Zuid, loaded idempotently by `manage.py demo_laden`.

The facts come from werkplaats-zhz.json (copied from the source documents). Each
app contributes a loader `load(data)`; they run in the order of LADERS. Generated
people are fictional and recognisable as such ("(fictief)" and addresses under .example).
"""

import json
from importlib import import_module
from pathlib import Path

from django.db import transaction

DEMO_BESTAND = Path(__file__).with_name("werkplaats-zhz.json")

# Dotted paths of the loaders, in dependency order. Each is `load(data: dict) -> dict`
# returning a summary of what it created or updated.
LADERS = [
    "werkplaats.demo.kern.load",
    "werkteams.demo.load",
    "werkteams.demo_nu.load",
    "kenniscafes.demo.load",
    "publicaties.demo.load",
]


def demo_data() -> dict:
    """The demo facts as a dict."""
    return json.loads(DEMO_BESTAND.read_text(encoding="utf-8"))


@transaction.atomic
def demo_load() -> dict:
    """Create or update the whole demo Werkplaats; running it twice changes nothing."""
    data = demo_data()
    samenvatting = {}
    for pad in LADERS:
        module_pad, naam = pad.rsplit(".", 1)
        samenvatting.update(getattr(import_module(module_pad), naam)(data))
    return samenvatting
