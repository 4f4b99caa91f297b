"""Template context shared by every page."""

from .selectors import site_instellingen_get


def werkplaats(request):
    """The site settings under `werkplaats`."""
    return {"werkplaats": site_instellingen_get()}
