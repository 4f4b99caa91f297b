"""Writes on the ground floor: the outbox (one row per outgoing e-mail) and site settings."""

import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .models import Bericht, Opdracht
from .selectors import bewaartermijn_grens, site_instellingen_get
from .uitgaand import afzender_headers, per_werkplaats, site_url

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
# A claim older than this is a crashed send, and a message queued longer ago than this
# without being claimed is a lost one: the sweeper queues both again.
CLAIM_VERLOOPT_NA = timedelta(minutes=10)
OPDRACHT_MAX_POGINGEN = 8
OPDRACHT_BEWAREN = timedelta(days=7)
SLEUTEL_HEADER = "X-Werkplaats-Sleutel"


def bericht_render(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """Render subject, text and HTML of one mail template in Dutch.

    A mail is one file, ``<template_prefix>.html``: its ``onderwerp`` and ``tekst`` partials
    are the subject and the text part, the file itself (extending emails/basis.html) is the
    HTML part, whose title usually shows the ``onderwerp`` partial inline.
    """
    site = site_instellingen_get()
    ctx = {"werkplaats": site, "site_url": site_url(), **context}
    naam = f"{template_prefix}.html"
    with translation.override(settings.LANGUAGE_CODE):
        # Subject and text are plain text: the "tekst" engine does not HTML-escape.
        onderwerp = render_to_string(f"{naam}#onderwerp", ctx, using="tekst")
        tekst = render_to_string(f"{naam}#tekst", ctx, using="tekst")
        html = render_to_string(naam, ctx, using="django")
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

    Queuing the same key twice returns the existing row and sends nothing new. The mail
    goes out in the current werkplaats's name (From, Reply-To: stored on the row, so the
    send task needs no werkplaats).
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
            "headers": afzender_headers() | (headers or {}),
        },
    )
    if aangemaakt:
        transaction.on_commit(lambda: _berichten_enqueue([bericht.pk]))
    return bericht


def _berichten_enqueue(ids: list[int]) -> None:
    from .tasks import bericht_send_task

    # Marked before the message goes to the broker: a row the sweeper sees without this
    # mark (a crash between commit and enqueue) is queued again at once.
    Bericht.objects.filter(pk__in=ids).update(ingepland_op=timezone.now())
    for bericht_id in ids:
        bericht_send_task.delay(bericht_id)


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
    try:
        _bericht_mail(bericht).send(fail_silently=False)
    except Exception as fout:
        # Deliberately any exception: a transport error, a bad header or a broken attachment
        # is recorded and retried, and after MAX_POGINGEN shown to beheerders, never lost.
        bericht_failed(bericht, fout)
        return False
    # Only a row still claimed by us becomes "sent": one cancelled by an erasure while the
    # SMTP call ran keeps its cancelled, blanked state.
    Bericht.objects.filter(pk=bericht.pk, status=Bericht.Status.BEZIG).update(
        status=Bericht.Status.VERZONDEN, verzonden_op=timezone.now(), laatste_fout=""
    )
    return True


def _bericht_mail(bericht: Bericht) -> EmailMultiAlternatives:
    domein = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "werkplaats.localhost"
    headers = {
        SLEUTEL_HEADER: bericht.sleutel,
        "Message-ID": make_msgid(idstring=str(bericht.pk), domain=domein),
        **bericht.headers,
    }
    # Django takes Reply-To only as an argument; From stays a header (the envelope sender
    # is DEFAULT_FROM_EMAIL's address either way).
    antwoord = [headers.pop(naam) for naam in list(headers) if naam.lower() == "reply-to"]
    mail = EmailMultiAlternatives(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht.aan],
        headers=headers,
        reply_to=antwoord,
    )
    if bericht.html:
        mail.attach_alternative(bericht.html, "text/html")
    for bijlage in bericht.bijlagen:
        mail.attach(bijlage["naam"], bijlage["inhoud"], bijlage["mimetype"])
    return mail


