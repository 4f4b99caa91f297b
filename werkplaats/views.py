"""Top-floor pages: the home page reads from every app."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from .home import home_context
from .kern.paginacache import publieke_pagina


@require_GET
@publieke_pagina()
def home_view(request):
    """The Werkplaats: who it is, its periods and partners, and what each app contributes."""
    # Built only when the page's content is not in the cache (inhoudcache in home.html).
    return render(request, "home.html", {"home": SimpleLazyObject(lambda: home_context(request))})


def bench_leeg_view(request):
    """A bare view for benchmark B1: the same middleware, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")
