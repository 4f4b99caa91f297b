"""Background jobs for kenniscafés: thin wrappers around services."""

from celery import shared_task

from werkplaats.kern.tasks import OPNIEUW
from werkplaats.kern.uitgaand import in_werkplaats_van, per_werkplaats

from . import services
from .models import Aanmelding, Kenniscafe, UitnodigingsRonde

# Each job acts in the werkplaats of the record it works on (links, sender, settings);
# the sweepers pick every werkplaats's rows and act in each row's own.


@shared_task(name="kenniscafes.aanmelding_mail_task", **OPNIEUW)
def aanmelding_mail_task(aanmelding_id: int, soort: str, extra: str = "") -> bool:
    """Put one registration mail in the outbox (idempotent by its key)."""
    with in_werkplaats_van(Aanmelding, aanmelding_id, "kenniscafe__werkplaats"):
        return services.aanmelding_mail_queue(aanmelding_id, soort, extra)


@shared_task(name="kenniscafes.kenniscafe_wijziging_task", **OPNIEUW)
def kenniscafe_wijziging_task(kenniscafe_id: int, sequence: int) -> int:
    """Mail every registrant an updated calendar invite."""
    with in_werkplaats_van(Kenniscafe, kenniscafe_id):
        return services.kenniscafe_wijziging_mail(kenniscafe_id, sequence)


@shared_task(name="kenniscafes.kenniscafe_annulering_task", **OPNIEUW)
def kenniscafe_annulering_task(kenniscafe_id: int) -> int:
    """Mail every registrant that the café is cancelled."""
    with in_werkplaats_van(Kenniscafe, kenniscafe_id):
        return services.kenniscafe_annulering_mail(kenniscafe_id)


@shared_task(name="kenniscafes.herinneringen_sweep_task", **OPNIEUW)
def herinneringen_sweep_task() -> int:
    """Queue due reminders and evaluation requests (beat, every minute)."""
    return services.herinneringen_sweep()


@shared_task(name="kenniscafes.uitnodigingsronde_run_task", **OPNIEUW)
def uitnodigingsronde_run_task(ronde_id: int) -> int:
    """Send the invitations of one run (safe to retry)."""
    with in_werkplaats_van(UitnodigingsRonde, ronde_id, "kenniscafe__werkplaats"):
        return services.uitnodigingsronde_run(ronde_id)


@shared_task(name="kenniscafes.aanmeldingen_anonymise_task")
def aanmeldingen_anonymise_task() -> int:
    """Anonymise registrations past the retention period, each werkplaats at its own."""
    return per_werkplaats(services.aanmeldingen_anonymise)
