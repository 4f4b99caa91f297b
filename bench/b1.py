"""B1 page cost: throughput of real pages ÷ throughput of a bare Django view, same server.

Both run behind the same middleware in one production-mode gunicorn, measured
alternately (bare, page, bare, page, …) so machine noise hits both alike; the
figure per page is median(page req/s) ÷ median(bare req/s). Apps add pages through
bench/_b1_pages_<app>.py modules that define `pages() -> list[tuple[str, str]]`.
"""

import importlib
from pathlib import Path

from bench.common import ensure_database, gunicorn, manage, median, throughput

TARGET = 0.5
HERE = Path(__file__).resolve().parent


def pages() -> list[tuple[str, str]]:
    """Every page to measure: the home page plus what each app contributes."""
    found = [("home", "/")]
    for path in sorted(HERE.glob("_b1_pages_*.py")):
        found += importlib.import_module(f"bench.{path.stem}").pages()
    return found


def run(smoke: bool = False) -> dict:
    ensure_database()
    manage("demo_laden", "--zonder-accounts")
    rounds, seconds = (1, 1) if smoke else (3, 4)
    per_page = {}
    with gunicorn() as url:
        for name, path in pages():
            bare, page = [], []
            throughput(url + path, seconds=1)  # warm up caches and connections
            for _ in range(rounds):
                bare.append(throughput(url + "/bench/leeg/", seconds=seconds))
                page.append(throughput(url + path, seconds=seconds))
            per_page[name] = {
                "path": path,
                "bare_rps": round(median(bare), 1),
                "page_rps": round(median(page), 1),
                "ratio": round(median(page) / median(bare), 3),
            }
    worst = min(per_page.values(), key=lambda p: p["ratio"])
    return {
        "id": "B1",
        "value": worst["ratio"],
        "target": f">= {TARGET}",
        "unit": "ratio (worst page)",
        "ok": all(p["ratio"] >= TARGET for p in per_page.values()),
        "rounds": rounds,
        "seconds_per_measurement": seconds,
        "pages": per_page,
    }
