"""Kenniscafé pages for benchmark B1: the public list and a detail page with its form.

`staff_pages()` adds the organiser's registrations page of a past demo café (its
registrations, counts and evaluations), requested by a logged-in beheerder.
"""

from bench.common import session_cookie

# The demo loader (run by B1) creates these cafés, dated relative to today.
REGISTRATIES = "/kenniscafes/demo-recent-geldzorgen/aanmeldingen/"


def pages() -> list[tuple[str, str]]:
    return [
        ("kenniscafe list", "/kenniscafes/"),
        ("kenniscafe detail", "/kenniscafes/demo-vrije-plaatsen-wijkgericht-werken/"),
    ]


def staff_pages() -> list[tuple[str, str, dict]]:
    """The organiser's registrations page, with a beheerder's session."""
    cookie = session_cookie("beheerder", "beheerder")
    return [("kenniscafe-aanmeldingen", REGISTRATIES, {"Cookie": cookie})]
