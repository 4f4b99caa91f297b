"""B5 search: p95 latency of kennisbank searches over 100,000 generated Dutch publications.

Data: bench/_b5_data.py writes N publications with COPY (Dutch words from Debian's wdutch
with Zipf-like frequencies: the commonest words occur in ~10% of the documents, the
rarest in a handful), with authors, themes, werkteams and 5% concepts, and indexes them
with the same SQL the application uses.

The publications belong to the benchmark database's werkplaats `bench` (served at
127.0.0.1): the SQL is measured with it active, the HTTP requests go to its site. B7 runs
the same generator and searches over 15 werkplaatsen.

Searches, in equal shares: common words, medium words, rare words, two-word queries,
searches with facet filters, and misspellings (which trigger "bedoelde u").

- SQL: bench/_b5_sql.py runs the application's own `publicatie_search` for each search
  and adds up the database time of all its queries (facets, ranked page, authors,
  suggestion). Target p95 ≤ 20 ms.
- HTTP: the same searches as real requests (half full pages, half HTMX fragments) against
  a production-mode gunicorn, sent open-loop at 10 requests per second; latency counts
  from the scheduled send time. Every measured search is requested once, and the warm-up
  uses other searches, so no measured request is a page-cache or content-cache hit.
  Target p95 ≤ 120 ms.
"""

import json
import random
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bench.common import (
    BENCH_DATABASE_URL,
    BENCH_HOSTS,
    BENCH_WERKPLAATS,
    PYTHON,
    ROOT,
    bewaarde_database,
    gunicorn,
    manage,
    production_env,
    werkplaats_maken,
)

SQL_TARGET_MS = 20
HTTP_TARGET_MS = 120
RATE = 10  # requests per second
SOORTEN = ["veel", "middel", "zeldzaam", "meerdere", "gefilterd", "typfout"]
TYPES = ["onderzoeksrapport", "blog", "artikel", "advies", "podcastaflevering"]


def p95(waarden: list[float]) -> float:
    if not waarden:
        return 0.0
    gesorteerd = sorted(waarden)
    return round(gesorteerd[min(len(gesorteerd) - 1, int(0.95 * len(gesorteerd)))], 2)


def _woordenlijst_installeren() -> None:
    """Debian's wdutch gives real Dutch words; without it the generator makes up words."""
    if Path("/usr/share/dict/dutch").exists() or not shutil.which("apt-get"):
        return
    for stap in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "wdutch"]):
        subprocess.run(stap, capture_output=True, timeout=300, check=False)


def _database(url: str, env: dict) -> None:
    bewaarde_database(url, env)
    manage("collectstatic", "--noinput", env=env)
    # The searches run on the bench werkplaats's site (127.0.0.1), as before werkplaatsen.
    werkplaats_maken(BENCH_WERKPLAATS, "Benchmarkwerkplaats", BENCH_HOSTS, env=env)


