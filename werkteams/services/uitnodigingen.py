"""Mail to a meeting's invitees: the one loop, the calendar attachment, invitations, reminders.

Every mail to the members of a meeting (invitation or update, cancellation, withdrawn
invitation, minutes, reminder) goes through `genodigden_mail`: one outbox row per invitee
under its own idempotency key, so a retried call sends nothing twice.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from werkplaats.kern.ics import ics_bijlage, ics_deelnemer_add, ics_event, ics_kalender, ics_tekst
from werkplaats.kern.services import bericht_queue

from ..models import Aanwezigheid, Bijeenkomst, Herinnering, Persoon
from ..selectors import lidmaatschappen_actief_op


def ics_maken(bijeenkomst: Bijeenkomst, persoon: Persoon | None, methode: str) -> str:
    """An iCalendar text (METHOD REQUEST or CANCEL) with a stable UID and rising SEQUENCE."""
    kalender = ics_kalender("werkteams", methode)
    event = ics_event(
        uid=f"bijeenkomst-{bijeenkomst.uid}@werkplaats",
        sequence=bijeenkomst.volgnummer,
        start=bijeenkomst.start,
        eind=bijeenkomst.eind,
        titel=f"{bijeenkomst.werkteam}: {bijeenkomst.titel}",
        geannuleerd=methode == "CANCEL",
    )
    plaats = " · ".join(p for p in (bijeenkomst.locatie, bijeenkomst.online_link) if p)
    if plaats:
        event.add("location", plaats)
    if bijeenkomst.agenda:
        event.add("description", bijeenkomst.agenda)
    if persoon is not None:
        ics_deelnemer_add(event, email=persoon.email, naam=persoon.naam)
    kalender.add_component(event)
    return ics_tekst(kalender)


def afmeld_url(aanwezigheid: Aanwezigheid) -> str:
    """The personal link with which a member reports absence."""
    return settings.SITE_URL + reverse("werkteams:afmelden", args=[aanwezigheid.sleutel])


def genodigden_mail(
    aanwezigheden: Iterable[Aanwezigheid],
    *,
    sleutel: Callable[[Aanwezigheid], str],
    template_prefix: str,
    context: Callable[[Aanwezigheid], dict] | None = None,
    ics_methode: str | None = None,
) -> int:
    """Queue one mail per invitee: the meeting and person, plus `context`; returns the count.

    `sleutel` gives each invitee's idempotency key; `ics_methode` ("REQUEST" or "CANCEL")
    adds the personal calendar attachment. The invitations should come with
    `lidmaatschap__persoon` loaded; each one's `bijeenkomst` is the meeting it belongs to.
    """
    aantal = 0
    for aanwezigheid in aanwezigheden:
        bijeenkomst = aanwezigheid.bijeenkomst
        persoon = aanwezigheid.lidmaatschap.persoon
        bijlagen = None
        if ics_methode:
            bijlagen = [
                ics_bijlage(
                    ics_maken(bijeenkomst, persoon, ics_methode),
                    naam="bijeenkomst.ics",
                    method=ics_methode,
                )
            ]
        bericht_queue(
            sleutel=sleutel(aanwezigheid),
            aan=persoon.email,
            template_prefix=template_prefix,
            context={"bijeenkomst": bijeenkomst, "persoon": persoon}
            | (context(aanwezigheid) if context else {}),
            bijlagen=bijlagen,
        )
        aantal += 1
    return aantal


@transaction.atomic
def uitnodigingen_send(bijeenkomst: Bijeenkomst) -> int:
    """Invite every member on the meeting's date (or send the update); idempotent per sequence."""
    leden = lidmaatschappen_actief_op(bijeenkomst.werkteam, timezone.localdate(bijeenkomst.start))
    bestaand = set(bijeenkomst.aanwezigheden.values_list("lidmaatschap_id", flat=True))
    Aanwezigheid.objects.bulk_create(
        [
            Aanwezigheid(bijeenkomst=bijeenkomst, lidmaatschap=lid)
            for lid in leden
            if lid.pk not in bestaand
        ],
        ignore_conflicts=True,
    )
    soort = "uitnodiging" if bijeenkomst.volgnummer == 0 else "wijziging"
    return genodigden_mail(
        bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"),
        sleutel=lambda a: f"werkteams:uitnodiging:{bijeenkomst.pk}:{a.pk}:{bijeenkomst.volgnummer}",
        template_prefix="werkteams/emails/uitnodiging",
        context=lambda a: {
            "soort": soort,
            "afmeld_url": afmeld_url(a),
            "leerdoelen": list(bijeenkomst.leerdoelen.all()),
        },
        ics_methode="REQUEST",
    )


def herinneringen_due_ids(limit: int = 200) -> list[int]:
    """Ids of due, unsent reminders; rows another sweeper holds are skipped."""
    nu = timezone.now()
    with transaction.atomic():
        # skip_locked: parallel sweepers split the work instead of waiting on each other.
        return list(
            Herinnering.objects.select_for_update(skip_locked=True)
            .filter(verstuurd_op__isnull=True, verstuur_op__lte=nu)
            .order_by("verstuur_op")
            .values_list("pk", flat=True)[:limit]
        )


@transaction.atomic
def herinnering_send(herinnering_id: int) -> int:
    """Queue the reminder mails of one meeting once; a second call finds it sent and stops."""
    # Lock the reminder row: the claim and the queued mails commit together.
    herinnering = (
        Herinnering.objects.select_for_update(skip_locked=True)
        .select_related("bijeenkomst__werkteam")
        .filter(pk=herinnering_id, verstuurd_op__isnull=True)
        .first()
    )
    if herinnering is None:
        return 0
    bijeenkomst = herinnering.bijeenkomst
    aantal = 0
    if not bijeenkomst.is_geannuleerd and bijeenkomst.start > timezone.now():
        aantal = genodigden_mail(
            bijeenkomst.aanwezigheden.exclude(status=Aanwezigheid.Status.AFGEMELD).select_related(
                "lidmaatschap__persoon"
            ),
            sleutel=lambda a: (
                f"werkteams:herinnering:{bijeenkomst.pk}:{a.pk}:{bijeenkomst.volgnummer}"
            ),
            template_prefix="werkteams/emails/herinnering",
            context=lambda a: {"afmeld_url": afmeld_url(a)},
        )
    herinnering.verstuurd_op = timezone.now()
    herinnering.save(update_fields=["verstuurd_op"])
    return aantal


def herinneringen_sweep(limit: int = 200) -> int:
    """Send every due reminder (each in its own short transaction)."""
    return sum(herinnering_send(pk) for pk in herinneringen_due_ids(limit))
