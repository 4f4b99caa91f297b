"""Personal signed links: view/cancel a registration, evaluate, confirm or leave the list."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from werkplaats.kern.uitgaand import site_url

AANMELDING_SALT = "kenniscafes.aanmelding"
EVALUATIE_SALT = "kenniscafes.evaluatie"
ABONNEE_SALT = "kenniscafes.abonnee"
AFMELD_SALT = "kenniscafes.afmelden"
EVALUATIE_GELDIG = timedelta(days=30)
ABONNEE_GELDIG = timedelta(days=7)


class LinkOngeldig(Exception):
    """The link was tampered with, points at nothing, or has expired."""


def aanmelding_token(aanmelding) -> str:
    """A token naming the registration and its secret key; useless without our SECRET_KEY."""
    return signing.dumps([aanmelding.pk, aanmelding.sleutel.hex], salt=AANMELDING_SALT)


def aanmelding_url(aanmelding) -> str:
    """Absolute personal link to view or cancel one registration."""
    pad = reverse("kenniscafes:aanmelding_beheer", kwargs={"token": aanmelding_token(aanmelding)})
    return site_url() + pad


def evaluatie_token(aanmelding) -> str:
    return signing.dumps([aanmelding.pk, aanmelding.sleutel.hex], salt=EVALUATIE_SALT)


def evaluatie_url(aanmelding) -> str:
    """Absolute link to the evaluation form of one visitor."""
    pad = reverse("kenniscafes:evaluatie", kwargs={"token": evaluatie_token(aanmelding)})
    return site_url() + pad


def token_read(token: str, salt: str) -> tuple[int, str]:
    """The (pk, key) inside a token; LinkOngeldig when it was not made by us."""
    try:
        pk, sleutel = signing.loads(token, salt=salt)
        return int(pk), str(sleutel)
    except (signing.BadSignature, ValueError, TypeError) as fout:
        raise LinkOngeldig from fout


def aanmelding_alleen_wissen(aanmelding) -> bool:
    """After the café the personal link only offers erasure (until retention erases it)."""
    return aanmelding.kenniscafe.eind < timezone.now()


def evaluatie_link_verlopen(aanmelding) -> bool:
    """The evaluation link works from the start of the café until 30 days after it."""
    return aanmelding.kenniscafe.eind + EVALUATIE_GELDIG < timezone.now()


def abonnee_token(abonnee) -> str:
    return signing.dumps(abonnee.sleutel.hex, salt=ABONNEE_SALT)


def abonnee_confirm_url(abonnee) -> str:
    pad = reverse("kenniscafes:abonnee_confirm", kwargs={"token": abonnee_token(abonnee)})
    return site_url() + pad


def abonnee_token_read(token: str) -> str:
    """The subscriber key inside a confirmation token younger than ABONNEE_GELDIG."""
    try:
        return str(signing.loads(token, salt=ABONNEE_SALT, max_age=ABONNEE_GELDIG))
    except (signing.BadSignature, ValueError, TypeError) as fout:
        # SignatureExpired is a BadSignature: an old confirmation link simply stops working.
        raise LinkOngeldig from fout


def afmeld_token(uitnodiging) -> str:
    """Names the invitation and its random key: the address is not in it, even encoded."""
    return signing.dumps([uitnodiging.pk, uitnodiging.sleutel.hex], salt=AFMELD_SALT)


def afmeld_url(uitnodiging) -> str:
    """Absolute one-click unsubscribe link of an invitation (mailing list and invitations)."""
    pad = reverse("kenniscafes:afmelden", kwargs={"token": afmeld_token(uitnodiging)})
    return site_url() + pad


def afmeld_token_read(token: str) -> tuple[int, str] | str:
    """(pk, key) of an invitation, or the address inside a link from before opaque tokens."""
    try:
        inhoud = signing.loads(token, salt=AFMELD_SALT)
    except (signing.BadSignature, ValueError, TypeError) as fout:
        raise LinkOngeldig from fout
    if isinstance(inhoud, str) and "@" in inhoud:
        # Links in invitations sent before opaque tokens carried the address itself;
        # they were signed by us, so they keep working.
        return inhoud
    try:
        pk, sleutel = inhoud
        return int(pk), str(sleutel)
    except (ValueError, TypeError) as fout:
        raise LinkOngeldig from fout
