"""Background jobs of the outbox and of stored jobs: thin wrappers around services."""

from celery import shared_task

from . import services

# For every task that queues mail or runs a job: a failure is retried with exponential
# backoff (1 s, 2 s, 4 s … at most 5 minutes, jittered); a message lost with a worker is
# picked up by a sweeper. Tasks are acknowledged late (settings) and idempotent.
OPNIEUW = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


@shared_task(name="kern.bericht_send_task", **OPNIEUW)
def bericht_send_task(bericht_id: int) -> bool:
    """Send one outgoing message (claimed first, so a duplicate task does nothing)."""
    return services.bericht_send(bericht_id)


@shared_task(name="kern.berichten_sweep_task")
def berichten_sweep_task() -> int:
    """Queue every due, lost or stale outgoing message."""
    return services.berichten_sweep()


@shared_task(name="kern.bewaartermijn_apply_task")
def bewaartermijn_apply_task() -> dict:
    """Erase personal data past the retention period, in every app (beat, daily)."""
    return services.bewaartermijn_apply()


@shared_task(name="kern.opdracht_run_task", **OPNIEUW)
def opdracht_run_task(opdracht_id: int) -> bool:
    """Run one stored job (skipped when it is already done)."""
    return services.opdracht_run(opdracht_id)


@shared_task(name="kern.opdrachten_sweep_task")
def opdrachten_sweep_task() -> int:
    """Queue every stored job whose Celery message was lost (beat, every minute)."""
    return services.opdrachten_sweep()
