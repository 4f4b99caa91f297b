"""Background jobs of werkteams: thin wrappers around services."""

from celery import shared_task

from werkplaats.kern.tasks import OPNIEUW

from . import services


@shared_task(name="werkteams.herinneringen_sweep_task", **OPNIEUW)
def herinneringen_sweep_task() -> int:
    """Send the reminders of meetings that are due."""
    return services.herinneringen_sweep()
