"""Kenniscafé pages for benchmark B1: the public list and a detail page with its form."""


def pages() -> list[tuple[str, str]]:
    # The demo loader (run by B1) creates this upcoming café, dated relative to today.
    return [
        ("kenniscafe list", "/kenniscafes/"),
        ("kenniscafe detail", "/kenniscafes/demo-vrije-plaatsen-wijkgericht-werken/"),
    ]
