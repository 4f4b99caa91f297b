"""Scripts run in their own process on an empty SQLite file, as `make run` does."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sqlite_env(tmp_path, **extra) -> dict:
    """The environment of `make run` (SQLite, no Redis, eager tasks) with a fresh file."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "WERKPLAATS_TESTING", "CELERY_TASK_ALWAYS_EAGER"}
    }
    env.update(
        DEBUG="1",  # the embedded default, as under make run
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def sqlite_script_run(script: str, tmp_path, *args, **extra) -> subprocess.CompletedProcess:
    """Run tests/<script> in that environment; fail with its stderr when it fails."""
    klaar = subprocess.run(
        [sys.executable, str(ROOT / "tests" / script), *map(str, args)],
        cwd=ROOT,
        env=sqlite_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    return klaar


def werkplaats_inrichten():
    """For a script on its own database file: the werkplaats that the test client's hosts
    serve, current for the rest of the process (threads start without it: they act across
    werkplaatsen, as a job would, or through the test client's host)."""
    from werkplaats.kern.huidig import werkplaats_activeer
    from werkplaats.kern.models import Werkplaats, WerkplaatsHost

    werkplaats = Werkplaats.objects.create(naam="Werkplaats Sociaal Domein", slug="test")
    for volgorde, host in enumerate(("testserver", "localhost", "127.0.0.1")):
        WerkplaatsHost.objects.create(werkplaats=werkplaats, host=host, primair=volgorde == 0)
    werkplaats_activeer(werkplaats)
    return werkplaats
