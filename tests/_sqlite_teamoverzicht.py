"""Run by tests/werkteams/test_teampagina.py in its own process on an empty SQLite file, as
`make run` does: load the demo and print every team whose overview (raw SQL, issue #13)
differs from the same reads written with the ORM."""

import json
import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "werkplaats.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from werkteams import selectors  # noqa: E402
from werkteams.models import Bijeenkomst, Leerdoel, Leeropbrengst, Verslagpunt, Werkteam  # noqa: E402
from werkteams.overzicht import werkteam_overzicht  # noqa: E402


def met_orm(werkteam):
    """The overview's reads as they were written with the ORM before #13."""
    volgende = (
        Bijeenkomst.objects.filter(werkteam=werkteam, start__gte=timezone.now())
        .exclude(status=Bijeenkomst.Status.GEANNULEERD)
        .order_by("start")
        .first()
    )
    acties = Verslagpunt.objects.filter(
        bijeenkomst__werkteam=werkteam, soort=Verslagpunt.Soort.ACTIE, gedaan=False
    ).order_by("deadline", "pk")[:5]
    leerdoelen = Leerdoel.objects.filter(
        bijeenkomst__werkteam=werkteam,
        resultaat__in=[Leerdoel.Resultaat.OPEN, Leerdoel.Resultaat.DEELS],
    ).order_by("-bijeenkomst__start", "pk")[:5]
    opbrengsten = Leeropbrengst.objects.filter(werkteam=werkteam).order_by("-datum", "-pk")[:5]
    vandaag = timezone.localdate()
    return {
        "volgende": volgende and (volgende.pk, volgende.titel, str(volgende.start), volgende.vorm),
        "acties": [
            (a.pk, a.tekst, str(a.deadline), a.eigenaar.naam if a.eigenaar else None)
            for a in acties
        ],
        "leerdoelen": [(d.pk, d.omschrijving, d.resultaat) for d in leerdoelen],
        "opbrengsten": [(o.pk, str(o.datum), o.niveau, o.wat) for o in opbrengsten],
        "sectoren": [
            str(s) for s in selectors.samenstelling_get(werkteam, vandaag)["ontbrekende_sectoren"]
        ],
    }


def met_sql(werkteam):
    """The same from werkteam_overzicht(), labels turned back into the stored values."""
    o = werkteam_overzicht(werkteam)
    v = o["volgende_bijeenkomst"]
    vormen, niveaus = dict(Bijeenkomst.Vorm.choices), dict(Leeropbrengst.Niveau.choices)
    resultaten = dict(Leerdoel.Resultaat.choices)
    return {
        "volgende": v and (v["pk"], v["titel"], str(v["start"]), _code(vormen, v["vorm_label"])),
        "acties": [
            (a["pk"], a["tekst"], str(a["deadline"]), a["eigenaar_naam"]) for a in o["open_acties"]
        ],
        "leerdoelen": [
            (d["pk"], d["omschrijving"], _code(resultaten, d["resultaat_label"]))
            for d in o["leerdoelen_lopend"]
        ],
        "opbrengsten": [
            (r["pk"], str(r["datum"]), _code(niveaus, r["niveau_label"]), r["wat"])
            for r in o["recente_opbrengsten"]
        ],
        "sectoren": [str(s) for s in o["ontbrekende_sectoren"]],
    }


def _code(keuzes, label):
    """The stored value of a shown label."""
    return next(code for code, tekst in keuzes.items() if str(tekst) == str(label))


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    assert connection.vendor == "sqlite"
    call_command("demo_laden", "--zonder-accounts", stdout=open(os.devnull, "w"))  # noqa: SIM115
    verschillen, gevuld = {}, 0
    for werkteam in Werkteam.objects.all():
        orm, sql = met_orm(werkteam), met_sql(werkteam)
        gevuld += bool(sql["volgende"] and sql["acties"] and sql["leerdoelen"])
        if orm != sql:
            verschillen[werkteam.slug] = {"orm": orm, "sql": sql}
    print(json.dumps({"verschillen": verschillen, "gevuld": gevuld}, default=str))
