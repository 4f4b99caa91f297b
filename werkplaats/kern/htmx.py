"""What an HTMX request wants back."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wil_fragment(request) -> bool:
    """True for an HTMX swap; a history restore (back button) wants the whole page.

    Our htmx config sends history restores as plain requests
    (historyRestoreAsHxRequest=false), but other clients may still send both headers.
    """
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def pagina_of_fragment(request, template: str, partial: str) -> str:
    """The template name for this request: the partial for an htmx swap, else the page."""
    return f"{template}#{partial}" if wil_fragment(request) else template


def pagina_of_fragment_render(request, template: str, partial: str, context: dict):
    """Render the page, or its partial for an htmx swap, marked as varying on HX-Request
    (a browser or proxy cache must not serve the fragment for the page or back)."""
    response = render(request, pagina_of_fragment(request, template, partial), context)
    patch_vary_headers(response, ["HX-Request"])
    return response
