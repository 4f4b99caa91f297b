"""The demo network, loaded idempotently by `manage.py demo_laden`.

Werkplaats Zuid-Holland Zuid as it is (facts from werkplaats-zhz.json, copied from the
source documents), and two smaller werkplaatsen that are made up for the demo, around
Nijmegen and Utrecht (werkplaats-<slug>.json: facts of the source documents, every text
in our own words). Each werkplaats is found at its own host under .localhost; its data
is loaded inside `in_werkplaats(...)`, so every row belongs to it. Each app contributes a
loader `load(data)`; they run in the order of the werkplaats's loaders. Generated people
are fictional and recognisable as such ("(fictief)" and addresses under .example).
"""

import json
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.db import transaction

from werkplaats.kern.huidig import in_werkplaats

MAP = Path(__file__).parent
DEMO_BESTAND = MAP / "werkplaats-zhz.json"

# Dotted paths of the loaders, in dependency order. Each is `load(data: dict) -> dict`
# returning a summary of what it created or updated, in the current werkplaats.
LADERS = [
    "werkplaats.demo.kern.load",
    "werkteams.demo.load",
    "werkteams.demo_nu.load",
    "kenniscafes.demo.load",
    "publicaties.demo.load",
]
# The made-up werkplaatsen: ground floor, their teams (earlier and running), cafés, kennisbank.
LADERS_REGIO = [
    "werkplaats.demo.kern.load",
    "werkteams.demo.load",
    "werkteams.demo_nu.load",
    "werkplaats.demo.regios.kenniscafes_load",
    "publicaties.demo.load",
]


@dataclass(frozen=True)
class DemoWerkplaats:
    slug: str
    bestand: str
    hosts: tuple[str, ...]  # the first is the primary host (links in mails and feeds)
    laders: tuple[str, ...]
    # The slug an earlier single-werkplaats database gave this demo werkplaats on upgrading.
    vroeger: str = ""


DEMO_WERKPLAATSEN = [
    DemoWerkplaats(
        "zhz", "werkplaats-zhz.json", ("zhz.localhost",), tuple(LADERS), vroeger="werkplaats-zhz"
    ),
    DemoWerkplaats(
        "nijmegen", "werkplaats-nijmegen.json", ("nijmegen.localhost",), tuple(LADERS_REGIO)
    ),
    DemoWerkplaats(
        "utrecht", "werkplaats-utrecht.json", ("utrecht.localhost",), tuple(LADERS_REGIO)
    ),
]


def demo_data(slug: str = "zhz") -> dict:
    """The demo facts of one werkplaats as a dict (Zuid-Holland Zuid unless asked)."""
    demo = next(d for d in DEMO_WERKPLAATSEN if d.slug == slug)
    return json.loads((MAP / demo.bestand).read_text(encoding="utf-8"))


def demo_werkplaats(demo: DemoWerkplaats, naam: str):
    """The werkplaats row of `demo` with its host names (made or brought up to date)."""
    from django.conf import settings

    from werkplaats.kern.models import Werkplaats, WerkplaatsHost

    vroeger = Werkplaats.objects.filter(slug=demo.vroeger).first() if demo.vroeger else None
    if vroeger is not None and not Werkplaats.objects.filter(slug=demo.slug).exists():
        # A database of the single-werkplaats demo, upgraded: its werkplaats is this one,
        # and the hosts it was given then (localhost, 127.0.0.1) belong to the portal now.
        vroeger.slug = demo.slug
        vroeger.save(update_fields=["slug"])
        WerkplaatsHost.objects.filter(werkplaats=vroeger, host__in=settings.PORTAAL_HOSTS).delete()
    werkplaats, _ = Werkplaats.objects.get_or_create(slug=demo.slug, defaults={"naam": naam})
    if not werkplaats.actief:
        werkplaats.actief = True
        werkplaats.save(update_fields=["actief"])
    for volgorde, host in enumerate(demo.hosts):
        koppeling = WerkplaatsHost.objects.filter(host=host).first()
        if koppeling is not None and koppeling.werkplaats_id != werkplaats.pk:
            raise ValueError(f"Host {host} already serves werkplaats {koppeling.werkplaats}.")
        if volgorde == 0:  # one primary host: make room before marking this one
            WerkplaatsHost.objects.filter(werkplaats=werkplaats, primair=True).exclude(
                host=host
            ).update(primair=False)
        WerkplaatsHost.objects.update_or_create(
            host=host, defaults={"werkplaats": werkplaats, "primair": volgorde == 0}
        )
    return werkplaats


@transaction.atomic
def demo_load() -> dict:
    """Create or update every demo werkplaats; running it twice changes nothing.

    Returns a summary per werkplaats slug."""
    samenvatting = {}
    for demo in DEMO_WERKPLAATSEN:
        data = demo_data(demo.slug)
        werkplaats = demo_werkplaats(demo, data["werkplaats"]["naam"])
        per_werkplaats = {}
        with in_werkplaats(werkplaats):
            for pad in demo.laders:
                module_pad, naam = pad.rsplit(".", 1)
                per_werkplaats.update(getattr(import_module(module_pad), naam)(data))
        samenvatting[demo.slug] = per_werkplaats
    return samenvatting


def demo_zhz():
    """The demo's Werkplaats Zuid-Holland Zuid (after `demo_load`)."""
    from werkplaats.kern.models import Werkplaats

    return Werkplaats.objects.get(slug="zhz")
