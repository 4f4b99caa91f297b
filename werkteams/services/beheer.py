"""Writes a beheerder makes to a team as a whole: its period, predecessor, status and dates,
and the werkplaatsen that run it with its own (a national project)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.kern.huidig import huidige_werkplaats_id
from werkplaats.kern.models import Periode, Werkplaats

from ..models import Werkteam
from ..models.team import slug_bezet_in
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


def _deelnemers_set(werkteam: Werkteam, deelnemers) -> None:
    """Name the werkplaatsen that run the team with its own; refuse one where its address
    (/werkteams/<slug>/) is already another team's."""
    nieuw = {w.pk for w in deelnemers} - {werkteam.werkplaats_id}
    huidig = set(werkteam.deelnemende_werkplaatsen.values_list("pk", flat=True))
    if nieuw == huidig:
        return
    # Lock the werkplaatsen that join: two teams with one slug shared into the same
    # werkplaats at the same moment queue here, and the second one sees the first.
    erbij = list(
        Werkplaats.objects.select_for_update()
        .filter(pk__in=nieuw - huidig, actief=True)
        .order_by("pk")
    )
    if len(erbij) != len(nieuw - huidig):
        raise WerkteamFout(
            _("Only active werkplaatsen can take part in a team."), "deelnemende_werkplaatsen"
        )
    bezet = {pk for pk, _gedeeld in slug_bezet_in(werkteam.slug, nieuw, behalve=werkteam.pk)}
    if bezet:
        namen = ", ".join(w.naam for w in Werkplaats.objects.filter(pk__in=bezet).order_by("naam"))
        raise WerkteamFout(
            _(
                "%(werkplaatsen)s already has a work team at the address /werkteams/%(slug)s/, "
                "so this team cannot be shared with it. Ask them to give their team another "
                "address first."
            )
            % {"werkplaatsen": namen, "slug": werkteam.slug},
            "deelnemende_werkplaatsen",
        )
    werkteam.deelnemende_werkplaatsen.set(nieuw)


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
    deelnemers=None,
) -> Werkteam:
    """A beheerder moves a team to a period, names its predecessor and sets status and dates.

    `deelnemers` (the werkplaatsen that run the team with its own; None: unchanged), the
    period and the predecessor are for the beheerder of the team's own werkplaats only: a
    participant's beheerder sets status and dates."""
    # The view refuses first; this is the backstop for any other caller.
    if not coordinatoren_can_manage(door):
        raise PermissionDenied
    eigenaar = huidige_werkplaats_id() in (None, werkteam.werkplaats_id)
    voorganger_id = voorganger.pk if voorganger is not None else None
    if not eigenaar and (
        deelnemers is not None
        or periode.pk != werkteam.periode_id
        or voorganger_id != werkteam.voorganger_id
    ):
        raise WerkteamFout(
            _(
                "Only the werkplaats that runs this national project changes its period, "
                "its predecessor and who takes part."
            )
        )
    if status not in Werkteam.Status.values:
        raise WerkteamFout(_("Choose one of the statuses in the list."), "status")
    datums_check(start, eind)
    # Lock the period: a beheerder who narrows its dates at the same moment (periode_save
    # locks it too) then checks against this team's new dates, and this check against theirs.
    # The team's own period may be another werkplaats's (a participant saves status and
    # dates): it is read unfiltered; a new period only from this werkplaats's own.
    perioden = Periode._base_manager if periode.pk == werkteam.periode_id else Periode.objects
    periode = perioden.select_for_update().get(pk=periode.pk)
    # A new period that does not hold the dates: the message belongs to the period chosen.
    nieuwe_periode = periode.pk != werkteam.periode_id
    if nieuwe_periode or (start, eind) != (werkteam.start, werkteam.eind):
        # Only a change is checked: a team that started before its period (as history has it)
        # can still get a predecessor or a new status without rewriting its dates.
        periode_datums_check(periode, start, eind, veld="periode" if nieuwe_periode else None)
    _voorganger_check(werkteam, voorganger)
    if deelnemers is not None:
        _deelnemers_set(werkteam, deelnemers)
    werkteam.periode, werkteam.voorganger = periode, voorganger
    werkteam.status, werkteam.start, werkteam.eind = status, start, eind
    werkteam.save(update_fields=["periode", "voorganger", "status", "start", "eind"])
    return werkteam
