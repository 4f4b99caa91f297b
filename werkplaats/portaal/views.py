"""The national portal: what the werkplaatsen share, public information only.

The public pages are kept in the page cache like a werkplaats's own (per language, htmx
or not, URL, and the content version, which any change in any werkplaats moves on); a
logged-in visitor (landelijk beheer) always gets a fresh page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from kenniscafes.models import Kenniscafe
from publicaties.zoeken import SORTERINGEN
from werkplaats.kern.htmx import pagina_of_fragment_render
from werkplaats.kern.paginacache import publieke_pagina

from . import kennisbank, selectors


@require_GET
@publieke_pagina()
def home_view(request):
    return render(request, "portaal/home.html", {})


@require_GET
@publieke_pagina()
def werkplaatsen_view(request):
    return render(
        request, "portaal/werkplaatsen.html", {"werkplaatsen": selectors.werkplaatsen_list()}
    )


@require_GET
@publieke_pagina()
def agenda_view(request):
    """Upcoming cafés of every werkplaats with filters; htmx swaps only the results."""
    werkplaatsen = selectors.werkplaatsen_actief()
    filters = selectors.agenda_filters(request.GET, werkplaatsen)
    pagina = selectors.agenda_page(filters, request.GET.get("pagina"))
    # The page's links keep the filters (without JS the form is the only way in).
    params = request.GET.copy()
    params.pop("pagina", None)
    context = {
        "pagina": pagina,
        "filters": filters,
        "filter_params": params.urlencode(),
        "werkplaatsen": werkplaatsen,
        "themas": SimpleLazyObject(selectors.agenda_themas),
        "types": Kenniscafe.Type.choices,
        "vormen": Kenniscafe.Vorm.choices,
    }
    return pagina_of_fragment_render(request, "portaal/agenda.html", "resultaten", context)


def _ics(inhoud: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{naam}.ics"'
    return response


@require_GET
@publieke_pagina()
def agenda_ics_view(request):
    """Every upcoming café of every active werkplaats as a subscribable iCal feed."""
    return _ics(selectors.agenda_ics(), "kenniscafes")


@require_GET
@publieke_pagina()
def agenda_werkplaats_ics_view(request, slug):
    """The upcoming cafés of one werkplaats as an iCal feed; 404 for an unknown one."""
    werkplaats = selectors.werkplaats_met_slug(slug)
    if werkplaats is None:
        raise Http404
    return _ics(selectors.agenda_ics(werkplaats), f"kenniscafes-{werkplaats.slug}")


@require_GET
@publieke_pagina()
def kennisbank_view(request):
    """One search over the kennisbanks of every werkplaats; htmx swaps only the results."""
    resultaat, werkplaats_facet = kennisbank.kennisbank_zoeken(request.GET)
    context = {
        "resultaat": resultaat,
        "zoekvraag": resultaat.zoekvraag,
        "werkplaats_facet": werkplaats_facet,
        "sorteringen": SORTERINGEN,
    }
    return pagina_of_fragment_render(request, "portaal/kennisbank.html", "resultaten", context)


@require_GET
@publieke_pagina()
def themas_view(request):
    """Per theme, the werkteams of every werkplaats that work on it."""
    return render(request, "portaal/themas.html", {"themas": selectors.themas_overzicht()})
