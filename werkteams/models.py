"""Werkteams: a team of partner organisations learning together on one opgave."""

import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.bestanden import bestandspad
from werkplaats.kern.models import Organisatie, Periode


class Werkteam(models.Model):
    """One werkteam (or werkgroep, as they were called in 2016-2017) in one period."""

    class Status(models.TextChoices):
        IN_OPRICHTING = "in-oprichting", _("Being set up")
        ACTIEF = "actief", _("Active")
        AFGEROND = "afgerond", _("Completed")

    class Soort(models.TextChoices):
        WERKTEAM = "werkteam", _("Work team")
        WERKGROEP = "werkgroep", _("Working group")

    naam = models.CharField(_("name"), max_length=200)
    korte_naam = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    soort = models.CharField(
        _("kind"), max_length=20, choices=Soort.choices, default=Soort.WERKTEAM
    )
    periode = models.ForeignKey(
        Periode, verbose_name=_("period"), on_delete=models.PROTECT, related_name="werkteams"
    )
    thema = models.TextField(_("theme"), blank=True)
    opgave = models.TextField(_("assignment"), blank=True)
    beschrijving = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_OPRICHTING
    )
    start = models.DateField(_("start"), null=True, blank=True)
    eind = models.DateField(_("end"), null=True, blank=True)
    voorganger = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opvolgers",
    )
    coordinatoren = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="gecoordineerde_werkteams",
    )
    # "Zitten de juiste mensen aan tafel?": sectors (codes of kern.Sector) the team wants at
    # the table, and parties it names in words (e.g. "huisartsen") that are still missing.
    gewenste_sectoren = models.JSONField(_("wanted sectors"), default=list, blank=True)
    gewenst_maar_afwezig = models.JSONField(
        _("wanted but absent parties"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("work team")
        verbose_name_plural = _("work teams")
        ordering = ["-periode__start", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(start__isnull=True) | Q(eind__gte=F("start")),
                name="werkteam_eind_na_start",
            )
        ]

    def __str__(self):
        return self.korte_naam or self.naam

    def get_absolute_url(self):
        return reverse("werkteams:werkteam_detail", kwargs={"slug": self.slug})


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that PostgreSQL enforces; on SQLite (make run) it is a no-op.

    Deliberate exception: the embedded SQLite default has no GiST, so there the service's
    own overlap check is the only guard. Tests and production run on PostgreSQL.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using="default"):
        if connections[using].vendor != "postgresql":
            return
        return super().validate(model, instance, exclude=exclude, using=using)


class Persoon(models.Model):
    """A person who is (or was) a member of one or more werkteams; never shown in public."""

    naam = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="personen",
    )
    functie = models.CharField(_("function"), max_length=200, blank=True)
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="persoon",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="persoon_email_uniek"),
        ]

    def __str__(self):
        return self.naam


