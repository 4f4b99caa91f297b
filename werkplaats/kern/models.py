"""Werkplaats-level data: users and roles, organisations, periods, site settings, outbox."""

from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SITE_CACHE_KEY = "kern:site-instellingen:v1"


class Sector(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipality")
    ZORG_WELZIJN = "zorg-welzijn", _("Care and welfare")
    HOGESCHOOL = "hogeschool", _("University of applied sciences")
    SOCIAAL_ONDERNEMER = "sociaal-ondernemer", _("Social entrepreneur")
    KUNST_CULTUUR = "kunst-cultuur", _("Arts and culture")
    ONDERZOEK_ADVIES = "onderzoek-advies", _("Research and consultancy")
    CLIENTVERTEGENWOORDIGING = "clientvertegenwoordiging", _("Client representation")
    GEZONDHEID = "gezondheid", _("Health")
    FINANCIEEL_JURIDISCH = "financieel-juridisch", _("Financial and legal")
    ONDERWIJS_MBO = "onderwijs-mbo", _("Vocational education (mbo)")
    WONEN = "wonen", _("Housing")
    OVERIG = "overig", _("Other")


class Gebruiker(AbstractUser):
    """A person who can log in: a beheerder (staff) or a coördinator."""

    class Rol(models.TextChoices):
        BEHEERDER = "beheerder", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")
        LID = "lid", _("Member")

    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices, default=Rol.LID)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_beheerder(self) -> bool:
        return self.is_superuser or self.rol == self.Rol.BEHEERDER

    @property
    def is_coordinator(self) -> bool:
        return self.rol == self.Rol.COORDINATOR or self.is_beheerder


class Organisatie(models.Model):
    """A partner organisation (or one of its departments) of the Werkplaats."""

    naam = models.CharField(_("name"), max_length=200)
    afdeling = models.CharField(_("department"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    gemeente = models.CharField(_("municipality"), max_length=100, blank=True)
    # Archived: no longer a partner; stays on existing records, shown apart in the beheer list.
    gearchiveerd = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam", "afdeling"]
        constraints = [
            models.UniqueConstraint(
                fields=["naam", "afdeling"], name="organisatie_naam_afdeling_uniek"
            )
        ]

    def __str__(self):
        return f"{self.naam} – {self.afdeling}" if self.afdeling else self.naam


class Periode(models.Model):
    """A subsidy period of the Werkplaats (e.g. 2020-2022) with its own themes and teams."""

    naam = models.CharField(_("name"), max_length=50, unique=True)
    start = models.DateField(_("start"))
    eind = models.DateField(_("end"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gte=models.F("start")), name="periode_eind_na_start"
            )
        ]

    def __str__(self):
        return self.naam

    @property
    def is_huidig(self) -> bool:
        return self.start <= timezone.localdate() <= self.eind


class SiteInstellingen(models.Model):
    """The one row of settings for this Werkplaats: name, region, contact, statements."""

    naam = models.CharField(_("name"), max_length=200)
    korte_naam = models.CharField(_("short name"), max_length=60, blank=True)
    regio = models.CharField(_("region"), max_length=200, blank=True)
    gemeenten_in_regio = models.JSONField(
        _("municipalities in the region"), default=list, blank=True
    )
    sinds = models.PositiveIntegerField(_("active since"), null=True, blank=True)
    subsidiegever = models.CharField(_("funder"), max_length=200, blank=True)
    trekkers = models.JSONField(_("lead institutions"), default=list, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    adres = models.TextField(_("postal address"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    privacyverklaring = models.TextField(_("privacy statement"), blank=True)
    toegankelijkheidsverklaring = models.TextField(_("accessibility statement"), blank=True)
    bewaartermijn_maanden = models.PositiveIntegerField(
        _("retention period of registrations (months)"), default=24
    )
    # Defaults a new meeting or café starts with; each one keeps its own value once saved,
    # so changing a default here never moves reminders that are already planned.
    herinnering_dagen_werkteam = models.PositiveSmallIntegerField(
        _("reminder before a work team meeting (days)"), default=2
    )
    herinnering_uren_kenniscafe = models.PositiveIntegerField(
        _("reminder before a knowledge café (hours)"), default=24
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="site_instellingen_een_rij")]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_CACHE_KEY)


class Bericht(models.Model):
    """One outgoing e-mail; its idempotency key makes sure it is sent at most once."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Waiting")
        BEZIG = "bezig", _("Sending")
        VERZONDEN = "verzonden", _("Sent")
        MISLUKT = "mislukt", _("Failed")
        # Cancelled before sending (the addressee was erased); never claimed, never sent.
        GEANNULEERD = "geannuleerd", _("Cancelled")

    sleutel = models.CharField(_("idempotency key"), max_length=200, unique=True)
    aan = models.EmailField(_("to"), max_length=254)
    onderwerp = models.CharField(_("subject"), max_length=250)
    tekst = models.TextField(_("text body"))
    html = models.TextField(_("HTML body"), blank=True)
    bijlagen = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    pogingen = models.PositiveIntegerField(_("attempts"), default=0)
    volgende_poging = models.DateTimeField(_("next attempt"), default=timezone.now)
    geclaimd_op = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # When a send task was last put on the broker; the sweeper leaves such rows alone for a
    # while instead of piling a second message on top of one still waiting in the queue.
    ingepland_op = models.DateTimeField(_("queued at"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)
    laatste_fout = models.TextField(_("last error"), blank=True)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-aangemaakt"]
        indexes = [
            models.Index(
                fields=["volgende_poging"],
                name="bericht_wachtend_idx",
                condition=Q(status__in=["wachtend", "bezig"]),
            )
        ]

    def __str__(self):
        return f"{self.onderwerp} → {self.aan}"


class Opdracht(models.Model):
    """One background job that must run: stored with the change that needs it, so a lost
    Celery message is sent again by the sweeper."""

    taak = models.CharField(_("task"), max_length=200)
    argumenten = models.JSONField(_("arguments"), default=list, blank=True)
    pogingen = models.PositiveIntegerField(_("attempts"), default=0)
    ingepland_op = models.DateTimeField(_("queued at"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("done at"), null=True, blank=True)
    mislukt_op = models.DateTimeField(_("failed at"), null=True, blank=True)
    laatste_fout = models.TextField(_("last error"), blank=True)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-aangemaakt"]
        indexes = [
            models.Index(
                fields=["ingepland_op"],
                name="opdracht_open_idx",
                condition=Q(klaar_op__isnull=True, mislukt_op__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.taak}{self.argumenten}"
