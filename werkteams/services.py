"""Writes of werkteams: members and hand-overs, meetings and invitations, minutes, outcomes.

Every function is one short transaction; mail goes through the kern outbox
(`bericht_queue`) with an idempotency key, so a retried call sends nothing twice.
"""

import hashlib
import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplaats.kern.ics import ics_bijlage, ics_deelnemer_add, ics_event, ics_kalender, ics_tekst
from werkplaats.kern.services import bericht_queue

from .bestanden import bewijs_check
from .models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Herinnering,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Verslagpunt,
    Werkteam,
)
from .selectors import coordinatoren_kiesbaar, lidmaatschappen_actief_op

MAX_SERIE = 40


class WerkteamFout(Exception):
    """A domain rule was broken; `veld` names the form field the message belongs to."""

    def __init__(self, bericht: str, veld: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.veld = veld


# --- Team ---------------------------------------------------------------------------------


# Paths under /werkteams/ that a team's slug may not take.
GERESERVEERDE_SLUGS = {"nieuw", "mijn", "afmelden"}


def _werkteam_slug(naam: str) -> str:
    basis = slugify(naam)[:70] or "werkteam"
    slug, n = basis, 2
    while slug in GERESERVEERDE_SLUGS or Werkteam.objects.filter(slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


def _mag_coordinatoren_kiezen(door) -> None:
    if not (door.is_authenticated and door.is_beheerder):
        raise PermissionDenied


def _coordinatoren_controleren(coordinatoren) -> list:
    coordinatoren = list(coordinatoren)
    gekozen = {g.pk for g in coordinatoren}
    if gekozen - set(coordinatoren_kiesbaar().filter(pk__in=gekozen).values_list("pk", flat=True)):
        raise WerkteamFout(
            _("Only active coordinators and administrators can coordinate a team."),
            "coordinatoren",
        )
    return coordinatoren


@transaction.atomic
def werkteam_create(*, door, coordinatoren=(), **velden) -> Werkteam:
    """An administrator starts a team; its address comes from its name and never changes."""
    _mag_coordinatoren_kiezen(door)
    coordinatoren = _coordinatoren_controleren(coordinatoren)
    werkteam = Werkteam(**velden)
    werkteam.naam = werkteam.naam.strip()
    if not werkteam.naam:
        raise WerkteamFout(_("Give the team a name."), "naam")
    werkteam.slug = _werkteam_slug(werkteam.naam)
    werkteam.save()
    werkteam.coordinatoren.set(coordinatoren)
    return werkteam


@transaction.atomic
def werkteam_coordinatoren_set(*, door, werkteam: Werkteam, coordinatoren) -> Werkteam:
    """An administrator names who coordinates a team (their access follows at once)."""
    _mag_coordinatoren_kiezen(door)
    werkteam.coordinatoren.set(_coordinatoren_controleren(coordinatoren))
    return werkteam


@transaction.atomic
def werkteam_update(werkteam: Werkteam, **velden) -> Werkteam:
    """Change a team's description, opgave, status and wanted parties."""
    for naam, waarde in velden.items():
        setattr(werkteam, naam, waarde)
    werkteam.save()
    return werkteam


# --- Members ------------------------------------------------------------------------------


def _persoon_get_or_create(
    persoon: Persoon | None, nieuw: dict | None, bekend_email: str = ""
) -> Persoon:
    if persoon is not None:
        return persoon
    if bekend_email:
        # A coordinator sees only the people of their own teams; anyone else they reach by
        # the exact address, so the list never shows them another team's people.
        bestaand = Persoon.objects.filter(email__iexact=bekend_email.strip()).first()
        if bestaand is None:
            raise WerkteamFout(
                _("Nobody is known by this e-mail address; add them as a new person."),
                "bekend_email",
            )
        return bestaand
    if not nieuw or not nieuw.get("naam") or not nieuw.get("email"):
        raise WerkteamFout(_("Pick an existing person or fill in a name and e-mail address."))
    bestaand = Persoon.objects.filter(email__iexact=nieuw["email"]).first()
    if bestaand is not None:
        raise WerkteamFout(
            _(
                "A person with this e-mail address is already known; pick them from the list "
                "or type the address under ‘someone from another team’."
            ),
            "email",
        )
    return Persoon.objects.create(
        naam=nieuw["naam"],
        email=nieuw["email"],
        organisatie=nieuw.get("organisatie"),
        functie=nieuw.get("functie", ""),
    )


def _overlap_check(werkteam, persoon, start, eind, behalve_pk=None) -> None:
    """Refuse a second membership of the same person in the same team for overlapping days."""
    overlap = Lidmaatschap.objects.filter(werkteam=werkteam, persoon=persoon).filter(
        Q(eind__isnull=True) | Q(eind__gte=start)
    )
    if eind is not None:
        overlap = overlap.filter(start__lte=eind)
    if behalve_pk:
        overlap = overlap.exclude(pk=behalve_pk)
    if overlap.exists():
        raise WerkteamFout(
            _("This person is already a member of this team during (part of) this period."),
            "start",
        )


def _datums_check(start, eind) -> None:
    if eind is not None and start is not None and eind < start:
        raise WerkteamFout(_("The end date cannot be before the start date."), "eind")


def _lidmaatschap_save(lid: Lidmaatschap) -> Lidmaatschap:
    # The exclusion constraint is the backstop for a race between two coordinators.
    try:
        with transaction.atomic():
            lid.save()
    except IntegrityError:
        raise WerkteamFout(
            _("This person is already a member of this team during (part of) this period."),
            "start",
        ) from None
    return lid


@transaction.atomic
def lidmaatschap_create(
    werkteam: Werkteam,
    *,
    rol: str,
    start: date,
    eind: date | None = None,
    kerngroep: bool = False,
    persoon: Persoon | None = None,
    nieuw: dict | None = None,
    bekend_email: str = "",
) -> Lidmaatschap:
    """Add a member (an existing person or a new one) and invite them to coming meetings."""
    _datums_check(start, eind)
    persoon = _persoon_get_or_create(persoon, nieuw, bekend_email)
    _overlap_check(werkteam, persoon, start, eind)
    lid = _lidmaatschap_save(
        Lidmaatschap(
            werkteam=werkteam, persoon=persoon, rol=rol, kerngroep=kerngroep, start=start, eind=eind
        )
    )
    for bijeenkomst in Bijeenkomst.objects.filter(
        werkteam=werkteam, status=Bijeenkomst.Status.GEPLAND, start__gte=timezone.now()
    ):
        uitnodigingen_send(bijeenkomst)
    return lid


@transaction.atomic
def lidmaatschap_update(
    lid: Lidmaatschap, *, rol: str, kerngroep: bool, start: date, eind: date | None
) -> Lidmaatschap:
    """Change role, core-group flag or dates of one membership."""
    _datums_check(start, eind)
    _overlap_check(lid.werkteam, lid.persoon, start, eind, behalve_pk=lid.pk)
    lid.rol, lid.kerngroep, lid.start, lid.eind = rol, kerngroep, start, eind
    _lidmaatschap_save(lid)
    uitnodigingen_intrekken(lid)
    return lid


@transaction.atomic
def lidmaatschap_end(lid: Lidmaatschap, eind: date) -> Lidmaatschap:
    """End a membership on a date (the last day the person is a member)."""
    _datums_check(lid.start, eind)
    lid.eind = eind
    _lidmaatschap_save(lid)
    uitnodigingen_intrekken(lid)
    return lid


@transaction.atomic
def uitnodigingen_intrekken(lid: Lidmaatschap) -> int:
    """After a membership ends, withdraw its invitations to later meetings (calendar CANCEL)."""
    if lid.eind is None:
        return 0
    aantal = 0
    for aanwezigheid in (
        Aanwezigheid.objects.filter(
            lidmaatschap=lid,
            bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
            bijeenkomst__start__gte=timezone.now(),
        )
        .select_related("bijeenkomst__werkteam", "lidmaatschap__persoon")
        .select_for_update(of=("self",))
    ):
        bijeenkomst = aanwezigheid.bijeenkomst
        if timezone.localdate(bijeenkomst.start) <= lid.eind:
            continue
        persoon = aanwezigheid.lidmaatschap.persoon
        bericht_queue(
            sleutel=f"werkteams:ingetrokken:{bijeenkomst.pk}:{aanwezigheid.pk}",
            aan=persoon.email,
            template_prefix="werkteams/emails/annulering",
            context={"bijeenkomst": bijeenkomst, "persoon": persoon, "lid_af": True},
            bijlagen=[_ics_bijlage(bijeenkomst, persoon, "CANCEL")],
        )
        aanwezigheid.delete()
        aantal += 1
    return aantal


@transaction.atomic
def lidmaatschap_handover(
    lid: Lidmaatschap,
    *,
    datum: date,
    persoon: Persoon | None = None,
    nieuw: dict | None = None,
    bekend_email: str = "",
    rol: str | None = None,
) -> Lidmaatschap:
    """Warme overdracht: the old place ends the day before `datum`, the successor starts on it."""
    # Lock the membership so two coordinators cannot hand the same place over twice.
    lid = Lidmaatschap.objects.select_for_update().select_related("persoon").get(pk=lid.pk)
    if lid.overgedragen_aan_id:
        raise WerkteamFout(_("This place has already been handed over."), "datum")
    if datum <= lid.start:
        raise WerkteamFout(
            _("The hand-over date must be after the start of the current membership."), "datum"
        )
    if lid.eind is not None and datum > lid.eind + timedelta(days=1):
        raise WerkteamFout(
            _("This membership had already ended before the hand-over date."), "datum"
        )
    opvolger = _persoon_get_or_create(persoon, nieuw, bekend_email)
    if opvolger.pk == lid.persoon_id:
        raise WerkteamFout(_("A place cannot be handed over to the same person."), "persoon")
    lid.eind = datum - timedelta(days=1)
    _lidmaatschap_save(lid)
    _overlap_check(lid.werkteam, opvolger, datum, None)
    nieuw_lid = _lidmaatschap_save(
        Lidmaatschap(
            werkteam=lid.werkteam,
            persoon=opvolger,
            rol=rol or lid.rol,
            kerngroep=lid.kerngroep,
            start=datum,
        )
    )
    lid.overgedragen_aan = nieuw_lid
    lid.save(update_fields=["overgedragen_aan"])
    uitnodigingen_intrekken(lid)
    for bijeenkomst in Bijeenkomst.objects.filter(
        werkteam=lid.werkteam, status=Bijeenkomst.Status.GEPLAND, start__gte=timezone.now()
    ):
        uitnodigingen_send(bijeenkomst)
    return nieuw_lid


@transaction.atomic
def lid_login_invite(lid: Lidmaatschap) -> None:
    """Give a member a read-only login and mail them a link to choose a password."""
    persoon = lid.persoon
    Gebruiker = get_user_model()
    if persoon.gebruiker_id is None:
        if Gebruiker.objects.filter(username__iexact=persoon.email).exists():
            raise WerkteamFout(_("An account with this e-mail address already exists."))
        gebruiker = Gebruiker(
            username=persoon.email.lower(),
            email=persoon.email,
            first_name=persoon.naam[:150],
            rol=Gebruiker.Rol.LID,
        )
        gebruiker.set_unusable_password()
        gebruiker.save()
        persoon.gebruiker = gebruiker
        persoon.save(update_fields=["gebruiker"])
    gebruiker = persoon.gebruiker
    # An unusable password gives no reset token to guess; the token is for a usable one.
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        },
    )
    bericht_queue(
        sleutel=f"werkteams:login:{gebruiker.pk}:{gebruiker.password[-12:]}",
        aan=persoon.email,
        template_prefix="werkteams/emails/login",
        context={"persoon": persoon, "werkteam": lid.werkteam, "link": link},
    )