def _python(module: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    """Run a helper module under the benchmark settings; its stderr is shown on failure."""
    klaar = subprocess.run(
        [PYTHON, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if klaar.returncode:
        raise RuntimeError(f"{module} failed:\n{klaar.stderr[-3000:]}")
    return klaar


def _typfout(woord: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(woord) - 1)
    vervanger = rng.choice([c for c in "aeioukrtsnl" if c != woord[i]])
    return woord[:i] + vervanger + woord[i + 1 :]


def zoekopdrachten(vocabulaire: list[str], aantal_per_soort: int, seed: int = 55) -> list[dict]:
    """The benchmark's searches: `aantal_per_soort` of each kind, shuffled."""
    rng = random.Random(seed)
    n = len(vocabulaire)

    def woord(laag, hoog):
        return vocabulaire[rng.randrange(laag, min(hoog, n))]

    uit = []
    for _ in range(aantal_per_soort):
        uit.append({"soort": "veel", "params": {"q": woord(0, 300)}})
        uit.append({"soort": "middel", "params": {"q": woord(1000, 10000)}})
        uit.append({"soort": "zeldzaam", "params": {"q": woord(30000, 250000)}})
        uit.append(
            {
                "soort": "meerdere",
                "params": {
                    "q": rng.choice(
                        [
                            f"{woord(0, 300)} {woord(300, 5000)}",
                            f"{woord(300, 3000)} {woord(300, 3000)}",
                            f"{woord(0, 100)} -{woord(0, 100)}",
                        ]
                    )
                },
            }
        )
        filters = rng.choice(
            [
                {"type": rng.choice(TYPES)},
                {"jaar": str(rng.randint(2005, 2025))},
                {"thema": f"b5-thema-{rng.randrange(40)}"},
                {"type": rng.choice(TYPES), "jaar": str(rng.randint(2005, 2025))},
                {"werkteam": f"b5-werkteam-{rng.randrange(20)}", "doelgroep": "studenten"},
            ]
        )
        uit.append(
            {"soort": "gefilterd", "params": {"q": woord(0, 3000), **filters}},
        )
        uit.append({"soort": "typfout", "params": {"q": _typfout(woord(1000, 20000), rng)}})
    rng.shuffle(uit)
    for z in uit:
        z["query"] = urlencode(z["params"])
    return uit


def _http(basis: str, opdrachten: list[dict], seconden: float, host: str | None = None) -> dict:
    """Open-loop load at RATE req/s; latency from the scheduled send time. With `host`,
    every request names that host (a werkplaats's site or the portal) in its Host header."""
    totaal = int(seconden * RATE)
    resultaten: list[tuple[str, float, int]] = []
    slot = threading.Lock()
    start = time.monotonic() + 0.5

    def verzoek(i: int) -> None:
        gepland = start + i / RATE
        time.sleep(max(0.0, gepland - time.monotonic()))
        z = opdrachten[i % len(opdrachten)]
        headers = {"HX-Request": "true"} if i % 2 else {}
        if host:
            headers["Host"] = host
        req = urllib.request.Request(f"{basis}/kennisbank/?{z['query']}", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 - loopback
                response.read()
                status = response.status
        except Exception:  # noqa: BLE001 - every failure counts as an error
            status = 0
        with slot:
            resultaten.append((z["soort"], (time.monotonic() - gepland) * 1000, status))

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(verzoek, range(totaal)))
    latenties = [ms for _, ms, status in resultaten if status == 200]
    return {
        "verzoeken": totaal,
        "fouten": sum(1 for _, _, status in resultaten if status != 200),
        "p50_ms": round(statistics.median(latenties), 2) if latenties else None,
        "p95_ms": p95(latenties),
        "p95_per_soort_ms": {
            soort: p95([ms for s, ms, st in resultaten if s == soort and st == 200])
            for soort in SOORTEN
        },
    }


def run(smoke: bool = False) -> dict:
    aantal = 2_000 if smoke else 100_000
    per_soort = 5 if smoke else 50
    http_seconden = 3 if smoke else 30
    # The small smoke set lives in its own database so it never shrinks the real one.
    url = BENCH_DATABASE_URL + ("_b5smoke" if smoke else "")
    # Its own cache key prefix: cached pages and parts are keyed on a content version, which
    # means nothing across two databases sharing one Redis (B1's and B5's).
    env = production_env(DATABASE_URL=url, CACHE_KEY_PREFIX="b5smoke" if smoke else "b5")
    if not smoke:
        _woordenlijst_installeren()
    _database(url, env)
    with tempfile.TemporaryDirectory() as tmp:
        data_pad, opdracht_pad, uit_pad = (Path(tmp) / n for n in ("d.json", "z.json", "s.json"))
        begin = time.monotonic()
        gen = _python("bench._b5_data", str(aantal), str(data_pad), env=env)
        data = json.loads(data_pad.read_text(encoding="utf-8"))
        opbouw_seconden = round(time.monotonic() - begin, 1)
        opdrachten = zoekopdrachten(data.pop("vocabulaire"), per_soort)
        opdracht_pad.write_text(json.dumps(opdrachten), encoding="utf-8")
        _python("bench._b5_sql", str(opdracht_pad), str(uit_pad), env=env)
        metingen = json.loads(uit_pad.read_text(encoding="utf-8"))
    sql_ms = [m["sql_ms"] for m in metingen]
    per_soort_sql = {
        soort: {
            "p50_ms": round(
                statistics.median([m["sql_ms"] for m in metingen if m["soort"] == soort]), 2
            ),
            "p95_ms": p95([m["sql_ms"] for m in metingen if m["soort"] == soort]),
            "mediaan_treffers": statistics.median(
                [m["totaal"] for m in metingen if m["soort"] == soort]
            ),
        }
        for soort in SOORTEN
    }
    with gunicorn(env=env) as basis:
        # Warm the workers (connections, templates) with searches that are not measured,
        # so no measured request is served from the page cache or the content cache (whose
        # results part is keyed on the search itself, not on the URL).
        for i in range(10):
            url = f"{basis}/kennisbank/?q=opwarmen{i}"
            urllib.request.urlopen(url, timeout=10).read()  # noqa: S310
        http = _http(basis, opdrachten, http_seconden)
    sql_p95 = p95(sql_ms)
    ok = (
        sql_p95 <= SQL_TARGET_MS
        and (http["p95_ms"] or 1e9) <= HTTP_TARGET_MS
        and not http["fouten"]
    )
    return {
        "id": "B5",
        "value": sql_p95,
        "target": f"SQL p95 <= {SQL_TARGET_MS} ms and HTTP p95 <= {HTTP_TARGET_MS} ms at {RATE} req/s",
        "unit": "ms (SQL p95)",
        "ok": ok,
        "sql_p95_ms": sql_p95,
        "sql_p50_ms": round(statistics.median(sql_ms), 2),
        "http_p95_ms": http["p95_ms"],
        "http": http,
        "sql_per_soort": per_soort_sql,
        "zoekopdrachten": len(opdrachten),
        "publicaties": aantal,
        "data": {k: v for k, v in data.items()},
        "opbouw_seconden": opbouw_seconden,
        "generator": gen.stdout.strip()[-500:],
    }
