"""`make run` runs the scheduled jobs too: the planner walks CELERY_BEAT_SCHEDULE in-process."""

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from celery import current_app, shared_task
from django.conf import settings
from django.utils import timezone

from kenniscafes.models import Herinnering
from kenniscafes.services import aanmelding_attendance_set
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.sqlite_proces import ROOT, sqlite_env, sqlite_script_run
from werkplaats.demo import demo_load
from werkplaats.kern import planner as planner_module
from werkplaats.kern.planner import Planner

GEDRAAID = []


@shared_task(name="tests.planner_proef_task")
def planner_proef_task(naam):
    GEDRAAID.append(naam)


@shared_task(name="tests.planner_kapot_task")
def planner_kapot_task():
    raise RuntimeError("kapot")


class Klok:
    """A clock the test moves by hand."""

    def __init__(self):
        self.nu = 1000.0

    def __call__(self):
        return self.nu


@pytest.fixture(autouse=True)
def leeg():
    GEDRAAID.clear()


def _proef(naam, elke):
    return {"task": "tests.planner_proef_task", "schedule": elke, "args": (naam,)}


def test_every_job_runs_at_start_then_on_its_interval():
    klok = Klok()
    planner = Planner(
        {"snel": _proef("snel", 60.0), "traag": _proef("traag", timedelta(hours=24))}, klok=klok
    )
    assert planner.tick() == ["snel", "traag"]
    klok.nu += 59
    assert planner.tick() == []
    assert planner.wachttijd() == 1.0
    klok.nu += 1
    assert planner.tick() == ["snel"]
    klok.nu += 24 * 3600
    assert planner.tick() == ["snel", "traag"]
    assert GEDRAAID == ["snel", "traag", "snel", "snel", "traag"]


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch):
    gelogd = []
    # Celery's eager tracer reconfigures logging, so the log call itself is recorded.
    monkeypatch.setattr(
        planner_module.logger,
        "exception",
        lambda bericht, *args: gelogd.append((bericht % args, repr(sys.exc_info()[1]))),
    )
    klok = Klok()
    planner = Planner(
        {"kapot": {"task": "tests.planner_kapot_task", "schedule": 60.0}, "heel": _proef("x", 60)},
        klok=klok,
    )
    assert planner.tick() == ["kapot", "heel"]
    assert GEDRAAID == ["x"]
    assert gelogd == [
        (
            "Planner: job kapot (tests.planner_kapot_task) failed; next try in 60 s.",
            "RuntimeError('kapot')",
        )
    ]
    klok.nu += 60
    assert planner.tick() == ["kapot", "heel"]  # it is tried again on its interval


def test_every_scheduled_job_is_a_known_task():
    current_app.loader.import_default_modules()
    onbekend = [
        regel["task"]
        for regel in settings.CELERY_BEAT_SCHEDULE.values()
        if regel["task"] not in current_app.tasks
    ]
    assert onbekend == []


@pytest.mark.django_db
def test_a_tick_sends_due_reminders_and_evaluation_requests(
    mailoutbox, django_capture_on_commit_callbacks
):
    nu = timezone.now()
    cafe = KenniscafeFactory(titel="Proefcafe", start=nu + timedelta(hours=2))
    herinnering = AanmeldingFactory(kenniscafe=cafe, email="herinnering@fictief.example")
    Herinnering.objects.create(aanmelding=herinnering, soort="herinnering", verstuur_op=nu)
    voorbij = KenniscafeFactory(titel="Terugblik", start=nu - timedelta(hours=3), eind=nu)
    bezoeker = AanmeldingFactory(kenniscafe=voorbij, email="evaluatie@fictief.example")
    aanmelding_attendance_set(aanmelding_id=bezoeker.pk, aanwezig=True)
    schema = {k: settings.CELERY_BEAT_SCHEDULE[k] for k in ["kenniscafes-herinneringen"]}
    with django_capture_on_commit_callbacks(execute=True):
        Planner(schema).tick()
    assert sorted(m.subject for m in mailoutbox) == ["Herinnering: Proefcafe", "Hoe was Terugblik?"]


@pytest.mark.django_db
def test_the_first_make_run_prints_the_reminders_and_evaluation_requests_of_the_demo(
    settings, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    schema = {k: settings.CELERY_BEAT_SCHEDULE[k] for k in ["kenniscafes-herinneringen"]}
    with django_capture_on_commit_callbacks(execute=True):
        Planner(schema).tick()
    onderwerpen = sorted(m.subject for m in mailoutbox)
    assert (
        onderwerpen
        == ["Herinnering: Mantelzorg en werk: wat helpt?"] * 3
        + ["Hoe was Eenzaamheid in de wijk signaleren?"] * 3
    )


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serveer_on_sqlite_prints_the_reminder_and_the_evaluation_request(tmp_path):
    sqlite_script_run("kern/_planner_voorbereiden.py", tmp_path)
    # As `make run` starts it: with the autoreloader, so the planner must run in the child.
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serveer", f"127.0.0.1:{_vrije_poort()}"],
        cwd=ROOT,
        env=sqlite_env(tmp_path, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the reloader and its child end together
    )
    regels: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [regels.put(r) for r in server.stdout], daemon=True).start()
    gezien = []
    gezocht = {"Subject: Herinnering: Planner Proefcafe", "Subject: Hoe was Terugblikcafe?"}
    einde = time.monotonic() + 120
    try:
        while not gezocht <= {r.strip() for r in gezien} and time.monotonic() < einde:
            try:
                gezien.append(regels.get(timeout=1))
            except queue.Empty:
                assert server.poll() is None, "".join(gezien)[-3000:]
        time.sleep(2)  # a second planner (in the reloader's watcher) would print them again
        while not regels.empty():
            gezien.append(regels.get())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    uitvoer = [r.strip() for r in gezien]
    for onderwerp in gezocht:
        assert uitvoer.count(onderwerp) == 1, "".join(gezien)[-3000:]
    assert "To: herinnering@fictief.example" in uitvoer
    assert "To: evaluatie@fictief.example" in uitvoer
