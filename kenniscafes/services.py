"""Writes for kenniscafés: registrations under a lock, waiting list, mail, reminders, retention.

Every entry point that counts places locks the Kenniscafe row first (pretix-style): one
short durable transaction, recount under the lock, a UniqueConstraint as backstop. Mail
is never sent here: it is queued in the outbox (werkplaats.kern) after commit.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.kern.paginacache import inhoud_versie_bump
from werkplaats.kern.selectors import bewaartermijn_grens
from werkplaats.kern.services import (
    bericht_queue,
    berichten_erase,
    berichten_erase_adressen,
    in_delen,
    opdracht_queue,
)
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from . import ics, links
from .models import (
    Aanmelding,
    Abonnee,
    Evaluatie,
    Herinnering,
    Kenniscafe,
    Uitnodiging,
    UitnodigingsRonde,
)

logger = logging.getLogger(__name__)

ACTIEF = [Aanmelding.Status.BEVESTIGD, Aanmelding.Status.WACHTLIJST]
# Changing one of these fields of a published café sends everyone an updated invite.
AGENDA_VELDEN = ("start", "eind", "vorm", "locatie", "adres", "online_link")
# Personal fields of a registration: blanked by erasure and by the retention job.
PERSOONSVELDEN = ("naam", "email", "organisatie", "opleiding", "registratienummer", "opmerkingen")


class AanmeldingFout(Exception):
    """A registration that cannot be made or changed; the message is shown to the person."""


# --- registration ------------------------------------------------------------------------


def registratie_gesloten_reden(kenniscafe: Kenniscafe, nu=None) -> str | None:
    """Why registration is closed right now, or None when it is open."""
    nu = nu or timezone.now()
    if kenniscafe.status == Kenniscafe.Status.GEANNULEERD:
        return _("This knowledge café has been cancelled.")
    if kenniscafe.status != Kenniscafe.Status.GEPUBLICEERD:
        return _("Registration for this knowledge café is not open.")
    if kenniscafe.start <= nu:
        return _("This knowledge café has already started; registration is closed.")
    if kenniscafe.aanmelding_open and nu < kenniscafe.aanmelding_open:
        return _("Registration opens on %(datum)s.") % {
            "datum": timezone.localtime(kenniscafe.aanmelding_open).strftime("%d-%m-%Y %H:%M")
        }
    if kenniscafe.aanmelding_sluit and nu > kenniscafe.aanmelding_sluit:
        return _("Registration for this knowledge café has closed.")
    return None


def deelname_voor(kenniscafe: Kenniscafe, gekozen: str | None) -> str:
    """How someone takes part: chosen for a hybrid café, fixed by the format otherwise."""
    if kenniscafe.vorm == Kenniscafe.Vorm.ONLINE:
        return Aanmelding.Deelname.ONLINE
    if kenniscafe.vorm == Kenniscafe.Vorm.FYSIEK:
        return Aanmelding.Deelname.LOCATIE
    return gekozen or Aanmelding.Deelname.LOCATIE


def _plaatsen(kenniscafe: Kenniscafe, deelname: str) -> int:
    if deelname == Aanmelding.Deelname.ONLINE:
        return kenniscafe.plaatsen_online
    return kenniscafe.plaatsen_locatie


def _bezet(kenniscafe: Kenniscafe, deelname: str) -> int:
    return Aanmelding.objects.filter(
        kenniscafe=kenniscafe, status=Aanmelding.Status.BEVESTIGD, deelname=deelname
    ).count()


def _lock_kenniscafe(kenniscafe_id: int) -> Kenniscafe:
    # The lock that keeps capacity right: every writer that counts or frees places takes
    # this row lock first, so counts made under it stay true until commit.
    return Kenniscafe.objects.select_for_update(of=("self",)).get(pk=kenniscafe_id)


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


def _paginacache_bump() -> None:
    inhoud_versie_bump(sender=Aanmelding)


def _mail_later(aanmelding_id: int, soort: str, extra: str = "") -> None:
    # A stored job, committed with the change: a lost Celery message still sends the mail.
    opdracht_queue("kenniscafes.tasks.aanmelding_mail_task", aanmelding_id, soort, extra)


@transaction.atomic(durable=True)
def aanmelding_create(*, kenniscafe_id: int, gegevens: dict) -> tuple[Aanmelding, str]:
    """Register someone: a place when one is free, else the waiting list; never twice.

    Returns the registration and what happened: "bevestigd", "wachtlijst" or "bekend"
    (the address already had an active registration; it gets a mail, no new row).
    """
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    reden = registratie_gesloten_reden(kenniscafe)
    if reden:
        raise AanmeldingFout(reden)
    email = gegevens["email"].strip()
    deelname = deelname_voor(kenniscafe, gegevens.get("deelname"))
    # One query under the lock: places taken in this channel, and this address's active
    # registration if any (the UniqueConstraint is the backstop for the second).
    telling = Aanmelding.objects.filter(kenniscafe=kenniscafe, status__in=ACTIEF).aggregate(
        bezet=Count("pk", filter=Q(status=Aanmelding.Status.BEVESTIGD, deelname=deelname)),
        bestaand=Min("pk", filter=Q(email__iexact=email)),
    )
    if telling["bestaand"] is not None:
        bestaand = Aanmelding.objects.get(pk=telling["bestaand"])
        _mail_later(bestaand.pk, "bekend", timezone.now().strftime("%Y%m%d%H"))
        return bestaand, "bekend"
    vol = telling["bezet"] >= _plaatsen(kenniscafe, deelname)
    nu = timezone.now()
    aanmelding = Aanmelding(
        kenniscafe=kenniscafe,
        naam=gegevens["naam"].strip(),
        email=email,
        organisatie=gegevens.get("organisatie", "").strip(),
        rol=gegevens["rol"],
        sector=gegevens.get("sector", ""),
        regio=gegevens["regio"],
        opleiding=gegevens.get("opleiding", "").strip(),
        deelname=deelname,
        registratienummer=gegevens.get("registratienummer", "").strip(),
        opmerkingen=gegevens.get("opmerkingen", "").strip(),
        uitnodigingen_ok=bool(gegevens.get("uitnodigingen_ok")),
        status=Aanmelding.Status.WACHTLIJST if vol else Aanmelding.Status.BEVESTIGD,
        toestemming_op=nu,
        aangemaakt=nu,
        bevestigd_op=None if vol else nu,
    )
    # bulk_create sends no post_save, so the page-cache version is bumped once after
    # commit instead of inside the lock (public pages show the places left).
    Aanmelding.objects.bulk_create([aanmelding])
    transaction.on_commit(_paginacache_bump)
    if vol:
        _mail_later(aanmelding.pk, "wachtlijst")
        return aanmelding, "wachtlijst"
    _herinnering_plan(aanmelding, kenniscafe, nieuw=True)
    _mail_later(aanmelding.pk, "bevestiging")
    return aanmelding, "bevestigd"


def _wachtlijst_promote(kenniscafe: Kenniscafe) -> list[Aanmelding]:
    """Fill free places from the waiting list, earliest first (caller holds the café lock)."""
    if kenniscafe.status != Kenniscafe.Status.GEPUBLICEERD or kenniscafe.start <= timezone.now():
        return []
    gepromoveerd = []
    for deelname in Aanmelding.Deelname.values:
        vrij = _plaatsen(kenniscafe, deelname) - _bezet(kenniscafe, deelname)
        if vrij <= 0:
            continue
        wachtenden = list(
            Aanmelding.objects.filter(
                kenniscafe=kenniscafe, status=Aanmelding.Status.WACHTLIJST, deelname=deelname
            ).order_by("aangemaakt", "pk")[:vrij]
        )
        for aanmelding in wachtenden:
            gepromoveerd.append(_promote(aanmelding, kenniscafe))
    return gepromoveerd


def _promote(aanmelding: Aanmelding, kenniscafe: Kenniscafe) -> Aanmelding:
    aanmelding.status = Aanmelding.Status.BEVESTIGD
    aanmelding.bevestigd_op = timezone.now()
    aanmelding.save(update_fields=["status", "bevestigd_op"])
    _herinnering_plan(aanmelding, kenniscafe)
    # The outbox key "promotie:<pk>" makes sure the promotion is mailed exactly once.
    _mail_later(aanmelding.pk, "promotie")
    return aanmelding


@transaction.atomic(durable=True)
def aanmelding_cancel(*, aanmelding_id: int) -> Aanmelding:
    """Cancel a registration; a freed place goes to the first on the waiting list."""
    kenniscafe_id = Aanmelding.objects.values_list("kenniscafe_id", flat=True).get(pk=aanmelding_id)
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    aanmelding = Aanmelding.objects.get(pk=aanmelding_id)
    if aanmelding.status == Aanmelding.Status.GEANNULEERD:
        return aanmelding
    had_plaats = aanmelding.status == Aanmelding.Status.BEVESTIGD
    aanmelding.status = Aanmelding.Status.GEANNULEERD
    aanmelding.geannuleerd_op = timezone.now()
    aanmelding.save(update_fields=["status", "geannuleerd_op"])
    aanmelding.herinneringen.filter(verwerkt_op__isnull=True).delete()
    if had_plaats:
        # The CANCEL in the mail must outrank the REQUEST this person got: a higher
        # SEQUENCE (under the café lock; later invites to others carry it too, harmless).
        Kenniscafe.objects.filter(pk=kenniscafe.pk).update(ical_sequence=F("ical_sequence") + 1)
    if aanmelding.email:
        _mail_later(aanmelding.pk, "afmelding")
    if had_plaats:
        _wachtlijst_promote(kenniscafe)
    return aanmelding


@transaction.atomic(durable=True)
def aanmelding_forget(*, aanmelding_id: int) -> None:
    """Erase a person's details now, and every copy made of them; before the café it also cancels.

    After the café the status and attendance stay (like retention), so figures do not change.
    """
    kenniscafe_id = Aanmelding.objects.values_list("kenniscafe_id", flat=True).get(pk=aanmelding_id)
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    aanmelding = Aanmelding.objects.get(pk=aanmelding_id)
    had_plaats = aanmelding.status == Aanmelding.Status.BEVESTIGD
    if aanmelding.status != Aanmelding.Status.GEANNULEERD and not kenniscafe.is_voorbij:
        aanmelding.status = Aanmelding.Status.GEANNULEERD
        aanmelding.geannuleerd_op = timezone.now()
    aanmelding.herinneringen.filter(verwerkt_op__isnull=True).delete()
    email = aanmelding.email
    _anonymise(aanmelding)
    aanmelding.save()
    _kopieen_wissen([(aanmelding.pk, email)])
    if had_plaats and aanmelding.status == Aanmelding.Status.GEANNULEERD:
        _wachtlijst_promote(kenniscafe)


def _anonymise(aanmelding: Aanmelding) -> None:
    for veld in PERSOONSVELDEN:
        setattr(aanmelding, veld, "")
    aanmelding.uitnodigingen_ok = False
    aanmelding.geanonimiseerd_op = timezone.now()


def _kopieen_wissen(rijen: list[tuple[int, str]]) -> None:
    """Erase what was copied from these (already anonymised) registrations: (pk, e-mail) pairs.

    Their evaluation texts and their outbox mails always go. Other traces of an address
    (every mail to it, its invitations, an unconfirmed sign-up) go too unless the address
    still has a live relationship of its own: another registration not yet erased, or a
    confirmed subscription, which each keep their own links to erase or unsubscribe.
    An unsubscribe record stays: it is how we keep honouring the objection.
    A constant number of statements per batch of addresses, whatever the number of rows.
    """
    Evaluatie.objects.filter(aanmelding_id__in=[pk for pk, _email in rijen]).update(
        meenemen="", opmerking=""
    )
    adressen = {email.strip().lower() for _pk, email in rijen if email and email.strip()}
    in_gebruik = set()
    for deel in in_delen(sorted(adressen)):
        in_gebruik.update(
            Aanmelding.objects.annotate(adres=Lower("email"))
            .filter(adres__in=deel, geanonimiseerd_op__isnull=True)
            .values_list("adres", flat=True)
        )
        in_gebruik.update(
            Abonnee.objects.annotate(adres=Lower("email"))
            .filter(adres__in=deel, bevestigd_op__isnull=False, afgemeld_op__isnull=True)
            .values_list("adres", flat=True)
        )
    for aanmelding_id, email in rijen:
        if email and email.strip().lower() in in_gebruik:
            # Rare (the same person registered again): only this registration's own mails.
            sleutels = [f"kenniscafes:{soort}:{aanmelding_id}" for soort in MAIL_TEMPLATES]
            berichten_erase(email=email, sleutels=sleutels)
    vrij = sorted(adressen - in_gebruik)
    berichten_erase_adressen(emails=vrij)
    for deel in in_delen(vrij):
        Uitnodiging.objects.annotate(adres=Lower("email")).filter(adres__in=deel).delete()
        Abonnee.objects.annotate(adres=Lower("email")).filter(
            adres__in=deel, bevestigd_op__isnull=True, afgemeld_op__isnull=True
        ).delete()


@transaction.atomic(durable=True)
def aanmelding_promote(*, aanmelding_id: int) -> Aanmelding:
    """An organiser moves someone from the waiting list to a place (even beyond capacity)."""
    kenniscafe_id = Aanmelding.objects.values_list("kenniscafe_id", flat=True).get(pk=aanmelding_id)
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    aanmelding = Aanmelding.objects.get(pk=aanmelding_id)
    if aanmelding.status != Aanmelding.Status.WACHTLIJST:
        raise AanmeldingFout(_("Only someone on the waiting list can be given a place."))
    return _promote(aanmelding, kenniscafe)


@transaction.atomic(durable=True)
def aanmelding_walkin_create(*, kenniscafe_id: int, gegevens: dict) -> Aanmelding:
    """Record a walk-in on the day: present, with a place (the room decides, not the form)."""
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    email = gegevens.get("email", "").strip()
    if (
        email
        and Aanmelding.objects.filter(
            kenniscafe=kenniscafe, status__in=ACTIEF, email__iexact=email
        ).exists()
    ):
        raise AanmeldingFout(_("This e-mail address is already registered for this café."))
    nu = timezone.now()
    aanmelding = Aanmelding.objects.create(
        kenniscafe=kenniscafe,
        naam=gegevens["naam"].strip(),
        email=email,
        organisatie=gegevens.get("organisatie", "").strip(),
        rol=gegevens["rol"],
        regio=gegevens["regio"],
        deelname=deelname_voor(kenniscafe, gegevens.get("deelname")),
        registratienummer=gegevens.get("registratienummer", "").strip(),
        status=Aanmelding.Status.BEVESTIGD,
        aanwezig=True,
        is_inloop=True,
        aangemaakt=nu,
        bevestigd_op=nu,
    )
    if email:
        _evaluatie_plannen(aanmelding)
    return aanmelding


def _evaluatie_plannen(aanmelding: Aanmelding) -> None:
    """A visitor who was there gets the evaluation request once the café is over."""
    Herinnering.objects.get_or_create(
        aanmelding=aanmelding,
        soort=Herinnering.Soort.EVALUATIE,
        defaults={"verstuur_op": max(aanmelding.kenniscafe.eind, timezone.now())},
    )


@transaction.atomic
def aanmelding_attendance_set(*, aanmelding_id: int, aanwezig: bool | None) -> Aanmelding:
    """Mark someone present or absent; present visitors get the evaluation after the café."""
    aanmelding = Aanmelding.objects.select_related("kenniscafe").get(pk=aanmelding_id)
    if aanmelding.status != Aanmelding.Status.BEVESTIGD:
        raise AanmeldingFout(_("Only registrations with a place can be marked present."))
    aanmelding.aanwezig = aanwezig
    aanmelding.save(update_fields=["aanwezig"])
    if aanwezig and aanmelding.email:
        _evaluatie_plannen(aanmelding)
    else:
        aanmelding.herinneringen.filter(
            soort=Herinnering.Soort.EVALUATIE, verwerkt_op__isnull=True
        ).delete()
    return aanmelding


# --- mail to registrants -----------------------------------------------------------------

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
    met_link = aanmelding.krijgt_online_link
    return {
        "aanmelding": aanmelding,
        "kenniscafe": kenniscafe,
        "soort": soort,
        "beheer_url": links.aanmelding_url(aanmelding),
        "evaluatie_url": links.evaluatie_url(aanmelding) if soort == "evaluatie" else "",
        "online_link": kenniscafe.online_link if met_link else "",
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


# --- organisers: create, change, cancel a café -------------------------------------------


@transaction.atomic(durable=True)
def kenniscafe_save(*, form, programma_formset, door) -> Kenniscafe:
    """Store a café from the organiser form; a changed date or place notifies registrants."""
    kenniscafe = form.instance
    is_nieuw = kenniscafe.pk is None
    verborgen = []
    if not is_nieuw:
        _lock_kenniscafe(kenniscafe.pk)
        oud = Kenniscafe.objects.get(pk=kenniscafe.pk)
        # Co-organising teams the editor does not coordinate were not in their form: keep them.
        verborgen = _teams_buiten_bereik(door, oud.organisator_werkteams.all())
    _teams_check(door, form.cleaned_data.get("organisator_werkteams") or [], behalve=verborgen)
    kenniscafe = form.save()
    if verborgen:
        kenniscafe.organisator_werkteams.add(*verborgen)
    programma_formset.instance = kenniscafe
    programma_formset.save()
    if is_nieuw and door is not None and not door.is_beheerder:
        kenniscafe.organisator_gebruikers.add(door)
    if is_nieuw:
        return kenniscafe
    agenda_gewijzigd = any(getattr(oud, v) != getattr(kenniscafe, v) for v in AGENDA_VELDEN)
    if agenda_gewijzigd and kenniscafe.status == Kenniscafe.Status.GEPUBLICEERD:
        kenniscafe.ical_sequence = oud.ical_sequence + 1
        kenniscafe.save(update_fields=["ical_sequence"])
        _herinneringen_herplan(kenniscafe)
        opdracht_queue(
            "kenniscafes.tasks.kenniscafe_wijziging_task", kenniscafe.pk, kenniscafe.ical_sequence
        )
    if kenniscafe.status == Kenniscafe.Status.GEPUBLICEERD and (
        kenniscafe.plaatsen_locatie > oud.plaatsen_locatie
        or kenniscafe.plaatsen_online > oud.plaatsen_online
    ):
        _wachtlijst_promote(kenniscafe)
    return kenniscafe


def _teams_buiten_bereik(door, werkteams) -> list[Werkteam]:
    """The teams among `werkteams` that `door` does not coordinate (None: a system call)."""
    if door is None:
        return []
    eigen = set(werkteams_beheerbaar(door).values_list("pk", flat=True))
    return [werkteam for werkteam in werkteams if werkteam.pk not in eigen]


def _teams_check(door, werkteams, *, behalve=()) -> None:
    """Refuse naming a team as organiser that the editor does not coordinate."""
    behalve_ids = {werkteam.pk for werkteam in behalve}
    if any(t.pk not in behalve_ids for t in _teams_buiten_bereik(door, werkteams)):
        raise AanmeldingFout(_("You can only name work teams you coordinate as organiser."))


def _herinneringen_herplan(kenniscafe: Kenniscafe) -> None:
    verstuur_op = kenniscafe.start - timedelta(hours=kenniscafe.herinnering_uren)
    Herinnering.objects.filter(
        aanmelding__kenniscafe=kenniscafe,
        soort=Herinnering.Soort.HERINNERING,
        verwerkt_op__isnull=True,
    ).update(verstuur_op=verstuur_op)


@transaction.atomic(durable=True)
def kenniscafe_publish(*, kenniscafe_id: int) -> Kenniscafe:
    """Make a draft café public and open for registration."""
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    if kenniscafe.status != Kenniscafe.Status.CONCEPT:
        raise AanmeldingFout(_("Only a draft can be published."))
    kenniscafe.status = Kenniscafe.Status.GEPUBLICEERD
    kenniscafe.save(update_fields=["status", "gewijzigd"])
    return kenniscafe


@transaction.atomic(durable=True)
def kenniscafe_cancel(*, kenniscafe_id: int) -> Kenniscafe:
    """Cancel a café: everyone registered gets a cancellation with a calendar CANCEL."""
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    if kenniscafe.status == Kenniscafe.Status.GEANNULEERD:
        return kenniscafe
    kenniscafe.status = Kenniscafe.Status.GEANNULEERD
    kenniscafe.ical_sequence += 1
    kenniscafe.save(update_fields=["status", "ical_sequence", "gewijzigd"])
    Herinnering.objects.filter(aanmelding__kenniscafe=kenniscafe, verwerkt_op__isnull=True).delete()
    opdracht_queue("kenniscafes.tasks.kenniscafe_annulering_task", kenniscafe.pk)
    return kenniscafe


def kenniscafe_wijziging_mail(kenniscafe_id: int, sequence: int) -> int:
    """Mail every active registrant the change with an updated invite (one per sequence)."""
    return _mail_actieven(kenniscafe_id, "wijziging", str(sequence))


def kenniscafe_annulering_mail(kenniscafe_id: int) -> int:
    """Mail every active registrant that the café is cancelled, with a calendar CANCEL."""
    return _mail_actieven(kenniscafe_id, "annulering", "")


def _mail_actieven(kenniscafe_id: int, soort: str, extra: str) -> int:
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


# --- reminders and evaluation requests: rows with a due time, picked by a sweeper ---------


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
    rijen = list(
        Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(verwerkt_op__isnull=True, verstuur_op__lte=nu)
        .select_related("aanmelding__kenniscafe")
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
            _mail_queue(aanmelding, herinnering.soort)
        herinnering.verwerkt_op = nu
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


# --- mailing list (double opt-in) and invitations -----------------------------------------


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
    *, kenniscafe: Kenniscafe, werkteams, eerdere_bezoekers: bool, abonnees: bool, door
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
    from .selectors import uitnodiging_adressen

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


# --- retention ---------------------------------------------------------------------------


@transaction.atomic
def aanmeldingen_anonymise(*, nu=None, grens=None) -> int:
    """Erase personal details of registrations for cafés older than the retention period.

    Role, sector, region, status, attendance and evaluation scores stay, so yearly figures
    do not change; everything copied from the details (mails, texts, invitations) goes.
    """
    nu = nu or timezone.now()
    grens = grens or bewaartermijn_grens(nu)
    oud = Aanmelding.objects.filter(kenniscafe__eind__lt=grens, geanonimiseerd_op__isnull=True)
    te_wissen = list(oud.values_list("pk", "email"))
    aantal = Aanmelding.objects.filter(pk__in=[pk for pk, _email in te_wissen]).update(
        **{veld: "" for veld in PERSOONSVELDEN}, uitnodigingen_ok=False, geanonimiseerd_op=nu
    )
    _kopieen_wissen(te_wissen)
    Evaluatie.objects.filter(aanmelding__kenniscafe__eind__lt=grens).exclude(
        meenemen="", opmerking=""
    ).update(meenemen="", opmerking="")
    Uitnodiging.objects.filter(kenniscafe__eind__lt=grens).delete()
    # An unconfirmed sign-up whose link has expired can never become a subscription.
    Abonnee.objects.filter(
        bevestigd_op__isnull=True,
        afgemeld_op__isnull=True,
        aangemeld_op__lt=nu - links.ABONNEE_GELDIG,
    ).delete()
    return aantal
