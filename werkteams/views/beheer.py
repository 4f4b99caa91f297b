"""A beheerder's pages for teams as a whole: the list of every team and its period,
predecessor and status. Apart from `team` so the coordinator's pages stay their own."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from .. import selectors, services
from ..forms import WerkteamBeheerForm
from .gedeeld import beheerder_check, formulier


@login_required
@require_GET
def werkteam_beheer_list_view(request):
    """Every team by period, with status, dates, predecessor and coordinators (beheerders)."""
    beheerder_check(request.user)
    return render(
        request,
        "werkteams/werkteam_beheer_list.html",
        {"periodes": selectors.werkteam_list_beheer()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_beheer_view(request, slug):
    """A beheerder changes a team's period, predecessor, status and dates."""
    beheerder_check(request.user)
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    # Opened from the beheerder's list: back there afterwards; otherwise to the team page.
    uit_lijst = request.GET.get("van") == "lijst"
    terug_url = reverse("werkteam_beheer_list") if uit_lijst else werkteam.get_absolute_url()
    melding = _("The period, predecessor and status have been saved.")

    def opslaan(form):
        data = form.cleaned_data
        services.werkteam_beheer_update(
            door=request.user,
            werkteam=werkteam,
            periode=data["periode"],
            voorganger=data["voorganger"],
            status=data["status"],
            start=data["start"],
            eind=data["eind"],
            # Only on the form of the team's own werkplaats (a national project's owner).
            deelnemers=data.get("deelnemende_werkplaatsen"),
        )
        if request.htmx and _op_eigen_pagina(request):
            # The form is its own page (no team section to swap into): go back and say so.
            messages.success(request, melding)
            return HttpResponseClientRedirect(terug_url)
        return None  # inline on the team page: the shared flow swaps the section in

    return formulier(
        request,
        werkteam=werkteam,
        form=WerkteamBeheerForm(request.POST or None, werkteam=werkteam),
        titel=_("Period, predecessor and status"),
        knop=_("Save"),
        sectie="over",
        melding=melding,
        on_valid=opslaan,
        terug_url=terug_url,
        toelichting=_(
            "Only administrators change these. The period must hold the team's dates; "
            "the predecessor is the team whose work this team continues."
        ),
    )


def _op_eigen_pagina(request) -> bool:
    """True when htmx posts from the form's own page rather than from the team page."""
    huidig = urlsplit(request.headers.get("HX-Current-URL", "")).path
    return huidig == request.path
