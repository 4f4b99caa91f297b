"""Template context shared by every page."""

from django.conf import settings

from .selectors import site_instellingen_get


def werkplaats(request):
    """The werkplaats the request acts in under `werkplaats`: its name, texts and contact.
    The host middleware found it (per werkplaatsen version, from this process's copy).
    `basis` is the layout that shared pages (403, 429, 413) extend: the portal's on a
    portal host, the werkplaats site's elsewhere."""
    return {"werkplaats": site_instellingen_get(), "basis": basis_sjabloon(request)}


def basis_sjabloon(request) -> str:
    return "portaal/basis.html" if op_portaal(request) else "base.html"


def op_portaal(request) -> bool:
    return getattr(request, "urlconf", None) == settings.PORTAAL_URLCONF


def csrf_marker(request):
    """On pages stored by the page cache, forms carry a marker that is swapped per visitor."""
    marker = getattr(request, "csrf_marker", None)
    return {"csrf_token": marker} if marker else {}
