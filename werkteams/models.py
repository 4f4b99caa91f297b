"""Werkteams: a team of partner organisations learning together on one opgave."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.models import Periode


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
