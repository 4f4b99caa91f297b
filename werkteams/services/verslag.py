"""Writes after a meeting is planned: absence and attendance, minutes, decisions and goals."""

import hashlib
import json
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Aanwezigheid, Bijeenkomst, Leerdoel, Persoon, Verslagpunt
from ..regels import WerkteamFout
from .uitnodigingen import genodigden_mail


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
    bijeenkomst: Bijeenkomst,
    *,
    soort: str,
    tekst: str,
    eigenaar: Persoon | None = None,
    deadline: date | None = None,
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
    return genodigden_mail(
        bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"),
        # One mail per member per version; the first version keeps its original key.
        sleutel=lambda a: (
            f"werkteams:verslag:{bijeenkomst.pk}:{a.pk}" + (f":v{versie}" if versie > 1 else "")
        ),
        template_prefix="werkteams/emails/verslag",
        context=lambda a: {
            "aanwezigheid": a,
            "besluiten": [p for p in punten if p.soort == Verslagpunt.Soort.BESLUIT],
            "acties": [p for p in punten if p.soort == Verslagpunt.Soort.ACTIE],
            "leerdoelen": leerdoelen,
            "correctie": versie > 1,
        },
    )


def _verslag_vingerafdruk(bijeenkomst: Bijeenkomst, punten, leerdoelen) -> str:
    """A hash of everything the minutes mail shows (ticking an action done is no correction)."""
    inhoud = [
        bijeenkomst.incheck,
        bijeenkomst.verslag,
        [(p.soort, p.tekst, p.eigenaar_id, str(p.deadline)) for p in punten],
        [(d.omschrijving, d.resultaat) for d in leerdoelen],
    ]
    return hashlib.sha256(json.dumps(inhoud).encode()).hexdigest()
