"""Calendar files (iCalendar, RFC 5545/5546) for a café: invites, cancellations and the feed."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from werkplaats.kern.selectors import site_instellingen_get

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Werkplaats Sociaal Domein//Kenniscafes//NL"


def _uid(kenniscafe) -> str:
    """Stable across every change of the café: its UID never changes, its SEQUENCE rises."""
    return f"kenniscafe-{kenniscafe.ical_uid}@werkplaats"


def _locatie(kenniscafe) -> str:
    delen = [kenniscafe.locatie, kenniscafe.adres]
    if kenniscafe.vorm != kenniscafe.Vorm.FYSIEK:
        delen.append("Online")
    return ", ".join(d for d in delen if d)


def _event(kenniscafe, *, met_online_link: bool, geannuleerd: bool, aanmelding=None) -> Event:
    event = Event()
    event.add("uid", _uid(kenniscafe))
    event.add("sequence", kenniscafe.ical_sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", timezone.localtime(kenniscafe.start, AMSTERDAM))
    event.add("dtend", timezone.localtime(kenniscafe.eind, AMSTERDAM))
    event.add("summary", f"Kenniscafé: {kenniscafe.titel}")
    beschrijving = [kenniscafe.beschrijving.strip()]
    if met_online_link and kenniscafe.online_link:
        beschrijving.append(f"Online deelnemen: {kenniscafe.online_link}")
    beschrijving.append(settings.SITE_URL + kenniscafe.get_absolute_url())
    event.add("description", "\n\n".join(d for d in beschrijving if d))
    locatie = _locatie(kenniscafe)
    if locatie:
        event.add("location", locatie)
    event.add("url", settings.SITE_URL + kenniscafe.get_absolute_url())
    event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
    site = site_instellingen_get()
    organisator = vCalAddress(f"mailto:{site.contact_email or 'noreply@werkplaats.localhost'}")
    organisator.params["cn"] = vText(site.naam)
    event.add("organizer", organisator)
    if aanmelding is not None and aanmelding.email:
        deelnemer = vCalAddress(f"mailto:{aanmelding.email}")
        deelnemer.params["cn"] = vText(aanmelding.naam)
        deelnemer.params["partstat"] = vText("DECLINED" if geannuleerd else "ACCEPTED")
        deelnemer.params["rsvp"] = vText("FALSE")
        event.add("attendee", deelnemer)
    return event


def _kalender(method: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def kenniscafe_ics(kenniscafe, *, method: str = "REQUEST", aanmelding=None) -> str:
    """One café as a calendar invite (REQUEST) or cancellation (CANCEL) for a registrant."""
    cal = _kalender(method)
    cal.add_component(
        _event(
            kenniscafe,
            met_online_link=aanmelding is not None and method == "REQUEST",
            geannuleerd=method == "CANCEL",
            aanmelding=aanmelding,
        )
    )
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def kenniscafe_ics_publiek(kenniscafe) -> str:
    """One café for download from the public page: no online link, no METHOD."""
    cal = _kalender(None)
    cal.add_component(
        _event(
            kenniscafe,
            met_online_link=False,
            geannuleerd=kenniscafe.status == kenniscafe.Status.GEANNULEERD,
        )
    )
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def kenniscafe_ics_persoonlijk(kenniscafe, aanmelding, *, met_online_link: bool) -> str:
    """One café for download from a registrant's personal page (online link if theirs)."""
    cal = _kalender(None)
    cal.add_component(
        _event(
            kenniscafe,
            met_online_link=met_online_link,
            geannuleerd=kenniscafe.status == kenniscafe.Status.GEANNULEERD,
        )
    )
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def kenniscafes_feed(kenniscafes) -> str:
    """A subscribable feed of cafés (public: never an online link)."""
    cal = _kalender(None)
    cal.add("x-wr-calname", "Kenniscafés")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for kenniscafe in kenniscafes:
        cal.add_component(
            _event(
                kenniscafe,
                met_online_link=False,
                geannuleerd=kenniscafe.status == kenniscafe.Status.GEANNULEERD,
            )
        )
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def ics_bijlage(inhoud: str, method: str) -> dict:
    """An outbox attachment for a calendar invite."""
    return {
        "naam": "kenniscafe.ics",
        "inhoud": inhoud,
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
    }
