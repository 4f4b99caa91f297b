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
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .htmx import wil_fragment
from .huidig import huidige_werkplaats_id

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


# The content version as read by the current request: read once per request (the
# middleware below marks a request's start), forgotten when the request itself changes
# data. Outside a request (jobs, shell) it is read on every use.
_NIET_GELEZEN = 0
_verzoek_versie: ContextVar[int | None] = ContextVar("inhoud_versie", default=None)

# A small copy in each process of the most used pages and parts, in front of Redis: the
# keys carry the content version, so it is exactly as fresh; entries live as long as in
# Redis. Values are bytes or str (a memo keeps its pickle), never shared mutable objects.
_L1: OrderedDict[str, tuple[float, object]] = OrderedDict()
_L1_MAX = 512
_l1_slot = threading.Lock()


def _nieuwe_versie() -> int:
    """Where the version starts when Redis holds none (new, emptied or restarted): at a
    random number, so that no process's own copy of a part made under an earlier start is
    ever taken for current."""
    return 2**40 + secrets.randbelow(2**48)


def inhoud_versie() -> int:
    """The current content version."""
    versie = _verzoek_versie.get()
    if versie:
        return versie
    versie = cache.get_or_set(VERSIE_KEY, _nieuwe_versie, timeout=None)
    if versie is not None and _verzoek_versie.get() == _NIET_GELEZEN:
        _verzoek_versie.set(versie)
    return versie


WERKPLAATSEN_VERSIE_KEY = "werkplaatsen:versie"


def werkplaatsen_versie() -> int:
    """The version of the werkplaatsen and their host names, which changes only when one of
    them does (not with every café). Read at the start of a request in one round trip
    with the content version, which the request then has."""
    gelezen = cache.get_many([VERSIE_KEY, WERKPLAATSEN_VERSIE_KEY])
    inhoud = gelezen.get(VERSIE_KEY)
    if inhoud is not None and _verzoek_versie.get() == _NIET_GELEZEN:
        _verzoek_versie.set(inhoud)
    versie = gelezen.get(WERKPLAATSEN_VERSIE_KEY)
    if versie is None:
        versie = cache.get_or_set(WERKPLAATSEN_VERSIE_KEY, _nieuwe_versie, timeout=None)
    return versie


def werkplaatsen_gewijzigd(**kwargs) -> None:
    """Signal receiver for a werkplaats or host name: now, and again at commit."""

    def verhoog():
        try:
            cache.incr(WERKPLAATSEN_VERSIE_KEY)
        except ValueError:
            cache.set(WERKPLAATSEN_VERSIE_KEY, _nieuwe_versie(), timeout=None)

    verhoog()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(verhoog)


def _pagina_key(versie: int, rest: str) -> str:
    # Every page, part and memo is kept per werkplaats ("-": the portal, or no werkplaats).
    return f"pagina:{versie}:{huidige_werkplaats_id() or '-'}:{rest}"


def _l1_get(key: str):
    with _l1_slot:
        gevonden = _L1.get(key)
        if gevonden is None:
            return None
        if gevonden[0] < time.monotonic():
            del _L1[key]
            return None
        _L1.move_to_end(key)
        return gevonden[1]


def _l1_put(key: str, waarde) -> None:
    with _l1_slot:
        _L1[key] = (time.monotonic() + TIMEOUT, waarde)
        _L1.move_to_end(key)
        while len(_L1) > _L1_MAX:
            _L1.popitem(last=False)


def opgeslagen_inhoud(rest: str):
    """(key, stored page or part, or None): from this process's copy when it has it, else
    from Redis; the version costs one round trip per request."""
    key = _pagina_key(inhoud_versie(), rest)
    waarde = _l1_get(key)
    if waarde is None:
        waarde = cache.get(key)
        if waarde is not None:
            _l1_put(key, waarde)
    return key, waarde


def inhoud_bewaar(key: str, waarde, timeout: int = TIMEOUT) -> None:
    """Store a page or part under the key opgeslagen_inhoud gave."""
    cache.set(key, waarde, timeout)
    _l1_put(key, waarde)


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
    if not isinstance(opgeslagen, bytes):  # missing (or left by an older release)
        waarde = maak()
        inhoud_bewaar(key, pickle.dumps(waarde, pickle.HIGHEST_PROTOCOL))
        return waarde
    return pickle.loads(opgeslagen)  # noqa: S301 - written by inhoud_memo itself


def proces_memo(naam: str, *delen, maak, versie: int | None = None):
    """What `maak()` returns, kept per content version in this process only, never in Redis.

    For rows that may not leave the process (a user's password hash) yet are read on
    every request; as fresh as inhoud_memo. `maak()` may return None: that is not kept.
    `versie` replaces the content version (the werkplaatsen's own version).
    """
    key = _pagina_key(inhoud_versie() if versie is None else versie, f"proces:{naam}:{delen!r}")
    opgeslagen = _l1_get(key)
    if opgeslagen is not None:
        return pickle.loads(opgeslagen)  # noqa: S301 - written below, in this process
    waarde = maak()
    if waarde is not None:
        _l1_put(key, pickle.dumps(waarde, pickle.HIGHEST_PROTOCOL))
    return waarde


class InhoudVersieMiddleware:
    """Marks the start and end of a request: the content version is read once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _verzoek_versie.set(_NIET_GELEZEN)
        try:
            return self.get_response(request)
        finally:
            _verzoek_versie.reset(token)


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
    if _verzoek_versie.get() is not None:
        _verzoek_versie.set(_NIET_GELEZEN)  # the request that changed data reads anew
    try:
        cache.incr(VERSIE_KEY)
    except ValueError:
        cache.set(VERSIE_KEY, _nieuwe_versie(), timeout=None)


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
                inhoud_bewaar(key, (response.content, response["Content-Type"]), timeout)
            token = get_token(request).encode()
            response.content = response.content.replace(CSRF_MARKER.encode(), token)
            patch_vary_headers(response, ("Cookie", "HX-Request"))
            return response

        return wrapper

    return decorator
