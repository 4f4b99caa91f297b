"""Writes of the kennisbank: create and edit publications with their authors and files."""

import datetime
import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kenniscafes.models import Kenniscafe
from kenniscafes.selectors import kenniscafes_kiesbaar
from werkplaats.kern.fouten import DomeinFout
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from .. import bestanden
from ..models import Auteurschap, Bijlage, Publicatie, Thema
from ..selectors import publicatie_can_manage, publicaties_can_manage
from ..tekst import inhoud_to_html
from .zoekindex import zoekindex_update

logger = logging.getLogger(__name__)

# Paths under /kennisbank/ that a slug may not take.
GERESERVEERD = {"nieuw", "beheer", "feed", "podcast", "zoeken"}


class PublicatieFout(DomeinFout, ValidationError):
    """A rule of the kennisbank was broken: message for the editor, optionally its form field.

    A DomeinFout like every app's; the view puts it on the form with fout_op_formulier. It
    is still a ValidationError as well, because a save can also fail on the model's own
    validation and on the file checks (both ValidationError), and callers and tests that
    catch "the save was refused" as one ValidationError keep working.
    """


@dataclass
class AuteurInvoer:
    """One author as entered: surname (or organisation), given names, affiliation."""

    achternaam: str
    voornamen: str = ""
    is_organisatie: bool = False
    affiliatie: str = ""


class PublicatieGegevens(TypedDict, total=False):
    """The fields an editor sets directly on the row; a key left out keeps its value."""

    titel: str
    type: str
    jaar: int
    datum: datetime.date | None
    samenvatting: str
    inhoud: str
    verschenen_in: str
    externe_link: str
    taal: str
    kenniscafe: Kenniscafe | None
    kennisvormen: list[str]
    doelgroepen: list[str]
    licentie: str
    status: str


# Only these are ever written from an editor's input (a new form field is not).
VELDEN = tuple(PublicatieGegevens.__annotations__)


class PublicatieInvoer(TypedDict):
    """What publicatie_create and publicatie_update take besides who saves (and what)."""

    gegevens: PublicatieGegevens
    auteurs: list[AuteurInvoer]
    themas: NotRequired[Iterable[Thema]]
    werkteams: NotRequired[Iterable[Werkteam]]
    nieuwe_bijlagen: NotRequired[Iterable[File]]  # uploads, checked by content
    bijlagen_verwijderen: NotRequired[Iterable[Bijlage]]
    audio: NotRequired[File | None]  # a new audio file replacing the old one
    audio_verwijderen: NotRequired[bool]


def slug_unique(titel: str, uitgezonderd_pk: int | None = None) -> str:
    """A free slug from the title: "de-kenniscafes", then "de-kenniscafes-2", …"""
    basis = slugify(titel)[:100].strip("-") or "publicatie"
    if basis in GERESERVEERD:
        basis = f"{basis}-publicatie"
    kandidaat, n = basis, 1
    bestaand = Publicatie.objects.exclude(pk=uitgezonderd_pk)
    while bestaand.filter(slug=kandidaat).exists():
        n += 1
        kandidaat = f"{basis}-{n}"
    return kandidaat


def _auteurs_zetten(publicatie: Publicatie, auteurs: list[AuteurInvoer]) -> None:
    publicatie.auteurschappen.all().delete()
    Auteurschap.objects.bulk_create(
        Auteurschap(
            publicatie=publicatie,
            volgorde=i,
            achternaam=a.achternaam.strip(),
            voornamen=a.voornamen.strip(),
            is_organisatie=a.is_organisatie,
            affiliatie=a.affiliatie.strip(),
        )
        for i, a in enumerate(auteurs, start=1)
    )


@dataclass
class Upload:
    """An uploaded file, checked by content and already in storage."""

    naam: str  # the name in storage
    origineel: str  # the name the editor's file had
    soort: bestanden.Bestandstype


