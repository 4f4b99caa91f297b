"""Writes of a team itself: starting it, naming its coordinators, editing what it is about."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkplaats.kern.models import Periode

from ..models import Werkteam
from ..regels import WerkteamFout, datums_check, periode_datums_check
from ..selectors import coordinatoren_can_manage, coordinatoren_kiesbaar

# Paths under /werkteams/ that a team's slug may not take.
GERESERVEERDE_SLUGS = {"nieuw", "mijn", "afmelden", "personen"}


def _werkteam_slug(naam: str) -> str:
    basis = slugify(naam)[:70] or "werkteam"
    slug, n = basis, 2
    while slug in GERESERVEERDE_SLUGS or Werkteam.objects.filter(slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


def _mag_coordinatoren_kiezen(door) -> None:
    # The views refuse first; this is the backstop for any other caller.
    if not coordinatoren_can_manage(door):
        raise PermissionDenied


def _coordinatoren_controleren(coordinatoren) -> list:
    coordinatoren = list(coordinatoren)
    gekozen = {g.pk for g in coordinatoren}
    if gekozen - set(coordinatoren_kiesbaar().filter(pk__in=gekozen).values_list("pk", flat=True)):
        raise WerkteamFout(
            _("Only active coordinators and administrators can coordinate a team."),
            "coordinatoren",
        )
    return coordinatoren


@transaction.atomic
def werkteam_create(
    *,
    door,
    naam: str,
    periode: Periode,
    coordinatoren=(),
    korte_naam: str = "",
    soort: str = Werkteam.Soort.WERKTEAM,
    status: str = Werkteam.Status.IN_OPRICHTING,
    start: date | None = None,
    eind: date | None = None,
    thema: str = "",
) -> Werkteam:
    """An administrator starts a team; its address comes from its name and never changes."""
    _mag_coordinatoren_kiezen(door)
    coordinatoren = _coordinatoren_controleren(coordinatoren)
    naam = naam.strip()
    if not naam:
        raise WerkteamFout(_("Give the team a name."), "naam")
    datums_check(start, eind)
    # Lock the period: a beheerder changing its dates meanwhile (periode_save locks it too)
    # checks them against this team, or this team against the new dates.
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    periode_datums_check(periode, start, eind)
    werkteam = Werkteam.objects.create(
        naam=naam,
        slug=_werkteam_slug(naam),
        periode=periode,
        korte_naam=korte_naam,
        soort=soort,
        status=status,
        start=start,
        eind=eind,
        thema=thema,
    )
    werkteam.coordinatoren.set(coordinatoren)
    return werkteam


@transaction.atomic
def werkteam_coordinatoren_set(*, door, werkteam: Werkteam, coordinatoren) -> Werkteam:
    """An administrator names who coordinates a team (their access follows at once)."""
    _mag_coordinatoren_kiezen(door)
    gekozen = _coordinatoren_controleren(coordinatoren)
    werkteam.coordinatoren.set([*gekozen, *_coordinatoren_elders(werkteam)])
    return werkteam


def _coordinatoren_elders(werkteam: Werkteam) -> list:
    """The coordinators of a shared team who coordinate for another of its werkplaatsen:
    each werkplaats names its own (the form here offers only its own), so the ones named
    elsewhere stay (one query)."""
    Gebruiker = get_user_model()
    elders = Q(werkplaatsrollen__werkplaats_id=werkteam.werkplaats_id) | Q(
        werkplaatsrollen__werkplaats__in=Werkteam.deelnemende_werkplaatsen.through.objects.filter(
            werkteam=werkteam
        ).values("werkplaats_id")
    )
    return list(
        werkteam.coordinatoren.filter(
            elders,
            werkplaatsrollen__rol__in=[Gebruiker.Rol.COORDINATOR, Gebruiker.Rol.BEHEERDER],
            is_active=True,
        )
        .exclude(pk__in=coordinatoren_kiesbaar().values("pk"))
        .distinct()
    )


@transaction.atomic
def werkteam_update(
    werkteam: Werkteam,
    *,
    thema: str,
    opgave: str,
    beschrijving: str,
    status: str,
    start: date | None,
    eind: date | None,
    gewenste_sectoren: list[str],
    gewenst_maar_afwezig: list[str],
) -> Werkteam:
    """Change a team's description, opgave, status and wanted parties."""
    datums_check(start, eind)
    if (start, eind) != (werkteam.start, werkteam.eind):
        # Only changed dates are checked: a team that started before its period (as history
        # has it) can still have its theme edited. Locked as in werkteam_create: the
        # period's dates cannot change under this check.
        periode_datums_check(
            Periode.objects.select_for_update().get(pk=werkteam.periode_id), start, eind
        )
    werkteam.thema, werkteam.opgave, werkteam.beschrijving = thema, opgave, beschrijving
    werkteam.status, werkteam.start, werkteam.eind = status, start, eind
    werkteam.gewenste_sectoren = list(gewenste_sectoren)
    werkteam.gewenst_maar_afwezig = list(gewenst_maar_afwezig)
    werkteam.save()
    return werkteam
