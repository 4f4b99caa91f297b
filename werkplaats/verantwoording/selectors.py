"""Reads for the yearly report, permission-aware: who sees what, the report of a period
(sections in the secties package), exports, closed years and the raw lists (ruw.py).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from werkplaats.kern.models import Periode
from werkteams.selectors import werkteams_beheerbaar

from .models import Afsluiting, AfsluitingBestand, Export
from .rapport import (
    KALENDERJAAR,
    PERIODE,
    SCHOOLJAAR,
    Rapport,
    Verschil,
    Verslagperiode,
    rapport_cijfers,
    rapport_verschillen,
)
from .ruw import (  # noqa: F401 (the raw lists are read through selectors)
    RUW_AANMELDINGEN,
    RUW_AANWEZIGHEID,
    RUW_LIDMAATSCHAPPEN,
    RUWE_LIJSTEN,
    XLSX,
    ruwe_lijst,
    ruwe_lijst_aantal,
)
from .secties import (
    sectie_kennisbank,
    sectie_kenniscafes,
    sectie_onderwijs,
    sectie_vergelijking,
    sectie_werkplaats,
    sectie_werkteams,
)

# --- who sees what -----------------------------------------------------------------------


def rapport_scope(user) -> list[int] | None:
    """None for a beheerder (everything); the ids of their own werkteams for a coordinator.

    The role gate of the whole report: anyone else gets 403 (the page exists, their role
    does not reach it), never 404.
    """
    if not user.is_authenticated or not user.is_coordinator:
        raise PermissionDenied
    if user.is_beheerder:
        return None
    return list(werkteams_beheerbaar(user).order_by("pk").values_list("pk", flat=True))


def rapport_can_manage(user) -> bool:
    """True for a beheerder: closing a year, raw lists and frozen files are theirs alone."""
    return user is not None and user.is_authenticated and user.is_beheerder


def export_can_manage(user, scope, export: Export) -> bool:
    """True when the user may download this export: a beheerder any, a coordinator their own
    while every team in it is still theirs."""
    if scope is None:
        return True
    if export.aangemaakt_door_id != user.pk or export.werkteam_ids is None:
        return False
    return set(export.werkteam_ids) <= set(scope)


def verslagperiode_get(soort: str, sleutel: int) -> Verslagperiode:
    """The report period for a kind and a key (a year, or the pk of a Periode), or 404."""
    if soort == KALENDERJAAR:
        return Verslagperiode.kalenderjaar(sleutel)
    if soort == SCHOOLJAAR:
        return Verslagperiode.schooljaar(sleutel)
    if soort == PERIODE:
        try:
            return Verslagperiode.voor_periode(Periode.objects.get(pk=sleutel))
        except Periode.DoesNotExist:
            raise Http404 from None
    raise Http404


def _vorige_get(periode: Verslagperiode) -> Verslagperiode | None:
    if periode.soort == KALENDERJAAR:
        return Verslagperiode.kalenderjaar(periode.sleutel - 1)
    if periode.soort == SCHOOLJAAR:
        return Verslagperiode.schooljaar(periode.sleutel - 1)
    vorige = Periode.objects.filter(start__lt=periode.start).order_by("-start").first()
    return Verslagperiode.voor_periode(vorige) if vorige else None


def rapport_get(periode: Verslagperiode, scope) -> Rapport:
    """The whole report for a period; `scope` None = everything, else werkteam ids only."""
    vorige = _vorige_get(periode)
    secties = []
    if scope is None:
        secties.append(sectie_werkplaats())
    secties.append(sectie_werkteams(periode, scope))
    cafes, cafes_totaal = sectie_kenniscafes(periode, scope)
    secties.append(cafes)
    kennisbank, per_type = sectie_kennisbank(periode, scope)
    secties.append(kennisbank)
    secties.append(sectie_onderwijs(periode, scope, cafes_totaal, per_type))
    secties.append(sectie_vergelijking(periode, vorige, scope, cafes_totaal))
    return Rapport(periode, vorige, secties, alles=scope is None)


# --- periods, exports and closed years for the page ------------------------------------------


def export_list(user, scope) -> list[Export]:
    """The exports this user may see: all for a beheerder, their own for a coordinator."""
    qs = Export.objects.prefetch_related("bestanden")
    if scope is not None:
        qs = qs.filter(aangemaakt_door=user)
    return list(qs.order_by("-aangemaakt")[:20])


def export_get(user, scope, pk) -> Export:
    """One export the user may download, or 404 (also for someone else's export)."""
    try:
        export = Export.objects.get(pk=pk)
    except (Export.DoesNotExist, ValueError):
        raise Http404 from None
    if not export_can_manage(user, scope, export):
        raise Http404
    return export


def afsluiting_get(jaar: int) -> Afsluiting | None:
    """The closed report of a calendar year, or None."""
    return Afsluiting.objects.filter(jaar=jaar).first()


def afsluiting_bestanden(afsluiting: Afsluiting) -> list[AfsluitingBestand]:
    """The files of a closed year, without loading their bytes."""
    return list(afsluiting.bestanden.defer("inhoud").order_by("pk"))


def afsluiting_bestand_get(jaar: int, pk: int) -> AfsluitingBestand:
    """One frozen file with its bytes, or 404."""
    try:
        return AfsluitingBestand.objects.get(afsluiting__jaar=jaar, pk=pk)
    except AfsluitingBestand.DoesNotExist:
        raise Http404 from None


def afsluiting_verschillen(afsluiting: Afsluiting, rapport: Rapport) -> list[Verschil]:
    """Every figure of a live whole-Werkplaats report (in Dutch) that differs from the frozen one."""
    return rapport_verschillen(afsluiting.cijfers, rapport_cijfers(rapport), rapport)
