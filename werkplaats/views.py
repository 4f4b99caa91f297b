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


def beheer_op_site_view(request, content_type_id, object_id):
    """The admin's "view on site" link, with the record read through its own manager.

    Django's shortcut view reads through the unscoped base manager: with the id of another
    werkplaats's record it would redirect to that record's address. Here that is a 404.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import ValidationError
    from django.http import Http404
    from django.shortcuts import redirect

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.filter(pk=object_id).first() if model else None
    except (ContentType.DoesNotExist, ValueError, ValidationError):
        obj = None
    if obj is None or not hasattr(obj, "get_absolute_url"):
        raise Http404
    return redirect(obj.get_absolute_url())