def bericht_failed(bericht: Bericht, fout: Exception) -> None:
    """Record a failed attempt and schedule the next one with exponential backoff."""
    pogingen = bericht.pogingen
    status = Bericht.Status.MISLUKT if pogingen >= MAX_POGINGEN else Bericht.Status.WACHTEND
    wachttijd = timedelta(seconds=min(30 * 2 ** (pogingen - 1), 6 * 3600))
    logger.warning("Sending message %s failed (attempt %s): %r", bericht.pk, pogingen, fout)
    # The task that tried is finished, so no message for this row is queued any more.
    Bericht.objects.filter(pk=bericht.pk, status=Bericht.Status.BEZIG).update(
        status=status,
        volgende_poging=timezone.now() + wachttijd,
        laatste_fout=(str(fout) or repr(fout))[:2000],
        ingepland_op=None,
    )


@transaction.atomic
def bericht_retry(*, bericht_id: int) -> bool:
    """Give a failed message a fresh set of attempts and queue it now; False if not failed."""
    opnieuw = Bericht.objects.filter(pk=bericht_id, status=Bericht.Status.MISLUKT).update(
        status=Bericht.Status.WACHTEND, pogingen=0, volgende_poging=timezone.now()
    )
    if opnieuw:
        transaction.on_commit(lambda: _berichten_enqueue([bericht_id]))
    return opnieuw == 1


# --- background jobs that must run: a row per job, so a lost Celery message is not lost work


def opdracht_queue(taak: str, *argumenten) -> Opdracht:
    """Store a job (an idempotent task's dotted path) with its change; Celery gets it after commit."""
    opdracht = Opdracht.objects.create(taak=taak, argumenten=list(argumenten))
    # robust: the change has committed; a failing enqueue (or an eager run that fails) is
    # logged and left to the sweeper instead of turning the request into an error page.
    transaction.on_commit(lambda: _opdrachten_enqueue([opdracht.pk]), robust=True)
    return opdracht


def _opdrachten_enqueue(ids: list[int]) -> None:
    from .tasks import opdracht_run_task

    Opdracht.objects.filter(pk__in=ids).update(ingepland_op=timezone.now())
    for opdracht_id in ids:
        opdracht_run_task.delay(opdracht_id)


def opdracht_run(opdracht_id: int) -> bool:
    """Run one stored job unless it is done; a failure is recorded and raised for a retry."""
    opdracht = Opdracht.objects.filter(
        pk=opdracht_id, klaar_op__isnull=True, mislukt_op__isnull=True
    ).first()
    if opdracht is None:
        return False
    Opdracht.objects.filter(pk=opdracht_id).update(pogingen=F("pogingen") + 1)
    try:
        # By dotted path: the ground floor runs an app's task without importing the app.
        import_string(opdracht.taak)(*opdracht.argumenten)
    except Exception as fout:
        _opdracht_failed(opdracht, fout)
        raise
    Opdracht.objects.filter(pk=opdracht_id).update(klaar_op=timezone.now(), laatste_fout="")
    return True


def _opdracht_failed(opdracht: Opdracht, fout: Exception) -> None:
    pogingen = opdracht.pogingen + 1
    opgegeven = pogingen >= OPDRACHT_MAX_POGINGEN
    log = logger.error if opgegeven else logger.warning
    log("Job %s %s failed (attempt %s): %r", opdracht.pk, opdracht.taak, pogingen, fout)
    Opdracht.objects.filter(pk=opdracht.pk).update(
        laatste_fout=(str(fout) or repr(fout))[:2000],
        mislukt_op=timezone.now() if opgegeven else None,
    )


@transaction.atomic
def opdracht_retry(*, opdracht_id: int) -> bool:
    """Give a failed job a fresh set of attempts and queue it now; False if it had not failed."""
    opnieuw = Opdracht.objects.filter(pk=opdracht_id, mislukt_op__isnull=False).update(
        mislukt_op=None, pogingen=0
    )
    if opnieuw:
        transaction.on_commit(lambda: _opdrachten_enqueue([opdracht_id]), robust=True)
    return opnieuw == 1


def opdrachten_sweep(limit: int = 500) -> int:
    """Queue every job whose Celery message never arrived or was lost (beat, every minute)."""
    from .tasks import opdracht_run_task

    nu = timezone.now()
    with transaction.atomic():
        # skip_locked: two sweepers running at once split the work instead of blocking.
        ids = list(
            Opdracht.objects.select_for_update(skip_locked=True)
            .filter(klaar_op__isnull=True, mislukt_op__isnull=True)
            .filter(Q(ingepland_op__isnull=True) | Q(ingepland_op__lt=nu - CLAIM_VERLOOPT_NA))
            .order_by("aangemaakt")
            .values_list("pk", flat=True)[:limit]
        )
        Opdracht.objects.filter(pk__in=ids).update(ingepland_op=nu)
    # Done jobs are only needed while a duplicate message could still arrive.
    Opdracht.objects.filter(klaar_op__lt=nu - OPDRACHT_BEWAREN).delete()
    for opdracht_id in ids:
        try:
            opdracht_run_task.delay(opdracht_id)
        except Exception:
            # Deliberate: with in-process tasks (make run) a failing job raises right here;
            # it is recorded on its row and must not keep the sweep from the other jobs.
            logger.exception("Job %s failed", opdracht_id)
    return len(ids)


