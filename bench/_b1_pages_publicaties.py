"""Kennisbank pages for B1 (page cost), on the demo data: the list and a search result.

`staff_pages()` adds the editor's list (everything a beheerder may edit, drafts included).
"""

from bench.common import DEMO_WERKPLAATS, session_cookie


def pages() -> list[tuple[str, str]]:
    """(name, path) of real kennisbank pages: browsing, a ranked search, a filtered search,
    one item."""
    return [
        ("kennisbank", "/kennisbank/"),
        ("kennisbank-zoeken", "/kennisbank/?q=scootmobiel"),
        ("kennisbank-zoeken-gefilterd", "/kennisbank/?q=vertrouwen&type=blog&jaar=2022"),
        # a demo podcast episode: metadata, audio, citation, related items
        ("kennisbank-item", "/kennisbank/sociaal-inspireert-6-zorg-en-welzijn-bij-elkaar/"),
    ]


def fragments() -> list[tuple[str, str, dict, str | None]]:
    """The search and facet swaps: htmx asks for the results partial only."""
    htmx = {"HX-Request": "true"}
    return [
        ("kennisbank-zoeken swap", "/kennisbank/?q=scootmobiel", htmx, None),
        ("kennisbank facet swap", "/kennisbank/?q=vertrouwen&type=blog", htmx, None),
    ]


def staff_pages() -> list[tuple[str, str, dict]]:
    """The kennisbank's editor list, with a beheerder's session."""
    cookie = session_cookie("beheerder", "beheerder", werkplaats=DEMO_WERKPLAATS)
    return [("kennisbank-beheer", "/kennisbank/beheer/", {"Cookie": cookie})]
