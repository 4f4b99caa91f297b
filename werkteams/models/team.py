"""A team, the people in it and what it does besides meeting: Werkteam, Persoon, Lidmaatschap, Activiteit."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.huidig import PerWerkplaatsManager, UniekPerWerkplaats, werkplaats_veld
from werkplaats.kern.models import Organisatie, Periode


class Werkteam(UniekPerWerkplaats, models.Model):
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
    slug = models.SlugField(_("slug"), max_length=80)
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

    # The werkplaats that runs the team (the penvoerder); a national project is run together
    # with the werkplaatsen listed here, and belongs to each of them as much as to its own.
    werkplaats = werkplaats_veld()
    deelnemende_werkplaatsen = models.ManyToManyField(
        "kern.Werkplaats",
        verbose_name=_("participating werkplaatsen"),
        blank=True,
        related_name="gedeelde_werkteams",
    )
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("work team")
        verbose_name_plural = _("work teams")
        ordering = ["-periode__start", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "slug"], name="werkteam_slug_uniek"),
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(start__isnull=True) | Q(eind__gte=F("start")),
                name="werkteam_eind_na_start",
            ),
        ]

    def __str__(self):
        return self.korte_naam or self.naam

    def get_absolute_url(self):
        return reverse("werkteams:werkteam_detail", kwargs={"slug": self.slug})

    @staticmethod
    def werkplaats_filter(werkplaats_id: int) -> Q:
        """ "Of this werkplaats": its own teams and the teams it takes part in."""
        return Q(werkplaats_id=werkplaats_id) | Q(pk__in=gedeeld_met(werkplaats_id))

    @property
    def landelijk_url(self) -> str:
        """A shared team's page on the national portal (absolute: it links from a site).
        Read along with the team as `eigenaar_slug` (selectors.met_landelijk), else asked."""
        from werkplaats.portaal.werkteams import werkteam_portaal_url

        eigenaar = getattr(self, "eigenaar_slug", None) or self.werkplaats.slug
        return werkteam_portaal_url(eigenaar, self.slug)

    def clean(self):
        """A shared team's address is /werkteams/<slug>/ on every participant's site: refuse
        a slug that another team already has there (the unique constraint only sees the
        teams of this team's own werkplaats, UniekPerWerkplaats reports those)."""
        super().clean()
        deelnemers = set()
        if self.pk:
            deelnemers = set(self.deelnemende_werkplaatsen.values_list("pk", flat=True))
        bezet = slug_bezet_in(self.slug, deelnemers | {self.werkplaats_id}, behalve=self.pk)
        if any(wp != self.werkplaats_id or gedeeld for wp, gedeeld in bezet):
            raise ValidationError(
                {"slug": _("Another work team that this team's werkplaatsen share has this slug.")}
            )


def slug_bezet_in(slug: str, werkplaats_ids, *, behalve: int | None = None) -> set:
    """Where `slug` is taken by another team: {(werkplaats id, shared?)} for each of
    `werkplaats_ids` that owns such a team (False) or takes part in one (True)."""
    ids = {pk for pk in werkplaats_ids if pk is not None}
    if not slug or not ids:
        return set()
    teams = Werkteam._base_manager.filter(slug=slug).exclude(pk=behalve)
    eigen = teams.filter(werkplaats_id__in=ids).values_list("werkplaats_id", flat=True)
    gedeeld = Werkteam.deelnemende_werkplaatsen.through.objects.filter(
        werkteam__in=teams, werkplaats_id__in=ids
    ).values_list("werkplaats_id", flat=True)
    return {(pk, False) for pk in eigen} | {(pk, True) for pk in gedeeld}


def gedeeld_met(werkplaats_id: int):
    """The ids of the teams of other werkplaatsen that `werkplaats_id` takes part in, as a
    subquery. The link table has no werkplaats filter of its own, and IN (not a join) keeps
    every row once however many werkplaatsen share a team."""
    return Werkteam.deelnemende_werkplaatsen.through.objects.filter(
        werkplaats_id=werkplaats_id
    ).values("werkteam_id")


def via_werkteam(pad: str):
    """The `werkplaats_filter` of a model that belongs to a team through `pad` (a meeting:
    "werkteam"; its attendance: "bijeenkomst__werkteam"): its team is of this werkplaats
    or shared with it, the same rule as the team's own."""

    def werkplaats_filter(werkplaats_id: int) -> Q:
        return Q(**{f"{pad}__werkplaats_id": werkplaats_id}) | Q(
            **{f"{pad}__in": gedeeld_met(werkplaats_id)}
        )

    return staticmethod(werkplaats_filter)


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


class Persoon(UniekPerWerkplaats, models.Model):
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

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint("werkplaats", Lower("email"), name="persoon_email_uniek"),
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

    WERKPLAATS_PAD = "werkteam__werkplaats"
    werkplaats_filter = via_werkteam("werkteam")
    objects = PerWerkplaatsManager()

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

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

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

    @staticmethod
    def werkplaats_filter(werkplaats_id: int) -> Q:
        """Its own activities, and those of a team this werkplaats takes part in."""
        return Q(werkplaats_id=werkplaats_id) | Q(werkteam__in=gedeeld_met(werkplaats_id))
