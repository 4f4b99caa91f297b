"""B7 national search: the portal's kennisbank over 15 werkplaatsen × 20,000 generated Dutch
publications (300,000), and the search of one werkplaats's site in that same database.

Data: bench/_b5_data.py, as for B5, once per werkplaats (each its own texts, themes and
werkteams from the same Zipf-weighted Dutch vocabulary; 5% concepts). The database
(BENCH_DATABASE_URL + "_b7") is kept between runs and only topped up: building it takes
minutes. Searches: B5's mix (common, medium and rare words, two-word queries, facet
filters, misspellings).

- National SQL: bench/_b5_sql.py runs the portal's own search
  (werkplaats.portaal.kennisbank.kennisbank_zoeken: results, facets, the werkplaats facet,
  links and citations) with no werkplaats active, and adds up the database time of all its
  queries. Target p95 ≤ 25 ms.
- National HTTP: the same searches on the portal host (127.0.0.1, page `portaal:kennisbank`),
  half full pages and half htmx fragments, open-loop at 10 requests per second; latency
  from the scheduled send time; no measured request is a cache hit. Target p95 ≤ 120 ms.
- One werkplaats: the same searches on the site of the first werkplaats (its host in the
  Host header; SQL with that werkplaats active), held to B5's targets (SQL p95 ≤ 20 ms,
  HTTP p95 ≤ 120 ms): 280,000 publications of other werkplaatsen must not slow it down.
"""

import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.b5 import (
    HTTP_TARGET_MS,
    RATE,
    SOORTEN,
    _http,
    _python,
    _woordenlijst_installeren,
    p95,
    zoekopdrachten,
)
from bench.b5 import SQL_TARGET_MS as WERKPLAATS_SQL_TARGET_MS
from bench.common import (
    BENCH_DATABASE_URL,
    bewaarde_database,
    gunicorn,
    manage,
    production_env,
    werkplaats_maken,
)

SQL_TARGET_MS = 25
WERKPLAATSEN = 15
PER_WERKPLAATS = 20_000
PORTAAL_HOST = "127.0.0.1"


def werkplaats_slug(i: int) -> str:
    return f"b7-werkplaats-{i}"


def werkplaats_host(i: int) -> str:
    return f"{werkplaats_slug(i)}.localhost"


