"""Users and roles: a beheerder invites, changes a role, deactivates or reactivates a user.

Roles are given per werkplaats: the pages list the users with a role in the werkplaats the
request acts in, and "the last beheerder" is counted per werkplaats. One account can hold
roles in several werkplaatsen; inviting an address that already has an account gives that
account a role here.

The invitation link is a signed, timestamped token (no table): it holds the user's id and a
hash of their password and last login, so it stops working once the password is set (used)
or after UITNODIGING_GELDIG (expired). Every change mails the person it concerns.
"""

import uuid
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from ..fouten import DomeinFout
from ..huidig import huidige_werkplaats
from ..models import Gebruiker, WerkplaatsRol, met_rollen
from ..services import bericht_queue
from ..uitgaand import site_url

UITNODIGING_GELDIG = timedelta(days=7)
UITNODIGING_SALT = "werkplaats.kern.beheer.uitnodiging"
GEBRUIKERS_TOON = 500


# --- reads -------------------------------------------------------------------------------


def _werkplaats():
    """The werkplaats whose roles are read or given: the one this request acts in."""
    werkplaats = huidige_werkplaats()
    if werkplaats is None:
        raise DomeinFout(_("Roles are given on the site of a werkplaats."))
    return werkplaats


def gebruikers_hier() -> QuerySet[Gebruiker]:
    """The users with a role (also "lid") in the werkplaats this request acts in, each with
    their roles read in the same query."""
    return met_rollen(Gebruiker.objects.filter(werkplaatsrollen__werkplaats=_werkplaats()))


def gebruiker_list_beheer(*, q: str = "") -> QuerySet[Gebruiker]:
    """Users of this werkplaats matching `q` in name, username or e-mail; at most
    GEBRUIKERS_TOON rows."""
    gebruikers = gebruikers_hier().order_by("-is_active", "first_name", "last_name", "username")
    if q:
        gebruikers = gebruikers.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(username__icontains=q)
            | Q(email__icontains=q)
        )
    return gebruikers[:GEBRUIKERS_TOON]


def _actieve_beheerders_vergrendeld(werkplaats) -> set[int]:
    """The active beheerders of `werkplaats` (and the superusers, beheerder everywhere),
    their rows locked: two beheerders removing each other at once cannot both win."""
    rollen = WerkplaatsRol.objects.select_for_update().filter(
        werkplaats=werkplaats, rol=Gebruiker.Rol.BEHEERDER, gebruiker__is_active=True
    )
    supers = Gebruiker.objects.select_for_update().filter(is_superuser=True, is_active=True)
    return set(rollen.values_list("gebruiker_id", flat=True)) | set(
        supers.values_list("pk", flat=True)
    )


# --- the invitation token ----------------------------------------------------------------


def _staat(gebruiker: Gebruiker) -> str:
    waarde = f"{gebruiker.pk}|{gebruiker.password}|{gebruiker.last_login}|{gebruiker.is_active}"
    return salted_hmac(UITNODIGING_SALT, waarde).hexdigest()[:32]


def uitnodiging_token(gebruiker: Gebruiker) -> str:
    """A signed token for `gebruiker`'s invitation link; valid once, for UITNODIGING_GELDIG."""
    return signing.dumps({"g": gebruiker.pk, "s": _staat(gebruiker)}, salt=UITNODIGING_SALT)


def uitnodiging_gebruiker(token: str) -> Gebruiker | None:
    """The invited user of a valid token; None for a forged, expired or used one."""
    try:
        data = signing.loads(token, salt=UITNODIGING_SALT, max_age=UITNODIGING_GELDIG)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    gebruiker = Gebruiker.objects.filter(pk=data.get("g"), is_active=True).first()
    if gebruiker is None or not constant_time_compare(_staat(gebruiker), str(data.get("s"))):
        return None
    return gebruiker


# --- writes ------------------------------------------------------------------------------


def _mail_wijziging(*, gebruiker: Gebruiker, soort: str, door: Gebruiker) -> None:
    bericht_queue(
        sleutel=f"kern:gebruiker:{soort}:{gebruiker.pk}:{uuid.uuid4().hex}",
        aan=gebruiker.email,
        template_prefix="kern/emails/account_gewijzigd",
        context={"gebruiker": gebruiker, "soort": soort, "door": door},
    )


