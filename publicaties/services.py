"""Writes of the kennisbank: create and edit publications, keep the search index current."""

import datetime
import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kenniscafes.models import Kenniscafe
from kenniscafes.selectors import kenniscafes_kiesbaar
from werkplaats.kern.fouten import DomeinFout
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from . import bestanden
from .models import Auteurschap, Bijlage, Publicatie, Thema, Zoekwoord
from .selectors import publicatie_can_manage, publicaties_can_manage
from .tekst import html_to_tekst, inhoud_to_html, woorden, zonder_accenten
from .zoeken import zoekindex_versie_bump
from .zoeken.facetcodes import (
    CODE_DOELGROEP,
    CODE_JAAR,
    CODE_KENNISVORM,
    CODE_THEMA,
    CODE_TYPE,
    CODE_WERKTEAM,
    DOELGROEP_LIJST,
    KENNISVORM_LIJST,
    TYPE_LIJST,
)

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
    if werk.audio:
        publicatie.audio = werk.audio.naam
        publicatie.audio_mimetype = werk.audio.soort.mimetype
        publicatie.audio_grootte = werk.audio.soort.grootte
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


# Weighted document: A title, B authors + themes + werkteams, C summary, D body.
# abvector holds A-B (what ranks first), rangvector A-C, zoekvector all four (matching and
# snippets).
ABVECTOR_EXPR = """
    setweight(to_tsvector('dutch_unaccent', coalesce(titel, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent', coalesce(auteurs_tekst, '') || ' '
                 || coalesce(themas_tekst, '')), 'B')
"""
RANGVECTOR_EXPR = f"""{ABVECTOR_EXPR}
    || setweight(to_tsvector('dutch_unaccent', coalesce(samenvatting, '')
                 || ' ' || coalesce(verschenen_in, '')), 'C')
"""
ZOEKVECTOR_SQL = f"""
UPDATE publicaties_publicatie SET
    abvector = {ABVECTOR_EXPR},
    rangvector = {RANGVECTOR_EXPR},
    zoekvector = {RANGVECTOR_EXPR}
        || setweight(to_tsvector('dutch_unaccent', coalesce(inhoud_tekst, '')), 'D'),
    facetcodes = ARRAY[{CODE_TYPE} + array_position(%(typen)s::text[], type), {CODE_JAAR} + jaar]
        || ARRAY(SELECT {CODE_THEMA} + v::int FROM jsonb_array_elements_text(thema_ids) v)
        || ARRAY(SELECT {CODE_WERKTEAM} + v::int
                 FROM jsonb_array_elements_text(werkteam_ids) v)
        || ARRAY(SELECT {CODE_KENNISVORM} + array_position(%(kennisvormen)s::text[], v)
                 FROM jsonb_array_elements_text(kennisvormen) v
                 WHERE v = ANY(%(kennisvormen)s::text[]))
        || ARRAY(SELECT {CODE_DOELGROEP} + array_position(%(doelgroepen)s::text[], v)
                 FROM jsonb_array_elements_text(doelgroepen) v
                 WHERE v = ANY(%(doelgroepen)s::text[]))
WHERE id = ANY(%(ids)s)
"""  # noqa: S608 - constant SQL


def zoekvector_params(ids: list[int]) -> dict:
    """Parameters of ZOEKVECTOR_SQL for these rows."""
    return {
        "typen": TYPE_LIJST,
        "kennisvormen": KENNISVORM_LIJST,
        "doelgroepen": DOELGROEP_LIJST,
        "ids": list(ids),
    }


