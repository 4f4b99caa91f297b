"""The benchmark harness never rots: every benchmark runs at smoke size and writes its result."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import available

ROOT = Path(__file__).resolve().parent.parent


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
