"""Writes of members: adding and changing memberships, hand-overs, read-only logins."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from werkplaats.kern.services import bericht_queue
from werkplaats.kern.uitgaand import site_url

from ..models import Aanwezigheid, Bijeenkomst, Lidmaatschap, Persoon, Werkteam
from ..regels import WerkteamFout, datums_check
from .uitnodigingen import genodigden_mail, uitnodigingen_send


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


def _al_lid_fout() -> WerkteamFout:
    return WerkteamFout(
        _("This person is already a member of this team during (part of) this period."),
        "start",
    )


def _overlap_check(werkteam, persoon, start, eind, behalve_pk=None) -> None:
    """Refuse a second membership of the same person in the same team for overlapping days.

    The person's row is locked first, so two coordinators adding the same person at once
    queue here and the second one sees the first one's membership. Without the lock both
    would pass the check and meet in the exclusion constraint, where PostgreSQL may answer
    with a deadlock instead of a violation.
    """
    # Unfiltered: in a team shared by several werkplaatsen a member may be another
    # werkplaats's person (the caller got them from the team or from its own people).
    personen = Persoon._base_manager.select_for_update().filter(pk=persoon.pk)
    if not list(personen.values_list("pk")):
        # A beheerder merged this person away while the form was open (personen_merge).
        raise WerkteamFout(_("This person no longer exists; perhaps they were merged."))
    overlap = Lidmaatschap.objects.filter(werkteam=werkteam, persoon=persoon).filter(
        Q(eind__isnull=True) | Q(eind__gte=start)
    )
    if eind is not None:
        overlap = overlap.filter(start__lte=eind)
    if behalve_pk:
        overlap = overlap.exclude(pk=behalve_pk)
    if overlap.exists():
        raise _al_lid_fout()


def _lidmaatschap_save(lid: Lidmaatschap) -> Lidmaatschap:
    # The exclusion constraint is the backstop for a race between two coordinators.
    try:
        with transaction.atomic():
            lid.save()
    except IntegrityError:
        raise _al_lid_fout() from None
    return lid


def _komende_bijeenkomsten_uitnodigen(werkteam: Werkteam) -> None:
    """Send the invitations of the team's coming meetings (to a new member among the rest):
    one send per single meeting and one per series, which covers all its dates at once."""
    series_gehad = set()
    for bijeenkomst in Bijeenkomst.objects.filter(
        werkteam=werkteam, status=Bijeenkomst.Status.GEPLAND, start__gte=timezone.now()
    ):
        if bijeenkomst.serie is not None:
            if bijeenkomst.serie in series_gehad:
                continue
            series_gehad.add(bijeenkomst.serie)
        uitnodigingen_send(bijeenkomst)


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
    datums_check(start, eind)
    persoon = _persoon_get_or_create(persoon, nieuw, bekend_email)
    _overlap_check(werkteam, persoon, start, eind)
    lid = _lidmaatschap_save(
        Lidmaatschap(
            werkteam=werkteam, persoon=persoon, rol=rol, kerngroep=kerngroep, start=start, eind=eind
        )
    )
    _komende_bijeenkomsten_uitnodigen(werkteam)
    return lid


@transaction.atomic
def lidmaatschap_update(
    lid: Lidmaatschap, *, rol: str, kerngroep: bool, start: date, eind: date | None
) -> Lidmaatschap:
    """Change role, core-group flag or dates of one membership."""
    datums_check(start, eind)
    _overlap_check(lid.werkteam, lid.persoon, start, eind, behalve_pk=lid.pk)
    lid.rol, lid.kerngroep, lid.start, lid.eind = rol, kerngroep, start, eind
    _lidmaatschap_save(lid)
    uitnodigingen_intrekken(lid)
    return lid


@transaction.atomic
def lidmaatschap_end(lid: Lidmaatschap, eind: date) -> Lidmaatschap:
    """End a membership on a date (the last day the person is a member)."""
    datums_check(lid.start, eind)
    lid.eind = eind
    _lidmaatschap_save(lid)
    uitnodigingen_intrekken(lid)
    return lid


@transaction.atomic
def uitnodigingen_intrekken(lid: Lidmaatschap) -> int:
    """After a membership ends, withdraw its invitations to later meetings (calendar CANCEL)."""
    if lid.eind is None:
        return 0
    intrekken = [
        aanwezigheid
        for aanwezigheid in Aanwezigheid.objects.filter(
            lidmaatschap=lid,
            bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
            bijeenkomst__start__gte=timezone.now(),
        )
        .select_related("bijeenkomst__werkteam", "lidmaatschap__persoon")
        .select_for_update(of=("self",))
        if timezone.localdate(aanwezigheid.bijeenkomst.start) > lid.eind
    ]
    aantal = genodigden_mail(
        intrekken,
        sleutel=lambda a: f"werkteams:ingetrokken:{a.bijeenkomst_id}:{a.pk}",
        template_prefix="werkteams/emails/annulering",
        context=lambda a: {"lid_af": True},
        ics_methode="CANCEL",
    )
    Aanwezigheid.objects.filter(pk__in=[a.pk for a in intrekken]).delete()
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
    _komende_bijeenkomsten_uitnodigen(lid.werkteam)
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
        )
        gebruiker.set_unusable_password()
        gebruiker.save()
        persoon.gebruiker = gebruiker
        persoon.save(update_fields=["gebruiker"])
    gebruiker = persoon.gebruiker
    # An unusable password gives no reset token to guess; the token is for a usable one.
    link = site_url() + reverse(
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