# --- Meetings ------------------------------------------------------------------------------


def _start_aware(dag: date, tijd) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _nde_weekdag(jaar: int, maand: int, weekdag: int, n: int) -> date | None:
    eerste = date(jaar, maand, 1)
    dag = eerste + timedelta(days=(weekdag - eerste.weekday()) % 7 + 7 * (n - 1))
    return dag if dag.month == maand else None


def serie_data(eerste: date, herhaling: str, tot: date | None, overslaan: set[date]) -> list[date]:
    """The dates of a series: weekly, fortnightly or monthly on the same nth weekday."""
    if herhaling == "eenmalig" or tot is None:
        return [] if eerste in overslaan else [eerste]
    data = []
    if herhaling in ("wekelijks", "tweewekelijks"):
        stap = timedelta(weeks=1 if herhaling == "wekelijks" else 2)
        dag = eerste
        while dag <= tot and len(data) <= MAX_SERIE:
            data.append(dag)
            dag += stap
    else:  # maandelijks: same nth weekday (e.g. the 2nd Tuesday) of every month
        n = (eerste.day - 1) // 7 + 1
        jaar, maand = eerste.year, eerste.month
        while len(data) <= MAX_SERIE:
            dag = _nde_weekdag(jaar, maand, eerste.weekday(), n)
            if dag is None:
                dag = _nde_weekdag(jaar, maand, eerste.weekday(), 4)
            if dag > tot:
                break
            data.append(dag)
            maand += 1
            if maand > 12:
                jaar, maand = jaar + 1, 1
    return [dag for dag in data if dag not in overslaan]