def zoekindex_update(ids: list[int]) -> None:
    """Recompute the search texts, facet ids and (on PostgreSQL) the tsvector of these rows."""
    publicaties = Publicatie.objects.filter(pk__in=ids).prefetch_related(
        "auteurschappen", "themas", "werkteams"
    )
    gewijzigd = []
    nieuwe_woorden: list[str] = []
    for p in publicaties:
        auteurs = list(p.auteurschappen.all())
        themas = list(p.themas.all())
        werkteams = list(p.werkteams.all())
        p.auteurs_tekst = " ".join(
            " ".join(filter(None, [a.voornamen, a.achternaam, a.affiliatie])) for a in auteurs
        )
        p.themas_tekst = " ".join(
            [t.naam for t in themas] + [f"{w.naam} {w.korte_naam}".strip() for w in werkteams]
        )
        p.inhoud_tekst = html_to_tekst(p.inhoud_html)
        p.thema_ids = sorted(str(t.id) for t in themas)
        p.werkteam_ids = sorted(str(w.id) for w in werkteams)
        if connection.vendor != "postgresql":
            p.zoektekst = zonder_accenten(
                " ".join([p.titel, p.auteurs_tekst, p.themas_tekst, p.samenvatting, p.inhoud_tekst])
            ).lower()
        gewijzigd.append(p)
        if p.status == Publicatie.Status.GEPUBLICEERD:
            # Only words of published items feed "did you mean" (concepts never leak).
            nieuwe_woorden += woorden(
                " ".join([p.titel, p.auteurs_tekst, p.themas_tekst, p.samenvatting, p.inhoud_tekst])
            )
    Publicatie.objects.bulk_update(
        gewijzigd,
        ["auteurs_tekst", "themas_tekst", "inhoud_tekst", "thema_ids", "werkteam_ids", "zoektekst"],
    )
    if connection.vendor == "postgresql" and gewijzigd:
        with connection.cursor() as cursor:
            cursor.execute(ZOEKVECTOR_SQL, zoekvector_params([p.pk for p in gewijzigd]))
    zoekwoorden_add(nieuwe_woorden)
    transaction.on_commit(zoekindex_versie_bump)


def zoekwoorden_add(lijst: list[str]) -> None:
    """Remember words that occur in published items (source of "did you mean")."""
    uniek = sorted(set(lijst))
    if not uniek:
        return
    Zoekwoord.objects.bulk_create(
        [Zoekwoord(woord=w[:100]) for w in uniek], ignore_conflicts=True, batch_size=1000
    )


def termfacetten_rebuild(minimum: int | None = None) -> int:
    """Choose the frequent words again and count their facets from scratch (PostgreSQL).

    A word found in at least `minimum` published publications (setting
    KENNISBANK_FREQUENTE_TERM_MIN) gets exact facet counts in publicaties_term_facet, which
    the trigger of migration 0008 keeps current on every write. Writers to publications
    wait while this runs (SHARE lock), so no change can slip between the count and the
    trigger. Returns the number of frequent words.
    """
    if connection.vendor != "postgresql":
        return 0
    if minimum is None:
        minimum = settings.KENNISBANK_FREQUENTE_TERM_MIN
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE publicaties_publicatie IN SHARE MODE")
        cursor.execute("DELETE FROM publicaties_frequente_term")
        cursor.execute(
            """
            INSERT INTO publicaties_frequente_term (lexeem, publicaties)
            SELECT word, ndoc FROM ts_stat(
                'SELECT zoekvector FROM publicaties_publicatie
                 WHERE status = ''gepubliceerd'' AND zoekvector IS NOT NULL')
            WHERE ndoc >= %s
            """,
            [minimum],
        )
        cursor.execute(
            """
            INSERT INTO publicaties_term_facet (lexeem, code, aantal)
            SELECT l.lexeem, c.code, count(*)
            FROM publicaties_publicatie p
            CROSS JOIN LATERAL unnest(tsvector_to_array(p.zoekvector)) AS l(lexeem)
            JOIN publicaties_frequente_term f ON f.lexeem = l.lexeem
            CROSS JOIN LATERAL unnest(p.facetcodes) AS c(code)
            WHERE p.status = 'gepubliceerd'
            GROUP BY l.lexeem, c.code
            """
        )
        cursor.execute("SELECT count(*) FROM publicaties_frequente_term")
        aantal = cursor.fetchone()[0]
    transaction.on_commit(zoekindex_versie_bump)
    return aantal


def termfacetten_clear() -> None:
    """Forget the frequent words (before a bulk load; searches then read the matches)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM publicaties_frequente_term")
