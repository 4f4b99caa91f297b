"""Users and roles: a beheerder invites, changes a role, deactivates or reactivates a user.

The invitation link is a signed, timestamped token (no table): it holds the user's id and a
hash of their password and last login, so it stops working once the password is set (used)
or after UITNODIGING_GELDIG (expired). Every change mails the person it concerns.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from ..fouten import DomeinFout
from ..models import Gebruiker
from ..services import bericht_queue

UITNODIGING_GELDIG = timedelta(days=7)
UITNODIGING_SALT = "werkplaats.kern.beheer.uitnodiging"
GEBRUIKERS_TOON = 500


# --- reads -------------------------------------------------------------------------------


def gebruiker_list_beheer(*, q: str = "") -> QuerySet[Gebruiker]:
    """Users matching `q` in name, username or e-mail; at most GEBRUIKERS_TOON rows."""
    gebruikers = Gebruiker.objects.order_by("-is_active", "first_name", "last_name", "username")
    if q:
        gebruikers = gebruikers.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(username__icontains=q)
            | Q(email__icontains=q)
        )
    return gebruikers[:GEBRUIKERS_TOON]


def _actieve_beheerders() -> QuerySet[Gebruiker]:
    return Gebruiker.objects.filter(
        Q(rol=Gebruiker.Rol.BEHEERDER) | Q(is_superuser=True), is_active=True
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
    link = settings.SITE_URL + reverse(
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


@transaction.atomic
def gebruiker_invite(
    *, email: str, voornaam: str, achternaam: str, rol: str, door: Gebruiker
) -> Gebruiker:
    """Create an inactive-password account for `email` with `rol` and mail the invitation."""
    if rol not in (Gebruiker.Rol.BEHEERDER, Gebruiker.Rol.COORDINATOR):
        raise DomeinFout(_("Choose administrator or coordinator."), veld="rol")
    email = email.strip().lower()
    if Gebruiker.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise DomeinFout(_("A user with this e-mail address already exists."), veld="email")
    gebruiker = Gebruiker(
        username=email, email=email, first_name=voornaam, last_name=achternaam, rol=rol
    )
    gebruiker.set_unusable_password()
    gebruiker.save()
    _mail_uitnodiging(gebruiker=gebruiker, door=door)
    return gebruiker


@transaction.atomic
def gebruiker_invite_again(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    """Mail a fresh invitation link to an active user who has not chosen a password yet."""
    if not gebruiker.is_active or gebruiker.has_usable_password():
        raise DomeinFout(_("This person has already accepted the invitation or is deactivated."))
    _mail_uitnodiging(gebruiker=gebruiker, door=door)


def _niet_zelf_of_laatste(*, gebruiker: Gebruiker, door: Gebruiker, veld: str) -> None:
    if gebruiker.pk == door.pk:
        raise DomeinFout(_("You cannot change your own role or account."), veld=veld)
    # Lock every active beheerder: two beheerders removing each other at once cannot both win.
    beheerders = list(_actieve_beheerders().select_for_update().values_list("pk", flat=True))
    if gebruiker.is_beheerder and not set(beheerders) - {gebruiker.pk}:
        raise DomeinFout(
            _("This is the last active administrator; appoint another one first."), veld=veld
        )


@transaction.atomic
def gebruiker_rol_change(*, gebruiker: Gebruiker, rol: str, door: Gebruiker) -> Gebruiker:
    """Give `gebruiker` another role (not oneself, never leaving no beheerder); mail them."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if rol not in Gebruiker.Rol.values:
        raise DomeinFout(_("Choose a role."), veld="rol")
    if rol == gebruiker.rol and not (gebruiker.is_superuser and rol != Gebruiker.Rol.BEHEERDER):
        return gebruiker
    if rol != Gebruiker.Rol.BEHEERDER:
        _niet_zelf_of_laatste(gebruiker=gebruiker, door=door, veld="rol")
        gebruiker.is_superuser = False
        gebruiker.is_staff = False
    elif gebruiker.pk == door.pk:
        raise DomeinFout(_("You cannot change your own role or account."), veld="rol")
    gebruiker.rol = rol
    gebruiker.save(update_fields=["rol", "is_superuser", "is_staff"])
    _mail_wijziging(gebruiker=gebruiker, soort="rol", door=door)
    return gebruiker


@transaction.atomic
def gebruiker_active_set(*, gebruiker: Gebruiker, actief: bool, door: Gebruiker) -> Gebruiker:
    """Deactivate (not oneself, not the last beheerder) or reactivate `gebruiker`; mail them."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if gebruiker.is_active == actief:
        return gebruiker
    if not actief:
        _niet_zelf_of_laatste(gebruiker=gebruiker, door=door, veld=None)
    gebruiker.is_active = actief
    gebruiker.save(update_fields=["is_active"])
    _mail_wijziging(
        gebruiker=gebruiker, soort="geactiveerd" if actief else "gedeactiveerd", door=door
    )
    return gebruiker
