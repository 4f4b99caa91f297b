"""Personal signed links: view/cancel a registration, evaluate, confirm or leave the list."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

AANMELDING_SALT = "kenniscafes.aanmelding"
EVALUATIE_SALT = "kenniscafes.evaluatie"
ABONNEE_SALT = "kenniscafes.abonnee"
AFMELD_SALT = "kenniscafes.afmelden"
EVALUATIE_GELDIG = timedelta(days=30)


class LinkOngeldig(Exception):
    """The link was tampered with, points at nothing, or has expired."""


def aanmelding_token(aanmelding) -> str:
    """A token naming the registration and its secret key; useless without our SECRET_KEY."""
    return signing.dumps([aanmelding.pk, aanmelding.sleutel.hex], salt=AANMELDING_SALT)


def aanmelding_url(aanmelding) -> str:
    """Absolute personal link to view or cancel one registration."""
    pad = reverse("kenniscafes:aanmelding_beheer", kwargs={"token": aanmelding_token(aanmelding)})
    return settings.SITE_URL + pad


def evaluatie_token(aanmelding) -> str:
    return signing.dumps([aanmelding.pk, aanmelding.sleutel.hex], salt=EVALUATIE_SALT)


def evaluatie_url(aanmelding) -> str:
    """Absolute link to the evaluation form of one visitor."""
    pad = reverse("kenniscafes:evaluatie", kwargs={"token": evaluatie_token(aanmelding)})
    return settings.SITE_URL + pad


def token_read(token: str, salt: str) -> tuple[int, str]:
    """The (pk, key) inside a token; LinkOngeldig when it was not made by us."""
    try:
        pk, sleutel = signing.loads(token, salt=salt)
        return int(pk), str(sleutel)
    except (signing.BadSignature, ValueError, TypeError) as fout:
        raise LinkOngeldig from fout


def aanmelding_link_verlopen(aanmelding) -> bool:
    """The personal link expires when the café is over."""
    return aanmelding.kenniscafe.eind < timezone.now()


def evaluatie_link_verlopen(aanmelding) -> bool:
    """The evaluation link works from the start of the café until 30 days after it."""
    return aanmelding.kenniscafe.eind + EVALUATIE_GELDIG < timezone.now()


def abonnee_token(abonnee) -> str:
    return signing.dumps(abonnee.sleutel.hex, salt=ABONNEE_SALT)


def abonnee_confirm_url(abonnee) -> str:
    pad = reverse("kenniscafes:abonnee_confirm", kwargs={"token": abonnee_token(abonnee)})
    return settings.SITE_URL + pad


def afmeld_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=AFMELD_SALT)


def afmeld_url(email: str) -> str:
    """Absolute one-click unsubscribe link for an address (mailing list and invitations)."""
    pad = reverse("kenniscafes:afmelden", kwargs={"token": afmeld_token(email)})
    return settings.SITE_URL + pad


def string_token_read(token: str, salt: str) -> str:
    """The string inside a token; LinkOngeldig when it was not made by us."""
    try:
        return str(signing.loads(token, salt=salt))
    except (signing.BadSignature, ValueError, TypeError) as fout:
        raise LinkOngeldig from fout
