"""Calendar files (iCalendar, RFC 5545/5546) shared by every app that sends invites.

An app builds its VEVENT; this module gives it the calendar around it, the organiser
(the Werkplaats), attendees, Europe/Amsterdam times and the outbox attachment.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .selectors import site_instellingen_get

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ics_kalender(onderdeel: str, method: str | None = None) -> Calendar:
    """An empty VCALENDAR; METHOD only for invites sent by mail (REQUEST/CANCEL)."""
    cal = Calendar()
    cal.add("prodid", f"-//Werkplaats Sociaal Domein//{onderdeel}//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def ics_uid(soort: str, sleutel, werkplaats_id: int | None) -> str:
    """The UID of an event: its own key (a UUID) and the slug of its werkplaats, so it is
    unique across every werkplaats and never changes for the same event (a host name may
    change, the slug does not). Outside a werkplaats: the generic "werkplaats"."""
    from .uitgaand import werkplaats_get

    werkplaats = werkplaats_get(werkplaats_id)
    domein = f"{werkplaats.slug}.werkplaats" if werkplaats is not None else "werkplaats"
    return f"{soort}-{sleutel}@{domein}"


def ics_event(
    *, uid: str, sequence: int, start, eind, titel: str, geannuleerd: bool = False
) -> Event:
    """A VEVENT with a stable UID, its SEQUENCE, local Amsterdam times and the organiser."""
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", timezone.localtime(start, AMSTERDAM))
    event.add("dtend", timezone.localtime(eind, AMSTERDAM))
    event.add("summary", titel)
    event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
    site = site_instellingen_get()
    organisator = vCalAddress(f"mailto:{site.contact_email or 'noreply@werkplaats.localhost'}")
    organisator.params["cn"] = vText(site.naam)
    event.add("organizer", organisator)
    return event


def ics_deelnemer_add(event: Event, *, email: str, naam: str, partstat: str | None = None):
    """Add one attendee (the person the invite is for)."""
    deelnemer = vCalAddress(f"mailto:{email}")
    deelnemer.params["cn"] = vText(naam)
    deelnemer.params["role"] = vText("REQ-PARTICIPANT")
    if partstat:
        deelnemer.params["partstat"] = vText(partstat)
        deelnemer.params["rsvp"] = vText("FALSE")
    event.add("attendee", deelnemer)


def ics_tekst(cal: Calendar) -> str:
    """The calendar as text, with the VTIMEZONE its local times need."""
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def ics_bijlage(inhoud: str, *, naam: str, method: str) -> dict:
    """An outbox attachment for a calendar invite or cancellation."""
    return {
        "naam": naam,
        "inhoud": inhoud,
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
    }
