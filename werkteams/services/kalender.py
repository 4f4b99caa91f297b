"""The calendar files of werkteam meetings: one meeting, or a series as one recurring event.

A meeting planned on its own is one VEVENT with its own UID. A series is what calendars call
a recurring event: one UID for the series, an RRULE for its rhythm, an EXDATE for every date
of the rhythm that is not (or no longer) the member's, and an override with RECURRENCE-ID for
every date that was changed. A later change or cancellation of one date is an iTIP message
for that one occurrence (same UID, its RECURRENCE-ID, a higher SEQUENCE). This is the form
RFC 5545/5546 give for it and the one Outlook, Google Calendar and Apple Calendar read whole;
several UIDs in one METHOD:REQUEST are not (clients show only the first).

Series planned before the rhythm was stored (no `serie_herhaling`) keep the identity their
invitations were sent with: a VEVENT per date.
"""

from collections.abc import Iterable
from datetime import UTC

from dateutil import rrule
from django.utils import timezone

from werkplaats.kern.ics import (
    AMSTERDAM,
    ics_deelnemer_add,
    ics_event,
    ics_kalender,
    ics_tekst,
    ics_uid,
)

from ..models import Bijeenkomst, Persoon

_RITME = {
    "wekelijks": (rrule.WEEKLY, 1),
    "tweewekelijks": (rrule.WEEKLY, 2),
    "maandelijks": (rrule.MONTHLY, 1),
}
_WEEKDAG_ICS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _is_terugkerend(bijeenkomst: Bijeenkomst) -> bool:
    return bool(bijeenkomst.serie and bijeenkomst.serie_herhaling in _RITME)


def _serie_uid(bijeenkomst: Bijeenkomst) -> str:
    return ics_uid("serie", bijeenkomst.serie, bijeenkomst.werkteam.werkplaats_id)


def _bijeenkomst_uid(bijeenkomst: Bijeenkomst) -> str:
    return ics_uid("bijeenkomst", bijeenkomst.uid, bijeenkomst.werkteam.werkplaats_id)


def _lokaal(moment):
    return timezone.localtime(moment, AMSTERDAM)


def _vevent(bijeenkomst: Bijeenkomst, persoon: Persoon | None, methode: str, **identiteit):
    """The VEVENT of one meeting; `identiteit` overrides uid and sequence for a series."""
    event = ics_event(
        uid=identiteit.get("uid") or _bijeenkomst_uid(bijeenkomst),
        sequence=identiteit.get("sequence", bijeenkomst.volgnummer),
        start=identiteit.get("start", bijeenkomst.start),
        eind=identiteit.get("start", bijeenkomst.start) + (bijeenkomst.eind - bijeenkomst.start),
        titel=f"{bijeenkomst.werkteam}: {bijeenkomst.titel}",
        geannuleerd=methode == "CANCEL",
    )
    plaats = " · ".join(p for p in (bijeenkomst.locatie, bijeenkomst.online_link) if p)
    if plaats:
        event.add("location", plaats)
    if bijeenkomst.agenda:
        event.add("description", bijeenkomst.agenda)
    if persoon is not None:
        ics_deelnemer_add(event, email=persoon.email, naam=persoon.naam)
    return event


def _occurrence_vevent(bijeenkomst: Bijeenkomst, persoon: Persoon | None, methode: str):
    """One date of a series as an occurrence of the series' recurring event."""
    event = _vevent(bijeenkomst, persoon, methode, uid=_serie_uid(bijeenkomst))
    event.add("recurrence-id", _lokaal(bijeenkomst.serie_oorspronkelijk))
    return event


def _regel(eerste: Bijeenkomst, tot) -> dict:
    """The RRULE of a series from its first date to `tot` (a UTC moment, as RFC 5545 asks)."""
    freq, interval = _RITME[eerste.serie_herhaling]
    regel = {"freq": "WEEKLY" if freq == rrule.WEEKLY else "MONTHLY", "until": tot}
    if interval > 1:
        regel["interval"] = interval
    if freq == rrule.MONTHLY:
        # The same nth weekday every month; the 5th, which not every month has, is the last.
        start = _lokaal(eerste.serie_oorspronkelijk)
        n = (start.day - 1) // 7 + 1
        regel["byday"] = f"{-1 if n == 5 else n}{_WEEKDAG_ICS[start.weekday()]}"
    return regel


def _ritme_data(eerste: Bijeenkomst, tot) -> list:
    """Every local start the rhythm generates from the first date up to `tot`."""
    freq, interval = _RITME[eerste.serie_herhaling]
    start = _lokaal(eerste.serie_oorspronkelijk)
    extra = {}
    if freq == rrule.MONTHLY:
        n = (start.day - 1) // 7 + 1
        extra["byweekday"] = rrule.weekday(start.weekday(), -1 if n == 5 else n)
    naief = rrule.rrule(
        freq,
        dtstart=start.replace(tzinfo=None),
        interval=interval,
        until=_lokaal(tot).replace(tzinfo=None),
        **extra,
    )
    return [moment.replace(tzinfo=AMSTERDAM) for moment in naief]


def _serie_vevents(bijeenkomsten: list[Bijeenkomst], persoon: Persoon | None) -> list:
    """The recurring event for these dates of one series: a master and its overrides."""
    op_volgorde = sorted(bijeenkomsten, key=lambda b: b.serie_oorspronkelijk)
    eerste, laatste = op_volgorde[0], op_volgorde[-1]
    # The master carries what the dates were planned with; a date changed since is an override.
    bron = next((b for b in op_volgorde if b.volgnummer == 0), eerste)
    master = _vevent(
        bron,
        persoon,
        "REQUEST",
        uid=_serie_uid(eerste),
        sequence=0,
        start=eerste.serie_oorspronkelijk,
    )
    tot = laatste.serie_oorspronkelijk.astimezone(UTC)
    master.add("rrule", _regel(eerste, tot))
    eigen = {_lokaal(b.serie_oorspronkelijk) for b in op_volgorde}
    weg = [moment for moment in _ritme_data(eerste, tot) if moment not in eigen]
    if weg:
        master.add("exdate", weg)
    afwijkend = [
        b
        for b in op_volgorde
        if b is not bron and (b.volgnummer or b.start != b.serie_oorspronkelijk)
    ]
    return [master] + [_occurrence_vevent(b, persoon, "REQUEST") for b in afwijkend]


def ics_maken(bijeenkomst: Bijeenkomst, persoon: Persoon | None, methode: str) -> str:
    """An iCalendar text (METHOD REQUEST or CANCEL) for one meeting, or for one date of a
    series: the occurrence with the series' UID and its RECURRENCE-ID."""
    kalender = ics_kalender("werkteams", methode)
    if _is_terugkerend(bijeenkomst):
        kalender.add_component(_occurrence_vevent(bijeenkomst, persoon, methode))
    else:
        kalender.add_component(_vevent(bijeenkomst, persoon, methode))
    return ics_tekst(kalender)


def ics_serie_maken(
    bijeenkomsten: Iterable[Bijeenkomst], persoon: Persoon | None, methode: str = "REQUEST"
) -> str:
    """One calendar that adds a member's dates of one series: one recurring event."""
    bijeenkomsten = list(bijeenkomsten)
    kalender = ics_kalender("werkteams", methode)
    if bijeenkomsten and all(_is_terugkerend(b) for b in bijeenkomsten):
        componenten = _serie_vevents(bijeenkomsten, persoon)
    else:
        componenten = [_vevent(b, persoon, methode) for b in bijeenkomsten]
    for component in componenten:
        kalender.add_component(component)
    return ics_tekst(kalender)
