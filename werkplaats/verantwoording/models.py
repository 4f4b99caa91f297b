"""Verantwoording: export jobs of the yearly report and the frozen reports of closed years."""

import hashlib
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.huidig import PerWerkplaatsManager, UniekPerWerkplaats, werkplaats_veld


class _ExportOpslag(LazyObject):
    """Export files live outside the public media URL space; only views hand them out."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.VERANTWOORDING_EXPORT_MAP)


export_opslag = _ExportOpslag()


def export_opslag_get():
    """The field's storage as a callable: migrations then name this function, not a path that
    differs per checkout (a FileSystemStorage with its location made every clone see a change)."""
    return export_opslag


def _export_pad(instance, filename):
    # In the folder of the export's werkplaats; older exports keep the path on their row.
    from werkplaats.kern.uitgaand import werkplaats_map

    map_naam = werkplaats_map(instance.export.werkplaats_id)
    return "/".join(filter(None, [map_naam, str(instance.export_id), filename]))


class Export(models.Model):
    """One requested export (report as XLSX, CSV or PDF, or a raw list), made before its job runs."""

    class Soort(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (one sheet per section)")
        CSV = "csv", _("CSV files (one per section)")
        PDF = "pdf", _("PDF (printable report with charts)")
        RUW_AANMELDINGEN = "ruw-aanmeldingen", _("Raw list: registrations (Excel)")
        RUW_AANWEZIGHEID = "ruw-aanwezigheid", _("Raw list: attendance (Excel)")
        RUW_LIDMAATSCHAPPEN = "ruw-lidmaatschappen", _("Raw list: memberships (Excel)")

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Waiting")
        BEZIG = "bezig", _("In progress")
        KLAAR = "klaar", _("Ready")
        MISLUKT = "mislukt", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(_("kind"), max_length=30, choices=Soort.choices)
    # The report period: "kalenderjaar", "schooljaar" or "periode" plus its key (year or pk).
    periode_soort = models.CharField(_("kind of period"), max_length=20)
    periode_sleutel = models.PositiveIntegerField(_("period key"))
    periode_label = models.CharField(_("period"), max_length=100)
    # The werkteams the export covers; null means everything (a beheerder's export).
    werkteam_ids = models.JSONField(_("work teams"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    voortgang = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    fout = models.TextField(_("error"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("requested"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("started at"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("ready at"), null=True, blank=True)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-aangemaakt"]
        indexes = [
            models.Index(
                fields=["aangemaakt"],
                name="export_lopend_idx",
                condition=models.Q(status__in=["wachtend", "bezig"]),
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.periode_label}"

    @property
    def is_lopend(self) -> bool:
        return self.status in (self.Status.WACHTEND, self.Status.BEZIG)


class ExportBestand(models.Model):
    """One file an export produced (the workbook, the PDF, or the CSV of one section)."""

    export = models.ForeignKey(Export, on_delete=models.CASCADE, related_name="bestanden")
    naam = models.CharField(_("file name"), max_length=200)
    titel = models.CharField(_("title"), max_length=200)
    mimetype = models.CharField(_("file type"), max_length=100)
    bestand = models.FileField(
        _("file"), storage=export_opslag_get, upload_to=_export_pad, max_length=300
    )
    grootte = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    WERKPLAATS_PAD = "export__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")
        ordering = ["pk"]

    def __str__(self):
        return self.naam


class Afsluiting(UniekPerWerkplaats, models.Model):
    """A closed calendar year: the report's figures as sent, frozen (rows are never changed).

    A PostgreSQL trigger (migration 0002) refuses UPDATE and DELETE on this table and on
    AfsluitingBestand, so the figures sent to the ministry cannot drift afterwards.
    """

    jaar = models.PositiveSmallIntegerField(_("year"))
    cijfers = models.JSONField(_("figures"))
    cijfers_sha256 = models.CharField(max_length=64)
    aangemaakt = models.DateTimeField(_("closed at"), auto_now_add=True)
    # A name, not a foreign key: deleting the account must not touch the frozen row.
    aangemaakt_door = models.CharField(_("closed by"), max_length=200, blank=True)

    werkplaats = werkplaats_veld()
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        ordering = ["-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "jaar"], name="afsluiting_jaar_uniek")
        ]

    def __str__(self):
        return str(self.jaar)


class AfsluitingBestand(models.Model):
    """One file of a closed year's report, stored in the database as the bytes that were sent."""

    afsluiting = models.ForeignKey(Afsluiting, on_delete=models.PROTECT, related_name="bestanden")
    naam = models.CharField(_("file name"), max_length=200)
    titel = models.CharField(_("title"), max_length=200)
    mimetype = models.CharField(_("file type"), max_length=100)
    inhoud = models.BinaryField(_("content"))
    sha256 = models.CharField(max_length=64)

    WERKPLAATS_PAD = "afsluiting__werkplaats"
    objects = PerWerkplaatsManager()

    class Meta:
        verbose_name = _("file of a closed year")
        verbose_name_plural = _("files of closed years")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["afsluiting", "naam"], name="afsluiting_bestand_uniek")
        ]

    def __str__(self):
        return self.naam

    @staticmethod
    def hash(inhoud: bytes) -> str:
        return hashlib.sha256(inhoud).hexdigest()


class LandelijkeExport(models.Model):
    """One requested file of the national summary (key figures per werkplaats), made by a job.

    National, so it belongs to no werkplaats (a plain manager, no werkplaats column): only
    the portal's pages for landelijk beheerders read these rows. The file is small (one
    table), so it is kept in the row itself."""

    class Soort(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook")
        CSV = "csv", _("CSV file")
        PDF = "pdf", _("PDF (printable)")

    Status = Export.Status

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    # The period: "kalenderjaar", "schooljaar" or "datums", both dates inclusive.
    periode_soort = models.CharField(_("kind of period"), max_length=20)
    periode_start = models.DateField(_("start"))
    periode_eind = models.DateField(_("end"))
    periode_label = models.CharField(_("period"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=Export.Status.choices, default=Export.Status.WACHTEND
    )
    voortgang = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    fout = models.TextField(_("error"), blank=True)
    bestandsnaam = models.CharField(_("file name"), max_length=200, blank=True)
    mimetype = models.CharField(_("file type"), max_length=100, blank=True)
    inhoud = models.BinaryField(_("content"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("requested"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("started at"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("ready at"), null=True, blank=True)

    class Meta:
        verbose_name = _("national export")
        verbose_name_plural = _("national exports")
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.periode_label}"

    @property
    def is_lopend(self) -> bool:
        return self.status in (self.Status.WACHTEND, self.Status.BEZIG)
