"""Shared pieces of the benchmarks: a production-mode gunicorn, throughput, result files.

Every benchmark module bench/bN.py has `run(smoke: bool) -> dict` and returns at least
{"id", "value", "target", "unit", "ok"}; bench/run.py adds "cores" and writes
bench/results/<ID>.json. Servers bind to 127.0.0.1 only and every load is bounded.

The site serves one werkplaats per host name. `ensure_database` gives the benchmark
database a werkplaats ("bench") for the hosts 127.0.0.1 and localhost, so a benchmark
that talks to 127.0.0.1 measures a werkplaats's site; data scripts run inside it
(`in_werkplaats_code`, `werkplaats_shell`). B1 and B7, which measure the national portal
as well, leave 127.0.0.1 to the portal and name each werkplaats's host in a Host header.
"""

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/werkplaats_bench"
)
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
# The werkplaats of the single-werkplaats benchmarks and the hosts that serve it.
BENCH_WERKPLAATS = "bench"
BENCH_HOSTS = ("127.0.0.1", "localhost")
# The demo's Werkplaats Zuid-Holland Zuid (`demo_laden`) and its host, for B1's pages.
DEMO_WERKPLAATS = "zhz"
DEMO_HOST = "zhz.localhost"


def production_env(**extra) -> dict:
    """Environment for a production-mode process against the benchmark database."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789abcdef",
        # .localhost: the demo werkplaatsen (zhz.localhost, …) and generated ones.
        "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": BENCH_DATABASE_URL,
        "REDIS_URL": BENCH_REDIS_URL,
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "werkplaats.settings",
        "BENCH_ENDPOINTS": "1",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run manage.py in production mode against the benchmark database; a failure raises
    with the command's own error output."""
    klaar = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or production_env(),
        check=False,
        capture_output=True,
        text=True,
    )
    if check and klaar.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{klaar.stderr[-3000:]}")
    return klaar


def ensure_database(name_url: str = BENCH_DATABASE_URL, werkplaats: bool = True) -> None:
    """Create the benchmark database afresh and migrate it; with `werkplaats`, add the
    bench werkplaats that serves 127.0.0.1 and localhost (else those hosts are the portal's).

    Fresh every run: a database left by an earlier run (or an older migration) must
    never make a figure depend on what happened before. The benchmark Redis database is
    emptied too: cached pages are keyed on ids and versions a new database repeats.
    """
    dbname = name_url.rsplit("/", 1)[-1]
    for sql in (f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)", f"CREATE DATABASE {dbname}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qtc", sql],
            capture_output=True,
            check=True,
        )
    redis.Redis.from_url(BENCH_REDIS_URL).flushdb()
    env = production_env(DATABASE_URL=name_url)
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    if werkplaats:
        werkplaats_maken(BENCH_WERKPLAATS, "Benchmarkwerkplaats", BENCH_HOSTS, env=env)


def werkplaats_maken(slug: str, naam: str, hosts, env: dict | None = None) -> None:
    """Create werkplaats `slug` (if missing) served at `hosts` (the first is primary)."""
    code = (
        "from werkplaats.kern.models import Werkplaats, WerkplaatsHost\n"
        f"wp, _ = Werkplaats.objects.get_or_create(slug={slug!r}, defaults={{'naam': {naam!r}}})\n"
        f"for i, host in enumerate({tuple(hosts)!r}):\n"
        "    WerkplaatsHost.objects.update_or_create("
        "host=host, defaults={'werkplaats': wp, 'primair': i == 0})\n"
    )
    manage("shell", "-c", code, env=env)


def in_werkplaats_code(code: str, slug: str = BENCH_WERKPLAATS) -> str:
    """`code` (for `manage.py shell -c`) run inside werkplaats `slug`: every row it makes
    belongs to that werkplaats and every query keeps to it, as in a request on its host."""
    return (
        "from werkplaats.kern.huidig import werkplaats_activeer as _activeer\n"
        "from werkplaats.kern.models import Werkplaats as _Werkplaats\n"
        f"_activeer(_Werkplaats.objects.get(slug={slug!r}))\n"
        f"{code}"
    )


def werkplaats_shell(
    code: str, env: dict | None = None, slug: str = BENCH_WERKPLAATS
) -> subprocess.CompletedProcess:
    """`manage.py shell -c code` inside werkplaats `slug`."""
    return manage("shell", "-c", in_werkplaats_code(code, slug), env=env)


def werkplaats_activeren(slug: str = BENCH_WERKPLAATS) -> None:
    """For a helper module run under Django settings: act in werkplaats `slug` from here on."""
    from werkplaats.kern.huidig import werkplaats_activeer
    from werkplaats.kern.models import Werkplaats

    werkplaats_activeer(Werkplaats.objects.get(slug=slug))


