"""Organisers: create, change, publish and cancel a café."""

from copy import copy
from dataclasses import dataclass, fields
from datetime import datetime, time

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.kern.models import Organisatie
from werkplaats.kern.services import opdracht_queue
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from ..models import Herinnering, Kenniscafe, ProgrammaOnderdeel
from ._basis import AanmeldingFout, UitFormulier, _lock_kenniscafe
from .aanmeldingen import _wachtlijst_promote
from .herinneringen import _herinneringen_herplan

# Changing one of these fields of a published café sends everyone an updated invite.
AGENDA_VELDEN = ("start", "eind", "vorm", "locatie", "adres", "online_link")


@dataclass(frozen=True)
class KenniscafeGegevens(UitFormulier):
    """Everything the organiser form may write to a café; nothing else is written.

    `organisator_gebruikers` is None when the editor was not offered that choice (only a
    beheerder hands a café to coördinators): the café's organisers with an account stay.
    """

    titel: str
    slug: str
    type: str
    thema: str
    beschrijving: str
    start: datetime
    eind: datetime
    vorm: str
    locatie: str
    adres: str
    online_link: str
    plaatsen_locatie: int
    plaatsen_online: int
    organisatoren_tekst: str
    aanmelding_open: datetime | None
    aanmelding_sluit: datetime | None
    herinnering_uren: int
    organisator_werkteams: tuple[Werkteam, ...] = ()
    organisator_organisaties: tuple[Organisatie, ...] = ()
    organisator_gebruikers: tuple[AbstractBaseUser, ...] | None = None

    # The many-to-many fields, written after the café row exists.
    M2M = ("organisator_werkteams", "organisator_organisaties", "organisator_gebruikers")

    def __post_init__(self):
        # A form gives querysets; keep the chosen rows as they were when the form was read.
        for naam in self.M2M:
            if getattr(self, naam) is not None:
                object.__setattr__(self, naam, tuple(getattr(self, naam)))

    def kolommen(self) -> dict:
        """The café's own columns, by field name."""
        return {
            veld.name: getattr(self, veld.name)
            for veld in fields(self)
            if veld.name not in self.M2M
        }


@dataclass(frozen=True)
class ProgrammaRegel(UitFormulier):
    """One programme item as it should stand; `id` names an existing item of the café."""

    titel: str
    tijd: time | None = None
    spreker_naam: str = ""
    spreker_rol: str = ""
    spreker_organisatie: str = ""
    id: int | None = None


@transaction.atomic(durable=True)
def kenniscafe_save(
    *,
    gegevens: KenniscafeGegevens,
    programma: list[ProgrammaRegel],
    kenniscafe: Kenniscafe | None = None,
    door,
) -> Kenniscafe:
    """Create a café, or change `kenniscafe`; a changed date or place notifies registrants.

    The programme becomes `programma`: items with an id are updated, the café's other items
    are deleted, items without an id are added in the order given.
    """
    verborgen = []
    oud = None
    if kenniscafe is None:
        kenniscafe = Kenniscafe()
    else:
        kenniscafe = _lock_kenniscafe(kenniscafe.pk)
        oud = copy(kenniscafe)
        # Co-organising teams the editor does not coordinate were not in their form: keep them.
        verborgen = _teams_buiten_bereik(door, kenniscafe.organisator_werkteams.all())
    _teams_check(door, gegevens.organisator_werkteams, behalve=verborgen)
    kolommen = gegevens.kolommen()
    for naam, waarde in kolommen.items():
        setattr(kenniscafe, naam, waarde)
    if oud is None:
        kenniscafe.save()
    else:
        kenniscafe.save(update_fields=[*kolommen, "gewijzigd"])
    kenniscafe.organisator_werkteams.set([*gegevens.organisator_werkteams, *verborgen])
    kenniscafe.organisator_organisaties.set(gegevens.organisator_organisaties)
    if gegevens.organisator_gebruikers is not None:
        kenniscafe.organisator_gebruikers.set(gegevens.organisator_gebruikers)
    _programma_save(kenniscafe, programma)
    if oud is None:
        if door is not None and not door.is_beheerder:
            kenniscafe.organisator_gebruikers.add(door)
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


def _programma_save(kenniscafe: Kenniscafe, programma: list[ProgrammaRegel]) -> None:
    """Make the café's programme `programma`: update, delete, then add in the order given."""
    bestaand = {onderdeel.pk: onderdeel for onderdeel in kenniscafe.programma.all()}
    gehouden = {regel.id for regel in programma if regel.id is not None}
    # Only the café's own items can be changed or kept; an unknown id is a new item.
    ProgrammaOnderdeel.objects.filter(pk__in=[pk for pk in bestaand if pk not in gehouden]).delete()
    for regel in programma:
        onderdeel = bestaand.get(regel.id) or ProgrammaOnderdeel(kenniscafe=kenniscafe)
        waarden = {veld.name: getattr(regel, veld.name) for veld in fields(regel)}
        del waarden["id"]
        if onderdeel.pk is None or any(getattr(onderdeel, k) != v for k, v in waarden.items()):
            for naam, waarde in waarden.items():
                setattr(onderdeel, naam, waarde)
            onderdeel.save()


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