@dataclass
class Bestandswerk:
    """The files one save touches. New uploads are checked and stored before the
    transaction (writing a large file must not hold the row lock) and removed again if the
    save fails; files replaced or removed are deleted only after the save has committed, so
    a failed save never leaves an orphan on disk nor a row pointing at a deleted file."""

    bijlagen: list[Upload] = field(default_factory=list)
    audio: Upload | None = None
    nieuw: list = field(default_factory=list)
    weg: list = field(default_factory=list)

    def opslaan(self, veld, bestand, soort: bestanden.Bestandstype) -> Upload:
        origineel = (bestand.name or "bestand").rsplit("/", 1)[-1][:200]
        naam = veld.storage.save(
            veld.generate_filename(None, origineel), bestand, max_length=veld.max_length
        )
        self.nieuw.append((veld.storage, naam))
        return Upload(naam, origineel, soort)

    def later_weg(self, bestand) -> None:
        if bestand:
            self.weg.append((bestand.storage, bestand.name))


def _verwijder(bestanden_: list) -> None:
    for storage, naam in bestanden_:
        try:
            storage.delete(naam)
        except OSError:
            # The row is already right; a file that cannot be removed only costs space.
            logger.exception("Could not remove %s", naam)


@contextmanager
def _met_bestanden(nieuwe_bijlagen=(), audio=None):
    """Check every upload by content (nothing is written when one is refused), store them,
    then open the transaction; files follow its outcome (see Bestandswerk)."""
    werk = Bestandswerk()
    soorten = [bestanden.document_check(bestand) for bestand in nieuwe_bijlagen]
    audio_soort = bestanden.audio_check(audio) if audio is not None else None
    try:
        bijlage_veld = Bijlage._meta.get_field("bestand")
        for bestand, soort in zip(nieuwe_bijlagen, soorten, strict=True):
            werk.bijlagen.append(werk.opslaan(bijlage_veld, bestand, soort))
        if audio is not None:
            werk.audio = werk.opslaan(Publicatie._meta.get_field("audio"), audio, audio_soort)
        with transaction.atomic():
            yield werk
            weg = list(werk.weg)
            transaction.on_commit(lambda: _verwijder(weg))
    except BaseException:
        _verwijder(werk.nieuw)
        raise


def _opslaan(
    publicatie: Publicatie,
    werk: Bestandswerk,
    *,
    door,
    gegevens: PublicatieGegevens,
    auteurs: list[AuteurInvoer],
    themas: Iterable[Thema],
    werkteams: Iterable[Werkteam],
    bijlagen_verwijderen: Iterable[Bijlage],
    audio_verwijderen: bool,
) -> Publicatie:
    if not auteurs:
        raise PublicatieFout(
            _("Add at least one author (a person or an organisation)."), veld="auteurs"
        )
    werkteams = _werkteams_bepalen(door, publicatie, werkteams)
    _kenniscafe_check(door, publicatie, gegevens.get("kenniscafe"))
    for veld in VELDEN:
        if veld in gegevens:
            setattr(publicatie, veld, gegevens[veld])
    publicatie.titel = publicatie.titel.strip()
    publicatie.inhoud_html = inhoud_to_html(publicatie.inhoud)
    if publicatie.status == Publicatie.Status.GEPUBLICEERD and not publicatie.gepubliceerd_op:
        publicatie.gepubliceerd_op = timezone.now()
    if (audio_verwijderen or werk.audio) and publicatie.audio:
        werk.later_weg(publicatie.audio)
        publicatie.audio = None
        publicatie.audio_mimetype, publicatie.audio_grootte = "", None
        publicatie.audio_duur = None
    if werk.audio:
        publicatie.audio = werk.audio.naam
        publicatie.audio_mimetype = werk.audio.soort.mimetype
        publicatie.audio_grootte = werk.audio.soort.grootte
        publicatie.audio_duur = None  # not measured for uploads
    publicatie.full_clean(exclude=["slug", "audio"] if publicatie.pk is None else ["audio"])
    publicatie.save()
    _auteurs_zetten(publicatie, auteurs)
    publicatie.themas.set(themas)
    publicatie.werkteams.set(werkteams)
    for bijlage in publicatie.bijlagen.filter(pk__in=[b.pk for b in bijlagen_verwijderen]):
        werk.later_weg(bijlage.bestand)
        bijlage.delete()
    Bijlage.objects.bulk_create(
        Bijlage(
            publicatie=publicatie,
            naam=upload.origineel,
            bestand=upload.naam,
            mimetype=upload.soort.mimetype,
            grootte=upload.soort.grootte,
        )
        for upload in werk.bijlagen
    )
    zoekindex_update([publicatie.pk])
    return publicatie


