"""Background jobs of the yearly report: thin wrappers around services."""

from celery import shared_task

from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.uitgaand import in_werkplaats_van

from . import landelijk, services
from .models import Afsluiting, Export

# Each job acts in the werkplaats of its export or closed year: its figures, name and files.


@shared_task(name="verantwoording.export_run_task")
def export_run_task(export_id: str) -> bool:
    """Produce the files of one export (claimed first, so a duplicate does nothing)."""
    with in_werkplaats_van(Export, export_id):
        return services.export_run(export_id)


@shared_task(name="verantwoording.exports_sweep_task")
def exports_sweep_task() -> int:
    """Re-queue exports (a werkplaats's and national ones) whose job died or got lost."""
    return services.exports_sweep() + landelijk.landelijke_exports_sweep()


@shared_task(name="verantwoording.afsluiting_pdf_task")
def afsluiting_pdf_task(afsluiting_id: int) -> bool:
    """Make the PDF of a closed year from its frozen print HTML (once)."""
    with in_werkplaats_van(Afsluiting, afsluiting_id):
        return services.afsluiting_pdf_make(afsluiting_id)


@shared_task(name="verantwoording.landelijke_export_run_task")
def landelijke_export_run_task(export_id: str) -> bool:
    """Produce the file of one national export (across every werkplaats, so in none)."""
    with in_werkplaats(None):
        return landelijk.landelijke_export_run(export_id)
