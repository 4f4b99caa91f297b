"""Kennisbank pages for B1 (page cost), on the demo data: the list and a search result."""


def pages() -> list[tuple[str, str]]:
    """(name, path) of real kennisbank pages: browsing, a ranked search, a filtered search."""
    return [
        ("kennisbank", "/kennisbank/"),
        ("kennisbank-zoeken", "/kennisbank/?q=scootmobiel"),
        ("kennisbank-zoeken-gefilterd", "/kennisbank/?q=vertrouwen&type=blog&jaar=2022"),
    ]
