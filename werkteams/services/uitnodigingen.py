"""Mail to a meeting's invitees: the one loop, the calendar attachment, invitations, reminders.

Every mail to the members of a meeting (invitation or update, cancellation, withdrawn
invitation, minutes, reminder) goes through `genodigden_mail`: one outbox row per invitee
under its own idempotency key, so a retried call sends nothing twice. The one exception is
the invitation to a series (`serie_uitnodigingen_send`): one mail per person per series, with
one calendar file holding every date, under a key per (series, person).
"""

import uuid
from collections.abc import Callable, Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.ics import ics_bijlage
from werkplaats.kern.services import bericht_queue
from werkplaats.kern.uitgaand import in_werkplaats_van, site_url

from ..models import Aanwezigheid, Bijeenkomst, Herinnering, Werkteam
from ..selectors import lidmaatschappen_actief_op
from .kalender import ics_maken, ics_serie_maken


def afmeld_url(aanwezigheid: Aanwezigheid) -> str:
    """The personal link with which a member reports absence."""
    return site_url() + reverse("werkteams:afmelden", args=[aanwezigheid.sleutel])


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


def _aanwezigheden_aanmaken(bijeenkomst: Bijeenkomst) -> None:
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


@transaction.atomic
def uitnodigingen_send(bijeenkomst: Bijeenkomst) -> int:
    """Invite every member to a meeting; a meeting of a series is invited by the series mail.

    Idempotent: a member who already had the invitation gets nothing new.
    """
    if bijeenkomst.serie is not None:
        return serie_uitnodigingen_send(bijeenkomst.werkteam, bijeenkomst.serie)
    return bijeenkomst_uitnodigen(bijeenkomst)


@transaction.atomic
def bijeenkomst_uitnodigen(bijeenkomst: Bijeenkomst) -> int:
    """Invite every member on this one meeting's date (or send the update); idempotent per
    sequence. Also for one changed date of a series: the update of that date alone."""
    _aanwezigheden_aanmaken(bijeenkomst)
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


@transaction.atomic
def serie_uitnodigingen_send(werkteam: Werkteam, serie: uuid.UUID) -> int:
    """Invite every member to the coming dates of a series: one mail per person per series.

    The one calendar file adds every date; each date's personal absence link is in the body
    (the same links as the single-meeting mails, so a forwarded mail grants nothing more).
    Idempotent per (series, person): a retry, or a new member, sends the others nothing.
    """
    bijeenkomsten = list(
        Bijeenkomst.objects.filter(
            werkteam=werkteam,
            serie=serie,
            status=Bijeenkomst.Status.GEPLAND,
            start__gt=timezone.now(),
        ).select_related("werkteam")
    )
    for bijeenkomst in bijeenkomsten:
        _aanwezigheden_aanmaken(bijeenkomst)
    per_persoon: dict[int, list[Aanwezigheid]] = {}
    for aanwezigheid in (
        Aanwezigheid.objects.filter(bijeenkomst__in=bijeenkomsten)
        .select_related("lidmaatschap__persoon")
        .order_by("bijeenkomst__start", "pk")
    ):
        per_persoon.setdefault(aanwezigheid.lidmaatschap.persoon_id, []).append(aanwezigheid)
    op_pk = {b.pk: b for b in bijeenkomsten}
    for persoon_id, aanwezigheden in per_persoon.items():
        persoon = aanwezigheden[0].lidmaatschap.persoon
        data = [op_pk[a.bijeenkomst_id] for a in aanwezigheden]
        bericht_queue(
            sleutel=f"werkteams:serie-uitnodiging:{serie}:{persoon_id}",
            aan=persoon.email,
            template_prefix="werkteams/emails/serie_uitnodiging",
            context={
                "persoon": persoon,
                "werkteam": werkteam,
                "eerste": data[0],
                "data": [
                    {"bijeenkomst": op_pk[a.bijeenkomst_id], "afmeld_url": afmeld_url(a)}
                    for a in aanwezigheden
                ],
            },
            bijlagen=[
                ics_bijlage(
                    ics_serie_maken(data, persoon, "REQUEST"),
                    naam="bijeenkomsten.ics",
                    method="REQUEST",
                )
            ],
        )
    return len(per_persoon)


def herinneringen_due_ids(limit: int = 200) -> list[int]:
    """Ids of due, unsent reminders of every werkplaats; rows another sweeper holds are skipped."""
    nu = timezone.now()
    with in_werkplaats(None), transaction.atomic():
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
    """Send every due reminder (each in its own short transaction, in its own werkplaats)."""
    aantal = 0
    for pk in herinneringen_due_ids(limit):
        with in_werkplaats_van(Herinnering, pk, "bijeenkomst__werkteam__werkplaats"):
            aantal += herinnering_send(pk)
    return aantal
