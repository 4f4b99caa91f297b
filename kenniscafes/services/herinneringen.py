"""Reminders and evaluation requests: rows with a due time, picked by a sweeper; evaluations."""

import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.kern.huidig import in_werkplaats

from ..models import Aanmelding, Evaluatie, Herinnering, Kenniscafe
from ._basis import AanmeldingFout
from .mail import _mail_queue


def _herinnering_plan(aanmelding: Aanmelding, kenniscafe: Kenniscafe, nieuw: bool = False) -> None:
    verstuur_op = kenniscafe.start - timedelta(hours=kenniscafe.herinnering_uren)
    if verstuur_op <= timezone.now():
        return
    if nieuw:
        # A brand-new registration has no reminder yet: one INSERT, no savepoint.
        Herinnering.objects.create(
            aanmelding=aanmelding, soort=Herinnering.Soort.HERINNERING, verstuur_op=verstuur_op
        )
        return
    Herinnering.objects.update_or_create(
        aanmelding=aanmelding,
        soort=Herinnering.Soort.HERINNERING,
        defaults={"verstuur_op": verstuur_op, "verwerkt_op": None},
    )


def _evaluatie_plannen(aanmelding: Aanmelding) -> None:
    """A visitor who was there gets the evaluation request once the café is over."""
    Herinnering.objects.get_or_create(
        aanmelding=aanmelding,
        soort=Herinnering.Soort.EVALUATIE,
        defaults={"verstuur_op": max(aanmelding.kenniscafe.eind, timezone.now())},
    )


def _herinneringen_herplan(kenniscafe: Kenniscafe) -> None:
    verstuur_op = kenniscafe.start - timedelta(hours=kenniscafe.herinnering_uren)
    Herinnering.objects.filter(
        aanmelding__kenniscafe=kenniscafe,
        soort=Herinnering.Soort.HERINNERING,
        verwerkt_op__isnull=True,
    ).update(verstuur_op=verstuur_op)


def herinneringen_sweep(*, batch: int = 200, max_seconden: float = 50.0) -> int:
    """Queue every due reminder/evaluation in the outbox, batch by batch; returns how many."""
    totaal = 0
    einde = time.monotonic() + max_seconden
    while time.monotonic() < einde:
        verwerkt = _herinneringen_batch(batch)
        totaal += verwerkt
        if verwerkt < batch:
            break
    return totaal


@transaction.atomic
def _herinneringen_batch(batch: int) -> int:
    nu = timezone.now()
    # skip_locked: two sweepers (or a retried one) split the due rows instead of waiting;
    # a row and its outbox message are committed together, so a crash re-picks the row.
    # Every werkplaats's due rows; each mail is made in its own café's werkplaats.
    with in_werkplaats(None):
        rijen = list(
            Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(verwerkt_op__isnull=True, verstuur_op__lte=nu)
            .select_related("aanmelding__kenniscafe__werkplaats")
            .order_by("verstuur_op", "pk")[:batch]
        )
    for herinnering in rijen:
        aanmelding = herinnering.aanmelding
        if (
            aanmelding.status == Aanmelding.Status.BEVESTIGD
            and aanmelding.email
            and aanmelding.geanonimiseerd_op is None
            and aanmelding.kenniscafe.status == Kenniscafe.Status.GEPUBLICEERD
        ):
            with in_werkplaats(aanmelding.kenniscafe.werkplaats):
                _mail_queue(aanmelding, herinnering.soort)
        herinnering.verwerkt_op = nu
    with in_werkplaats(None):
        Herinnering.objects.bulk_update(rijen, ["verwerkt_op"])
    return len(rijen)


@transaction.atomic
def evaluatie_create(*, aanmelding_id: int, score: int, meenemen: str, opmerking: str) -> Evaluatie:
    """Store a visitor's evaluation; once per registration."""
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding_id)
    if Evaluatie.objects.filter(aanmelding=aanmelding).exists():
        raise AanmeldingFout(_("You have already filled in the evaluation. Thank you!"))
    return Evaluatie.objects.create(
        aanmelding=aanmelding, score=score, meenemen=meenemen.strip(), opmerking=opmerking.strip()
    )
