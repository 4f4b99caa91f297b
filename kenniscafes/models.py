"""Kenniscafés: public knowledge events, their registrations, reminders, invitations, evaluation."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.huidig import (
    PerWerkplaatsManager,
    PerWerkplaatsQuerySet,
    UniekPerWerkplaats,
    werkplaats_veld,
)
from werkplaats.kern.models import Organisatie, Sector


class KenniscafeQuerySet(PerWerkplaatsQuerySet):
    """Queries on cafés that other apps may use without knowing the café's statuses."""

    def gepubliceerd(self):
        """Cafés that are public: published (cancelled and draft ones are not)."""
        return self.filter(status=Kenniscafe.Status.GEPUBLICEERD)

    def beheerbaar_door(self, user):
        """The cafés a user may manage: a beheerder all, a coordinator the cafés they or their
        teams organise, anyone else none (see kenniscafe_can_manage)."""
        from werkteams.selectors import werkteams_beheerbaar

        if user is None or not user.is_authenticated or not user.is_coordinator:
            return self.none()
        if user.is_beheerder:
            return self.all()
        return self.filter(
            Q(organisator_gebruikers=user) | Q(organisator_werkteams__in=werkteams_beheerbaar(user))
        )

    def kiesbaar_voor(self, user, *, huidig_id: int | None = None):
        """Cafés a user may link to (an outcome, a publication), newest first: every announced
        café and the drafts they manage; someone else's draft never shows. `huidig_id` keeps
        the café already linked, so saving a form does not drop it."""
        qs = self.all()
        if not (user is not None and user.is_authenticated and user.is_beheerder):
            qs = qs.filter(
                ~Q(status=Kenniscafe.Status.CONCEPT)
                | Q(pk__in=Kenniscafe.objects.beheerbaar_door(user).values("pk"))
                | Q(pk=huidig_id)
            )
        return qs.order_by("-start", "-pk")


