"""Background jobs for the kennisbank: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="publicaties.termfacetten_rebuild_task")
def termfacetten_rebuild_task() -> int:
    """Choose the frequent search words again and recount their facets (beat, nightly)."""
    return services.termfacetten_rebuild()
