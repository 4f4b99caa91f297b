"""Calendar files (iCalendar, RFC 5545/5546) for a café: invites, cancellations and the feed."""

from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.ics import ics_bijlage as kern_ics_bijlage
from werkplaats.kern.ics import ics_deelnemer_add, ics_event, ics_kalender, ics_tekst, ics_uid
from werkplaats.kern.uitgaand import site_url as werkplaats_site_url

ONDERDEEL = "Kenniscafes"


def _uid(kenniscafe) -> str:
    """Stable across every change of the café: its UID never changes, its SEQUENCE rises."""
    return ics_uid("kenniscafe", kenniscafe.ical_uid, kenniscafe.werkplaats_id)


def _locatie(kenniscafe) -> str:
    delen = [kenniscafe.locatie, kenniscafe.adres]
    if kenniscafe.vorm != kenniscafe.Vorm.FYSIEK:
        delen.append("Online")
    return ", ".join(d for d in delen if d)


def _event(kenniscafe, *, online_link: str = "", geannuleerd: bool | None = None, aanmelding=None):
    """One VEVENT; `online_link` is only ever a registrant's own (Aanmelding.online_link)."""
    if geannuleerd is None:
        geannuleerd = kenniscafe.status == kenniscafe.Status.GEANNULEERD
    event = ics_event(
        uid=_uid(kenniscafe),
        sequence=kenniscafe.ical_sequence,
        start=kenniscafe.start,
        eind=kenniscafe.eind,
        titel=f"Kenniscafé: {kenniscafe.titel}",
        geannuleerd=geannuleerd,
    )
    beschrijving = [kenniscafe.beschrijving.strip()]
    if online_link:
        beschrijving.append(f"Online deelnemen: {online_link}")
    url = werkplaats_site_url() + kenniscafe.get_absolute_url()
    beschrijving.append(url)
    event.add("description", "\n\n".join(d for d in beschrijving if d))
    locatie = _locatie(kenniscafe)
    if locatie:
        event.add("location", locatie)
    event.add("url", url)
    if aanmelding is not None and aanmelding.email:
        ics_deelnemer_add(
            event,
            email=aanmelding.email,
            naam=aanmelding.naam,
            partstat="DECLINED" if geannuleerd else "ACCEPTED",
        )
    return event


def _kalender(method: str | None, events, eigenschappen: dict | None = None) -> str:
    cal = ics_kalender(ONDERDEEL, method)
    for naam, waarde in (eigenschappen or {}).items():
        cal.add(naam, waarde)
    for event in events:
        cal.add_component(event)
    return ics_tekst(cal)


def kenniscafe_ics(kenniscafe, *, method: str = "REQUEST", aanmelding=None) -> str:
    """One café as a calendar invite (REQUEST) or cancellation (CANCEL) for a registrant."""
    online_link = aanmelding.online_link if method == "REQUEST" and aanmelding is not None else ""
    event = _event(
        kenniscafe,
        online_link=online_link,
        geannuleerd=method == "CANCEL",
        aanmelding=aanmelding,
    )
    return _kalender(method, [event])


def kenniscafe_ics_publiek(kenniscafe) -> str:
    """One café for download from the public page: no online link, no METHOD."""
    return _kalender(None, [_event(kenniscafe)])


def kenniscafe_ics_persoonlijk(kenniscafe, aanmelding) -> str:
    """One café for download from a registrant's personal page (online link if theirs)."""
    return _kalender(None, [_event(kenniscafe, online_link=aanmelding.online_link)])


def kenniscafes_feed(kenniscafes, *, naam: str = "Kenniscafés", elk_eigen: bool = False) -> str:
    """A subscribable feed of cafés (public: never an online link). With `elk_eigen` (cafés
    of several werkplaatsen: the portal) each event is made in its café's werkplaats: its
    UID, organiser and link are those its own site gives."""
    eigenschappen = {"x-wr-calname": naam, "x-wr-timezone": "Europe/Amsterdam"}
    if not elk_eigen:
        return _kalender(None, (_event(k) for k in kenniscafes), eigenschappen)
    return _kalender(None, (_event_eigen(k) for k in kenniscafes), eigenschappen)


def _event_eigen(kenniscafe):
    with in_werkplaats(kenniscafe.werkplaats):
        return _event(kenniscafe)


def ics_bijlage(inhoud: str, method: str) -> dict:
    """An outbox attachment for a calendar invite."""
    return kern_ics_bijlage(inhoud, naam="kenniscafe.ics", method=method)
