"""Worker for bench B6, run as its own process so its peak memory is its own.

`python -m bench._b6_worker genereer N`  make exactly N bench registrations (bulk SQL)
`python -m bench._b6_worker meet csv|xlsx|rapport`  export the bench year's raw
registrations (or its report) with the same code the site uses, print a JSON line.
`python -m bench._b6_worker opruimen -`  remove every bench row again (other benchmarks
share the database).
"""

import json
import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from kenniscafes.models import Aanmelding, Kenniscafe  # noqa: E402
from werkplaats.kern.models import Sector  # noqa: E402
from werkplaats.verantwoording import bestanden  # noqa: E402
from werkplaats.verantwoording.rapport import Verslagperiode  # noqa: E402
from werkplaats.verantwoording.selectors import ruwe_lijst  # noqa: E402

JAAR = 2001  # a past year no demo data uses: only bench rows count, none show as upcoming
CAFES = 400
PREFIX = "bench-b6-"


def _cafes() -> list[int]:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    bestaand = list(
        Kenniscafe.objects.filter(slug__startswith=PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(bestaand) == CAFES:
        return bestaand
    tz = ZoneInfo("Europe/Amsterdam")
    nieuw = []
    for i in range(len(bestaand), CAFES):
        start = datetime(JAAR, 1, 5, 19, tzinfo=tz) + timedelta(days=i * 360 // CAFES)
        nieuw.append(
            Kenniscafe(
                titel=f"Benchcafé {i}",
                slug=f"{PREFIX}{i}",
                type="klaslokaal",
                vorm="hybride",
                start=start,
                eind=start + timedelta(hours=2),
                status="gepubliceerd",
            )
        )
    Kenniscafe.objects.bulk_create(nieuw)
    return _cafes()


def genereer(n: int) -> dict:
    """Grow the bench registrations to exactly n rows with one INSERT ... SELECT."""
    begin = time.perf_counter()
    cafes = _cafes()
    qs = Aanmelding.objects.filter(kenniscafe__slug__startswith=PREFIX)
    huidig = qs.count()
    if huidig > n:
        with connection.cursor() as cur:
            # Deliberate raw SQL: deleting a million rows through the ORM would load them.
            cur.execute("DELETE FROM kenniscafes_aanmelding WHERE kenniscafe_id = ANY(%s)", [cafes])
        with connection.cursor() as cur:
            # Dead rows of a bigger earlier run would slow every scan that follows.
            cur.execute("VACUUM ANALYZE kenniscafes_aanmelding")
        huidig = 0
    if huidig == 0:
        Aanmelding.objects.create(
            kenniscafe_id=cafes[0],
            naam="Bench 0",
            email="b0@bench.example",
            rol="professional",
            regio="binnen",
            deelname="online",
            status="bevestigd",
        )
        huidig = 1
    sjabloon = qs.order_by("pk").first()
    # Deliberate raw SQL: copy every column of a template row (so new fields of the model
    # keep working) and override the ones that vary; a million rows in one statement.
    overrides = {
        "kenniscafe_id": "(%(cafes)s::bigint[])[1 + g %% %(aantal)s]",
        "naam": "'Bench ' || g",
        "email": "'b' || g || '@bench.example'",
        "sleutel": "gen_random_uuid()",
        "status": "CASE WHEN g %% 20 = 0 THEN 'geannuleerd' WHEN g %% 25 = 0 THEN "
        "'wachtlijst' ELSE 'bevestigd' END",
        "rol": "(ARRAY['professional','student','bewoner','onderwijs','beleid','anders'])"
        "[1 + g %% 6]",
        "sector": "(%(sectoren)s::text[])[1 + g %% %(n_sectoren)s]",
        "regio": "CASE WHEN g %% 3 = 0 THEN 'buiten' ELSE 'binnen' END",
        "aanwezig": "CASE g %% 4 WHEN 0 THEN NULL WHEN 1 THEN false ELSE true END",
        "aangemaakt": f"timestamptz '{JAAR - 1}-12-01 12:00+01' + (g %% 300) * interval '1 hour'",
    }
    kolommen = [f.column for f in Aanmelding._meta.concrete_fields if not f.primary_key]
    expressies = [overrides.get(k, f's."{k}"') for k in kolommen]
    sql = (
        f"INSERT INTO kenniscafes_aanmelding ({', '.join(chr(34) + k + chr(34) for k in kolommen)}) "
        f"SELECT {', '.join(expressies)} FROM kenniscafes_aanmelding s "
        "CROSS JOIN generate_series(%(van)s::bigint, %(tot)s::bigint) g WHERE s.id = %(sjabloon)s"
    )
    if n > huidig:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                sql,
                {
                    "cafes": cafes,
                    "aantal": len(cafes),
                    "sectoren": [s.value for s in Sector],
                    "n_sectoren": len(Sector),
                    "van": huidig,
                    "tot": n - 1,
                    "sjabloon": sjabloon.pk,
                },
            )
        with connection.cursor() as cur:
            cur.execute("ANALYZE kenniscafes_aanmelding")
    return {"rows": qs.count(), "seconds": round(time.perf_counter() - begin, 1)}


def opruimen() -> dict:
    """Delete the bench registrations and cafés (raw SQL: a million rows, no ORM load)."""
    cafes = list(Kenniscafe.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))
    with connection.cursor() as cur:
        cur.execute("DELETE FROM kenniscafes_aanmelding WHERE kenniscafe_id = ANY(%s)", [cafes])
        cur.execute("DELETE FROM kenniscafes_kenniscafe WHERE id = ANY(%s)", [cafes])
        cur.execute("VACUUM ANALYZE kenniscafes_aanmelding")
    return {"removed_cafes": len(cafes)}


def meet_rapport() -> dict:
    """The yearly report of the bench year (all aggregation in SQL) as XLSX and CSV files."""
    from django.utils import translation

    from werkplaats.verantwoording.selectors import rapport_get

    begin = time.perf_counter()
    with translation.override("nl"):
        rapport = rapport_get(Verslagperiode.kalenderjaar(JAAR), None)
        bestanden_ = [bestanden.xlsx_bestand(rapport), *bestanden.csv_bestanden(rapport)]
    registraties = rapport.sectie("kenniscafes").tabel("kerncijfers").rijen[1][1]
    return {
        "seconds": round(time.perf_counter() - begin, 2),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "registrations_counted": registraties,
        "files": len(bestanden_),
        "bytes": sum(len(b[3]) for b in bestanden_),
    }


def meet(formaat: str) -> dict:
    """Export the bench year's raw registrations exactly as the site does."""
    if formaat == "rapport":
        return meet_rapport()
    periode = Verslagperiode.kalenderjaar(JAAR)
    begin = time.perf_counter()
    titel, kolommen, rijen = ruwe_lijst("aanmeldingen", periode, formaat)
    with tempfile.TemporaryFile() as f:
        if formaat == "csv":
            aantal = 0
            for stuk in bestanden.ruw_csv_stream(kolommen, _tel(rijen)):
                f.write(stuk)
            aantal = _tel.aantal
        else:
            aantal = bestanden.ruw_xlsx_schrijven(f, titel, kolommen, rijen)
        grootte = f.tell()
    return {
        "seconds": round(time.perf_counter() - begin, 2),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rows": aantal,
        "bytes": grootte,
    }


def _tel(rijen):
    _tel.aantal = 0
    for rij in rijen:
        _tel.aantal += 1
        yield rij


if __name__ == "__main__":
    from bench.common import werkplaats_activeren

    # As the site does on the bench werkplaats's host: its cafés, its export.
    werkplaats_activeren()
    opdracht, argument = sys.argv[1], sys.argv[2]
    if opdracht == "genereer":
        uitkomst = genereer(int(argument))
    elif opdracht == "opruimen":
        uitkomst = opruimen()
    else:
        uitkomst = meet(argument)
    print(json.dumps(uitkomst))