class Kenniscafe(UniekPerWerkplaats, models.Model):
    """One kenniscafé: a public knowledge event on one date, organised by one or more parties."""

    class Type(models.TextChoices):
        KLASLOKAAL = "klaslokaal", _("Classroom")
        KENNISONTWIKKELING = "kennisontwikkeling", _("Knowledge development")
        PODIUM = "podium", _("Stage")
        DIALOOGTAFEL = "dialoogtafel", _("Dialogue table")

    class Vorm(models.TextChoices):
        FYSIEK = "fysiek", _("On site")
        ONLINE = "online", _("Online")
        HYBRIDE = "hybride", _("Hybrid")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        GEPUBLICEERD = "gepubliceerd", _("Published")
        GEANNULEERD = "geannuleerd", _("Cancelled")

    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    thema = models.CharField(_("theme"), max_length=200, blank=True)
    beschrijving = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    eind = models.DateTimeField(_("end"))
    vorm = models.CharField(_("format"), max_length=20, choices=Vorm.choices)
    locatie = models.CharField(_("venue"), max_length=200, blank=True)
    adres = models.CharField(_("address"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    plaatsen_locatie = models.PositiveIntegerField(_("places on site"), default=0)
    plaatsen_online = models.PositiveIntegerField(_("places online"), default=0)
    organisator_werkteams = models.ManyToManyField(
        "werkteams.Werkteam",
        verbose_name=_("organising work teams"),
        blank=True,
        related_name="kenniscafes",
    )
    organisator_organisaties = models.ManyToManyField(
        Organisatie,
        verbose_name=_("organising organisations"),
        blank=True,
        related_name="kenniscafes",
    )
    organisatoren_tekst = models.CharField(
        _("other organisers"),
        max_length=300,
        blank=True,
        help_text=_("For example students Social Work or the lectors."),
    )
    organisator_gebruikers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers with an account"),
        blank=True,
        related_name="georganiseerde_kenniscafes",
    )
    aanmelding_open = models.DateTimeField(_("registration opens"), null=True, blank=True)
    aanmelding_sluit = models.DateTimeField(_("registration closes"), null=True, blank=True)
    herinnering_uren = models.PositiveIntegerField(
        _("reminder (hours before the start)"), default=24
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    ical_uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    objects = KenniscafeQuerySet.as_manager()

    werkplaats = werkplaats_veld()

    class Meta:
        verbose_name = _("knowledge café")
        verbose_name_plural = _("knowledge cafés")
        ordering = ["start"]
        indexes = [models.Index(fields=["status", "start"], name="kenniscafe_status_start_idx")]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "slug"], name="kenniscafe_slug_uniek"),
            models.CheckConstraint(
                condition=Q(eind__gt=F("start")), name="kenniscafe_eind_na_start"
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("kenniscafes:kenniscafe_detail", kwargs={"slug": self.slug})

    @property
    def capaciteit(self) -> int:
        """Places in total; the formats without that channel count as zero."""
        if self.vorm == self.Vorm.FYSIEK:
            return self.plaatsen_locatie
        if self.vorm == self.Vorm.ONLINE:
            return self.plaatsen_online
        return self.plaatsen_locatie + self.plaatsen_online

    @property
    def is_voorbij(self) -> bool:
        return self.eind < timezone.now()


class ProgrammaOnderdeel(models.Model):
    """One item of a café's programme, optionally with its speaker."""

    kenniscafe = models.ForeignKey(
        Kenniscafe, on_delete=models.CASCADE, related_name="programma", verbose_name=_("café")
    )
    tijd = models.TimeField(_("time"), null=True, blank=True)
    titel = models.CharField(_("item"), max_length=200)
    spreker_naam = models.CharField(_("speaker"), max_length=200, blank=True)
    spreker_rol = models.CharField(_("speaker's role"), max_length=200, blank=True)
    spreker_organisatie = models.CharField(_("speaker's organisation"), max_length=200, blank=True)
    volgorde = models.PositiveIntegerField(_("order"), default=0)

    WERKPLAATS_PAD = "kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["volgorde", "tijd", "pk"]

    def __str__(self):
        return self.titel


class Aanmelding(models.Model):
    """One person's registration for one café: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        BEVESTIGD = "bevestigd", _("Registered")
        WACHTLIJST = "wachtlijst", _("Waiting list")
        GEANNULEERD = "geannuleerd", _("Cancelled")

    class Rol(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        STUDENT = "student", _("Student")
        BEWONER = "bewoner", _("Resident or expert by experience")
        ONDERWIJS = "onderwijs", _("Lecturer, researcher or lector")
        BELEID = "beleid", _("Policy or management")
        ANDERS = "anders", _("Other")

    class Regio(models.TextChoices):
        BINNEN = "binnen", _("In the region")
        BUITEN = "buiten", _("Outside the region")

    class Deelname(models.TextChoices):
        LOCATIE = "locatie", _("On site")
        ONLINE = "online", _("Online")

    kenniscafe = models.ForeignKey(
        Kenniscafe, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("café")
    )
    naam = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    organisatie = models.CharField(_("organisation"), max_length=200, blank=True)
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices, blank=True)
    regio = models.CharField(_("region"), max_length=20, choices=Regio.choices)
    opleiding = models.CharField(_("study programme"), max_length=200, blank=True)
    deelname = models.CharField(_("taking part"), max_length=20, choices=Deelname.choices)
    registratienummer = models.CharField(_("registration number"), max_length=40, blank=True)
    opmerkingen = models.TextField(_("remarks or accessibility needs"), blank=True)
    uitnodigingen_ok = models.BooleanField(_("invitations for future cafés"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    aanwezig = models.BooleanField(_("present"), null=True, blank=True)
    is_inloop = models.BooleanField(_("walk-in"), default=False)
    sleutel = models.UUIDField(default=uuid.uuid4, editable=False)
    toestemming_op = models.DateTimeField(_("consent given"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("registered at"), default=timezone.now)
    bevestigd_op = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    geannuleerd_op = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    geanonimiseerd_op = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    WERKPLAATS_PAD = "kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["aangemaakt", "pk"]
        indexes = [
            models.Index(
                fields=["kenniscafe", "status", "aangemaakt"], name="aanmelding_cafe_status_idx"
            )
        ]
        constraints = [
            # Backstop for the lock in aanmelding_create: one active registration per address.
            models.UniqueConstraint(
                F("kenniscafe"),
                Lower("email"),
                name="aanmelding_een_actieve_per_email",
                condition=Q(status__in=["bevestigd", "wachtlijst"]) & ~Q(email=""),
            )
        ]

    def __str__(self):
        return f"{self.naam} – {self.kenniscafe}"

    @property
    def krijgt_online_link(self) -> bool:
        """The one rule for the online link: a confirmed place, taking part online."""
        return (
            self.status == self.Status.BEVESTIGD
            and self.deelname == self.Deelname.ONLINE
            and self.geanonimiseerd_op is None
        )

    @property
    def online_link(self) -> str:
        """The café's online link when this person gets it (krijgt_online_link), else ""."""
        return self.kenniscafe.online_link if self.krijgt_online_link else ""

    @property
    def had_plaats(self) -> bool:
        """Had a confirmed place at some time (so a calendar invite went out)."""
        return self.status == self.Status.BEVESTIGD or self.bevestigd_op is not None


class Herinnering(models.Model):
    """A mail due at a given time for one registration (reminder or evaluation request)."""

    class Soort(models.TextChoices):
        HERINNERING = "herinnering", _("Reminder")
        EVALUATIE = "evaluatie", _("Evaluation request")

    aanmelding = models.ForeignKey(
        Aanmelding, on_delete=models.CASCADE, related_name="herinneringen"
    )
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    verstuur_op = models.DateTimeField(_("due at"))
    verwerkt_op = models.DateTimeField(_("handled at"), null=True, blank=True)

    WERKPLAATS_PAD = "aanmelding__kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("scheduled mail")
        verbose_name_plural = _("scheduled mails")
        constraints = [
            models.UniqueConstraint(fields=["aanmelding", "soort"], name="herinnering_uniek")
        ]
        indexes = [
            models.Index(
                fields=["verstuur_op"],
                name="herinnering_open_idx",
                condition=Q(verwerkt_op__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.aanmelding_id}"


class Evaluatie(models.Model):
    """A visitor's short evaluation of the café they attended."""

    aanmelding = models.OneToOneField(
        Aanmelding, on_delete=models.CASCADE, related_name="evaluatie"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    meenemen = models.TextField(_("what do you take away?"))
    opmerking = models.TextField(_("remark"), blank=True)
    aangemaakt = models.DateTimeField(_("given at"), auto_now_add=True)

    WERKPLAATS_PAD = "aanmelding__kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10), name="evaluatie_score_1_10"
            )
        ]

    def __str__(self):
        return f"{self.score} – {self.aanmelding_id}"


class Abonnee(UniekPerWerkplaats, models.Model):
    """A subscriber of the kenniscafé mailing list (double opt-in)."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    sleutel = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aangemeld_op = models.DateTimeField(_("signed up"), default=timezone.now)
    bevestigd_op = models.DateTimeField(_("confirmed"), null=True, blank=True)
    afgemeld_op = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint("werkplaats", Lower("email"), name="abonnee_email_uniek")
        ]

    def __str__(self):
        return self.email

    @property
    def is_actief(self) -> bool:
        return self.bevestigd_op is not None and self.afgemeld_op is None


class UitnodigingsRonde(models.Model):
    """One run of sending a café's invitation to chosen audiences, with its progress."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Waiting")
        BEZIG = "bezig", _("Running")
        KLAAR = "klaar", _("Done")

    kenniscafe = models.ForeignKey(
        Kenniscafe, on_delete=models.CASCADE, related_name="uitnodigingsrondes"
    )
    werkteams = models.ManyToManyField("werkteams.Werkteam", blank=True)
    eerdere_bezoekers = models.BooleanField(_("earlier visitors who opted in"), default=False)
    abonnees = models.BooleanField(_("mailing list subscribers"), default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    totaal = models.PositiveIntegerField(default=0)
    verwerkt = models.PositiveIntegerField(default=0)
    nieuw = models.PositiveIntegerField(default=0)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    WERKPLAATS_PAD = "kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("invitation run")
        verbose_name_plural = _("invitation runs")
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"{self.kenniscafe_id} – {self.aangemaakt:%Y-%m-%d %H:%M}"


class Uitnodiging(models.Model):
    """The one invitation of one café to one address (unique: never twice)."""

    kenniscafe = models.ForeignKey(
        Kenniscafe, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    email = models.EmailField(max_length=254)
    ronde = models.ForeignKey(UitnodigingsRonde, null=True, on_delete=models.SET_NULL)
    # The secret in its unsubscribe link: the link names this row, never the address.
    sleutel = models.UUIDField(default=uuid.uuid4, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    WERKPLAATS_PAD = "kenniscafe__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                F("kenniscafe"), Lower("email"), name="uitnodiging_een_per_email"
            )
        ]

    def __str__(self):
        return self.email
