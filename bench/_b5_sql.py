"""B5 and B7 SQL timing: run the kennisbank's own search for each given search and measure
the time spent in the database per search (all its queries together).

`python -m bench._b5_sql searches.json out.json [slug]` under production settings: the
search of werkplaats `slug`'s site (publicatie_search inside that werkplaats; default the
bench werkplaats), or with `slug` "--landelijk" the national portal's search
(werkplaats.portaal.kennisbank.kennisbank_zoeken, no werkplaats active).
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


def werkplaats_zoeken(query: str):
    """The search of a werkplaats's site (the current werkplaats)."""
    return publicatie_search(zoekvraag_from_request(QueryDict(query)))


def landelijk_zoeken(query: str):
    """The national portal's search: results, the werkplaats facet, links and citations."""
    from werkplaats.portaal.kennisbank import kennisbank_zoeken

    return kennisbank_zoeken(QueryDict(query))[0]


def main(zoekopdrachten: list[dict], zoeken=werkplaats_zoeken) -> list[dict]:
    uit = []
    # Warm up: connection, plans, buffers (the first pass is not measured).
    for z in zoekopdrachten[: min(20, len(zoekopdrachten))]:
        zoeken(z["query"])
    for z in zoekopdrachten:
        klok = Klok()
        with connection.execute_wrapper(klok):
            resultaat = zoeken(z["query"])
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
    from bench.common import werkplaats_activeren

    zoekopdrachten = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    waar = sys.argv[3] if len(sys.argv) > 3 else "bench"
    if waar == "--landelijk":
        metingen = main(zoekopdrachten, landelijk_zoeken)
    else:
        werkplaats_activeren(waar)
        metingen = main(zoekopdrachten)
    Path(sys.argv[2]).write_text(json.dumps(metingen), encoding="utf-8")
