"""Writes of the yearly report: export jobs and closing (freezing) a calendar year."""

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from datetime import timedelta

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplaats.kern.fouten import DomeinFout
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.selectors import site_instellingen_get

from . import bestanden, selectors
from .models import Afsluiting, AfsluitingBestand, Export, ExportBestand, export_opslag
from .rapport import Verslagperiode, rapport_cijfers

logger = logging.getLogger(__name__)

RUW_SOORTEN = {
    Export.Soort.RUW_AANMELDINGEN: selectors.RUW_AANMELDINGEN,
    Export.Soort.RUW_AANWEZIGHEID: selectors.RUW_AANWEZIGHEID,
    Export.Soort.RUW_LIDMAATSCHAPPEN: selectors.RUW_LIDMAATSCHAPPEN,
}


class VerantwoordingFout(DomeinFout):
    """A rule of the yearly report was broken (message and optional form field)."""


@transaction.atomic(durable=True)
def export_create(user, scope, soort: str, periode: Verslagperiode) -> Export:
    """Record an export request (the row exists before its job runs) and queue the job."""
    if soort in RUW_SOORTEN and scope is not None:
        raise VerantwoordingFout(_("Only administrators can export raw lists."), "uitvoer")
    export = Export.objects.create(
        soort=soort,
        periode_soort=periode.soort,
        periode_sleutel=periode.sleutel,
        periode_label=periode.label,
        werkteam_ids=scope,
        aangemaakt_door=user,
    )
    _export_queue(export.pk)
    return export


def _voortgang(export_id, procent: int) -> None:
    Export.objects.filter(pk=export_id, status=Export.Status.BEZIG).update(voortgang=procent)


def export_run(export_id) -> bool:
    """Produce an export's files; claimed first, so a duplicated task does nothing."""
    # Conditional UPDATE as the claim: only one worker moves a row from waiting to running.
    geclaimd = Export.objects.filter(pk=export_id, status=Export.Status.WACHTEND).update(
        status=Export.Status.BEZIG, voortgang=5, gestart_op=timezone.now()
    )
    if not geclaimd:
        return False
    export = Export.objects.get(pk=export_id)
    # A job that crashed half-way and was put back by the sweeper starts clean.
    for oud in export.bestanden.all():
        oud.bestand.delete(save=False)
    export.bestanden.all().delete()
    try:
        with translation.override("nl"):
            periode = selectors.verslagperiode_get(export.periode_soort, export.periode_sleutel)
            if export.soort in RUW_SOORTEN:
                _ruwe_export_schrijven(export, periode)
            else:
                rapport = selectors.rapport_get(periode, export.werkteam_ids)
                _voortgang(export.pk, 50)
                if export.soort == Export.Soort.XLSX:
                    uitvoer = [bestanden.xlsx_bestand(rapport)]
                elif export.soort == Export.Soort.PDF:
                    uitvoer = [
                        bestanden.pdf_bestand(rapport, site_instellingen_get(), timezone.now())
                    ]
                else:
                    uitvoer = bestanden.csv_bestanden(rapport)
                for naam, titel, mimetype, inhoud in uitvoer:
                    ExportBestand.objects.create(
                        export=export,
                        naam=naam,
                        titel=titel,
                        mimetype=mimetype,
                        bestand=ContentFile(inhoud, name=naam),
                        grootte=len(inhoud),
                    )
    except Exception as fout:  # deliberate: any failure is shown on the page, then logged
        logger.exception("Export %s mislukt", export_id)
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.MISLUKT, fout=str(fout)[:1000]
        )
        return False
    Export.objects.filter(pk=export_id).update(
        status=Export.Status.KLAAR, voortgang=100, klaar_op=timezone.now()
    )
    return True


def _ruwe_export_schrijven(export: Export, periode: Verslagperiode) -> None:
    titel, kolommen, rijen = selectors.ruwe_lijst(
        RUW_SOORTEN[export.soort], periode, selectors.XLSX
    )
    naam = f"{slugify(titel)}-{slugify(periode.label)}.xlsx"
    totaal = max(selectors.ruwe_lijst_aantal(RUW_SOORTEN[export.soort], periode), 1)

    def voortgang(aantal):
        _voortgang(export.pk, min(95, 5 + 90 * aantal // totaal))

    # The workbook goes to a temporary file, then into storage: never into memory whole.
    with tempfile.TemporaryFile() as tijdelijk:
        bestanden.ruw_xlsx_schrijven(tijdelijk, titel, kolommen, rijen, voortgang)
        grootte = tijdelijk.tell()
        tijdelijk.seek(0)
        ExportBestand.objects.create(
            export=export,
            naam=naam,
            titel=titel,
            mimetype=bestanden.XLSX_MIMETYPE,
            bestand=File(tijdelijk, name=naam),
            grootte=grootte,
        )


VASTGELOPEN_NA = timedelta(minutes=30)
VERLOREN_NA = timedelta(minutes=10)


def exports_sweep() -> int:
    """Put stuck exports back in the queue: running for too long (worker died) or waiting
    for too long (task lost); also closed years whose PDF was never made. The claim in
    export_run (and the unique file name of a closed year) keeps a re-run single. Every
    werkplaats's rows: each job acts in its own record's werkplaats."""
    with in_werkplaats(None):
        return _exports_sweep()


def _exports_sweep() -> int:
    nu = timezone.now()
    zonder_pdf = list(
        Afsluiting.objects.filter(
            aangemaakt__lt=nu - VERLOREN_NA, bestanden__mimetype=bestanden.HTML_MIMETYPE
        )
        .exclude(bestanden__mimetype=bestanden.PDF_MIMETYPE)
        .values_list("pk", flat=True)[:100]
    )
    for pk in zonder_pdf:
        _afsluiting_pdf_queue(pk)
    # skip_locked: two sweepers at once never handle the same row.
    with transaction.atomic():
        vastgelopen = list(
            Export.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=Export.Status.BEZIG, gestart_op__lt=nu - VASTGELOPEN_NA)
                | Q(status=Export.Status.WACHTEND, aangemaakt__lt=nu - VERLOREN_NA)
            )
            .values_list("pk", flat=True)[:100]
        )
        Export.objects.filter(pk__in=vastgelopen).update(status=Export.Status.WACHTEND, voortgang=0)
        for pk in vastgelopen:
            _export_queue(pk)
    return len(vastgelopen) + len(zonder_pdf)


