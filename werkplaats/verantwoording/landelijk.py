"""The national summary for the ministry: the key figures of every werkplaats side by side.

Each werkplaats's figures are counted by the same function as the comparison table of its
own yearly report (`kerncijfers`), acting in that werkplaats, so the two can only differ if
the data does. A calendar year a werkplaats has closed shows the figures it sent, frozen in
its `Afsluiting`. Exports (XLSX, CSV, PDF) are `LandelijkeExport` rows made before their job
runs, like the report's own exports; they belong to no werkplaats.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplaats.kern import tabellen
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Werkplaats

from . import bestanden
from .models import Afsluiting, LandelijkeExport
from .rapport import KALENDERJAAR, TEKST, Kolom, Rapport, Sectie, Tabel, Verslagperiode
from .secties.vergelijking import kerncijfer_labels, kerncijfers, teamcijfers
from .services import VerantwoordingFout

logger = logging.getLogger(__name__)

# A national period between two dates (the subsidy periods are per werkplaats).
DATUMS = "datums"


def landelijk_can_manage(user) -> bool:
    """True for a landelijk beheerder: the national summary and adding werkplaatsen."""
    return user is not None and user.is_authenticated and user.is_landelijk_beheerder


def periode_tussen(start: datetime.date, eind: datetime.date) -> Verslagperiode:
    """A national report period between two dates, both inclusive."""
    label = f"{start:%d-%m-%Y} – {eind:%d-%m-%Y}"
    return Verslagperiode(DATUMS, 0, start, eind, label)


# --- the summary -----------------------------------------------------------------------------


@dataclass
class Regel:
    """One werkplaats's key figures; `afsluiting` is its closed year when they are frozen."""

    werkplaats: Werkplaats
    waarden: list
    afsluiting: Afsluiting | None


@dataclass
class Overzicht:
    periode: Verslagperiode
    labels: list[str]
    regels: list[Regel]
    # Per figure what shared teams added more than once (see dubbel_geteld).
    dubbel: list[int] | None = None

    @property
    def totalen(self) -> list[int]:
        """Per figure the sum over every werkplaats (a figure a frozen year lacks adds 0),
        with a team that several werkplaatsen run counted once."""
        dubbel = self.dubbel or [0] * len(self.labels)
        return [
            sum(r.waarden[i] or 0 for r in self.regels) - dubbel[i] for i in range(len(self.labels))
        ]


def dubbel_geteld(periode: Verslagperiode, regels: list[Regel]) -> list[int]:
    """Per key figure what the shared teams (national projects) added to more than one row:
    each row that computed its figures live counts such a team in full, so the national
    total takes off (rows that counted it - 1) x the team's own figures. A frozen year keeps
    what it sent and is left out of this."""
    from werkteams.models import Werkteam

    live = {r.werkplaats.pk for r in regels if r.afsluiting is None}
    dubbel = [0] * len(kerncijfer_labels())
    with in_werkplaats(None):
        gedeeld: dict[int, set[int]] = {}
        doorgang = Werkteam.deelnemende_werkplaatsen.through.objects.values_list(
            "werkteam_id", "werkteam__werkplaats_id", "werkplaats_id"
        )
        for team_id, eigenaar, deelnemer in doorgang:
            gedeeld.setdefault(team_id, {eigenaar}).add(deelnemer)
        for team_id, werkplaatsen in gedeeld.items():
            keer = len(werkplaatsen & live)
            if keer > 1:
                for i, waarde in enumerate(teamcijfers(periode, team_id)):
                    dubbel[i] += (keer - 1) * waarde
    return dubbel


def _bevroren_waarden(cijfers: dict, labels_nl: list[str]) -> list:
    """The key figures of a closed year as sent: its comparison table's "now" column, found
    by each figure's Dutch name (a figure added since then is None)."""
    tabel = cijfers.get("secties", {}).get("vergelijking", {}).get("vergelijking", {})
    kolommen = tabel.get("kolommen", [])
    if "nu" not in kolommen:
        return [None] * len(labels_nl)
    nu = kolommen.index("nu")
    per_label = {rij[0]: rij[nu] for rij in tabel.get("rijen", [])}
    return [per_label.get(label) for label in labels_nl]


