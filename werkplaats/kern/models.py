"""The werkplaatsen and their host names; users and roles, organisations, periods, outbox."""

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, models
from django.db.models import OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .huidig import (
    PerWerkplaatsManager,
    UniekPerWerkplaats,
    huidige_werkplaats_id,
    werkplaats_default,
    werkplaats_veld,
)


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
    """A person who can log in. Their role is given per werkplaats (`WerkplaatsRol`): one
    account can be beheerder in one werkplaats and coördinator in another."""

    class Rol(models.TextChoices):
        BEHEERDER = "beheerder", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")
        LID = "lid", _("Member")

    # National: sees the national summary and adds werkplaatsen on the portal.
    landelijk_beheerder = models.BooleanField(_("national administrator"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def rollen(self) -> dict[int, str]:
        """{werkplaats id: role} of every werkplaats this account has a role in.

        Read along with the user where that matters (`met_rollen`; the login backend keeps
        it with the user per content version), else once on first use."""
        rollen = self.__dict__.get("_rollen")
        if rollen is None:
            if "_rol_werkplaatsen" in self.__dict__:
                rollen = dict(
                    zip(self._rol_werkplaatsen or (), self._rol_waarden or (), strict=True)
                )
            elif self.pk is None:
                rollen = {}
            else:
                rollen = dict(self.werkplaatsrollen.values_list("werkplaats_id", "rol"))
            self._rollen = rollen
        return rollen

    @property
    def rol(self) -> str:
        """The role in the werkplaats this request acts in ("lid" outside one)."""
        werkplaats_id = huidige_werkplaats_id()
        if werkplaats_id is None:
            return self.Rol.LID
        return self.rollen.get(werkplaats_id, self.Rol.LID)

    def get_rol_display(self) -> str:
        return self.Rol(self.rol).label

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None:
            for naam in ("_rollen", "_rol_werkplaatsen", "_rol_waarden"):
                self.__dict__.pop(naam, None)

    @property
    def is_beheerder(self) -> bool:
        return self.is_superuser or self.rol == self.Rol.BEHEERDER

    @property
    def is_coordinator(self) -> bool:
        return self.rol == self.Rol.COORDINATOR or self.is_beheerder

    @property
    def is_landelijk_beheerder(self) -> bool:
        return self.is_superuser or self.landelijk_beheerder


class WerkplaatsRol(models.Model):
    """The role of one account in one werkplaats; no row means "lid" there."""

    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="werkplaatsrollen"
    )
    werkplaats = models.ForeignKey(
        "Werkplaats", on_delete=models.CASCADE, related_name="gebruikersrollen"
    )
    rol = models.CharField(_("role"), max_length=20, choices=Gebruiker.Rol.choices)

    class Meta:
        verbose_name = _("role in a werkplaats")
        verbose_name_plural = _("roles in werkplaatsen")
        ordering = ["werkplaats", "gebruiker"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "werkplaats"], name="werkplaatsrol_een_per_werkplaats"
            )
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.get_rol_display()} ({self.werkplaats})"


def met_rol_hier(*rollen: str) -> Q:
    """Filter for users with one of `rollen` in the werkplaats this request acts in (none
    outside a werkplaats): `Gebruiker.objects.filter(met_rol_hier(Gebruiker.Rol.BEHEERDER))`."""
    return Q(
        werkplaatsrollen__werkplaats_id=huidige_werkplaats_id(), werkplaatsrollen__rol__in=rollen
    )


def met_rollen(gebruikers: models.QuerySet) -> models.QuerySet:
    """`gebruikers` with every role read in the same query (no query per user for `rol`).
    On another database than PostgreSQL (a developer's SQLite) roles are read on first use."""
    if connections[gebruikers.db].vendor != "postgresql":
        return gebruikers
    rijen = WerkplaatsRol.objects.filter(gebruiker=OuterRef("pk")).order_by("werkplaats_id")
    return gebruikers.annotate(
        _rol_werkplaatsen=ArraySubquery(rijen.values("werkplaats_id")),
        _rol_waarden=ArraySubquery(rijen.values("rol")),
    )


class Organisatie(UniekPerWerkplaats, models.Model):
    """A partner organisation (or one of its departments) of the Werkplaats."""

    naam = models.CharField(_("name"), max_length=200)
    afdeling = models.CharField(_("department"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    gemeente = models.CharField(_("municipality"), max_length=100, blank=True)
    # Archived: no longer a partner; stays on existing records, shown apart in the beheer list.
    gearchiveerd = models.BooleanField(_("archived"), default=False)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam", "afdeling"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats", "naam", "afdeling"], name="organisatie_naam_afdeling_uniek"
            )
        ]

    def __str__(self):
        return f"{self.naam} – {self.afdeling}" if self.afdeling else self.naam


class Periode(UniekPerWerkplaats, models.Model):
    """A subsidy period of the Werkplaats (e.g. 2020-2022) with its own themes and teams."""

    naam = models.CharField(_("name"), max_length=50)
    start = models.DateField(_("start"))
    eind = models.DateField(_("end"))

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "naam"], name="periode_naam_uniek"),
            models.CheckConstraint(
                condition=Q(eind__gte=models.F("start")), name="periode_eind_na_start"
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def is_huidig(self) -> bool:
        return self.start <= timezone.localdate() <= self.eind


class Werkplaats(models.Model):
    """One Werkplaats Sociaal Domein: its name, region, contact, statements and defaults.

    Every werkteam, café, publication, partner and report belongs to one werkplaats; its
    site is found by one of its host names (`WerkplaatsHost`)."""

    naam = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    actief = models.BooleanField(_("active"), default=True)
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
        verbose_name = _("werkplaats")
        verbose_name_plural = _("werkplaatsen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class WerkplaatsHost(models.Model):
    """A host name that serves one werkplaats's site; an unknown host serves nothing."""

    host = models.CharField(_("host name"), max_length=200, unique=True)
    werkplaats = models.ForeignKey(Werkplaats, on_delete=models.CASCADE, related_name="hosts")
    # The host that links in mails, feeds and calendars point to.
    primair = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        ordering = ["-primair", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkplaats"], condition=Q(primair=True), name="werkplaatshost_een_primair"
            ),
            models.CheckConstraint(condition=Q(host=Lower("host")), name="werkplaatshost_klein"),
        ]

    def __str__(self):
        return self.host


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
    # The werkplaats it was made in (none: made by the system across werkplaatsen); its
    # beheerders see it on their failed-mail page. Not a scoped model: the sweepers and the
    # sender read every row.
    werkplaats = models.ForeignKey(
        "Werkplaats",
        verbose_name=_("werkplaats"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        default=werkplaats_default,
        editable=False,
        related_name="+",
    )

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
    # The werkplaats it was made in (none: made by the system across werkplaatsen); its
    # beheerders see it on their failed-mail page. Not a scoped model: the sweepers and the
    # sender read every row.
    werkplaats = models.ForeignKey(
        "Werkplaats",
        verbose_name=_("werkplaats"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        default=werkplaats_default,
        editable=False,
        related_name="+",
    )

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
