"""The benchmark harness never rots: every benchmark runs at smoke size and writes its result."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import available

ROOT = Path(__file__).resolve().parent.parent


def _b1_measures_both_sites(data: dict) -> None:
    """B1 measures the werkplaats's pages on its host and the portal's on 127.0.0.1."""
    hosts = {page["host"] for page in data["pages"].values()}
    assert hosts == {"zhz.localhost", "127.0.0.1"}, hosts
    names = set(data["pages"])
    assert {"portaal agenda", "portaal kennisbank", "portaal kennisbank zoeken"} <= names
    assert data["werkplaatsen"] == 5  # smoke: the demo's three and two generated ones


def _b7_measures_national_and_one_werkplaats(data: dict) -> None:
    """B7 searches 15 werkplaatsen nationally and within one, over HTTP without errors."""
    assert data["werkplaatsen"] == 15
    assert data["publicaties"] == 15 * data["publicaties_per_werkplaats"]
    assert data["data"]["gevraagd"] == data["publicaties"]
    for deel in ("national_http", "werkplaats_http"):
        assert data[deel]["fouten"] == 0, data[deel]
        assert data[deel]["p95_ms"] > 0
    # The national search finds more than the search within one werkplaats.
    landelijk = data["national_sql"]["per_soort"]["veel"]["mediaan_treffers"]
    eigen = data["werkplaats_sql"]["per_soort"]["veel"]["mediaan_treffers"]
    assert landelijk > eigen > 0


CONTROLES = {"B1": _b1_measures_both_sites, "B7": _b7_measures_national_and_one_werkplaats}


@pytest.mark.parametrize("bench_id", available())
def test_benchmark_runs_at_smoke_size(bench_id, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", bench_id, "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((ROOT / "bench" / "results" / "smoke" / f"{bench_id}.json").read_text())
    assert {"id", "value", "target", "unit", "ok", "cores"} <= data.keys()
    assert data["id"] == bench_id
    assert data["smoke"] is True
    if bench_id in CONTROLES:
        CONTROLES[bench_id](data)


def test_b7_is_registered():
    """`make bench B=B7` and `python -m bench.run B7` find the national search benchmark."""
    assert {"B1", "B3", "B4", "B5", "B6", "B7"} <= set(available())
