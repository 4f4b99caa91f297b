"""The rules of werkteams that its forms and its services both check, and its domain error.

A form checks them to put the message next to the field before anything is written; the
service checks them again for every other caller. Written here once, so both say the same.
"""

from datetime import date

from django.utils.translation import gettext as _

from werkplaats.kern.fouten import DomeinFout, binnen_periode_check, eind_na_start_check

from .models import Leeropbrengst


class WerkteamFout(DomeinFout):
    """A werkteams rule was broken; `bericht` is shown, `veld` names its form field."""


def datums_check(start: date | None, eind: date | None, *, veld: str = "eind") -> None:
    """The kern rule "the end is not before the start", reported as a `WerkteamFout`."""
    try:
        eind_na_start_check(start, eind, veld=veld)
    except DomeinFout as fout:
        raise WerkteamFout(fout.bericht, fout.veld) from None


def periode_datums_check(periode, start: date | None, eind: date | None, *, veld=None) -> None:
    """The kern rule "a period holds its team's dates", as a `WerkteamFout`.

    `veld` puts the message on one field (the period, in a form that chooses it); without
    it the message goes on the date that falls outside.
    """
    try:
        binnen_periode_check(periode, start, eind)
    except DomeinFout as fout:
        raise WerkteamFout(fout.bericht, veld or fout.veld) from None


def serie_eind_check(eerste: date | None, tot: date | None) -> None:
    """The same rule for a series of meetings, in the words of a series, on `tot`."""
    try:
        eind_na_start_check(eerste, tot, veld="tot")
    except DomeinFout:
        raise WerkteamFout(_("The series cannot end before its first meeting."), "tot") from None


def doorwerking_check(niveau: str | None, organisatie) -> None:
    """An outcome names the organisation it reached (doorwerking) at organisation level only."""
    if niveau == Leeropbrengst.Niveau.ORGANISATIE and not organisatie:
        raise WerkteamFout(
            _("Say which organisation this lesson reached (doorwerking)."), "organisatie"
        )
    if niveau and niveau != Leeropbrengst.Niveau.ORGANISATIE and organisatie:
        raise WerkteamFout(
            _("Only an outcome at organisation level reaches an organisation."), "organisatie"
        )