def _mail_uitnodiging(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    link = site_url() + reverse(
        "uitnodiging_accepteren", kwargs={"token": uitnodiging_token(gebruiker)}
    )
    bericht_queue(
        sleutel=f"kern:uitnodiging:{gebruiker.pk}:{uuid.uuid4().hex}",
        aan=gebruiker.email,
        template_prefix="kern/emails/uitnodiging",
        context={
            "gebruiker": gebruiker,
            "door": door,
            "link": link,
            "dagen": UITNODIGING_GELDIG.days,
        },
    )


def _rol_zet(gebruiker: Gebruiker, werkplaats, rol: str) -> None:
    WerkplaatsRol.objects.update_or_create(
        gebruiker=gebruiker, werkplaats=werkplaats, defaults={"rol": rol}
    )
    gebruiker._rollen = {**gebruiker.rollen, werkplaats.pk: rol}


@transaction.atomic
def gebruiker_invite(
    *, email: str, voornaam: str, achternaam: str, rol: str, door: Gebruiker
) -> Gebruiker:
    """Give `email` the role `rol` in this werkplaats and mail them.

    A new address gets an account without a password and an invitation link. An account
    that already exists (it works in another werkplaats) gets the role here: its owner is
    told by mail, or gets a fresh link if they never chose a password."""
    werkplaats = _werkplaats()
    if rol not in (Gebruiker.Rol.BEHEERDER, Gebruiker.Rol.COORDINATOR):
        raise DomeinFout(_("Choose administrator or coordinator."), veld="rol")
    email = email.strip().lower()
    bestaand = (
        Gebruiker.objects.select_for_update()
        .filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )
    if bestaand is not None:
        if bestaand.rollen.get(werkplaats.pk, Gebruiker.Rol.LID) != Gebruiker.Rol.LID:
            raise DomeinFout(
                _(
                    "An account with this e-mail address already exists and has a role in "
                    "this werkplaats; change that role on the person's page."
                ),
                veld="email",
            )
        if not bestaand.is_active:
            raise DomeinFout(
                _("The account with this e-mail address has been deactivated."), veld="email"
            )
        _rol_zet(bestaand, werkplaats, rol)
        if bestaand.has_usable_password():
            _mail_wijziging(gebruiker=bestaand, soort="rol", door=door)
        else:
            _mail_uitnodiging(gebruiker=bestaand, door=door)
        return bestaand
    gebruiker = Gebruiker(username=email, email=email, first_name=voornaam, last_name=achternaam)
    gebruiker.set_unusable_password()
    gebruiker.save()
    _rol_zet(gebruiker, werkplaats, rol)
    _mail_uitnodiging(gebruiker=gebruiker, door=door)
    return gebruiker


@transaction.atomic
def gebruiker_invite_again(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    """Mail a fresh invitation link to an active user who has not chosen a password yet."""
    if not gebruiker.is_active or gebruiker.has_usable_password():
        raise DomeinFout(_("This person has already accepted the invitation or is deactivated."))
    _mail_uitnodiging(gebruiker=gebruiker, door=door)


def _niet_zelf_of_laatste(*, gebruiker: Gebruiker, door: Gebruiker, werkplaats, veld) -> None:
    if gebruiker.pk == door.pk:
        raise DomeinFout(_("You cannot change your own role or account."), veld=veld)
    beheerders = _actieve_beheerders_vergrendeld(werkplaats)
    if gebruiker.pk in beheerders and not beheerders - {gebruiker.pk}:
        raise DomeinFout(
            _("This is the last active administrator; appoint another one first."), veld=veld
        )


@transaction.atomic
def gebruiker_rol_change(*, gebruiker: Gebruiker, rol: str, door: Gebruiker) -> Gebruiker:
    """Give `gebruiker` another role in this werkplaats (not oneself, never leaving it without
    a beheerder); mail them. Taken off beheerder here, a superuser stops being one: that
    status made them beheerder in every werkplaats."""
    werkplaats = _werkplaats()
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if rol not in Gebruiker.Rol.values:
        raise DomeinFout(_("Choose a role."), veld="rol")
    if rol == gebruiker.rol and not (gebruiker.is_superuser and rol != Gebruiker.Rol.BEHEERDER):
        return gebruiker
    if rol != Gebruiker.Rol.BEHEERDER:
        _niet_zelf_of_laatste(gebruiker=gebruiker, door=door, werkplaats=werkplaats, veld="rol")
        if gebruiker.is_superuser or gebruiker.is_staff:
            gebruiker.is_superuser = False
            gebruiker.is_staff = False
            gebruiker.save(update_fields=["is_superuser", "is_staff"])
    elif gebruiker.pk == door.pk:
        raise DomeinFout(_("You cannot change your own role or account."), veld="rol")
    _rol_zet(gebruiker, werkplaats, rol)
    _mail_wijziging(gebruiker=gebruiker, soort="rol", door=door)
    return gebruiker


@transaction.atomic
def gebruiker_active_set(*, gebruiker: Gebruiker, actief: bool, door: Gebruiker) -> Gebruiker:
    """Deactivate (not oneself, not the last beheerder here, not someone who also works in
    another werkplaats: the account is shared) or reactivate `gebruiker`; mail them."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if gebruiker.is_active == actief:
        return gebruiker
    if not actief:
        werkplaats = _werkplaats()
        _niet_zelf_of_laatste(gebruiker=gebruiker, door=door, werkplaats=werkplaats, veld=None)
        if any(
            werkplaats_id != werkplaats.pk and rol != Gebruiker.Rol.LID
            for werkplaats_id, rol in gebruiker.rollen.items()
        ):
            raise DomeinFout(
                _(
                    "This person also has a role in another werkplaats; make them a member "
                    "here instead of deactivating the account."
                )
            )
    gebruiker.is_active = actief
    gebruiker.save(update_fields=["is_active"])
    _mail_wijziging(
        gebruiker=gebruiker, soort="geactiveerd" if actief else "gedeactiveerd", door=door
    )
    return gebruiker