def session_cookie(
    username: str, rol: str, setup: str = "", werkplaats: str = BENCH_WERKPLAATS
) -> str:
    """A `sessionid=…` cookie of a user with role `rol` in werkplaats `werkplaats`, in the
    benchmark database; the user is created if missing, the session belongs to that
    werkplaats (WerkplaatsSessieMiddleware), so use it on one of its hosts.

    `setup` is Python run first in the same `manage.py shell`, inside the werkplaats (e.g.
    a demo loader that links the user to their teams); it may use `u`, the user.
    """
    code = (
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from werkplaats.kern.huidig import huidige_werkplaats;"
        "from werkplaats.kern.middleware import WerkplaatsSessieMiddleware;"
        "from werkplaats.kern.models import WerkplaatsRol;"
        "wp = huidige_werkplaats();"
        f"u, _ = get_user_model().objects.get_or_create(username={username!r});"
        "WerkplaatsRol.objects.update_or_create("
        f"gebruiker=u, werkplaats=wp, defaults={{'rol': {rol!r}}});"
        f"{setup}"
        "s = SessionStore(); s['_auth_user_id'] = str(u.pk);"
        "from django.conf import settings;"
        "s['_auth_user_backend'] = settings.AUTHENTICATION_BACKENDS[0];"
        "s[WerkplaatsSessieMiddleware.SLEUTEL] = wp.pk;"
        "s['_auth_user_hash'] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    out = werkplaats_shell(code, slug=werkplaats).stdout.strip().splitlines()[-1]
    return f"sessionid={out}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int | None = None, threads: int = 1, env: dict | None = None):
    """A production-mode gunicorn on 127.0.0.1; yields its base URL."""
    port = free_port()
    workers = workers or (os.cpu_count() or 2)
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "werkplaats.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "--worker-class",
            "gthread" if threads > 1 else "sync",
        ],
        cwd=ROOT,
        env=env or production_env(),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/bench/leeg/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def throughput(
    url: str,
    seconds: float = 5,
    connections: int = 8,
    headers: dict | None = None,
    body: str | None = None,
) -> float:
    """Requests per second for one URL with wrk (bounded in time), or a Python fallback.

    With `body` the requests are POSTs of that (form-encoded) body.
    """
    headers = dict(headers or {})
    if body is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    wrk = shutil.which("wrk")
    if wrk:
        header_args = [arg for k, v in headers.items() for arg in ("-H", f"{k}: {v}")]
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            if body is not None:
                script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n')
            script.flush()
            out = subprocess.run(
                [
                    wrk,
                    "-t2",
                    f"-c{connections}",
                    f"-d{max(1, int(seconds))}s",
                    "--latency",
                    "-s",
                    script.name,
                    *header_args,
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        for line in out.splitlines():
            if line.startswith("Requests/sec:"):
                return float(line.split()[1])
        raise RuntimeError(f"wrk gave no figure:\n{out}")
    data = body.encode() if body is not None else None
    start = time.monotonic()
    end = start + seconds
    n = 0
    while True:
        request = urllib.request.Request(url, data=data, headers=headers)
        urllib.request.urlopen(request, timeout=10).read()
        n += 1
        if time.monotonic() >= end:
            break
    return n / (time.monotonic() - start)


def median(values) -> float:
    return statistics.median(values)


def write_result(result: dict) -> Path:
    """Write bench/results/<ID>.json (smoke runs: bench/results/smoke/) and print one line."""
    result = {**result, "cores": os.cpu_count()}
    folder = RESULTS / "smoke" if result.get("smoke") else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['id']}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    status = "OK" if result["ok"] else "MISSED"
    print(
        f"{result['id']}: {result['value']} {result['unit']} (target {result['target']}) "
        f"{status} on {result['cores']} cores"
    )
    return path


def bewaarde_database(url: str, env: dict) -> None:
    """A database kept between runs (B5, B7: their data takes minutes to build), migrated.

    When its migration history no longer fits the code (a renamed or removed migration),
    it is dropped and made anew rather than failing the run."""
    naam = url.rsplit("/", 1)[-1]

    def psql(sql: str) -> None:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qtc", sql],
            capture_output=True,
            check=False,
        )

    psql(f"CREATE DATABASE {naam}")
    if manage("migrate", "--noinput", env=env, check=False).returncode != 0:
        psql(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
        psql(f"CREATE DATABASE {naam}")
        manage("migrate", "--noinput", env=env)
