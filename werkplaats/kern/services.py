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
from .selectors import bewaartermijn_grens, site_instellingen_get

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


# --- erasure and retention ---------------------------------------------------------------

GEWIST = "[gewist]"


def _berichten_blank(rijen) -> int:
    """Blank every personal field of these outbox rows; queued ones become cancelled."""
    # Queued or claimed rows are cancelled in the same UPDATE that blanks them: bericht_claim
    # only takes WACHTEND (or stale BEZIG) rows, so a cancelled row is never sent.
    geannuleerd = rijen.filter(status__in=[Bericht.Status.WACHTEND, Bericht.Status.BEZIG]).update(
        status=Bericht.Status.GEANNULEERD,
        aan="",
        onderwerp=GEWIST,
        tekst="",
        html="",
        bijlagen=[],
        headers={},
        laatste_fout="",
    )
    gewist = rijen.exclude(aan="", onderwerp=GEWIST).update(
        aan="", onderwerp=GEWIST, tekst="", html="", bijlagen=[], headers={}, laatste_fout=""
    )
    return geannuleerd + gewist


@transaction.atomic
def berichten_erase(*, email: str, sleutels: list[str] | None = None) -> int:
    """Erase outbox rows to an address (only those of the given keys, if named); queued ones are cancelled.

    A key matches itself and every key that extends it after a colon ("a:1" matches
    "a:1" and "a:1:x", not "a:12").
    """
    email = email.strip()
    if not email:
        return 0
    rijen = Bericht.objects.filter(aan__iexact=email)
    if sleutels is not None:
        passend = Q(pk__in=[])
        for sleutel in sleutels:
            passend |= Q(sleutel=sleutel) | Q(sleutel__startswith=f"{sleutel}:")
        rijen = rijen.filter(passend)
    return _berichten_blank(rijen)


@transaction.atomic
def berichten_anonymise(*, grens) -> int:
    """Erase outbox rows created before the retention limit (the keys stay: no resend)."""
    return _berichten_blank(Bericht.objects.filter(aangemaakt__lt=grens))


# Retention steps of the apps (each `stap(*, grens, nu) -> int`), registered from their
# AppConfig.ready: the ground floor imports no app, so the apps come to it.
BEWAARSTAPPEN: dict[str, object] = {}


def bewaarstap_register(naam: str, stap) -> None:
    """Add one app's retention step to the daily retention job (idempotent per name)."""
    BEWAARSTAPPEN[naam] = stap


def bewaartermijn_apply(*, nu=None) -> dict[str, int]:
    """Run every registered retention step, then erase old outbox rows; counts per step."""
    nu = nu or timezone.now()
    grens = bewaartermijn_grens(nu)
    # The apps first: they erase their outbox rows by address while they still know it.
    tellingen = {naam: stap(grens=grens, nu=nu) for naam, stap in BEWAARSTAPPEN.items()}
    tellingen["berichten"] = berichten_anonymise(grens=grens)
    return tellingen
