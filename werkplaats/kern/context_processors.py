"""Template context shared by every page."""

from .selectors import site_instellingen_get


def werkplaats(request):
    """The site settings under `werkplaats`."""
    return {"werkplaats": site_instellingen_get()}


def csrf_marker(request):
    """On pages stored by the page cache, forms carry a marker that is swapped per visitor."""
    marker = getattr(request, "csrf_marker", None)
    return {"csrf_token": marker} if marker else {}
