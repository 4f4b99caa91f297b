"""Beat for `make run`: the jobs of CELERY_BEAT_SCHEDULE, run in this process on one thread.

Without Redis there is no worker and no beat; tasks run eagerly in the process that
calls them. This planner walks the same schedule on a daemon thread and runs each due
job eagerly, so reminders, evaluation requests, outbox retries and retention happen on
`make run` too. With Redis, `make beat` and `make worker` do this instead.
"""

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# How long the thread sleeps at most between two looks at the clock.
PAUZE = 5.0


@dataclass
class Job:
    """One entry of the schedule and when it is due next (on the planner's clock)."""

    naam: str
    taak: str
    interval: float
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    volgende: float = 0.0


def _interval(schema) -> float | None:
    """Seconds between runs, or None for a schedule that is not a fixed interval (crontab)."""
    if isinstance(schema, int | float):
        return float(schema)
    if isinstance(schema, timedelta):
        return schema.total_seconds()
    run_every = getattr(schema, "run_every", None)  # celery.schedules.schedule
    return run_every.total_seconds() if isinstance(run_every, timedelta) else None


class Planner:
    """Runs the jobs of a beat schedule when they are due; tick() does one round."""

    def __init__(self, schedule: dict | None = None, klok=time.monotonic):
        # Registers every app's tasks (autodiscovery is lazy until a worker would start).
        current_app.loader.import_default_modules()
        self.klok = klok
        self.jobs: list[Job] = []
        nu = klok()
        schedule = settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule
        for naam, regel in schedule.items():
            interval = _interval(regel["schedule"])
            if interval is None:
                logger.warning("Planner: %s has no fixed interval; run `make beat` for it.", naam)
                continue
            # Every job runs once at start: a newcomer sees due reminders at once.
            self.jobs.append(
                Job(
                    naam=naam,
                    taak=regel["task"],
                    interval=interval,
                    args=tuple(regel.get("args", ())),
                    kwargs=dict(regel.get("kwargs", {})),
                    volgende=nu,
                )
            )

    def tick(self) -> list[str]:
        """Run every job that is due now; return the names of the jobs that ran."""
        gedraaid = []
        for job in self.jobs:
            if self.klok() < job.volgende:
                continue
            self._run(job)
            # From the end of the run: a slow job never piles up behind itself.
            job.volgende = self.klok() + job.interval
            gedraaid.append(job.naam)
        return gedraaid

    def wachttijd(self) -> float:
        """Seconds until the next job is due (at most PAUZE)."""
        if not self.jobs:
            return PAUZE
        return max(0.0, min(PAUZE, min(j.volgende for j in self.jobs) - self.klok()))

    def _run(self, job: Job) -> None:
        try:
            current_app.tasks[job.taak].apply(args=job.args, kwargs=job.kwargs, throw=True)
        except Exception:
            # Deliberately broad: one failing job must not stop the others or the thread.
            logger.exception("Planner: job %s (%s) failed; next try in %s s.", *_kop(job))

    def run(self, stop: threading.Event) -> None:
        """Tick until stop is set."""
        while not stop.is_set():
            try:
                self.tick()
            except Exception:
                logger.exception("Planner: round failed.")
            finally:
                # Only this thread's connections: an idle one kept between rounds would
                # hold SQLite's file open and outlive a restarted PostgreSQL.
                connections.close_all()
            stop.wait(self.wachttijd())


def _kop(job: Job) -> tuple:
    return job.naam, job.taak, int(job.interval)


def planner_start(stop: threading.Event | None = None) -> threading.Thread:
    """Start the planner on a daemon thread (it ends with the process)."""
    planner = Planner()
    for job in planner.jobs:
        logger.info("Planner: %s (%s) every %s s.", *_kop(job))
    thread = threading.Thread(
        target=planner.run, args=(stop or threading.Event(),), name="planner", daemon=True
    )
    thread.start()
    return thread
