"""B4: reminders under failure — 10,000 due reminders, the Celery worker killed twice.

Reminders are database rows with a due time. A beat-like loop (this process) asks the
worker every few seconds to run the reminder sweeper (skip_locked batches that put each
reminder in the outbox) and the outbox sweeper (re-queues unsent and stale messages).
A real worker process against Redis sends through SMTP to a real sink (aiosmtpd); it is
SIGKILLed (whole process group) at one third and two thirds of the deliveries and
restarted. The sink counts messages per X-Werkplaats-Sleutel: every reminder must
arrive, and arrive once after deduplication by that key; raw duplicates are reported.
"""

import json
import os
import signal
import socket
import subprocess
import time
from email import message_from_bytes

import redis
from celery import Celery

from bench.common import (
    BENCH_REDIS_URL,
    PYTHON,
    ROOT,
    ensure_database,
    production_env,
    werkplaats_shell,
)

SLUG = "bench-b4-herinneringen"

SETUP = """
import datetime, json
from django.utils import timezone
from kenniscafes.models import Aanmelding, Herinnering, Kenniscafe
from werkplaats.kern.models import Bericht
Kenniscafe.objects.filter(slug="{slug}").delete()
Bericht.objects.filter(sleutel__startswith="kenniscafes:herinnering:").delete()
start = timezone.now() + datetime.timedelta(hours=12)
k = Kenniscafe.objects.create(
    titel="Benchmark B4", slug="{slug}", type="klaslokaal", start=start,
    eind=start + datetime.timedelta(hours=2), vorm="online", plaatsen_online={n},
    online_link="https://meet.example/b4", organisatoren_tekst="Benchmark", status="gepubliceerd",
)
aanmeldingen = Aanmelding.objects.bulk_create([
    Aanmelding(kenniscafe=k, naam=f"Fictieve Deelnemer {{i}}", email=f"b4-{{i}}@fictief.example",
               rol="professional", regio="binnen", deelname="online", status="bevestigd")
    for i in range({n})
], batch_size=2000)
due = timezone.now() - datetime.timedelta(minutes=1)
Herinnering.objects.bulk_create([
    Herinnering(aanmelding=a, soort="herinnering", verstuur_op=due) for a in aanmeldingen
], batch_size=2000)
print(json.dumps([a.pk for a in aanmeldingen]))
"""

CONTROLE = """
import json
from kenniscafes.models import Herinnering
from werkplaats.kern.models import Bericht
b = Bericht.objects.filter(sleutel__startswith="kenniscafes:herinnering:")
print(json.dumps({{
    "berichten": b.count(),
    "verzonden": b.filter(status="verzonden").count(),
    "max_pogingen": max(b.values_list("pogingen", flat=True), default=0),
    "herinneringen_open": Herinnering.objects.filter(
        aanmelding__kenniscafe__slug="{slug}", verwerkt_op__isnull=True).count(),
}}))
"""


OPRUIMEN = """
from kenniscafes.models import Kenniscafe
from werkplaats.kern.models import Bericht
Bericht.objects.filter(sleutel__startswith="kenniscafes:herinnering:").delete()
print(Kenniscafe.objects.filter(slug="{slug}").delete()[0])
"""


class Sink:
    """Counts messages per idempotency key."""

    def __init__(self):
        self.keys: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.keys.append(message_from_bytes(envelope.content)["X-Werkplaats-Sleutel"])
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shell(code: str, env: dict):
    return json.loads(werkplaats_shell(code, env=env).stdout.strip().splitlines()[-1])


def _start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "bench._b4_worker"],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group: the kill takes the pool children too
    )


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def run(smoke: bool) -> dict:
    from aiosmtpd.controller import Controller

    n = 150 if smoke else 10_000
    timeout = 120 if smoke else 1200
    ensure_database()
    redis.Redis.from_url(BENCH_REDIS_URL).flushdb()
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = production_env(
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        CELERY_TASK_ALWAYS_EAGER="0",
        B4_CLAIM_SECONDEN="10",
        B4_CONCURRENCY="3",
    )
    pks = _shell(SETUP.format(slug=SLUG, n=n), env)
    verwacht = {f"kenniscafes:herinnering:{pk}" for pk in pks}
    beat = Celery("b4-beat", broker=BENCH_REDIS_URL)
    kills = []
    begin = time.monotonic()
    worker = _start_worker(env)
    try:
        volgende_sweep = volgende_outbox = 0.0
        while time.monotonic() - begin < timeout:
            nu = time.monotonic()
            if nu >= volgende_sweep:
                beat.send_task("kenniscafes.herinneringen_sweep_task")
                volgende_sweep = nu + 3
            if nu >= volgende_outbox:
                beat.send_task("kern.berichten_sweep_task")
                volgende_outbox = nu + 5
            uniek = len(set(sink.keys))
            if len(kills) < 2 and uniek >= n * (len(kills) + 1) / 3:
                _kill(worker)
                kills.append({"na_s": round(nu - begin, 1), "afgeleverd": uniek})
                worker = _start_worker(env)
            if uniek >= n and len(kills) == 2:
                break
            time.sleep(0.2)
        duur = time.monotonic() - begin
        time.sleep(2)  # late duplicates would show up here
    finally:
        _kill(worker)
        controller.stop()
    ontvangen = set(sink.keys)
    controle = _shell(CONTROLE.format(slug=SLUG), env)
    # Leave the shared benchmark database as we found it (B1 measures its public pages).
    _shell(OPRUIMEN.format(slug=SLUG), env)
    ok = ontvangen == verwacht and len(kills) == 2
    return {
        "id": "B4",
        "value": len(ontvangen & verwacht),
        "target": f"{n} reminders delivered exactly once (deduplicated by key), worker killed twice",
        "unit": "reminders delivered",
        "ok": ok,
        "reminders": n,
        "missing": len(verwacht - ontvangen),
        "unexpected": len(ontvangen - verwacht),
        "raw_messages_at_sink": len(sink.keys),
        "raw_duplicates": len(sink.keys) - len(ontvangen),
        "kills": kills,
        "seconds": round(duur, 1),
        "outbox": controle,
        "stale_claim_timeout_s": 10,
    }
