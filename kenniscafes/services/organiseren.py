"""Organisers: create, change, publish and cancel a café."""

from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.kern.services import opdracht_queue
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from ..models import Herinnering, Kenniscafe
from ._basis import AanmeldingFout, _lock_kenniscafe
from .aanmeldingen import _wachtlijst_promote
from .herinneringen import _herinneringen_herplan

# Changing one of these fields of a published café sends everyone an updated invite.
AGENDA_VELDEN = ("start", "eind", "vorm", "locatie", "adres", "online_link")


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
        raise AanmeldingFout(
            _("You can only name work teams you coordinate as organiser."),
            "organisator_werkteams",
        )


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
