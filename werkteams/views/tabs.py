"""The coordinator's team sub-pages: members, meetings, learning and activities, one URL each."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from .gedeeld import SECTIE_CONTEXT


def _tab(request, slug, *, tab: str, sectie: str, titel: str, extra=None):
    # The team first: someone else's team is a 404 whatever the method.
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"werkteam": werkteam, "beheer": True, "tab": tab, "tab_titel": titel}
    context.update(SECTIE_CONTEXT[sectie](werkteam))
    if request.htmx:
        # The section as a fragment, as the members list has always answered htmx.
        return render(request, f"werkteams/werkteam_detail.html#{sectie}", context)
    if extra:
        context.update(extra(werkteam, context))
    return render(request, "werkteams/team_tab.html", context)


@login_required
def team_leden_view(request, slug):
    """Members and composition (the section alone with HTMX)."""
    return _tab(request, slug, tab="leden", sectie="leden", titel=_("Members"))


@login_required
def team_bijeenkomsten_view(request, slug):
    """The team's meetings."""
    return _tab(request, slug, tab="bijeenkomsten", sectie="bijeenkomsten", titel=_("Meetings"))


@login_required
def team_leren_view(request, slug):
    """The team's learning outcomes."""
    return _tab(request, slug, tab="leren", sectie="leeropbrengsten", titel=_("Learning"))


def _publiek(werkteam, context) -> dict:
    return {
        "organisaties": selectors.werkteam_organisaties_public(werkteam),
        "kenniscafes": selectors.kenniscafe_list_for_team(werkteam),
        "publicaties": selectors.publicatie_list_for_team(werkteam),
    }


@login_required
def team_activiteiten_view(request, slug):
    """Activities, with the team's organisations, knowledge cafés and publications."""
    return _tab(
        request,
        slug,
        tab="activiteiten",
        sectie="activiteiten",
        titel=_("Activities"),
        extra=_publiek,
    )
