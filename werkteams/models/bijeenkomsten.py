"""A team's meetings and what hangs on them: goals, invitations and attendance, minutes, reminders."""

import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.huidig import PerWerkplaatsManager

from .team import Lidmaatschap, Persoon, Werkteam, via_werkteam


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
    # A series is one recurring calendar event: its rhythm, and each date's own place in it
    # (the RECURRENCE-ID of a later change), which stays when the date is moved.
    serie_herhaling = models.CharField(_("series rhythm"), max_length=20, blank=True)
    serie_oorspronkelijk = models.DateTimeField(
        _("planned start within the series"), null=True, blank=True
    )
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

    WERKPLAATS_PAD = "werkteam__werkplaats"
    werkplaats_filter = via_werkteam("werkteam")
    objects = PerWerkplaatsManager()

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

    WERKPLAATS_PAD = "bijeenkomst__werkteam__werkplaats"
    werkplaats_filter = via_werkteam("bijeenkomst__werkteam")
    objects = PerWerkplaatsManager()

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

    WERKPLAATS_PAD = "bijeenkomst__werkteam__werkplaats"
    werkplaats_filter = via_werkteam("bijeenkomst__werkteam")
    objects = PerWerkplaatsManager()

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

    WERKPLAATS_PAD = "bijeenkomst__werkteam__werkplaats"
    werkplaats_filter = via_werkteam("bijeenkomst__werkteam")
    objects = PerWerkplaatsManager()

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

    WERKPLAATS_PAD = "bijeenkomst__werkteam__werkplaats"
    werkplaats_filter = via_werkteam("bijeenkomst__werkteam")
    objects = PerWerkplaatsManager()

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
