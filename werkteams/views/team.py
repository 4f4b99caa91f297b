"""The team pages: the public list and team page, and editing, starting and staffing a team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from werkplaats.kern.paginacache import publieke_pagina

from .. import selectors, services
from ..forms import CoordinatorenForm, WerkteamForm, WerkteamNieuwForm
from ..overzicht import werkteam_overzicht
from .gedeeld import beheerder_check, formulier


@require_GET
@publieke_pagina()
def werkteam_list_view(request):
    """All werkteams by period; a coordinator also sees the teams they manage."""
    return render(
        request,
        "werkteams/werkteam_list.html",
        {
            # Queried only when the list is not in the cache (inhoudcache in the template).
            "periodes": SimpleLazyObject(selectors.werkteam_list_per_periode),
            "mijn_teams": SimpleLazyObject(
                lambda: selectors.werkteam_list_beheerbaar(request.user)
            ),
        },
    )


@require_GET
@publieke_pagina()
def werkteam_detail_view(request, slug):
    """The team page: public facts for everyone; members, meetings and outcomes for its coordinators."""
    # Public facts, kept per content version: the page reads the team, never saves it.
    werkteam = selectors.werkteam_get_pagina(slug)
    beheer = selectors.werkteam_can_manage(request.user, werkteam)
    context = {
        "werkteam": werkteam,
        "beheer": beheer,
    }
    if beheer:
        # The coordinator opens on an overview; the sections live on their own tabs.
        context.update(werkteam_overzicht(werkteam))
    else:
        # Queried only when the page is not in the cache (inhoudcache in the template).
        context["activiteiten"] = SimpleLazyObject(
            lambda: list(selectors.activiteit_list_public(werkteam))
        )
        context["kenniscafes"] = SimpleLazyObject(
            lambda: selectors.kenniscafe_list_for_team(werkteam)
        )
        context["publicaties"] = SimpleLazyObject(
            lambda: selectors.publicatie_list_for_team(werkteam)
        )
        context["organisaties"] = SimpleLazyObject(
            lambda: selectors.werkteam_organisaties_public(werkteam)
        )
    return render(request, "werkteams/werkteam_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_edit_view(request, slug):
    """Edit theme, opgave, status and the parties the team wants at the table."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = WerkteamForm(request.POST or None, initial=WerkteamForm.initial_van(werkteam))
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Edit work team"),
        knop=_("Save"),
        sectie="over",
        melding=_("Work team ‘%(naam)s’ has been saved.") % {"naam": werkteam.naam},
        on_valid=lambda f: services.werkteam_update(werkteam, **f.cleaned_data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_create_view(request):
    """An administrator starts a new team and names its coordinators."""
    beheerder_check(request.user)

    def aanmaken(form):
        werkteam = services.werkteam_create(door=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Work team ‘%(naam)s’ has been created; its coordinators can start.")
            % {"naam": werkteam.naam},
        )
        if request.htmx:
            return HttpResponseClientRedirect(werkteam.get_absolute_url())
        return redirect(werkteam)

    return formulier(
        request,
        werkteam=None,
        form=WerkteamNieuwForm(request.POST or None),
        titel=_("New work team"),
        knop=_("Create work team"),
        sectie="nieuw-werkteam",
        melding="",
        on_valid=aanmaken,
        terug_url=reverse("werkteams:werkteam_list"),
        terug_tekst=_("Back to the work teams"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_coordinatoren_view(request, slug):
    """An administrator names who coordinates the team."""
    beheerder_check(request.user)
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = CoordinatorenForm(
        request.POST or None, initial={"coordinatoren": list(werkteam.coordinatoren.all())}
    )
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Coordinators"),
        knop=_("Save"),
        sectie="over",
        melding=_("The coordinators of ‘%(naam)s’ have been saved.") % {"naam": werkteam.naam},
        on_valid=lambda f: services.werkteam_coordinatoren_set(
            door=request.user, werkteam=werkteam, coordinatoren=f.cleaned_data["coordinatoren"]
        ),
    )
