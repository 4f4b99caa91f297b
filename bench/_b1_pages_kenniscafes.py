"""Kenniscafé pages for benchmark B1: the public list, a detail page with its form, the archive.

`staff_pages()` adds the organiser's registrations page of a past demo café (its
registrations, counts and evaluations), requested by a logged-in beheerder.
"""

from bench.common import DEMO_WERKPLAATS, session_cookie

# The demo loader (run by B1) creates these cafés, dated relative to today.
REGISTRATIES = "/kenniscafes/demo-recent-geldzorgen/aanmeldingen/"

# The demo loader (run by B1) creates this upcoming café, dated relative to today.
DETAIL = "/kenniscafes/demo-vrije-plaatsen-wijkgericht-werken/"


def pages() -> list[tuple[str, str]]:
    return [
        ("kenniscafe list", "/kenniscafes/"),
        ("kenniscafe detail", DETAIL),
        ("kenniscafe archive", "/kenniscafes/archief/"),
    ]


def fragments() -> list[tuple[str, str, dict, str | None]]:
    """The café list's filter swap and the live validation of one registration field."""
    htmx = {"HX-Request": "true"}
    return [
        ("kenniscafe list filter", "/kenniscafes/?type=&thema=&vorm=fysiek&maand=", htmx, None),
        (
            "kenniscafe aanmelden valideren",
            DETAIL + "aanmelden/?valideren=1",
            {**htmx, "HX-Target": "id_email_veld", "HX-Trigger-Name": "email"},
            "naam=Ans+de+Vries&email=ans%40voorbeeld&rol=&opleiding=&sector=&organisatie=",
        ),
    ]


def staff_pages() -> list[tuple[str, str, dict]]:
    """The organiser's registrations page, with a beheerder's session."""
    cookie = session_cookie("beheerder", "beheerder", werkplaats=DEMO_WERKPLAATS)
    return [("kenniscafe-aanmeldingen", REGISTRATIES, {"Cookie": cookie})]
