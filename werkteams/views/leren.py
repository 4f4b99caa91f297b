"""Learning and activities: recording outcomes and activities, evidence, a member's own teams."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..forms import ActiviteitForm, LeeropbrengstForm
from .gedeeld import formulier


@login_required
@require_http_methods(["GET", "POST"])
def leeropbrengst_create_view(request, slug):
    """Record a learning outcome (with evidence and, at organisation level, doorwerking)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = LeeropbrengstForm(
        request.POST or None,
        request.FILES or None,
        werkteam=werkteam,
        personen=selectors.persoon_list_for_team(request.user, werkteam),
        user=request.user,
        initial={"datum": timezone.localdate(), "bijeenkomst": request.GET.get("bijeenkomst")},
    )
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Record a learning outcome"),
        knop=_("Save learning outcome"),
        sectie="leeropbrengsten",
        melding=lambda opbrengst: (
            _("The learning outcome of %(datum)s has been recorded.")
            % {"datum": date_format(opbrengst.datum)}
        ),
        on_valid=lambda f: services.leeropbrengst_create(werkteam, **f.cleaned_data),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activiteit_create_view(request, slug):
    """Record an activity of the team."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    return formulier(
        request,
        werkteam=werkteam,
        form=ActiviteitForm(request.POST or None),
        titel=_("Record an activity"),
        knop=_("Save activity"),
        sectie="activiteiten",
        melding=lambda activiteit: (
            _("Activity ‘%(titel)s’ has been recorded.") % {"titel": activiteit.titel}
        ),
        on_valid=lambda f: services.activiteit_create(werkteam, **f.cleaned_data),
    )


@login_required
def mijn_werkteams_view(request):
    """For a member with a login: their teams, coming meetings and published minutes (read-only)."""
    return render(request, "werkteams/mijn_werkteams.html", selectors.mijn_werkteams(request.user))


@login_required
@require_GET
def leeropbrengst_bewijs_view(request, slug, pk):
    """Download an evidence file; only for those who manage the team (files may hold personal data)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    opbrengst = selectors.leeropbrengst_bewijs_get(werkteam, pk)
    try:
        bestand = opbrengst.bewijs_bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        bestand,
        as_attachment=True,
        filename=opbrengst.bewijs_naam or opbrengst.bewijs_bestand.name.rsplit("/", 1)[-1],
    )
