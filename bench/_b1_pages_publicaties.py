"""Kennisbank pages for B1 (page cost), on the demo data: the list and a search result."""


def pages() -> list[tuple[str, str]]:
    """(name, path) of real kennisbank pages: browsing, a ranked search, a filtered search."""
    return [
        ("kennisbank", "/kennisbank/"),
        ("kennisbank-zoeken", "/kennisbank/?q=scootmobiel"),
        ("kennisbank-zoeken-gefilterd", "/kennisbank/?q=vertrouwen&type=blog&jaar=2022"),
    ]


def fragments() -> list[tuple[str, str, dict, str | None]]:
    """The search and facet swaps: htmx asks for the results partial only."""
    htmx = {"HX-Request": "true"}
    return [
        ("kennisbank-zoeken swap", "/kennisbank/?q=scootmobiel", htmx, None),
        ("kennisbank facet swap", "/kennisbank/?q=vertrouwen&type=blog", htmx, None),
    ]