class Lidmaatschap(models.Model):
    """One period in which one person sits in one werkteam, in one role."""

    class Rol(models.TextChoices):
        PROCESBEGELEIDER = "procesbegeleider", _("Facilitator")
        DOCENTONDERZOEKER = "docentonderzoeker", _("Lecturer-researcher")
        LECTOR = "lector", _("Professor (lector)")
        COORDINATOR = "coordinator", _("Coordinator")
        PROFESSIONAL = "professional", _("Professional")
        BELEIDSMEDEWERKER = "beleidsmedewerker", _("Policy officer")
        LEIDINGGEVENDE = "leidinggevende", _("Manager")
        STUDENT = "student", _("Student")
        AFSTUDEERDER = "afstudeerder", _("Graduating student")
        BEWONER = "bewoner", _("Resident")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Expert by experience")
        CLIENTVERTEGENWOORDIGER = "clientvertegenwoordiger", _("Client representative")
        SOCIAAL_ONDERNEMER = "sociaal-ondernemer", _("Social entrepreneur")
        ANDERS = "anders", _("Other")

    werkteam = models.ForeignKey(
        Werkteam,
        verbose_name=_("work team"),
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)
    kerngroep = models.BooleanField(_("core group"), default=False)
    start = models.DateField(_("start"))
    eind = models.DateField(_("end"), null=True, blank=True)
    overgedragen_aan = models.OneToOneField(
        "self",
        verbose_name=_("handed over to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="overgenomen_van",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="lidmaatschap_eind_na_start",
            ),
            # One person never holds two overlapping memberships of one team ("[]": both
            # dates inclusive; an open end is an unbounded range).
            PostgresExclusionConstraint(
                name="lidmaatschap_geen_overlap",
                expressions=[
                    (F("werkteam"), RangeOperators.EQUAL),
                    (F("persoon"), RangeOperators.EQUAL),
                    (
                        Func(F("start"), F("eind"), Value("[]"), function="daterange"),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
        ]
        indexes = [models.Index(fields=["werkteam", "start", "eind"])]

    def __str__(self):
        return f"{self.persoon} – {self.werkteam}"

    def is_actief_op(self, datum) -> bool:
        return self.start <= datum and (self.eind is None or self.eind >= datum)


class Activiteit(models.Model):
    """Something a team does besides its meetings: a guest lesson, a pilot, student research."""

    class Soort(models.TextChoices):
        GASTLES = "gastles", _("Guest lesson")
        WORKSHOP = "workshop", _("Workshop")
        SYMPOSIUM = "symposium", _("Symposium")
        UITWISSELING = "uitwisselingsbijeenkomst", _("Exchange meeting")
        DOORWERKING = "doorwerkingsbijeenkomst", _("Meeting on carrying results into organisations")
        FOCUSGROEP = "focusgroep", _("Focus group")
        STUDENTENONDERZOEK = "studentenonderzoek", _("Student research")
        AFSTUDEERONDERZOEK = "afstudeeronderzoek", _("Graduation research")
        LESMATERIAAL = "lesmateriaal", _("Teaching material")
        KEUZEVAK = "keuzevak", _("Elective course")
        PILOT = "pilot", _("Pilot")
        EXPERIMENT = "experiment", _("Experiment")

    werkteam = models.ForeignKey(
        Werkteam,
        verbose_name=_("work team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activiteiten",
    )
    soort = models.CharField(_("type"), max_length=30, choices=Soort.choices)
    titel = models.CharField(_("title"), max_length=250)
    start = models.DateField(_("start date"), null=True, blank=True)
    eind = models.DateField(_("end date"), null=True, blank=True)
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("organisations"), blank=True, related_name="activiteiten"
    )
    opleiding = models.CharField(_("study programme"), max_length=200, blank=True)
    aantal_studenten = models.PositiveIntegerField(_("students reached"), null=True, blank=True)
    beschrijving = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = [F("start").desc(nulls_last=True), "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(start__isnull=True) | Q(eind__gte=F("start")),
                name="activiteit_eind_na_start",
            )
        ]

    def __str__(self):
        return self.titel


class Bijeenkomst(models.Model):
    """One werkteam meeting; meetings planned together share a serie id."""

    class Vorm(models.TextChoices):
        FYSIEK = "fysiek", _("In person")
        ONLINE = "online", _("Online")
        HYBRIDE = "hybride", _("Hybrid")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Planned")
        GEANNULEERD = "geannuleerd", _("Cancelled")

    werkteam = models.ForeignKey(
        Werkteam,
        verbose_name=_("work team"),
        on_delete=models.CASCADE,
        related_name="bijeenkomsten",
    )
    serie = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    titel = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    duur_minuten = models.PositiveIntegerField(_("duration (minutes)"), default=120)
    vorm = models.CharField(_("format"), max_length=20, choices=Vorm.choices)
    locatie = models.CharField(_("location"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    # Calendar identity: the UID never changes, SEQUENCE rises with every update we send.
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    volgnummer = models.PositiveIntegerField(_("calendar sequence"), default=0)
    herinnering_dagen = models.PositiveSmallIntegerField(_("reminder (days before)"), default=2)
    incheck = models.TextField(_("check-in notes"), blank=True)
    verslag = models.TextField(_("minutes"), blank=True)
    verslag_gepubliceerd_op = models.DateTimeField(_("minutes published"), null=True, blank=True)
    # Every publication of changed minutes is a new version, mailed again as a correction;
    # the fingerprint of what was mailed tells a correction from a double click.
    verslag_versie = models.PositiveIntegerField(_("minutes version"), default=0)
    verslag_vingerafdruk = models.CharField(
        _("fingerprint of the published minutes"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duur_minuten__gt=0), name="bijeenkomst_duur_positief"
            )
        ]

    def __str__(self):
        return self.titel

    @property
    def eind(self):
        from datetime import timedelta

        return self.start + timedelta(minutes=self.duur_minuten)

    @property
    def is_geannuleerd(self) -> bool:
        return self.status == self.Status.GEANNULEERD


class Leerdoel(models.Model):
    """A learning goal set for one meeting, later marked reached, partly or not."""

    class Resultaat(models.TextChoices):
        OPEN = "", _("Not assessed yet")
        BEREIKT = "bereikt", _("Reached")
        DEELS = "deels", _("Partly reached")
        NIET = "niet", _("Not reached")

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="leerdoelen"
    )
    omschrijving = models.CharField(_("learning goal"), max_length=500)
    resultaat = models.CharField(
        _("result"), max_length=10, choices=Resultaat.choices, default="", blank=True
    )

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["pk"]

    def __str__(self):
        return self.omschrijving


def _nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(24)


class Aanwezigheid(models.Model):
    """One member's invitation to and attendance at one meeting; its key is the absence link."""

    class Status(models.TextChoices):
        ONBEKEND = "onbekend", _("Not recorded")
        AANWEZIG = "aanwezig", _("Present")
        AFWEZIG = "afwezig", _("Absent")
        AFGEMELD = "afgemeld", _("Excused")

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
    )
    lidmaatschap = models.ForeignKey(
        Lidmaatschap,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=Status.choices, default=Status.ONBEKEND
    )
    sleutel = models.CharField(max_length=64, unique=True, default=_nieuwe_sleutel, editable=False)
    afmelding_reden = models.CharField(_("reason for absence"), max_length=500, blank=True)
    afgemeld_op = models.DateTimeField(_("excused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "lidmaatschap"], name="aanwezigheid_uniek"
            )
        ]

    def __str__(self):
        return f"{self.lidmaatschap.persoon} – {self.bijeenkomst}"


class Verslagpunt(models.Model):
    """A decision or an action recorded in the minutes of one meeting."""

    class Soort(models.TextChoices):
        BESLUIT = "besluit", _("Decision")
        ACTIE = "actie", _("Action")

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="verslagpunten",
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    tekst = models.CharField(_("text"), max_length=500)
    eigenaar = models.ForeignKey(
        Persoon,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acties",
    )
    deadline = models.DateField(_("due date"), null=True, blank=True)
    gedaan = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("decision or action")
        verbose_name_plural = _("decisions and actions")
        ordering = ["soort", "pk"]

    def __str__(self):
        return self.tekst


class Herinnering(models.Model):
    """The reminder of one meeting: a due time that the beat sweeper picks up once."""

    bijeenkomst = models.OneToOneField(
        Bijeenkomst, on_delete=models.CASCADE, related_name="herinnering"
    )
    verstuur_op = models.DateTimeField(_("send at"))
    verstuurd_op = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            models.Index(
                fields=["verstuur_op"],
                name="herinnering_due_idx",
                condition=Q(verstuurd_op__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.bijeenkomst} @ {self.verstuur_op}"


def bewijs_pad(instance, filename):
    return bestandspad("werkteams/leeropbrengsten", filename)


class Leeropbrengst(models.Model):
    """One thing learned, at the individual, team or organisation level, with its evidence."""

    class Niveau(models.TextChoices):
        INDIVIDUEEL = "individueel", _("Individual")
        TEAM = "team", _("Team")
        ORGANISATIE = "organisatie", _("Organisation")

    werkteam = models.ForeignKey(
        Werkteam,
        verbose_name=_("work team"),
        on_delete=models.CASCADE,
        related_name="leeropbrengsten",
    )
    niveau = models.CharField(_("level"), max_length=20, choices=Niveau.choices)
    wat = models.TextField(_("what was learned"))
    bewijs_tekst = models.TextField(_("evidence"), blank=True)
    bewijs_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    # Stored under a random name (bewijs_pad); the uploaded name is only shown (bewijs_naam).
    bewijs_bestand = models.FileField(_("evidence file"), upload_to=bewijs_pad, blank=True)
    bewijs_naam = models.CharField(_("evidence file name"), max_length=255, blank=True)
    datum = models.DateField(_("date"))
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeropbrengsten",
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeropbrengsten",
    )
    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeropbrengsten",
    )
    kenniscafe = models.ForeignKey(
        "kenniscafes.Kenniscafe",
        verbose_name=_("knowledge café"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeropbrengsten",
    )
    publicatie = models.ForeignKey(
        "publicaties.Publicatie",
        verbose_name=_("publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeropbrengsten",
    )
    # Doorwerking: the organisation an organisation-level lesson reached.
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisation reached"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leeropbrengsten",
    )

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisatie__isnull=True) | Q(niveau="organisatie"),
                name="leeropbrengst_doorwerking_alleen_organisatie",
            )
        ]
        indexes = [models.Index(fields=["werkteam", "-datum"])]

    def __str__(self):
        return self.wat[:60]