def _werkteams_bepalen(door, publicatie: Publicatie, werkteams) -> list:
    """The teams to store: the editor's choice among the teams they coordinate, plus the
    teams already attached that their form did not offer (another coordinator's, kept)."""
    eigen = set(werkteams_beheerbaar(door).values_list("pk", flat=True))
    verborgen = (
        list(publicatie.werkteams.exclude(pk__in=eigen)) if publicatie.pk is not None else []
    )
    verborgen_ids = {werkteam.pk for werkteam in verborgen}
    werkteams = list(werkteams)
    if any(w.pk not in eigen and w.pk not in verborgen_ids for w in werkteams):
        raise PublicatieFout(
            _("You can only attach a publication to work teams you coordinate."), veld="werkteams"
        )
    gekozen_ids = {werkteam.pk for werkteam in werkteams}
    return werkteams + [werkteam for werkteam in verborgen if werkteam.pk not in gekozen_ids]


def _kenniscafe_check(door, publicatie: Publicatie, kenniscafe) -> None:
    """Refuse linking a café the editor cannot see (someone else's draft)."""
    if kenniscafe is None or kenniscafe.pk == publicatie.kenniscafe_id:
        return
    if not kenniscafes_kiesbaar(door).filter(pk=kenniscafe.pk).exists():
        raise PublicatieFout(_("This knowledge café cannot be linked."), veld="kenniscafe")


def _bewaren(
    rij,
    *,
    door,
    gegevens: PublicatieGegevens,
    auteurs: list[AuteurInvoer],
    themas: Iterable[Thema] = (),
    werkteams: Iterable[Werkteam] = (),
    nieuwe_bijlagen: Iterable[File] = (),
    bijlagen_verwijderen: Iterable[Bijlage] = (),
    audio: File | None = None,
    audio_verwijderen: bool = False,
) -> Publicatie:
    """Store the uploads, then in one transaction take the row (`rij()`) and save it all."""
    with _met_bestanden(list(nieuwe_bijlagen), audio) as werk:
        return _opslaan(
            rij(),
            werk,
            door=door,
            gegevens=gegevens,
            auteurs=auteurs,
            themas=themas,
            werkteams=werkteams,
            bijlagen_verwijderen=bijlagen_verwijderen,
            audio_verwijderen=audio_verwijderen,
        )


def publicatie_create(*, door, **invoer: Unpack[PublicatieInvoer]) -> Publicatie:
    """Create a publication (concept or published) with its authors, themes and files."""
    if not publicaties_can_manage(door):
        raise PermissionDenied

    def nieuw() -> Publicatie:
        publicatie = Publicatie(aangemaakt_door=door if door.is_authenticated else None)
        publicatie.slug = slug_unique(invoer["gegevens"].get("titel", ""))
        return publicatie

    return _bewaren(nieuw, door=door, **invoer)


def publicatie_update(
    *, publicatie: Publicatie, door, **invoer: Unpack[PublicatieInvoer]
) -> Publicatie:
    """Edit a publication; its slug (and so its address) stays the same."""
    if not publicatie_can_manage(door, publicatie):
        raise PermissionDenied
    # Lock the row: two editors saving at once must not interleave authors and files.
    return _bewaren(
        lambda: Publicatie.objects.select_for_update().get(pk=publicatie.pk), door=door, **invoer
    )