def berichten_due_ids(limit: int = 500) -> list[int]:
    """Pick due, lost and stale messages; rows another sweeper holds are skipped, not waited for."""
    nu = timezone.now()
    grens = nu - CLAIM_VERLOOPT_NA
    with transaction.atomic():
        # skip_locked: two sweepers running at once split the work instead of blocking.
        return list(
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(
                # A due row whose send task is still in the broker's queue is left alone.
                Q(status=Bericht.Status.WACHTEND, volgende_poging__lte=nu)
                & (Q(ingepland_op__isnull=True) | Q(ingepland_op__lt=grens))
                | Q(status=Bericht.Status.BEZIG, geclaimd_op__lt=grens)
            )
            .order_by("volgende_poging")
            .values_list("pk", flat=True)[:limit]
        )


def berichten_sweep(limit: int = 500) -> int:
    """Queue a send task for every due message; the claim keeps duplicates harmless."""
    from .tasks import bericht_send_task

    with transaction.atomic():
        # The rows stay locked until they are marked queued, so a parallel sweeper skips them.
        ids = berichten_due_ids(limit)
        Bericht.objects.filter(pk__in=ids).update(ingepland_op=timezone.now())
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


# Values per IN list: well below SQLite's limit on query parameters.
ADRESSEN_PER_KEER = 500


@transaction.atomic
def berichten_erase(*, email: str, sleutels: list[str] | None = None) -> int:
    """Erase outbox rows to an address (only those of the given keys, if named); queued ones are cancelled.

    A key matches itself and every key that extends it after a colon ("a:1" matches
    "a:1" and "a:1:x", not "a:12").
    """
    if sleutels is None:
        return berichten_erase_adressen(emails=[email])
    email = email.strip()
    if not email:
        return 0
    passend = Q(pk__in=[])
    for sleutel in sleutels:
        passend |= Q(sleutel=sleutel) | Q(sleutel__startswith=f"{sleutel}:")
    return _berichten_blank(Bericht.objects.filter(passend, aan__iexact=email))


@transaction.atomic
def berichten_erase_adressen(*, emails) -> int:
    """Erase every outbox row to any of these addresses (case-insensitive), in a few statements."""
    adressen = sorted({e.strip().lower() for e in emails if e and e.strip()})
    aantal = 0
    for deel in in_delen(adressen):
        rijen = Bericht.objects.annotate(adres=Lower("aan")).filter(adres__in=deel)
        aantal += _berichten_blank(Bericht.objects.filter(pk__in=rijen.values("pk")))
    return aantal


def in_delen(waarden: list, grootte: int = ADRESSEN_PER_KEER):
    """Slices of a list small enough for one IN list, on SQLite too."""
    for i in range(0, len(waarden), grootte):
        yield waarden[i : i + grootte]


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
    """Run every registered retention step in each werkplaats with that werkplaats's own
    retention period, then erase old outbox rows; counts per step."""
    nu = nu or timezone.now()
    tellingen = dict.fromkeys(BEWAARSTAPPEN, 0)
    grenzen = []

    def in_een_werkplaats() -> int:
        grens = bewaartermijn_grens(nu)
        grenzen.append(grens)
        # The apps first: they erase their outbox rows by address while they still know it.
        for naam, stap in BEWAARSTAPPEN.items():
            tellingen[naam] += stap(grens=grens, nu=nu)
        return 0

    per_werkplaats(in_een_werkplaats)
    # The outbox belongs to no werkplaats: its rows go at the shortest period of them all
    # (the latest limit), so no mail is kept longer than its own werkplaats allows.
    tellingen["berichten"] = berichten_anonymise(
        grens=max(grenzen, default=bewaartermijn_grens(nu))
    )
    return tellingen
