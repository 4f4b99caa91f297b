"""B6 yearly export of a year with 1M registrations: the report itself (aggregated in SQL,
as XLSX + CSV files) and the raw registrations list as streamed CSV and constant-memory
XLSX (XlsxWriter), at 100k and at 1M rows. The targets are checked against the raw list, the heavier one.

Data is made with one INSERT ... SELECT over generate_series (bench/_b6_worker.py). Each
export runs in a fresh process with the site's own code (server-side cursor with
`iterator(chunk_size)`, streamed CSV, XlsxWriter constant-memory XLSX), so its peak RSS is its own.
Targets (quality.md): peak memory at 1M <= 1.2x peak at 100k; CSV <= 30 s; XLSX <= 180 s.
"""

import json
import subprocess

from bench.common import PYTHON, ROOT, ensure_database, production_env

CSV_MAX_S = 30
XLSX_MAX_S = 180
GEHEUGEN_MAX = 1.2


def _worker(*args) -> dict:
    uit = subprocess.run(
        [PYTHON, "-m", "bench._b6_worker", *map(str, args)],
        cwd=ROOT,
        env=production_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def run(smoke: bool = False) -> dict:
    ensure_database()
    klein, groot = (2_000, 20_000) if smoke else (100_000, 1_000_000)
    metingen = {}
    _worker("opruimen", "-")  # a clean slate: no rows of an earlier or aborted run
    try:
        for n in (klein, groot):
            aanmaak = _worker("genereer", n)
            metingen[n] = {
                "generate": aanmaak,
                "csv": _worker("meet", "csv"),
                "xlsx": _worker("meet", "xlsx"),
                "report": _worker("meet", "rapport"),
            }
            assert metingen[n]["csv"]["rows"] == n, metingen[n]
            assert metingen[n]["xlsx"]["rows"] == n, metingen[n]
    finally:
        _worker("opruimen", "-")
    soorten = ("csv", "xlsx", "report")
    piek_klein = max(metingen[klein][f]["peak_rss_kb"] for f in soorten)
    piek_groot = max(metingen[groot][f]["peak_rss_kb"] for f in soorten)
    geheugen = round(piek_groot / piek_klein, 3)
    csv_s = metingen[groot]["csv"]["seconds"]
    xlsx_s = metingen[groot]["xlsx"]["seconds"]
    ok = geheugen <= GEHEUGEN_MAX and csv_s <= CSV_MAX_S and xlsx_s <= XLSX_MAX_S
    return {
        "id": "B6",
        "value": geheugen,
        "target": f"<= {GEHEUGEN_MAX} (peak memory {groot} vs {klein} rows); "
        f"CSV <= {CSV_MAX_S} s; XLSX <= {XLSX_MAX_S} s",
        "unit": "ratio of peak memory",
        "ok": ok,
        "csv_seconds": csv_s,
        "xlsx_seconds": xlsx_s,
        "report_seconds": metingen[groot]["report"]["seconds"],
        "rows": {"small": klein, "large": groot},
        "measurements": {str(k): v for k, v in metingen.items()},
    }
