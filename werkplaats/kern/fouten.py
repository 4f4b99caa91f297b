"""The one shape of a domain error: every app's services raise it, every view shows it.

A service that refuses something raises `DomeinFout` (or an app's subclass of it) with a
message for the person and, when the message belongs to one form field, that field's name.
The view puts it next to the field with `fout_op_formulier`, or at the top of the form when
the field is absent.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomeinFout(Exception):
    """A domain rule was broken; `bericht` is shown to the person, `veld` names its form field."""

    def __init__(self, bericht: str | Promise, veld: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.veld = veld

    def __str__(self) -> str:
        return str(self.bericht)


def fout_op_formulier(form, fout: DomeinFout) -> None:
    """Show `fout` on `form`: next to its field when the form has it, else above the form."""
    veld = fout.veld if fout.veld in getattr(form, "fields", {}) else None
    form.add_error(veld, str(fout.bericht))


def eind_na_start_check(start, eind, *, strikt: bool = False, veld: str = "eind") -> None:
    """The one "end before start" rule: raise on `veld` when `eind` comes before `start`.

    Dates of a team, membership or activity may end on the day they start (`strikt=False`);
    a café's end time must come after its start (`strikt=True`). Missing values pass: the
    field's own required check speaks for those.
    """
    if start is None or eind is None:
        return
    if strikt and eind <= start:
        raise DomeinFout(_("The end must be after the start."), veld)
    if eind < start:
        raise DomeinFout(_("The end date cannot be before the start date."), veld)


def binnen_periode_check(periode, start, eind, *, veld_start="start", veld_eind="eind") -> None:
    """The one "a period holds its team's dates" rule: raise when start or eind falls outside.

    The same test as the period's own check on its teams (beheer.services): a date before the
    period's start or after its end. Missing dates pass: a team without dates fits any period.
    """
    if periode is None:
        return
    for datum, veld in ((start, veld_start), (eind, veld_eind)):
        if datum is not None and not periode.start <= datum <= periode.eind:
            raise DomeinFout(
                _(
                    "Period %(periode)s runs from %(van)s to %(tot)s; the team's dates must "
                    "fall inside it. Change the dates or choose another period."
                )
                % {
                    "periode": periode,
                    "van": periode.start.strftime("%d-%m-%Y"),
                    "tot": periode.eind.strftime("%d-%m-%Y"),
                },
                veld,
            )
