"""Werkteam pages for B1 (page cost), on the demo data.

The public team page and the list are measured as they are. The coordinator's team page
needs a logged-in session: `coordinator_session_cookie()` creates one for the demo
coordinator in the benchmark database; B1 reports it through `staff_pages()`.
"""

from bench.common import DEMO_WERKPLAATS, session_cookie

TEAM = "/werkteams/armoede-en-schulden/"


def pages() -> list[tuple[str, str]]:
    """(name, path) of real werkteam pages that need no login."""
    return [
        ("werkteams", "/werkteams/"),
        ("werkteam-publiek", TEAM),
    ]


def coordinator_pages() -> list[tuple[str, str]]:
    """(name, path) of the coordinator's pages; request them with coordinator_session_cookie()."""
    return [("werkteam-coordinator", TEAM)]


def coordinator_session_cookie() -> str:
    """A `sessionid=…` cookie of the demo coordinator (linked to the 2020-2022 teams)."""
    return session_cookie(
        "coordinator",
        "coordinator",
        setup="from werkteams.demo import load; from werkplaats.demo import demo_data;"
        "load(demo_data());",
        werkplaats=DEMO_WERKPLAATS,
    )


def staff_pages() -> list[tuple[str, str, dict]]:
    """The coordinator's team page with a logged-in session, for information in B1."""
    cookie = coordinator_session_cookie()
    return [(name, path, {"Cookie": cookie}) for name, path in coordinator_pages()]
