"""Registrations: register under the café lock, the waiting list, cancel, forget, walk-ins.

Every entry point that counts places locks the Kenniscafe row first (pretix-style): one
short durable transaction, recount under the lock, a UniqueConstraint as backstop. Mail
is never sent here: it is queued in the outbox (werkplaats.kern) after commit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.kern.paginacache import inhoud_versie_bump

from ..models import Aanmelding, Herinnering, Kenniscafe
from ._basis import ACTIEF, AanmeldingFout, UitFormulier, _lock_kenniscafe
from .bewaren import _anonymise, _kopieen_wissen
from .herinneringen import _evaluatie_plannen, _herinnering_plan
from .mail import _mail_later


@dataclass(frozen=True)
class AanmeldGegevens(UitFormulier):
    """What a visitor's registration may store; `deelname` only counts for a hybrid café."""

    naam: str
    email: str
    rol: str
    regio: str
    organisatie: str = ""
    sector: str = ""
    opleiding: str = ""
    deelname: str | None = None
    registratienummer: str = ""
    opmerkingen: str = ""
    uitnodigingen_ok: bool = False


@dataclass(frozen=True)
class InloopGegevens(UitFormulier):
    """What an organiser records of a walk-in on the day; the e-mail address is optional."""

    naam: str
    rol: str
    regio: str
    email: str = ""
    organisatie: str = ""
    deelname: str | None = None
    registratienummer: str = ""


def _persoon(gegevens: AanmeldGegevens | InloopGegevens) -> dict:
    """The columns a registration and a walk-in share, spaces trimmed."""
    return {
        "naam": gegevens.naam.strip(),
        "email": gegevens.email.strip(),
        "organisatie": gegevens.organisatie.strip(),
        "rol": gegevens.rol,
        "regio": gegevens.regio,
        "registratienummer": gegevens.registratienummer.strip(),
    }


def _paginacache_bump() -> None:
    inhoud_versie_bump(sender=Aanmelding)


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


@transaction.atomic(durable=True)
def aanmelding_create(*, kenniscafe_id: int, gegevens: AanmeldGegevens) -> tuple[Aanmelding, str]:
    """Register someone: a place when one is free, else the waiting list; never twice.

    Returns the registration and what happened: "bevestigd", "wachtlijst" or "bekend"
    (the address already had an active registration; it gets a mail, no new row).
    """
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    reden = registratie_gesloten_reden(kenniscafe)
    if reden:
        raise AanmeldingFout(reden)
    email = gegevens.email.strip()
    deelname = deelname_voor(kenniscafe, gegevens.deelname)
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
        **_persoon(gegevens),
        sector=gegevens.sector,
        opleiding=gegevens.opleiding.strip(),
        deelname=deelname,
        opmerkingen=gegevens.opmerkingen.strip(),
        uitnodigingen_ok=bool(gegevens.uitnodigingen_ok),
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
def aanmelding_walkin_create(*, kenniscafe_id: int, gegevens: InloopGegevens) -> Aanmelding:
    """Record a walk-in on the day: present, with a place (the room decides, not the form)."""
    kenniscafe = _lock_kenniscafe(kenniscafe_id)
    email = gegevens.email.strip()
    if (
        email
        and Aanmelding.objects.filter(
            kenniscafe=kenniscafe, status__in=ACTIEF, email__iexact=email
        ).exists()
    ):
        raise AanmeldingFout(_("This e-mail address is already registered for this café."), "email")
    nu = timezone.now()
    aanmelding = Aanmelding.objects.create(
        kenniscafe=kenniscafe,
        **_persoon(gegevens),
        deelname=deelname_voor(kenniscafe, gegevens.deelname),
        status=Aanmelding.Status.BEVESTIGD,
        aanwezig=True,
        is_inloop=True,
        aangemaakt=nu,
        bevestigd_op=nu,
    )
    if email:
        _evaluatie_plannen(aanmelding)
    return aanmelding


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
