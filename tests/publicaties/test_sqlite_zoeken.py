"""`make run` runs on SQLite: the simpler search there still finds, filters and hides drafts."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sqlite_search_of_make_run(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "WERKPLAATS_TESTING"}
    }
    env.update(
        DEBUG="1",  # the embedded default, as under make run
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=str(ROOT),
    )
    klaar = subprocess.run(
        [sys.executable, str(ROOT / "tests/publicaties/_sqlite_zoeken.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    uit = json.loads(klaar.stdout)
    # a crude plural rule: "schulden" finds "schuld" (title first, then the summary with
    # "schuldhulp"); drafts never appear
    assert uit["q=schulden"]["titels"] == ["Leven met schuld in de wijk", "Iets anders"]
    # without accents both ways
    assert uit["q=kenniscafe"]["titels"] == ["Verslag van het kenniscafé"]
    assert uit["q=cafe"]["totaal"] == 1
    # filters and facet counts that honour the other filters
    assert uit["q=schuld&type=blog"]["titels"] == ["Iets anders"]
    assert uit["q=schuld&type=blog"]["type"] == {"artikel": 1, "blog": 1}
    # authors and themes are searched and filtered too
    assert uit["q=jansen"]["totaal"] == 3
    assert sorted(uit["thema=armoede"]["titels"]) == ["Iets anders", "Leven met schuld in de wijk"]