def _herinnering_plan(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.herinnering_dagen == 0:  # 0 means: no reminder for this meeting
        Herinnering.objects.filter(bijeenkomst=bijeenkomst, verstuurd_op__isnull=True).delete()
        return
    verstuur_op = bijeenkomst.start - timedelta(days=bijeenkomst.herinnering_dagen)
    Herinnering.objects.update_or_create(
        bijeenkomst=bijeenkomst, defaults={"verstuur_op": verstuur_op, "verstuurd_op": None}
    )


@transaction.atomic
def bijeenkomsten_plan(
    werkteam: Werkteam,
    *,
    titel: str,
    eerste: date,
    tijd,
    duur_minuten: int,
    vorm: str,
    herhaling: str = "eenmalig",
    tot: date | None = None,
    overslaan: set[date] | None = None,
    locatie: str = "",
    online_link: str = "",
    agenda: str = "",
    leerdoelen: list[str] | None = None,
    herinnering_dagen: int = 2,
) -> list[Bijeenkomst]:
    """Plan one meeting or a series, with goals and reminders, and invite the members."""
    if _start_aware(eerste, tijd) <= timezone.now():
        raise WerkteamFout(_("A meeting cannot be planned in the past."), "eerste")
    if herhaling != "eenmalig":
        if tot is None:
            raise WerkteamFout(_("Give the last date of the series."), "tot")
        if tot < eerste:
            raise WerkteamFout(_("The series cannot end before its first meeting."), "tot")
    if vorm in (Bijeenkomst.Vorm.ONLINE, Bijeenkomst.Vorm.HYBRIDE) and not online_link:
        raise WerkteamFout(_("An online or hybrid meeting needs an online link."), "online_link")
    if vorm in (Bijeenkomst.Vorm.FYSIEK, Bijeenkomst.Vorm.HYBRIDE) and not locatie:
        raise WerkteamFout(_("A meeting in person needs a location."), "locatie")
    data = serie_data(eerste, herhaling, tot, overslaan or set())
    if not data:
        raise WerkteamFout(_("No dates are left after skipping."), "overslaan")
    if len(data) > MAX_SERIE:
        raise WerkteamFout(
            _("A series can have at most %(max)s meetings.") % {"max": MAX_SERIE}, "tot"
        )
    serie = uuid.uuid4() if len(data) > 1 else None
    bijeenkomsten = []
    for dag in data:
        bijeenkomst = Bijeenkomst.objects.create(
            werkteam=werkteam,
            serie=serie,
            titel=titel,
            start=_start_aware(dag, tijd),
            duur_minuten=duur_minuten,
            vorm=vorm,
            locatie=locatie,
            online_link=online_link,
            agenda=agenda,
            herinnering_dagen=herinnering_dagen,
        )
        Leerdoel.objects.bulk_create(
            Leerdoel(bijeenkomst=bijeenkomst, omschrijving=doel) for doel in (leerdoelen or [])
        )
        _herinnering_plan(bijeenkomst)
        uitnodigingen_send(bijeenkomst)
        bijeenkomsten.append(bijeenkomst)
    return bijeenkomsten


@transaction.atomic
def bijeenkomst_update(
    bijeenkomst: Bijeenkomst,
    *,
    titel: str,
    dag: date,
    tijd,
    duur_minuten: int,
    vorm: str,
    locatie: str,
    online_link: str,
    agenda: str,
) -> Bijeenkomst:
    """Change a meeting and send every invitee a calendar update (SEQUENCE + 1)."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.is_geannuleerd:
        raise WerkteamFout(_("A cancelled meeting cannot be changed."))
    if vorm in (Bijeenkomst.Vorm.ONLINE, Bijeenkomst.Vorm.HYBRIDE) and not online_link:
        raise WerkteamFout(_("An online or hybrid meeting needs an online link."), "online_link")
    if vorm in (Bijeenkomst.Vorm.FYSIEK, Bijeenkomst.Vorm.HYBRIDE) and not locatie:
        raise WerkteamFout(_("A meeting in person needs a location."), "locatie")
    nieuwe_start = _start_aware(dag, tijd)
    if nieuwe_start != bijeenkomst.start and nieuwe_start <= timezone.now():
        raise WerkteamFout(_("A meeting cannot be moved into the past."), "dag")
    bijeenkomst.titel, bijeenkomst.start, bijeenkomst.duur_minuten = (
        titel,
        nieuwe_start,
        duur_minuten,
    )
    bijeenkomst.vorm, bijeenkomst.locatie, bijeenkomst.online_link = vorm, locatie, online_link
    bijeenkomst.agenda = agenda
    bijeenkomst.volgnummer += 1
    bijeenkomst.save()
    if bijeenkomst.start > timezone.now():
        _herinnering_plan(bijeenkomst)
        uitnodigingen_send(bijeenkomst)
    return bijeenkomst


@transaction.atomic
def bijeenkomst_cancel(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    """Cancel a meeting: every invitee gets a calendar cancellation; no reminder follows."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.is_geannuleerd:
        return bijeenkomst
    bijeenkomst.status = Bijeenkomst.Status.GEANNULEERD
    bijeenkomst.volgnummer += 1
    bijeenkomst.save(update_fields=["status", "volgnummer"])
    Herinnering.objects.filter(bijeenkomst=bijeenkomst).delete()
    for aanwezigheid in bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"):
        persoon = aanwezigheid.lidmaatschap.persoon
        bericht_queue(
            sleutel=f"werkteams:annulering:{bijeenkomst.pk}:{aanwezigheid.pk}:{bijeenkomst.volgnummer}",
            aan=persoon.email,
            template_prefix="werkteams/emails/annulering",
            context={"bijeenkomst": bijeenkomst, "persoon": persoon},
            bijlagen=[_ics_bijlage(bijeenkomst, persoon, "CANCEL")],
        )
    return bijeenkomst


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


def _ics_bijlage(bijeenkomst, persoon, methode) -> dict:
    return ics_bijlage(
        ics_maken(bijeenkomst, persoon, methode), naam="bijeenkomst.ics", method=methode
    )


def afmeld_url(aanwezigheid: Aanwezigheid) -> str:
    """The personal link with which a member reports absence."""
    return settings.SITE_URL + reverse("werkteams:afmelden", args=[aanwezigheid.sleutel])


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
    aantal = 0
    for aanwezigheid in bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"):
        persoon = aanwezigheid.lidmaatschap.persoon
        bericht_queue(
            sleutel=f"werkteams:uitnodiging:{bijeenkomst.pk}:{aanwezigheid.pk}:{bijeenkomst.volgnummer}",
            aan=persoon.email,
            template_prefix="werkteams/emails/uitnodiging",
            context={
                "bijeenkomst": bijeenkomst,
                "persoon": persoon,
                "soort": soort,
                "afmeld_url": afmeld_url(aanwezigheid),
                "leerdoelen": list(bijeenkomst.leerdoelen.all()),
            },
            bijlagen=[_ics_bijlage(bijeenkomst, persoon, "REQUEST")],
        )
        aantal += 1
    return aantal


@transaction.atomic
def aanwezigheid_afmelden(aanwezigheid: Aanwezigheid, reden: str = "") -> Aanwezigheid:
    """A member reports absence through their personal link."""
    aanwezigheid = Aanwezigheid.objects.select_for_update().get(pk=aanwezigheid.pk)
    bijeenkomst = aanwezigheid.bijeenkomst
    if bijeenkomst.is_geannuleerd:
        raise WerkteamFout(
            _("This meeting has been cancelled; there is no need to report absence.")
        )
    if bijeenkomst.eind < timezone.now():
        raise WerkteamFout(_("This meeting is over; absence can no longer be reported."))
    aanwezigheid.status = Aanwezigheid.Status.AFGEMELD
    aanwezigheid.afmelding_reden = reden
    aanwezigheid.afgemeld_op = timezone.now()
    aanwezigheid.save(update_fields=["status", "afmelding_reden", "afgemeld_op"])
    return aanwezigheid


@transaction.atomic
def aanwezigheid_record(bijeenkomst: Bijeenkomst, statussen: dict[int, str]) -> None:
    """Record attendance per invitee (present, absent, excused)."""
    geldig = set(Aanwezigheid.Status.values)
    # Lock this meeting's attendance rows (only them, not the joined tables).
    for aanwezigheid in Aanwezigheid.objects.select_for_update().filter(bijeenkomst=bijeenkomst):
        status = statussen.get(aanwezigheid.pk)
        if status in geldig and status != aanwezigheid.status:
            aanwezigheid.status = status
            aanwezigheid.save(update_fields=["status"])


@transaction.atomic
def verslag_update(bijeenkomst: Bijeenkomst, *, incheck: str, verslag: str) -> Bijeenkomst:
    """Save the check-in notes and the minutes of a meeting."""
    bijeenkomst.incheck, bijeenkomst.verslag = incheck, verslag
    bijeenkomst.save(update_fields=["incheck", "verslag"])
    return bijeenkomst


@transaction.atomic
def verslagpunt_create(
    bijeenkomst: Bijeenkomst, *, soort: str, tekst: str, eigenaar=None, deadline=None
) -> Verslagpunt:
    """Record a decision or an action (with owner and due date) in the minutes."""
    if soort == Verslagpunt.Soort.BESLUIT and (eigenaar or deadline):
        raise WerkteamFout(_("Only an action has an owner and a due date."), "eigenaar")
    return Verslagpunt.objects.create(
        bijeenkomst=bijeenkomst, soort=soort, tekst=tekst, eigenaar=eigenaar, deadline=deadline
    )


@transaction.atomic
def verslagpunt_toggle(punt: Verslagpunt) -> Verslagpunt:
    """Mark an action done, or not done again."""
    punt.gedaan = not punt.gedaan
    punt.save(update_fields=["gedaan"])
    return punt


@transaction.atomic
def leerdoelen_assess(bijeenkomst: Bijeenkomst, resultaten: dict[int, str]) -> None:
    """Mark each learning goal of a meeting reached, partly or not."""
    for doel in bijeenkomst.leerdoelen.all():
        if doel.pk in resultaten and resultaten[doel.pk] != doel.resultaat:
            doel.resultaat = resultaten[doel.pk]
            doel.save(update_fields=["resultaat"])


@transaction.atomic
def leerdoel_create(bijeenkomst: Bijeenkomst, omschrijving: str) -> Leerdoel:
    """Add a learning goal to a meeting."""
    return Leerdoel.objects.create(bijeenkomst=bijeenkomst, omschrijving=omschrijving)


@transaction.atomic(durable=True)
def verslag_publish(bijeenkomst: Bijeenkomst) -> int:
    """Publish the minutes: mail them to every invitee, absentees included (once)."""
    # Lock the meeting so a double click publishes (and mails) once.
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if not bijeenkomst.verslag.strip():
        raise WerkteamFout(_("Write the minutes before publishing them."), "verslag")
    punten = list(bijeenkomst.verslagpunten.select_related("eigenaar").order_by("pk"))
    leerdoelen = list(bijeenkomst.leerdoelen.order_by("pk"))
    vingerafdruk = _verslag_vingerafdruk(bijeenkomst, punten, leerdoelen)
    if vingerafdruk != bijeenkomst.verslag_vingerafdruk:
        # Changed since it was last mailed (or never mailed): a new version for everyone.
        bijeenkomst.verslag_versie += 1
        bijeenkomst.verslag_vingerafdruk = vingerafdruk
        bijeenkomst.verslag_gepubliceerd_op = bijeenkomst.verslag_gepubliceerd_op or timezone.now()
        bijeenkomst.save(
            update_fields=["verslag_versie", "verslag_vingerafdruk", "verslag_gepubliceerd_op"]
        )
    versie = bijeenkomst.verslag_versie
    aantal = 0
    for aanwezigheid in bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"):
        persoon = aanwezigheid.lidmaatschap.persoon
        bericht_queue(
            # One mail per member per version; the first version keeps its original key.
            sleutel=f"werkteams:verslag:{bijeenkomst.pk}:{aanwezigheid.pk}"
            + (f":v{versie}" if versie > 1 else ""),
            aan=persoon.email,
            template_prefix="werkteams/emails/verslag",
            context={
                "bijeenkomst": bijeenkomst,
                "persoon": persoon,
                "aanwezigheid": aanwezigheid,
                "besluiten": [p for p in punten if p.soort == Verslagpunt.Soort.BESLUIT],
                "acties": [p for p in punten if p.soort == Verslagpunt.Soort.ACTIE],
                "leerdoelen": leerdoelen,
                "correctie": versie > 1,
            },
        )
        aantal += 1
    return aantal


def _verslag_vingerafdruk(bijeenkomst: Bijeenkomst, punten, leerdoelen) -> str:
    """A hash of everything the minutes mail shows (ticking an action done is no correction)."""
    inhoud = [
        bijeenkomst.incheck,
        bijeenkomst.verslag,
        [(p.soort, p.tekst, p.eigenaar_id, str(p.deadline)) for p in punten],
        [(d.omschrijving, d.resultaat) for d in leerdoelen],
    ]
    return hashlib.sha256(json.dumps(inhoud).encode()).hexdigest()


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
        for aanwezigheid in bijeenkomst.aanwezigheden.exclude(
            status=Aanwezigheid.Status.AFGEMELD
        ).select_related("lidmaatschap__persoon"):
            persoon = aanwezigheid.lidmaatschap.persoon
            bericht_queue(
                sleutel=f"werkteams:herinnering:{bijeenkomst.pk}:{aanwezigheid.pk}:{bijeenkomst.volgnummer}",
                aan=persoon.email,
                template_prefix="werkteams/emails/herinnering",
                context={
                    "bijeenkomst": bijeenkomst,
                    "persoon": persoon,
                    "afmeld_url": afmeld_url(aanwezigheid),
                },
            )
            aantal += 1
    herinnering.verstuurd_op = timezone.now()
    herinnering.save(update_fields=["verstuurd_op"])
    return aantal


def herinneringen_sweep(limit: int = 200) -> int:
    """Send every due reminder (each in its own short transaction)."""
    return sum(herinnering_send(pk) for pk in herinneringen_due_ids(limit))


# --- Learning and activities ---------------------------------------------------------------


@transaction.atomic
def leeropbrengst_create(werkteam: Werkteam, **velden) -> Leeropbrengst:
    """Record a learning outcome; doorwerking (an organisation) only at organisation level."""
    if velden.get("niveau") == Leeropbrengst.Niveau.ORGANISATIE and not velden.get("organisatie"):
        raise WerkteamFout(
            _("Say which organisation this lesson reached (doorwerking)."), "organisatie"
        )
    if velden.get("niveau") != Leeropbrengst.Niveau.ORGANISATIE and velden.get("organisatie"):
        raise WerkteamFout(
            _("Only an outcome at organisation level reaches an organisation."), "organisatie"
        )
    for koppeling in ("bijeenkomst", "activiteit"):
        object_ = velden.get(koppeling)
        if object_ is not None and object_.werkteam_id != werkteam.pk:
            raise WerkteamFout(_("This does not belong to this team."), koppeling)
    publicatie = velden.get("publicatie")
    if publicatie is not None and not publicatie.werkteams.filter(pk=werkteam.pk).exists():
        raise WerkteamFout(_("This does not belong to this team."), "publicatie")
    bestand = velden.get("bewijs_bestand")
    if bestand:
        try:
            bewijs_check(bestand)
        except ValidationError as fout:
            raise WerkteamFout(fout.messages[0], "bewijs_bestand") from None
        # Kept for display and the download's file name only; the stored name is random.
        velden["bewijs_naam"] = PurePath(bestand.name).name[:255]
    return Leeropbrengst.objects.create(werkteam=werkteam, **velden)


@transaction.atomic
def activiteit_create(werkteam: Werkteam, *, organisaties=(), **velden) -> Activiteit:
    """Record an activity of the team (guest lesson, pilot, student research, …)."""
    _datums_check(velden.get("start"), velden.get("eind"))
    activiteit = Activiteit.objects.create(werkteam=werkteam, **velden)
    activiteit.organisaties.set(organisaties)
    return activiteit