def overzicht_get(
    periode: Verslagperiode, voortgang: Callable[[int, int], None] | None = None
) -> Overzicht:
    """The key figures of every active werkplaats over `periode` (about five queries each);
    `voortgang(done, total)` is told after each werkplaats."""
    with in_werkplaats(None):
        werkplaatsen = list(Werkplaats.objects.filter(actief=True).order_by("naam", "pk"))
        afgesloten = {}
        if periode.soort == KALENDERJAAR:
            afgesloten = {
                a.werkplaats_id: a
                for a in Afsluiting.objects.filter(
                    jaar=periode.sleutel, werkplaats__in=werkplaatsen
                )
            }
    with translation.override("nl"):
        labels_nl = kerncijfer_labels()
    regels = []
    for nummer, werkplaats in enumerate(werkplaatsen, 1):
        afsluiting = afgesloten.get(werkplaats.pk)
        if afsluiting is not None:
            waarden = _bevroren_waarden(afsluiting.cijfers, labels_nl)
        else:
            with in_werkplaats(werkplaats):
                waarden = [waarde for _label, waarde in kerncijfers(periode, None)]
        regels.append(Regel(werkplaats, waarden, afsluiting))
        if voortgang:
            voortgang(nummer, len(werkplaatsen))
    return Overzicht(periode, kerncijfer_labels(), regels, dubbel_geteld(periode, regels))


def bron_tekst(regel: Regel) -> str:
    if regel.afsluiting is None:
        return _("live")
    return _("closed year (as sent)")


def overzicht_rapport(overzicht: Overzicht) -> Rapport:
    """The summary as a one-table report, for the report's own writers and page layout."""
    kolommen = [
        Kolom("werkplaats", _("Werkplaats"), TEKST),
        Kolom("regio", _("Region"), TEKST),
        Kolom("bron", _("Figures"), TEKST),
        *(Kolom(f"kerncijfer-{i}", label) for i, label in enumerate(overzicht.labels)),
    ]
    rijen = [
        [r.werkplaats.naam, r.werkplaats.regio, bron_tekst(r), *r.waarden] for r in overzicht.regels
    ]
    rijen.append([_("Total"), "", "", *overzicht.totalen])
    tabel = Tabel(
        "kerncijfers",
        _("Key figures per werkplaats"),
        kolommen,
        rijen,
        toelichting=_(
            "Each werkplaats's figures are those of the comparison table in its own annual "
            "report; a calendar year the werkplaats has closed shows the figures it sent."
        ),
    )
    sectie = Sectie("landelijk", _("National summary"), [tabel])
    return Rapport(overzicht.periode, None, [sectie], alles=True)


# --- files ---------------------------------------------------------------------------------


def _bestandsnaam(periode: Verslagperiode, extensie: str) -> str:
    return f"landelijk-overzicht-{slugify(periode.label)}.{extensie}"


def overzicht_bestand(overzicht: Overzicht, soort: str) -> tuple[str, str, bytes]:
    """(file name, mimetype, bytes) of the summary as XLSX, CSV or PDF."""
    rapport = overzicht_rapport(overzicht)
    naam = _bestandsnaam(overzicht.periode, soort)
    if soort == LandelijkeExport.Soort.XLSX:
        return naam, tabellen.XLSX_MIMETYPE, bestanden.xlsx_bytes(rapport)
    if soort == LandelijkeExport.Soort.CSV:
        return naam, tabellen.CSV_MIMETYPE, bestanden.csv_sectie(rapport, rapport.secties[0])
    return naam, bestanden.PDF_MIMETYPE, bestanden.pdf_uit_html(afdruk_html(rapport))


def afdruk_html(rapport: Rapport) -> str:
    """The print version of the summary (HTML, for the PDF)."""
    from .weergave import rapport_weergave

    return render_to_string(
        "verantwoording/landelijk_afdruk.html",
        {
            "periode": rapport.periode,
            "secties": rapport_weergave(rapport),
            "gemaakt": timezone.localtime(),
        },
    )