def _export_queue(pk) -> None:
    from .tasks import export_run_task

    export_run_task.delay_on_commit(str(pk))


def _afsluiting_pdf_queue(pk) -> None:
    from .tasks import afsluiting_pdf_task

    afsluiting_pdf_task.delay_on_commit(pk)


def _cijfers_hash(cijfers: dict) -> str:
    return hashlib.sha256(
        json.dumps(cijfers, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


@transaction.atomic(durable=True)
def jaar_afsluiten(user, jaar: int) -> Afsluiting:
    """Freeze a calendar year's report: its figures (JSON) and files, never changed again."""
    if not selectors.rapport_can_manage(user):
        raise VerantwoordingFout(_("Only administrators can close a year."))
    if jaar >= timezone.localdate().year:
        raise VerantwoordingFout(_("Only a year that has ended can be closed."))
    if Afsluiting.objects.filter(jaar=jaar).exists():
        raise VerantwoordingFout(_("The year %(jaar)s has already been closed.") % {"jaar": jaar})
    with translation.override("nl"):
        rapport = selectors.rapport_get(Verslagperiode.kalenderjaar(jaar), None)
        cijfers = rapport_cijfers(rapport)
        # The print HTML is frozen too; the PDF is rendered from it by a job (never here).
        afdruk = bestanden.afdruk_html(rapport, site_instellingen_get(), timezone.now())
        uitvoer = [
            bestanden.xlsx_bestand(rapport),
            *bestanden.csv_bestanden(rapport),
            bestanden.afdruk_html_bestand(rapport, afdruk),
        ]
    try:
        # The unique year is the backstop when two beheerders close the same year at once.
        with transaction.atomic():
            afsluiting = Afsluiting.objects.create(
                jaar=jaar,
                cijfers=cijfers,
                cijfers_sha256=_cijfers_hash(cijfers),
                aangemaakt_door=user.get_full_name() or user.get_username(),
            )
    except IntegrityError:
        raise VerantwoordingFout(
            _("The year %(jaar)s has already been closed.") % {"jaar": jaar}
        ) from None
    AfsluitingBestand.objects.bulk_create(
        AfsluitingBestand(
            afsluiting=afsluiting,
            naam=naam,
            titel=titel,
            mimetype=mimetype,
            inhoud=inhoud,
            sha256=AfsluitingBestand.hash(inhoud),
        )
        for naam, titel, mimetype, inhoud in uitvoer
    )
    _afsluiting_pdf_queue(afsluiting.pk)
    return afsluiting


def afsluiting_pdf_make(afsluiting_id: int) -> bool:
    """Render a closed year's PDF from its frozen print HTML and store it, once.

    A stored PDF is never made again: if it exists (or another worker stores it first),
    nothing changes, so the files of a closed year stay byte-identical.
    """
    html = (
        AfsluitingBestand.objects.filter(
            afsluiting_id=afsluiting_id, mimetype=bestanden.HTML_MIMETYPE
        )
        .order_by("pk")
        .first()
    )
    if html is None:
        return False
    naam = bestanden.pdf_naam(html.naam)
    if AfsluitingBestand.objects.filter(afsluiting_id=afsluiting_id, naam=naam).exists():
        return False
    with translation.override("nl"):
        inhoud = bestanden.pdf_uit_html(bytes(html.inhoud).decode("utf-8"))
        titel = _("Annual report (PDF)")
    try:
        with transaction.atomic():
            AfsluitingBestand.objects.create(
                afsluiting_id=afsluiting_id,
                naam=naam,
                titel=titel,
                mimetype=bestanden.PDF_MIMETYPE,
                inhoud=inhoud,
                sha256=AfsluitingBestand.hash(inhoud),
            )
    except IntegrityError:
        return False  # another worker stored it first; that one stays
    return True


def ruwe_exports_delete(*, grens, nu=None) -> int:
    """Delete raw lists (names, addresses) requested before the retention limit, files too."""
    with transaction.atomic():
        # skip_locked: an export being written right now is left for the next day's run.
        ids = list(
            Export.objects.select_for_update(skip_locked=True)
            .filter(soort__in=list(RUW_SOORTEN), aangemaakt__lt=grens)
            .exclude(status=Export.Status.BEZIG)
            .values_list("pk", flat=True)
        )
        namen = list(
            ExportBestand.objects.filter(export_id__in=ids).values_list("bestand", flat=True)
        )
        Export.objects.filter(pk__in=ids).delete()
        # Files go only once the rows are gone for good (a rollback keeps both).
        transaction.on_commit(lambda: _bestanden_delete(namen))
    return len(ids)


def _bestanden_delete(namen: list[str]) -> None:
    for naam in namen:
        export_opslag.delete(naam)
    # Each export's folder (<export id>, or <werkplaats>/<export id> since werkplaatsen have
    # folders of their own) goes once empty; the werkplaats's folder stays.
    for map_naam in {os.path.dirname(naam) for naam in namen if os.path.dirname(naam)}:
        with contextlib.suppress(OSError):
            os.rmdir(export_opslag.path(map_naam))