def _database(url: str, env: dict) -> list[str]:
    """The B7 database, migrated, with its werkplaatsen (127.0.0.1 stays the portal's)."""
    bewaarde_database(url, env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    slugs = []
    for i in range(1, WERKPLAATSEN + 1):
        werkplaats_maken(werkplaats_slug(i), f"Werkplaats B7 {i}", [werkplaats_host(i)], env=env)
        slugs.append(werkplaats_slug(i))
    return slugs


def _sql(opdrachten: list[dict], waar: str, env: dict) -> list[dict]:
    """SQL time per search: `waar` is a werkplaats slug or "--landelijk" (the portal)."""
    with tempfile.TemporaryDirectory() as tmp:
        opdracht_pad, uit_pad = Path(tmp) / "z.json", Path(tmp) / "s.json"
        opdracht_pad.write_text(json.dumps(opdrachten), encoding="utf-8")
        _python("bench._b5_sql", str(opdracht_pad), str(uit_pad), waar, env=env)
        return json.loads(uit_pad.read_text(encoding="utf-8"))


def _sql_samenvatting(metingen: list[dict]) -> dict:
    ms = [m["sql_ms"] for m in metingen]
    return {
        "p95_ms": p95(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "per_soort": {
            soort: {
                "p95_ms": p95([m["sql_ms"] for m in metingen if m["soort"] == soort]),
                "mediaan_treffers": statistics.median(
                    [m["totaal"] for m in metingen if m["soort"] == soort]
                ),
            }
            for soort in SOORTEN
        },
    }


def _opwarmen(basis: str, host: str) -> None:
    """Connections and templates of every worker, with searches that are not measured."""
    for i in range(10):
        request = urllib.request.Request(
            f"{basis}/kennisbank/?q=opwarmen{i}", headers={"Host": host}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            response.read()


def run(smoke: bool = False) -> dict:
    per_werkplaats = 200 if smoke else PER_WERKPLAATS
    per_soort = 5 if smoke else 50
    http_seconden = 3 if smoke else 30
    # Its own database (kept and topped up) and cache key prefix, as for B5.
    url = BENCH_DATABASE_URL + ("_b7smoke" if smoke else "_b7")
    env = production_env(DATABASE_URL=url, CACHE_KEY_PREFIX="b7smoke" if smoke else "b7")
    if not smoke:
        _woordenlijst_installeren()
    slugs = _database(url, env)
    with tempfile.TemporaryDirectory() as tmp:
        data_pad = Path(tmp) / "d.json"
        begin = time.monotonic()
        gen = _python(
            "bench._b5_data", str(per_werkplaats), str(data_pad), ",".join(slugs), env=env
        )
        data = json.loads(data_pad.read_text(encoding="utf-8"))
    opbouw_seconden = round(time.monotonic() - begin, 1)
    opdrachten = zoekopdrachten(data.pop("vocabulaire"), per_soort)
    landelijk_sql = _sql(opdrachten, "--landelijk", env)
    werkplaats_sql = _sql(opdrachten, slugs[0], env)
    with gunicorn(env=env) as basis:
        _opwarmen(basis, PORTAAL_HOST)
        _opwarmen(basis, werkplaats_host(1))
        landelijk_http = _http(basis, opdrachten, http_seconden, host=PORTAAL_HOST)
        werkplaats_http = _http(basis, opdrachten, http_seconden, host=werkplaats_host(1))
    landelijk = _sql_samenvatting(landelijk_sql)
    werkplaats = _sql_samenvatting(werkplaats_sql)
    ok_landelijk = (
        landelijk["p95_ms"] <= SQL_TARGET_MS
        and (landelijk_http["p95_ms"] or 1e9) <= HTTP_TARGET_MS
        and not landelijk_http["fouten"]
    )
    ok_werkplaats = (
        werkplaats["p95_ms"] <= WERKPLAATS_SQL_TARGET_MS
        and (werkplaats_http["p95_ms"] or 1e9) <= HTTP_TARGET_MS
        and not werkplaats_http["fouten"]
    )
    return {
        "id": "B7",
        "value": landelijk["p95_ms"],
        "target": (
            f"national: SQL p95 <= {SQL_TARGET_MS} ms and HTTP p95 <= {HTTP_TARGET_MS} ms at "
            f"{RATE} req/s; one werkplaats: SQL p95 <= {WERKPLAATS_SQL_TARGET_MS} ms and "
            f"HTTP p95 <= {HTTP_TARGET_MS} ms"
        ),
        "unit": "ms (national SQL p95)",
        "ok": ok_landelijk and ok_werkplaats,
        "national_ok": ok_landelijk,
        "werkplaats_ok": ok_werkplaats,
        "national_sql_p95_ms": landelijk["p95_ms"],
        "national_http_p95_ms": landelijk_http["p95_ms"],
        "werkplaats_sql_p95_ms": werkplaats["p95_ms"],
        "werkplaats_http_p95_ms": werkplaats_http["p95_ms"],
        "national_sql": landelijk,
        "national_http": landelijk_http,
        "werkplaats_sql": werkplaats,
        "werkplaats_http": werkplaats_http,
        "werkplaats_measured": {"slug": slugs[0], "host": werkplaats_host(1)},
        "portal_host": PORTAAL_HOST,
        "werkplaatsen": len(slugs),
        "publicaties_per_werkplaats": per_werkplaats,
        "publicaties": per_werkplaats * len(slugs),
        "zoekopdrachten": len(opdrachten),
        "data": data,
        "opbouw_seconden": opbouw_seconden,
        "generator": gen.stdout.strip()[-500:],
    }