# --- exports -------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def landelijke_export_create(*, user, soort: str, periode: Verslagperiode) -> LandelijkeExport:
    """Record a national export (the row exists before its job runs) and queue the job."""
    if not landelijk_can_manage(user):
        raise VerantwoordingFout(_("Only national administrators can export the summary."))
    if soort not in LandelijkeExport.Soort.values:
        raise VerantwoordingFout(_("Choose a file type."), "uitvoer")
    export = LandelijkeExport.objects.create(
        soort=soort,
        periode_soort=periode.soort,
        periode_start=periode.start,
        periode_eind=periode.eind,
        periode_label=periode.label,
        aangemaakt_door=user,
    )
    _queue(export.pk)
    return export


def _queue(pk) -> None:
    from .tasks import landelijke_export_run_task

    landelijke_export_run_task.delay_on_commit(str(pk))


def export_periode(export: LandelijkeExport) -> Verslagperiode:
    """The report period an export was requested for."""
    if export.periode_soort == KALENDERJAAR:
        return Verslagperiode.kalenderjaar(export.periode_start.year)
    if export.periode_soort == "schooljaar":
        return Verslagperiode.schooljaar(export.periode_start.year)
    return periode_tussen(export.periode_start, export.periode_eind)


def landelijke_export_run(export_id) -> bool:
    """Produce a national export's file; claimed first, so a duplicated task does nothing."""
    # Conditional UPDATE as the claim: only one worker moves a row from waiting to running.
    geclaimd = LandelijkeExport.objects.filter(
        pk=export_id, status=LandelijkeExport.Status.WACHTEND
    ).update(status=LandelijkeExport.Status.BEZIG, voortgang=5, gestart_op=timezone.now())
    if not geclaimd:
        return False
    export = LandelijkeExport.objects.get(pk=export_id)

    def voortgang(klaar: int, totaal: int) -> None:
        LandelijkeExport.objects.filter(pk=export_id).update(
            voortgang=5 + 85 * klaar // max(totaal, 1)
        )

    try:
        with translation.override("nl"):
            overzicht = overzicht_get(export_periode(export), voortgang)
            naam, mimetype, inhoud = overzicht_bestand(overzicht, export.soort)
    except Exception as fout:  # deliberate: any failure is shown on the page, then logged
        logger.exception("Landelijke export %s mislukt", export_id)
        LandelijkeExport.objects.filter(pk=export_id).update(
            status=LandelijkeExport.Status.MISLUKT, fout=str(fout)[:1000]
        )
        return False
    LandelijkeExport.objects.filter(pk=export_id).update(
        status=LandelijkeExport.Status.KLAAR,
        voortgang=100,
        klaar_op=timezone.now(),
        bestandsnaam=naam,
        mimetype=mimetype,
        inhoud=inhoud,
    )
    return True


VASTGELOPEN_NA = timedelta(minutes=30)
VERLOREN_NA = timedelta(minutes=10)


def landelijke_exports_sweep() -> int:
    """Put national exports whose job died (running too long) or got lost (waiting too
    long) back in the queue; the claim keeps a re-run single."""
    nu = timezone.now()
    # skip_locked: two sweepers at once never handle the same row.
    with transaction.atomic():
        ids = list(
            LandelijkeExport.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=LandelijkeExport.Status.BEZIG, gestart_op__lt=nu - VASTGELOPEN_NA)
                | Q(status=LandelijkeExport.Status.WACHTEND, aangemaakt__lt=nu - VERLOREN_NA)
            )
            .values_list("pk", flat=True)[:100]
        )
        LandelijkeExport.objects.filter(pk__in=ids).update(
            status=LandelijkeExport.Status.WACHTEND, voortgang=0
        )
        for pk in ids:
            _queue(pk)
    return len(ids)


def landelijke_export_list() -> list[LandelijkeExport]:
    """The latest national exports, without their files' bytes."""
    return list(LandelijkeExport.objects.defer("inhoud").order_by("-aangemaakt")[:20])


def landelijke_export_get(pk) -> LandelijkeExport:
    """One finished national export with its file, or 404."""
    try:
        return LandelijkeExport.objects.get(pk=pk, status=LandelijkeExport.Status.KLAAR)
    except (LandelijkeExport.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
