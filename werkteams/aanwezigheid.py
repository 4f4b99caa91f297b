"""Attendance across meetings: the member × meeting matrix of one team, with rates.

The matrix holds the held meetings of a period (not cancelled, started before now): by
default those of one calendar year, or those of one series. A member's rate is the meetings
they attended divided by the meetings they were invited to (as a member at the time); a
meeting's rate is its present invitees divided by all its invitees. "Not recorded" and
"excused" count as not present. Two queries, however many members and meetings.
"""

import uuid
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Aanwezigheid, Bijeenkomst, Lidmaatschap, Werkteam

AANWEZIG = Aanwezigheid.Status.AANWEZIG


def _percentage(aanwezig: int, genodigd: int) -> float | None:
    return round(100 * aanwezig / genodigd, 1) if genodigd else None


@dataclass
class MatrixRij:
    """One member: their status per meeting (None: not invited) and their rate."""

    lidmaatschap: Lidmaatschap
    statussen: list[str | None]
    aanwezig: int = 0
    genodigd: int = 0

    @property
    def naam(self) -> str:
        return self.lidmaatschap.persoon.naam

    @property
    def percentage(self) -> float | None:
        return _percentage(self.aanwezig, self.genodigd)


@dataclass
class MatrixKolom:
    """One meeting with its present and invited counts."""

    bijeenkomst: Bijeenkomst
    aanwezig: int = 0
    genodigd: int = 0

    @property
    def percentage(self) -> float | None:
        return _percentage(self.aanwezig, self.genodigd)


@dataclass
class AanwezigheidMatrix:
    kolommen: list[MatrixKolom] = field(default_factory=list)
    rijen: list[MatrixRij] = field(default_factory=list)


def aanwezigheid_matrix(
    werkteam: Werkteam, *, jaar: int | None = None, serie: uuid.UUID | None = None
) -> AanwezigheidMatrix:
    """The matrix of the team's held meetings in `jaar` or of `serie` (two queries)."""
    bijeenkomsten = Bijeenkomst.objects.filter(werkteam=werkteam, start__lt=timezone.now()).exclude(
        status=Bijeenkomst.Status.GEANNULEERD
    )
    if serie is not None:
        bijeenkomsten = bijeenkomsten.filter(serie=serie)
    else:
        jaar = jaar or timezone.localdate().year
        bijeenkomsten = bijeenkomsten.filter(start__year=jaar)
    kolommen = [MatrixKolom(b) for b in bijeenkomsten.order_by("start", "pk")]
    if not kolommen:
        return AanwezigheidMatrix()
    positie = {k.bijeenkomst.pk: i for i, k in enumerate(kolommen)}
    aanwezigheden = Aanwezigheid.objects.filter(bijeenkomst_id__in=positie).select_related(
        "lidmaatschap__persoon"
    )
    rijen: dict[int, MatrixRij] = {}
    for a in aanwezigheden:
        rij = rijen.get(a.lidmaatschap_id)
        if rij is None:
            rij = rijen[a.lidmaatschap_id] = MatrixRij(a.lidmaatschap, [None] * len(kolommen))
        kolom = kolommen[positie[a.bijeenkomst_id]]
        rij.statussen[positie[a.bijeenkomst_id]] = a.status
        rij.genodigd += 1
        kolom.genodigd += 1
        if a.status == AANWEZIG:
            rij.aanwezig += 1
            kolom.aanwezig += 1
    return AanwezigheidMatrix(
        kolommen=kolommen, rijen=sorted(rijen.values(), key=lambda r: (r.naam.lower(), r.naam))
    )


def aanwezigheid_filters(werkteam: Werkteam) -> tuple[list[int], list[tuple[str, str]]]:
    """The years with meetings (and this year) and the series of the team, for the filter."""
    jaren = {d.year for d in Bijeenkomst.objects.filter(werkteam=werkteam).dates("start", "year")}
    jaren.add(timezone.localdate().year)
    series = (
        Bijeenkomst.objects.filter(werkteam=werkteam, serie__isnull=False)
        .values("serie")
        .annotate(eerste=Min("start"), titel=Min("titel"))
        .order_by("-eerste")
    )
    keuzes = [
        (
            str(s["serie"]),
            _("%(titel)s (from %(datum)s)")
            % {"titel": s["titel"], "datum": timezone.localtime(s["eerste"]).strftime("%d-%m-%Y")},
        )
        for s in series
    ]
    return sorted(jaren, reverse=True), keuzes


def aanwezigheid_rijen(matrix: AanwezigheidMatrix) -> list[list]:
    """The matrix as table rows for the CSV and XLSX export (header first, totals last)."""
    labels = dict(Aanwezigheid.Status.choices)
    kop = [_("Member")]
    kop += [
        f"{timezone.localtime(k.bijeenkomst.start).strftime('%d-%m-%Y')} {k.bijeenkomst.titel}"
        for k in matrix.kolommen
    ]
    kop += [_("Present"), _("Invited"), _("Rate (%)")]
    rijen = [kop]
    for rij in matrix.rijen:
        rijen.append(
            [rij.naam]
            + [str(labels[s]) if s else "" for s in rij.statussen]
            + [rij.aanwezig, rij.genodigd, rij.percentage]
        )
    rijen.append(
        [_("Rate per meeting (%)")]
        + [k.percentage for k in matrix.kolommen]
        + [
            sum(r.aanwezig for r in matrix.rijen),
            sum(r.genodigd for r in matrix.rijen),
            _percentage(
                sum(r.aanwezig for r in matrix.rijen), sum(r.genodigd for r in matrix.rijen)
            ),
        ]
    )
    return rijen
