"""`make run` runs on SQLite: twenty people registering at the same moment all get an answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_twenty_simultaneous_registrations_on_sqlite(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "WERKPLAATS_TESTING"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=str(ROOT),
        KENNISCAFE_AANMELD_RATE="1000/m",
    )
    uitvoer = tmp_path / "uit.json"
    klaar = subprocess.run(
        [sys.executable, str(ROOT / "tests/kenniscafes/_sqlite_gelijktijdig.py"), str(uitvoer)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    uit = json.loads(uitvoer.read_text())
    # no "database is locked" and no error page, through the service and through the form
    assert uit["service_fouten"] == []
    assert uit["view_fouten"] == []
    # nobody lost and the capacity (10 places) kept: ten places, ten on the waiting list
    for manier in ("service", "view"):
        assert uit[manier]["bevestigd"] == 10, uit[manier]
        assert uit[manier]["wachtlijst"] == 10, uit[manier]
