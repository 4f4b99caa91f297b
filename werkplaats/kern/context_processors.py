"""Template context shared by every page."""

from .paginacache import inhoud_memo
from .selectors import site_instellingen_get


def werkplaats(request):
    """The site settings under `werkplaats`, per content version from this process's copy
    (a save of the settings makes a new version). On a miss site_instellingen_get reads its
    own Redis entry, which other changes leave alone: after an edit elsewhere the settings
    cost a round trip, not a query."""
    return {"werkplaats": inhoud_memo("site-instellingen", maak=site_instellingen_get)}


def csrf_marker(request):
    """On pages stored by the page cache, forms carry a marker that is swapped per visitor."""
    marker = getattr(request, "csrf_marker", None)
    return {"csrf_token": marker} if marker else {}
