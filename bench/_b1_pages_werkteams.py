"""Werkteam pages for B1 (page cost), on the demo data.

The public team page and the list are measured as they are. The coordinator's team page
needs a logged-in session: `coordinator_session_cookie()` creates one for the demo
coordinator in the benchmark database; B1 reports it through `staff_pages()`.
"""

import subprocess

from bench.common import PYTHON, ROOT, production_env

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
    code = (
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from werkteams.demo import load; from werkplaats.demo import demo_data;"
        "u, _ = get_user_model().objects.get_or_create(username='coordinator', defaults={'rol': 'coordinator'});"
        "load(demo_data());"
        "s = SessionStore(); s['_auth_user_id'] = str(u.pk);"
        "s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend';"
        "s['_auth_user_hash'] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    out = (
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=production_env(),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return f"sessionid={out}"


def staff_pages() -> list[tuple[str, str, dict]]:
    """The coordinator's team page with a logged-in session, for information in B1."""
    cookie = coordinator_session_cookie()
    return [(name, path, {"Cookie": cookie}) for name, path in coordinator_pages()]
