"""The mailing list (double opt-in), unsubscribing, and invitation runs to chosen audiences."""

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.kern.services import bericht_queue, opdracht_queue
from werkteams.models import Werkteam

from .. import links
from ..models import Aanmelding, Abonnee, Kenniscafe, Uitnodiging, UitnodigingsRonde
from ..selectors import uitnodiging_adressen
from ._basis import AanmeldingFout
from .organiseren import _teams_buiten_bereik


@transaction.atomic
def abonnee_subscribe(*, email: str) -> Abonnee:
    """Sign up for the mailing list: a confirmation mail; nothing else until confirmed."""
    email = email.strip()
    abonnee = Abonnee.objects.filter(email__iexact=email).first()
    if abonnee is None:
        abonnee = Abonnee.objects.create(email=email)
    elif abonnee.is_actief:
        return abonnee
    else:
        # A new request: only a link mailed from now on may confirm (see abonnee_confirm).
        abonnee.aangemeld_op = timezone.now()
        abonnee.save(update_fields=["aangemeld_op"])
    bericht_queue(
        # One confirmation mail per address per day, however often the form is sent.
        sleutel=f"kenniscafes:abonnee:{abonnee.pk}:{timezone.localdate():%Y%m%d}",
        aan=abonnee.email,
        template_prefix="kenniscafes/emails/abonnee_bevestigen",
        context={"bevestig_url": links.abonnee_confirm_url(abonnee)},
    )
    return abonnee


@transaction.atomic
def abonnee_confirm(*, sleutel: str) -> Abonnee | None:
    """Confirm a sign-up from the link in the mail (double opt-in); never after unsubscribing."""
    abonnee = Abonnee.objects.select_for_update().filter(sleutel=sleutel).first()
    if abonnee is None:
        return None
    if abonnee.afgemeld_op is not None and abonnee.afgemeld_op >= abonnee.aangemeld_op:
        # The link was mailed before this person unsubscribed: their last word stands.
        raise AanmeldingFout(
            _("You unsubscribed after this link was sent. Sign up again if you want the mail.")
        )
    abonnee.bevestigd_op = timezone.now()
    abonnee.afgemeld_op = None
    abonnee.save(update_fields=["bevestigd_op", "afgemeld_op"])
    return abonnee


@transaction.atomic
def email_unsubscribe(*, email: str) -> None:
    """Stop every invitation to an address: mailing list and 'earlier visitor' opt-ins."""
    nu = timezone.now()
    abonnee = Abonnee.objects.filter(email__iexact=email).first()
    if abonnee is None:
        Abonnee.objects.create(email=email, afgemeld_op=nu)
    else:
        abonnee.afgemeld_op = nu
        abonnee.save(update_fields=["afgemeld_op"])
    Aanmelding.objects.filter(email__iexact=email, uitnodigingen_ok=True).update(
        uitnodigingen_ok=False
    )


@transaction.atomic
def uitnodigingsronde_create(
    *,
    kenniscafe: Kenniscafe,
    werkteams: Iterable[Werkteam],
    eerdere_bezoekers: bool,
    abonnees: bool,
    door,
) -> UitnodigingsRonde:
    """Start sending a published café's invitation to the chosen audiences (a Celery job)."""
    if kenniscafe.status != Kenniscafe.Status.GEPUBLICEERD or kenniscafe.is_voorbij:
        raise AanmeldingFout(_("Only a published, upcoming café can be announced."))
    werkteams = list(werkteams)
    if _teams_buiten_bereik(door, werkteams):
        raise AanmeldingFout(_("You can only invite the members of work teams you coordinate."))
    ronde = UitnodigingsRonde.objects.create(
        kenniscafe=kenniscafe,
        eerdere_bezoekers=eerdere_bezoekers,
        abonnees=abonnees,
        aangemaakt_door=door,
    )
    ronde.werkteams.set(werkteams)
    # A stored job: a round whose Celery message is lost is run by the sweeper, never left
    # waiting; a crashed round is run again and skips the addresses it already invited.
    opdracht_queue("kenniscafes.tasks.uitnodigingsronde_run_task", ronde.pk)
    return ronde


def uitnodigingsronde_run(ronde_id: int) -> int:
    """Send the invitations of one run; safe to retry or run twice (one per address per café)."""
    ronde = UitnodigingsRonde.objects.select_related("kenniscafe").get(pk=ronde_id)
    adressen = uitnodiging_adressen(ronde)
    UitnodigingsRonde.objects.filter(pk=ronde.pk).update(
        status=UitnodigingsRonde.Status.BEZIG, totaal=len(adressen), verwerkt=0, nieuw=0
    )
    nieuw = 0
    for index, email in enumerate(adressen, start=1):
        nieuw += _uitnodiging_send(ronde, email)
        if index % 20 == 0 or index == len(adressen):
            UitnodigingsRonde.objects.filter(pk=ronde.pk).update(verwerkt=index, nieuw=nieuw)
    UitnodigingsRonde.objects.filter(pk=ronde.pk).update(
        status=UitnodigingsRonde.Status.KLAAR, verwerkt=len(adressen), nieuw=nieuw
    )
    return nieuw


@transaction.atomic
def _uitnodiging_send(ronde: UitnodigingsRonde, email: str) -> int:
    kenniscafe = ronde.kenniscafe
    # Case-insensitive like the unique constraint, so "A@x" after "a@x" is a known address
    # (not an IntegrityError); the invitation row and its mail commit together.
    uitnodiging, aangemaakt = Uitnodiging.objects.get_or_create(
        kenniscafe=kenniscafe, email__iexact=email, defaults={"email": email, "ronde": ronde}
    )
    if not aangemaakt:
        return 0
    afmeld_url = links.afmeld_url(uitnodiging)
    vingerafdruk = hashlib.sha256(email.lower().encode()).hexdigest()[:32]
    bericht_queue(
        sleutel=f"kenniscafes:uitnodiging:{kenniscafe.pk}:{vingerafdruk}",
        aan=email,
        template_prefix="kenniscafes/emails/uitnodiging",
        context={
            "kenniscafe": kenniscafe,
            "afmeld_url": afmeld_url,
            "start": timezone.localtime(kenniscafe.start),
            "eind": timezone.localtime(kenniscafe.eind),
        },
        headers={
            "List-Unsubscribe": f"<{afmeld_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return 1
