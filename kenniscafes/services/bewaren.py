"""Retention and erasure: blank a registration's personal details and every copy made of them."""

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from werkplaats.kern.selectors import bewaartermijn_grens
from werkplaats.kern.services import berichten_erase, berichten_erase_adressen, in_delen

from .. import links
from ..models import Aanmelding, Abonnee, Evaluatie, Uitnodiging
from .mail import MAIL_TEMPLATES

# Personal fields of a registration: blanked by erasure and by the retention job.
PERSOONSVELDEN = ("naam", "email", "organisatie", "opleiding", "registratienummer", "opmerkingen")


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
