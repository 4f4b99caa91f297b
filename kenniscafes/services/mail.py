"""Mail to registrants: which template, which calendar file, and the loop over all of them.

Nothing is sent here: each mail is a row in the outbox (werkplaats.kern), keyed so that a
repeat is harmless.
"""

from django.db import transaction
from django.utils import timezone

from werkplaats.kern.services import bericht_queue, opdracht_queue

from .. import ics, links
from ..models import Aanmelding
from ._basis import ACTIEF


def _mail_later(aanmelding_id: int, soort: str, extra: str = "") -> None:
    # A stored job, committed with the change: a lost Celery message still sends the mail.
    opdracht_queue("kenniscafes.tasks.aanmelding_mail_task", aanmelding_id, soort, extra)


MAIL_TEMPLATES = {
    "bevestiging": "kenniscafes/emails/bevestiging",
    "wachtlijst": "kenniscafes/emails/wachtlijst",
    "promotie": "kenniscafes/emails/promotie",
    "bekend": "kenniscafes/emails/bekend",
    "afmelding": "kenniscafes/emails/afmelding",
    "herinnering": "kenniscafes/emails/herinnering",
    "wijziging": "kenniscafes/emails/wijziging",
    "annulering": "kenniscafes/emails/annulering",
    "evaluatie": "kenniscafes/emails/evaluatie",
}
# Mails that carry a calendar invite, and its METHOD (see _ics_method for who gets one).
MAIL_ICS = {
    "bevestiging": "REQUEST",
    "promotie": "REQUEST",
    "wijziging": "REQUEST",
    "annulering": "CANCEL",
    "afmelding": "CANCEL",
}


def _ics_method(aanmelding: Aanmelding, soort: str) -> str | None:
    """The calendar METHOD this mail carries for this person, or None for no .ics.

    Only people with a place get an invite (someone waiting never sees an accepted event
    in their calendar); a CANCEL goes only to who had one to remove.
    """
    method = MAIL_ICS.get(soort)
    if method == "REQUEST" and aanmelding.status == Aanmelding.Status.BEVESTIGD:
        return method
    if method == "CANCEL" and aanmelding.had_plaats:
        return method
    return None


def _mail_context(aanmelding: Aanmelding, soort: str) -> dict:
    kenniscafe = aanmelding.kenniscafe
    return {
        "aanmelding": aanmelding,
        "kenniscafe": kenniscafe,
        "soort": soort,
        "beheer_url": links.aanmelding_url(aanmelding),
        "evaluatie_url": links.evaluatie_url(aanmelding) if soort == "evaluatie" else "",
        "online_link": aanmelding.online_link,
        "start": timezone.localtime(kenniscafe.start),
        "eind": timezone.localtime(kenniscafe.eind),
    }


def _mail_sleutel(aanmelding: Aanmelding, soort: str, extra: str) -> str:
    return f"kenniscafes:{soort}:{aanmelding.pk}" + (f":{extra}" if extra else "")


def aanmelding_mail_queue(aanmelding_id: int, soort: str, extra: str = "") -> bool:
    """Put one mail for a registration in the outbox (its key makes repeats harmless)."""
    aanmelding = Aanmelding.objects.select_related("kenniscafe").filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.email or aanmelding.geanonimiseerd_op:
        return False
    _mail_queue(aanmelding, soort, extra)
    return True


def _mail_queue(aanmelding: Aanmelding, soort: str, extra: str = "") -> None:
    kenniscafe = aanmelding.kenniscafe
    bijlagen = []
    method = _ics_method(aanmelding, soort)
    if method:
        inhoud = ics.kenniscafe_ics(kenniscafe, method=method, aanmelding=aanmelding)
        bijlagen.append(ics.ics_bijlage(inhoud, method))
    bericht_queue(
        sleutel=_mail_sleutel(aanmelding, soort, extra),
        aan=aanmelding.email,
        template_prefix=MAIL_TEMPLATES[soort],
        context=_mail_context(aanmelding, soort),
        bijlagen=bijlagen,
    )


def kenniscafe_wijziging_mail(kenniscafe_id: int, sequence: int) -> int:
    """Mail every active registrant the change with an updated invite (one per sequence)."""
    return aanmeldingen_mail(kenniscafe_id=kenniscafe_id, soort="wijziging", extra=str(sequence))


def kenniscafe_annulering_mail(kenniscafe_id: int) -> int:
    """Mail every active registrant that the café is cancelled, with a calendar CANCEL."""
    return aanmeldingen_mail(kenniscafe_id=kenniscafe_id, soort="annulering")


def aanmeldingen_mail(*, kenniscafe_id: int, soort: str, extra: str = "") -> int:
    """The one loop that mails every active registrant of a café; returns how many."""
    ids = list(
        Aanmelding.objects.filter(
            kenniscafe_id=kenniscafe_id, status__in=ACTIEF, geanonimiseerd_op__isnull=True
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for aanmelding_id in ids:
        with transaction.atomic():
            aanmelding_mail_queue(aanmelding_id, soort, extra)
    return len(ids)
