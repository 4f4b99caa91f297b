"""Writes on the ground floor: the outbox (one row per outgoing e-mail) and site settings."""

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Bericht
from .selectors import site_instellingen_get

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
CLAIM_VERLOOPT_NA = timedelta(minutes=10)
SLEUTEL_HEADER = "X-Werkplaats-Sleutel"


def bericht_render(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """Render subject, text and HTML of a mail template family in Dutch."""
    site = site_instellingen_get()
    ctx = {"werkplaats": site, "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        # Subject and text are plain text: the "tekst" engine does not HTML-escape.
        onderwerp = render_to_string(f"{template_prefix}_onderwerp.txt", ctx, using="tekst")
        tekst = render_to_string(f"{template_prefix}.txt", ctx, using="tekst")
        html = render_to_string(f"{template_prefix}.html", ctx)
    return " ".join(onderwerp.split()), tekst, html


@transaction.atomic
def bericht_queue(
    *,
    sleutel: str,
    aan: str,
    template_prefix: str,
    context: dict,
    bijlagen: list[dict] | None = None,
    headers: dict | None = None,
) -> Bericht:
    """Store one outgoing mail under its idempotency key and send it after commit.

    Queuing the same key twice returns the existing row and sends nothing new.
    """
    bestaand = Bericht.objects.filter(sleutel=sleutel).first()
    if bestaand is not None:
        return bestaand
    onderwerp, tekst, html = bericht_render(template_prefix, context)
    bericht, aangemaakt = Bericht.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "aan": aan,
            "onderwerp": onderwerp[:250],
            "tekst": tekst,
            "html": html,
            "bijlagen": bijlagen or [],
            "headers": headers or {},
        },
    )
    if aangemaakt:
        from .tasks import bericht_send_task

        bericht_send_task.delay_on_commit(bericht.pk)
    return bericht


def bericht_claim(bericht_id: int) -> bool:
    """Claim a due message for sending with one conditional UPDATE; False if someone else has it."""
    nu = timezone.now()
    geclaimd = Bericht.objects.filter(
        Q(status=Bericht.Status.WACHTEND, volgende_poging__lte=nu)
        | Q(status=Bericht.Status.BEZIG, geclaimd_op__lt=nu - CLAIM_VERLOOPT_NA),
        pk=bericht_id,
    ).update(status=Bericht.Status.BEZIG, geclaimd_op=nu, pogingen=F("pogingen") + 1)
    return geclaimd == 1


def bericht_send(bericht_id: int) -> bool:
    """Send one claimed message over SMTP (never inside a transaction); True when sent now."""
    if not bericht_claim(bericht_id):
        return False
    bericht = Bericht.objects.get(pk=bericht_id)
    domein = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "werkplaats.localhost"
    headers = {
        SLEUTEL_HEADER: bericht.sleutel,
        "Message-ID": make_msgid(idstring=str(bericht.pk), domain=domein),
        **bericht.headers,
    }
    mail = EmailMultiAlternatives(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht.aan],
        headers=headers,
    )
    if bericht.html:
        mail.attach_alternative(bericht.html, "text/html")
    for bijlage in bericht.bijlagen:
        mail.attach(bijlage["naam"], bijlage["inhoud"], bijlage["mimetype"])
    try:
        mail.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as fout:
        # Deliberately broad: any transport failure is retried later by the sweeper.
        bericht_failed(bericht, fout)
        return False
    Bericht.objects.filter(pk=bericht.pk).update(
        status=Bericht.Status.VERZONDEN, verzonden_op=timezone.now(), laatste_fout=""
    )
    return True


def bericht_failed(bericht: Bericht, fout: Exception) -> None:
    """Record a failed attempt and schedule the next one with exponential backoff."""
    pogingen = bericht.pogingen
    status = Bericht.Status.MISLUKT if pogingen >= MAX_POGINGEN else Bericht.Status.WACHTEND
    wachttijd = timedelta(seconds=min(30 * 2 ** (pogingen - 1), 6 * 3600))
    logger.warning("Sending message %s failed (attempt %s): %s", bericht.pk, pogingen, fout)
    Bericht.objects.filter(pk=bericht.pk, status=Bericht.Status.BEZIG).update(
        status=status, volgende_poging=timezone.now() + wachttijd, laatste_fout=str(fout)[:2000]
    )


def berichten_due_ids(limit: int = 500) -> list[int]:
    """Pick due and stale messages; rows another sweeper holds are skipped, not waited for."""
    nu = timezone.now()
    with transaction.atomic():
        # skip_locked: two sweepers running at once split the work instead of blocking.
        return list(
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=Bericht.Status.WACHTEND, volgende_poging__lte=nu)
                | Q(status=Bericht.Status.BEZIG, geclaimd_op__lt=nu - CLAIM_VERLOOPT_NA)
            )
            .order_by("volgende_poging")
            .values_list("pk", flat=True)[:limit]
        )


def berichten_sweep(limit: int = 500) -> int:
    """Queue a send task for every due message; the claim keeps duplicates harmless."""
    from .tasks import bericht_send_task

    ids = berichten_due_ids(limit)
    for bericht_id in ids:
        bericht_send_task.delay(bericht_id)
    return len(ids)
