"""B5 SQL timing: run the kennisbank's own search (publicatie_search) for each given search
and measure the time spent in the database per search (all its queries together).

`python -m bench._b5_sql searches.json out.json` under production settings.
"""

import json
import sys
import time
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from publicaties.forms import zoekvraag_from_request  # noqa: E402
from publicaties.zoeken import publicatie_search  # noqa: E402


class Klok:
    """Adds up the wall time of every query executed through Django's connection."""

    def __init__(self):
        self.seconden = 0.0
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconden += time.perf_counter() - start
            self.aantal += 1


def main(zoekopdrachten: list[dict]) -> list[dict]:
    uit = []
    # Warm up: connection, plans, buffers (the first pass is not measured).
    for z in zoekopdrachten[: min(20, len(zoekopdrachten))]:
        publicatie_search(zoekvraag_from_request(QueryDict(z["query"])))
    for z in zoekopdrachten:
        klok = Klok()
        with connection.execute_wrapper(klok):
            resultaat = publicatie_search(zoekvraag_from_request(QueryDict(z["query"])))
        uit.append(
            {
                **z,
                "sql_ms": round(klok.seconden * 1000, 2),
                "queries": klok.aantal,
                "totaal": resultaat.totaal,
                "suggestie": resultaat.suggestie,
            }
        )
    return uit


if __name__ == "__main__":
    zoekopdrachten = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_text(json.dumps(main(zoekopdrachten)), encoding="utf-8")
