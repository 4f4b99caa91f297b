"""Web links that put a café in Google Calendar or Outlook ("Zet in je agenda")."""

from datetime import UTC
from urllib.parse import urlencode

from werkplaats.kern.uitgaand import site_url

from .ics import _locatie

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


def _beschrijving(kenniscafe, online_link: str) -> str:
    delen = [kenniscafe.beschrijving.strip()]
    if online_link:
        delen.append(f"Online deelnemen: {online_link}")
    delen.append(site_url() + kenniscafe.get_absolute_url())
    return "\n\n".join(d for d in delen if d)


def agenda_links(kenniscafe, *, online_link: str = "") -> dict[str, str]:
    """{"google": URL, "outlook": URL} for the café, URL-encoded.

    `online_link` is only ever a registrant's own (Aanmelding.online_link); without it the
    links carry no online link at all.
    """
    titel = f"Kenniscafé: {kenniscafe.titel}"
    details = _beschrijving(kenniscafe, online_link)
    locatie = _locatie(kenniscafe)
    start, eind = kenniscafe.start.astimezone(UTC), kenniscafe.eind.astimezone(UTC)
    google = {
        "action": "TEMPLATE",
        "text": titel,
        "dates": f"{start:%Y%m%dT%H%M%SZ}/{eind:%Y%m%dT%H%M%SZ}",
        "details": details,
        "location": locatie,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": titel,
        "startdt": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": eind.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": locatie,
    }
    return {"google": f"{GOOGLE}?{urlencode(google)}", "outlook": f"{OUTLOOK}?{urlencode(outlook)}"}
