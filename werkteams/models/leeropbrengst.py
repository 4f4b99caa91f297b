"""What a team learned, at which level, with its evidence: Leeropbrengst."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.bestanden import bestandspad
from werkplaats.kern.huidig import PerWerkplaatsManager
from werkplaats.kern.models import Organisatie

from .bijeenkomsten import Bijeenkomst
from .team import Activiteit, Persoon, Werkteam, via_werkteam


def bewijs_pad(instance, filename):
    return bestandspad("werkteams/leeropbrengsten", filename, instance.werkteam.werkplaats_id)


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

    WERKPLAATS_PAD = "werkteam__werkplaats"
    werkplaats_filter = via_werkteam("werkteam")
    objects = PerWerkplaatsManager()

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
