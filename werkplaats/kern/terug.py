"""Forms on their own page: where to go back to after saving, and page or fragment.

Every form that opens inline with htmx is also a page of its own (bookmark, new tab, no
JavaScript). Such a page carries a `terug` parameter (in the query string, then as a hidden
field of the form) naming the page the user came from; after a save without htmx the user
goes back there with a message saying what happened. A `terug` that leaves this site is
ignored: the view's own fallback (the object's natural page) is used instead.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

# The parameter names read, in order; `next` because Django's own views use it.
TERUG_NAMEN = ("terug", "next")


def terug_gevraagd(request) -> str:
    """The return address the request carries when it is safe (same site), else ""."""
    for bron in (request.POST, request.GET):
        for naam in TERUG_NAMEN:
            url = bron.get(naam, "").strip()
            # Only a path on this site: no other host, no scheme change, no "//host".
            if url and url_has_allowed_host_and_scheme(
                url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return url
    return ""


def terug_url(request, standaard: str) -> str:
    """Where to go back to: the safe `terug` of the request, else `standaard`."""
    return terug_gevraagd(request) or standaard


def actie_url(request) -> str:
    """The form's own address without `terug`: the form carries the safe one as a field."""
    rest = request.GET.copy()
    for naam in TERUG_NAMEN:
        rest.pop(naam, None)
    return f"{request.path}?{rest.urlencode()}" if rest else request.path


def terug_met_melding(request, standaard: str, melding: str, *, niveau=messages.success):
    """After a save without htmx: the message, then back to `terug` (or `standaard`)."""
    niveau(request, melding)
    return redirect(terug_url(request, standaard))
