"""Background jobs of the outbox: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="kern.bericht_send_task")
def bericht_send_task(bericht_id: int) -> bool:
    """Send one outgoing message (claimed first, so a duplicate task does nothing)."""
    return services.bericht_send(bericht_id)


@shared_task(name="kern.berichten_sweep_task")
def berichten_sweep_task() -> int:
    """Queue every due or stale outgoing message."""
    return services.berichten_sweep()


@shared_task(name="kern.bewaartermijn_apply_task")
def bewaartermijn_apply_task() -> dict:
    """Erase personal data past the retention period, in every app (beat, daily)."""
    return services.bewaartermijn_apply()
