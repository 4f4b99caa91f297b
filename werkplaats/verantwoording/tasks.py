"""Background jobs of the yearly report: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="verantwoording.export_run_task")
def export_run_task(export_id: str) -> bool:
    """Produce the files of one export (claimed first, so a duplicate does nothing)."""
    return services.export_run(export_id)


@shared_task(name="verantwoording.exports_sweep_task")
def exports_sweep_task() -> int:
    """Re-queue exports whose job died or got lost."""
    return services.exports_sweep()


@shared_task(name="verantwoording.afsluiting_pdf_task")
def afsluiting_pdf_task(afsluiting_id: int) -> bool:
    """Make the PDF of a closed year from its frozen print HTML (once)."""
    return services.afsluiting_pdf_make(afsluiting_id)
