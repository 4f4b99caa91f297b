"""Kennisbank: publications, podcast episodes and teaching material of the Werkplaats."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.bestanden import bestandspad
from werkplaats.kern.huidig import (
    PerWerkplaatsManager,
    PerWerkplaatsQuerySet,
    UniekPerWerkplaats,
    werkplaats_veld,
)
from werkteams.models import Werkteam


# Files are stored before their row is saved (instance None, see services.opslaan): then
# they go to the folder of the werkplaats the request acts in.
def bijlage_pad(instance, filename):
    werkplaats_id = instance.publicatie.werkplaats_id if instance is not None else None
    return bestandspad("publicaties/bijlagen", filename, werkplaats_id)


def audio_pad(instance, filename):
    return bestandspad("publicaties/audio", filename, getattr(instance, "werkplaats_id", None))


class Thema(UniekPerWerkplaats, models.Model):
    """A theme that publications are tagged with, e.g. "armoede en schulden"."""

    naam = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "slug"], name="thema_slug_uniek"),
            models.UniqueConstraint(fields=["werkplaats", "naam"], name="thema_naam_uniek"),
        ]

    def __str__(self):
        return self.naam


class PublicatieQuerySet(PerWerkplaatsQuerySet):
    """Queries on publications that other apps may use without knowing their statuses."""

    def gepubliceerd(self):
        """Publications anyone may read."""
        return self.filter(status=Publicatie.Status.GEPUBLICEERD)


class Publicatie(UniekPerWerkplaats, models.Model):
    """One item in the kennisbank: a publication, blog, podcast episode, video or lesson."""

    class Type(models.TextChoices):
        BOEK = "boek", _("Book or edited volume")
        ARTIKEL = "artikel", _("Article")
        MAGAZINEBIJDRAGE = "magazinebijdrage", _("Magazine contribution")
        ONDERZOEKSRAPPORT = "onderzoeksrapport", _("Research report")
        ONDERZOEKSNOTITIE = "onderzoeksnotitie", _("Research note")
        INSPIRATIEBUNDEL = "inspiratiebundel", _("Inspiration booklet")
        ADVIES = "advies", _("Advice")
        BLOG = "blog", _("Blog")
        PODCASTAFLEVERING = "podcastaflevering", _("Podcast episode")
        VIDEO = "video", _("Video or knowledge clip")
        LESMATERIAAL = "lesmateriaal", _("Teaching material")
        KENNISCAFE_VERSLAG = "kenniscafe-verslag", _("Knowledge café report")
        OVERIG = "overig", _("Other")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        GEPUBLICEERD = "gepubliceerd", _("Published")

    class Kennisvorm(models.TextChoices):
        ERVARINGSKENNIS = "ervaringskennis", _("Experiential knowledge")
        PROFESSIONELE_KENNIS = "professionele-kennis", _("Professional knowledge")
        WETENSCHAPPELIJKE_KENNIS = "wetenschappelijke-kennis", _("Scientific knowledge")

    class Doelgroep(models.TextChoices):
        STUDENTEN = "studenten", _("Students")
        PROFESSIONALS = "professionals", _("Professionals")
        BELEID = "beleid", _("Policy makers")

    class Taal(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    class Licentie(models.TextChoices):
        ALLE_RECHTEN = "alle-rechten", _("All rights reserved")
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
        CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
        CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"

    titel = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    jaar = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    datum = models.DateField(_("date"), null=True, blank=True)
    samenvatting = models.TextField(_("summary"), blank=True)
    inhoud = models.TextField(_("body (Markdown)"), blank=True)
    inhoud_html = models.TextField(_("body (sanitised HTML)"), blank=True, editable=False)
    verschenen_in = models.CharField(_("published in"), max_length=200, blank=True)
    externe_link = models.URLField(_("external link"), max_length=500, blank=True)
    audio = models.FileField(_("audio"), upload_to=audio_pad, blank=True, max_length=200)
    audio_mimetype = models.CharField(max_length=60, blank=True, editable=False)
    audio_grootte = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Whole seconds, when known (the demo's clips); the podcast feed gives it as itunes:duration.
    audio_duur = models.PositiveIntegerField(null=True, blank=True, editable=False)
    taal = models.CharField(_("language"), max_length=5, choices=Taal.choices, default=Taal.NL)
    themas = models.ManyToManyField(
        Thema, verbose_name=_("themes"), blank=True, related_name="publicaties"
    )
    werkteams = models.ManyToManyField(
        Werkteam, verbose_name=_("work teams"), blank=True, related_name="publicaties"
    )
    kenniscafe = models.ForeignKey(
        "kenniscafes.Kenniscafe",
        verbose_name=_("knowledge café"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publicaties",
        help_text=_("For a report of a knowledge café: the café it reports on."),
    )
    kennisvormen = models.JSONField(_("kinds of knowledge"), default=list, blank=True)
    doelgroepen = models.JSONField(_("audiences"), default=list, blank=True)
    licentie = models.CharField(
        _("licence"), max_length=20, choices=Licentie.choices, default=Licentie.ALLE_RECHTEN
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)
    gepubliceerd_op = models.DateTimeField(_("first published"), null=True, blank=True)

    # Search cache, written only by services.zoekindex_update: the texts that are
    # weighted in the tsvector, and the ids the facets count (JSON lists of strings
    # so they work on SQLite too and PostgreSQL can test them with ?|).
    auteurs_tekst = models.TextField(blank=True, editable=False)
    themas_tekst = models.TextField(blank=True, editable=False)
    inhoud_tekst = models.TextField(blank=True, editable=False)
    thema_ids = models.JSONField(default=list, blank=True, editable=False)
    werkteam_ids = models.JSONField(default=list, blank=True, editable=False)
    # SQLite only (make run): all search texts in lower case without accents, so the
    # simple search there still finds "café" for "cafe". Empty on PostgreSQL.
    zoektekst = models.TextField(blank=True, editable=False)
    # PostgreSQL only; its GIN index is created by migration 0002 (not on SQLite).
    zoekvector = SearchVectorField(null=True, editable=False)
    # The same without the body (weights A-C), stored out of the row and read through its
    # GIN index: its matches rank before body-only matches (see zoeken/pg_woorden.py). PostgreSQL
    # also keeps abvector (A-B, for ts_rank) and facetcodes, written by raw SQL only
    # (migrations 0004, 0008, 0009).
    rangvector = SearchVectorField(null=True, editable=False)

    objects = PublicatieQuerySet.as_manager()

    werkplaats = werkplaats_veld()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-jaar", "-datum", "-id"]
        indexes = [
            models.Index(
                fields=["-jaar", "-datum", "-id"],
                name="publicatie_gepubl_jaar_idx",
                condition=Q(status="gepubliceerd"),
            ),
            models.Index(
                fields=["-gepubliceerd_op"],
                name="publicatie_gepubl_op_idx",
                condition=Q(status="gepubliceerd"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "slug"], name="publicatie_slug_uniek")
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("publicaties:publicatie_detail", kwargs={"slug": self.slug})

    @property
    def is_gepubliceerd(self) -> bool:
        return self.status == self.Status.GEPUBLICEERD

    @property
    def is_podcast(self) -> bool:
        return self.type == self.Type.PODCASTAFLEVERING

    def get_kennisvormen_display(self) -> list[str]:
        labels = dict(self.Kennisvorm.choices)
        return [str(labels[k]) for k in self.kennisvormen if k in labels]

    def get_doelgroepen_display(self) -> list[str]:
        labels = dict(self.Doelgroep.choices)
        return [str(labels[d]) for d in self.doelgroepen if d in labels]


class Auteurschap(models.Model):
    """One author (person or organisation) of a publication, in order, with the affiliation then."""

    publicatie = models.ForeignKey(
        Publicatie, on_delete=models.CASCADE, related_name="auteurschappen"
    )
    volgorde = models.PositiveSmallIntegerField(_("order"))
    achternaam = models.CharField(
        _("surname or organisation name"),
        max_length=200,
        help_text=_("Including prefixes such as 'van' or 'ter'."),
    )
    voornamen = models.CharField(_("given names"), max_length=200, blank=True)
    is_organisatie = models.BooleanField(_("is an organisation"), default=False)
    affiliatie = models.CharField(_("affiliation at the time"), max_length=200, blank=True)

    WERKPLAATS_PAD = "publicatie__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["publicatie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["publicatie", "volgorde"], name="auteurschap_volgorde_uniek"
            )
        ]

    def __str__(self):
        return self.weergavenaam

    @property
    def weergavenaam(self) -> str:
        """The name as people read it: "David ter Avest" or "Werkteam Gezond-sociaal"."""
        if self.is_organisatie or not self.voornamen:
            return self.achternaam
        return f"{self.voornamen} {self.achternaam}"


class Bijlage(models.Model):
    """One downloadable file of a publication (PDF or office document), checked on upload."""

    publicatie = models.ForeignKey(Publicatie, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField(_("file"), upload_to=bijlage_pad, max_length=200)
    naam = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("file type"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("size in bytes"))
    aangemaakt = models.DateTimeField(_("uploaded"), auto_now_add=True)

    WERKPLAATS_PAD = "publicatie__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["aangemaakt", "id"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse(
            "publicaties:bijlage_download",
            kwargs={"slug": self.publicatie.slug, "pk": self.pk},
        )


class Zoekwoord(UniekPerWerkplaats, models.Model):
    """A word that occurs in published publications; the source of "did you mean …?"."""

    woord = models.CharField(max_length=100)
    aantal = models.PositiveIntegerField(default=1)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "woord"], name="zoekwoord_uniek")
        ]

    def __str__(self):
        return self.woord
