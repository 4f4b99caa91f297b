"""Whole-page cache for anonymous visitors of public pages.

Public pages (home, kenniscafé list, kennisbank search, team pages) are the same for
every anonymous visitor except for the CSRF token in their forms. We cache the
rendered HTML with a marker where the token goes and put the visitor's own token in
on the way out. Only plain GET/HEAD requests without a session or messages cookie are
served from or stored in the cache, so logged-in users, users with flash messages and
anything personal always get a fresh render.

Freshness: every save or delete of a model in our apps bumps one version number
(`inhoud_versie_bump`), which is part of every key, so a change is visible on the very
next request; the timeout only bounds memory.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .htmx import wil_fragment

VERSIE_KEY = "paginacache:versie"
# Stored pages and parts live at most this long; freshness comes from the version.
TIMEOUT = 300
# Plain ASCII so no escaping changes it; if a visitor types it, they see their own token.
CSRF_MARKER = "__werkplaats_csrf_token_plek__"
# Filled by each app in its AppConfig.ready() through paginacache_register: the ground
# floor names no app.
VERVERSENDE_APPS: set[str] = set()
NIET_VERVERSEND: set[tuple[str, str]] = set()


def paginacache_register(app_label: str, *, behalve: tuple[str, ...] = ()) -> None:
    """Let every save or delete in this app empty the page cache, except for the models
    named in `behalve` (rows that never show on a public page)."""
    VERVERSENDE_APPS.add(app_label)
    NIET_VERVERSEND.update((app_label, model_name) for model_name in behalve)


_laatst_gezien = {"versie": 1}


def inhoud_versie() -> int:
    """The current content version (1 when nothing changed since the cache was emptied)."""
    versie = cache.get_or_set(VERSIE_KEY, 1, timeout=None)
    _laatst_gezien["versie"] = versie
    return versie


def _pagina_key(versie: int, rest: str) -> str:
    return f"pagina:{versie}:{rest}"


def opgeslagen_inhoud(rest: str):
    """(key, stored page or part, or None) in one round trip when the version did not change."""
    gok = _pagina_key(_laatst_gezien["versie"], rest)
    gevonden = cache.get_many([VERSIE_KEY, gok])
    versie = gevonden.get(VERSIE_KEY)
    if versie == _laatst_gezien["versie"]:
        return gok, gevonden.get(gok)
    if versie is None:
        versie = inhoud_versie()
    _laatst_gezien["versie"] = versie
    key = _pagina_key(versie, rest)
    return key, cache.get(key)


def inhoud_memo(naam: str, *delen, maak, voor=None):
    """What `maak()` returns, kept per content version: for public data only.

    The same freshness as the page cache (any save or delete of shown data makes it
    stale), so a selector can skip its queries on a fresh render. Whatever depends on the
    visitor (may they see a draft?) is decided after, on the returned value; the value
    is unpickled anew on every call, so changing it changes nobody else's copy. For a
    logged-in user (`voor`) it is always made fresh, as `inhoudcache` does.
    """
    if voor is not None and voor.is_authenticated:
        return maak()
    sleutel = hashlib.sha1(repr(delen).encode(), usedforsecurity=False).hexdigest()
    key, opgeslagen = opgeslagen_inhoud(f"memo:{naam}:{sleutel}")
    if opgeslagen is None:
        opgeslagen = (maak(),)
        cache.set(key, opgeslagen, TIMEOUT)
    return opgeslagen[0]


def inhoud_versie_bump(**kwargs) -> None:
    """Signal receiver: any change to shown data makes every cached page stale."""
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in VERVERSENDE_APPS:
        return
    if (meta.app_label, meta.model_name) in NIET_VERVERSEND:
        return
    inhoud_gewijzigd()


def inhoud_gewijzigd() -> None:
    """Shown data changed (also for writes that send no signal, such as bulk updates of the
    search index): cached pages and parts are stale from the next request on.

    Inside a transaction the version goes up now and once more when it commits: a request
    in between still reads the old rows and may store them under the new version; the
    second step leaves that entry unused.
    """
    _verhoog()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        functie is _verhoog for _ids, functie, _robuust in connection.run_on_commit
    ):
        transaction.on_commit(_verhoog)


def _verhoog() -> None:
    try:
        cache.incr(VERSIE_KEY)
    except ValueError:
        cache.set(VERSIE_KEY, 2, timeout=None)


def connect_signals() -> None:
    """Called from KernConfig.ready(); the apps register themselves in their own ready()."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(inhoud_versie_bump, dispatch_uid=f"paginacache-{signal!r}")


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def publieke_pagina(timeout: int = TIMEOUT):
    """Decorator for public views whose output depends only on URL, language and data."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            htmx = "1" if wil_fragment(request) else "0"
            key, opgeslagen = opgeslagen_inhoud(
                f"{get_language()}:{htmx}:{request.get_full_path()}"
            )
            if opgeslagen is not None:
                inhoud, content_type = opgeslagen
                response = HttpResponse(content_type=content_type)
                if CSRF_MARKER.encode() in inhoud:
                    inhoud = inhoud.replace(CSRF_MARKER.encode(), get_token(request).encode())
                response.content = inhoud
                patch_vary_headers(response, ("Cookie", "HX-Request"))
                return response
            request.csrf_marker = CSRF_MARKER
            response = view(request, *args, **kwargs)
            if response.streaming:
                return response
            if response.status_code == 200 and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), timeout)
            token = get_token(request).encode()
            response.content = response.content.replace(CSRF_MARKER.encode(), token)
            patch_vary_headers(response, ("Cookie", "HX-Request"))
            return response

        return wrapper

    return decorator
