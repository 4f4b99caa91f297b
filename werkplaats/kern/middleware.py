"""Ground-floor middleware: Dutch unless the visitor chose otherwise; request size caps."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation


class TaalMiddleware:
    """Activate the language chosen with the language switch (cookie), else Dutch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the
    Werkplaats speaks Dutch to everyone unless they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.talen = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in self.talen:
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response


MB = 1024 * 1024


class VerzoekGrootteMiddleware:
    """Refuse (413) a request that announces a body larger than its view accepts.

    Runs before CsrfViewMiddleware, which reads request.POST and so spools every file
    to memory or disk: an oversized body is turned away before a byte of it is read.
    REQUEST_MAX_MB holds for every view; REQUEST_MAX_MB_PER_URL raises it for named
    URLs (the kennisbank upload forms).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0  # Django reads no body for an unreadable length either
        naam = request.resolver_match.view_name if request.resolver_match else ""
        max_mb = settings.REQUEST_MAX_MB_PER_URL.get(naam, settings.REQUEST_MAX_MB)
        if lengte <= max_mb * MB:
            return None
        return render(request, "kern/te_groot.html", {"max_mb": max_mb}, status=413)


class WerkplaatsMiddleware:
    """Find the werkplaats from the Host header and act in it for the whole request.

    A host in the table of host names serves its werkplaats; a portal host serves the
    national portal (its own URLconf, no werkplaats active); any other host gets a page
    that says so, and never any werkplaats's data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .huidig import werkplaats_activeer, werkplaats_herstel
        from .selectors import werkplaats_voor_host
        from .uitgaand import verzoek_adres_herstel, verzoek_adres_zet

        host = request.get_host().rsplit(":", 1)[0] if _host_geldig(request) else ""
        werkplaats = werkplaats_voor_host(host) if host else None
        request.werkplaats = werkplaats
        if werkplaats is None:
            if host not in settings.PORTAAL_HOSTS:
                return render(request, "kern/onbekende_host.html", status=404)
            request.urlconf = settings.PORTAAL_URLCONF
        token = werkplaats_activeer(werkplaats)
        adres = verzoek_adres_zet(request)
        try:
            return self.get_response(request)
        finally:
            verzoek_adres_herstel(adres)
            werkplaats_herstel(token)


def _host_geldig(request) -> bool:
    from django.core.exceptions import DisallowedHost

    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


class WerkplaatsSessieMiddleware:
    """A session belongs to the werkplaats (or portal) it began in.

    Browsers keep cookies per host already; this also refuses a session cookie carried
    over to another werkplaats's host by hand: there the visitor starts a fresh session
    and the original is left as it was."""

    SLEUTEL = "_werkplaats"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .huidig import huidige_werkplaats_id

        eigen = huidige_werkplaats_id() or 0
        sessie = request.session
        if sessie.get(self.SLEUTEL, eigen) != eigen:
            request.session = sessie.__class__()
        response = self.get_response(request)
        sessie = request.session
        if sessie.modified and not sessie.is_empty() and self.SLEUTEL not in sessie:
            sessie[self.SLEUTEL] = eigen
        return response
