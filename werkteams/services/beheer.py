"""Writes a beheerder makes to a team as a whole: its period, predecessor, status and dates."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.kern.models import Periode

from ..models import Werkteam
from ..regels import WerkteamFout, datums_check, periode_datums_check
from ..selectors import coordinatoren_can_manage


def _voorganger_check(werkteam: Werkteam, voorganger: Werkteam | None) -> None:
    """Refuse the team itself and any team that (through its own predecessors) follows it."""
    if voorganger is None:
        return
    if voorganger.pk == werkteam.pk:
        raise WerkteamFout(_("A team cannot continue itself."), "voorganger")
    # Lock every team row in one fixed order and read the whole predecessor graph with it:
    # two beheerders who link A to B and B to A at the same moment then queue here, and the
    # second one sees the first one's link (a cycle) instead of both passing the check.
    # Teams number in the dozens, so locking them all costs less than a smarter scheme.
    graaf = dict(
        Werkteam.objects.select_for_update().order_by("pk").values_list("pk", "voorganger_id")
    )
    stap, gezien = voorganger.pk, set()
    while stap is not None and stap not in gezien:
        if stap == werkteam.pk:
            raise WerkteamFout(
                _(
                    "%(team)s already continues in this team (directly or through other "
                    "teams); a team cannot continue a team that follows it."
                )
                % {"team": voorganger},
                "voorganger",
            )
        gezien.add(stap)
        stap = graaf.get(stap)


@transaction.atomic
def werkteam_beheer_update(
    *,
    door,
    werkteam: Werkteam,
    periode: Periode,
    voorganger: Werkteam | None,
    status: str,
    start: date | None,
    eind: date | None,
) -> Werkteam:
    """A beheerder moves a team to a period, names its predecessor and sets status and dates."""
    # The view refuses first; this is the backstop for any other caller.
    if not coordinatoren_can_manage(door):
        raise PermissionDenied
    if status not in Werkteam.Status.values:
        raise WerkteamFout(_("Choose one of the statuses in the list."), "status")
    datums_check(start, eind)
    # Lock the period: a beheerder who narrows its dates at the same moment (periode_save
    # locks it too) then checks against this team's new dates, and this check against theirs.
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    # A new period that does not hold the dates: the message belongs to the period chosen.
    nieuwe_periode = periode.pk != werkteam.periode_id
    if nieuwe_periode or (start, eind) != (werkteam.start, werkteam.eind):
        # Only a change is checked: a team that started before its period (as history has it)
        # can still get a predecessor or a new status without rewriting its dates.
        periode_datums_check(periode, start, eind, veld="periode" if nieuwe_periode else None)
    _voorganger_check(werkteam, voorganger)
    werkteam.periode, werkteam.voorganger = periode, voorganger
    werkteam.status, werkteam.start, werkteam.eind = status, start, eind
    werkteam.save(update_fields=["periode", "voorganger", "status", "start", "eind"])
    return werkteam
