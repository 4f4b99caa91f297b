"""The meetings: planning and changing them, and the meeting page with attendance and minutes.

Every form on the meeting page posts to its own URL; with HTMX the answer is that form's
section of the page, without JavaScript a redirect back to the page (POST/redirect/GET).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from werkplaats.kern.fouten import DomeinFout, fout_op_formulier
from werkplaats.kern.terug import terug_met_melding, terug_url

from .. import selectors, services
from ..forms import (
    AanwezigheidForm,
    AfmeldForm,
    BijeenkomstForm,
    BijeenkomstPlanForm,
    LeerdoelForm,
    LeerdoelResultaatForm,
    VerslagForm,
    VerslagpuntForm,
)
from ..models import Verslagpunt
from .gedeeld import actie_klaar, formulier


@login_required
@require_http_methods(["GET", "POST"])
def bijeenkomst_plan_view(request, slug):
    """Plan one meeting or a series; members get invitations with a calendar invite."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    return formulier(
        request,
        werkteam=werkteam,
        form=BijeenkomstPlanForm(request.POST or None),
        titel=_("Plan a meeting or a series"),
        knop=_("Plan and invite"),
        sectie="bijeenkomsten",
        melding=_plan_melding,
        on_valid=lambda f: services.bijeenkomsten_plan(werkteam, **f.cleaned_data),
    )


def _plan_melding(bijeenkomsten) -> str:
    """What planning did, naming the meeting (and how many dates a series has)."""
    return ngettext(
        "Meeting ‘%(titel)s’ has been planned and the members invited.",
        "%(count)s meetings ‘%(titel)s’ have been planned and the members invited.",
        len(bijeenkomsten),
    ) % {"count": len(bijeenkomsten), "titel": bijeenkomsten[0].titel}


def _bijeenkomst_context(werkteam, bijeenkomst, **forms) -> dict:
    aanwezigheden = list(bijeenkomst.aanwezigheden.all())
    leerdoelen = list(bijeenkomst.leerdoelen.all())
    punten = list(bijeenkomst.verslagpunten.all())
    return {
        "werkteam": werkteam,
        "bijeenkomst": bijeenkomst,
        "aanwezigheden": aanwezigheden,
        "leerdoelen": leerdoelen,
        "besluiten": [p for p in punten if p.soort == Verslagpunt.Soort.BESLUIT],
        "acties": [p for p in punten if p.soort == Verslagpunt.Soort.ACTIE],
        "aanwezigheid_form": forms.get("aanwezigheid_form")
        or AanwezigheidForm(aanwezigheden=aanwezigheden, prefix="aanw"),
        "verslag_form": forms.get("verslag_form")
        or VerslagForm(
            initial={"incheck": bijeenkomst.incheck, "verslag": bijeenkomst.verslag},
            prefix="verslag",
        ),
        "punt_form": forms.get("punt_form")
        or VerslagpuntForm(genodigden=selectors.bijeenkomst_genodigden(bijeenkomst), prefix="punt"),
        "leerdoelen_form": forms.get("leerdoelen_form")
        or LeerdoelResultaatForm(leerdoelen=leerdoelen, prefix="doelen"),
        "leerdoel_form": forms.get("leerdoel_form") or LeerdoelForm(prefix="doel"),
    }


def _bijeenkomst_render(request, werkteam, bijeenkomst, sectie=None, melding="", **forms):
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, bijeenkomst.pk)
    context = _bijeenkomst_context(werkteam, bijeenkomst, **forms)
    context["aankondiging"] = melding
    if request.htmx and sectie:
        return render(request, f"werkteams/bijeenkomst_detail.html#{sectie}", context)
    return render(request, "werkteams/bijeenkomst_detail.html", context)


def _na_bijeenkomst_post(request, werkteam, bijeenkomst, sectie, melding):
    """Valid post: fragment with HTMX, redirect (POST/redirect/GET) without."""
    if request.htmx:
        return _bijeenkomst_render(request, werkteam, bijeenkomst, sectie, melding)
    url = reverse("werkteams:bijeenkomst_detail", args=[werkteam.slug, bijeenkomst.pk])
    return terug_met_melding(request, f"{url}#{sectie}", melding)


# The forms of the meeting page by prefix: their name in the context and their section.
BIJEENKOMST_FORMS = {
    "aanw": ("aanwezigheid_form", "aanwezigheid"),
    "verslag": ("verslag_form", "verslag"),
    "punt": ("punt_form", "punten"),
    "doelen": ("leerdoelen_form", "leerdoelen"),
    "doel": ("leerdoel_form", "leerdoelen"),
}


def _bijeenkomst_beheerbaar(request, slug, pk, *, detail=False):
    """The team (404 when it is not the user's) and its meeting, prefetched for the page."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    get = selectors.bijeenkomst_detail_get if detail else selectors.bijeenkomst_get
    return werkteam, get(werkteam, pk)


def _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding: str, opslaan):
    """One form of the meeting page: save when valid, else show it again with its errors."""
    form_naam, sectie = BIJEENKOMST_FORMS[form.prefix]
    if form.is_valid():
        try:
            opslaan(form)
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            return _na_bijeenkomst_post(request, werkteam, bijeenkomst, sectie, melding)
    return _bijeenkomst_render(request, werkteam, bijeenkomst, sectie, **{form_naam: form})


@login_required
def bijeenkomst_detail_view(request, slug, pk):
    """One meeting for its coordinators: attendance, check-in, minutes, decisions, goals."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk, detail=True)
    context = _bijeenkomst_context(werkteam, bijeenkomst)
    return render(request, "werkteams/bijeenkomst_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bijeenkomst_edit_view(request, slug, pk):
    """Change a meeting; invitees get a calendar update."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    form = BijeenkomstForm(request.POST or None, initial=BijeenkomstForm.initial_van(bijeenkomst))
    url = reverse("werkteams:bijeenkomst_detail", args=[werkteam.slug, bijeenkomst.pk])

    def opslaan(f):
        bijgewerkt = services.bijeenkomst_update(bijeenkomst, **f.cleaned_data)
        melding = _("Meeting ‘%(titel)s’ has been changed and the members informed.") % {
            "titel": bijgewerkt.titel
        }
        if request.htmx:
            messages.success(request, melding)
            response = HttpResponse(status=204)
            response["HX-Redirect"] = terug_url(request, url)
            return response
        return terug_met_melding(request, url, melding)

    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Change meeting"),
        knop=_("Save and inform members"),
        sectie="bijeenkomsten",
        melding="",
        on_valid=opslaan,
        terug_url=url,
    )


@login_required
@require_POST
def bijeenkomst_cancel_view(request, slug, pk):
    """Cancel a meeting; invitees get a calendar cancellation."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    services.bijeenkomst_cancel(bijeenkomst)
    melding = _("The meeting has been cancelled and the members informed.")
    return actie_klaar(request, werkteam, "bijeenkomsten", melding)


@login_required
@require_POST
def aanwezigheid_view(request, slug, pk):
    """Record attendance per member."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk, detail=True)
    form = AanwezigheidForm(
        request.POST, aanwezigheden=bijeenkomst.aanwezigheden.all(), prefix="aanw"
    )

    def opslaan(f):
        return services.aanwezigheid_record(bijeenkomst, f.statussen())

    melding = _("Attendance has been saved.")
    return _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding, opslaan)


@login_required
@require_POST
def verslag_view(request, slug, pk):
    """Save the check-in notes and minutes."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    form = VerslagForm(request.POST, prefix="verslag")

    def opslaan(f):
        return services.verslag_update(bijeenkomst, **f.cleaned_data)

    melding = _("The minutes have been saved.")
    return _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding, opslaan)


@login_required
@require_POST
def verslag_publish_view(request, slug, pk):
    """Publish the minutes: every invitee, absentees included, gets them by mail."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    try:
        aantal = services.verslag_publish(bijeenkomst)
    except DomeinFout as fout:
        form = VerslagForm.gebonden_aan(bijeenkomst)
        fout_op_formulier(form, fout)
        return _bijeenkomst_render(request, werkteam, bijeenkomst, "verslag", verslag_form=form)
    bijeenkomst.refresh_from_db(fields=["verslag_versie"])
    if bijeenkomst.verslag_versie > 1:
        melding = ngettext(
            "The corrected minutes have been mailed to %(aantal)s member.",
            "The corrected minutes have been mailed to %(aantal)s members.",
            aantal,
        )
    else:
        melding = ngettext(
            "The minutes have been published and mailed to %(aantal)s member.",
            "The minutes have been published and mailed to %(aantal)s members.",
            aantal,
        )
    melding %= {"aantal": aantal}
    return _na_bijeenkomst_post(request, werkteam, bijeenkomst, "verslag", melding)


@login_required
@require_POST
def verslagpunt_create_view(request, slug, pk):
    """Add a decision or an action to the minutes."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk, detail=True)
    genodigden = selectors.bijeenkomst_genodigden(bijeenkomst)
    form = VerslagpuntForm(request.POST, genodigden=genodigden, prefix="punt")

    def opslaan(f):
        return services.verslagpunt_create(bijeenkomst, **f.cleaned_data)

    melding = _("The item has been added.")
    return _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding, opslaan)


@login_required
@require_POST
def verslagpunt_toggle_view(request, slug, pk, punt):
    """Mark an action done (or not done)."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    services.verslagpunt_toggle(selectors.verslagpunt_get(bijeenkomst, punt))
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "punten", _("The action has been updated.")
    )


@login_required
@require_POST
def leerdoelen_view(request, slug, pk):
    """Mark each learning goal reached, partly or not."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk, detail=True)
    form = LeerdoelResultaatForm(
        request.POST, leerdoelen=bijeenkomst.leerdoelen.all(), prefix="doelen"
    )

    def opslaan(f):
        return services.leerdoelen_assess(bijeenkomst, f.resultaten())

    melding = _("The learning goals have been assessed.")
    return _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding, opslaan)


@login_required
@require_POST
def leerdoel_create_view(request, slug, pk):
    """Add a learning goal to a meeting."""
    werkteam, bijeenkomst = _bijeenkomst_beheerbaar(request, slug, pk)
    form = LeerdoelForm(request.POST, prefix="doel")

    def opslaan(f):
        return services.leerdoel_create(bijeenkomst, f.cleaned_data["omschrijving"])

    melding = _("The learning goal has been added.")
    return _bijeenkomst_formulier(request, werkteam, bijeenkomst, form, melding, opslaan)


@require_http_methods(["GET", "POST"])
def afmelden_view(request, sleutel):
    """A member reports absence by the personal link in their invitation (no login)."""
    aanwezigheid = selectors.aanwezigheid_get_by_sleutel(sleutel)
    form = AfmeldForm(request.POST or None)
    gelukt = False
    if request.method == "POST" and form.is_valid():
        try:
            services.aanwezigheid_afmelden(aanwezigheid, form.cleaned_data["reden"])
            gelukt = True
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
    aanwezigheid.refresh_from_db(fields=["status"])
    response = render(
        request,
        "werkteams/afmelden.html",
        {
            "aanwezigheid": aanwezigheid,
            "bijeenkomst": aanwezigheid.bijeenkomst,
            "form": form,
            "gelukt": gelukt,
        },
    )
    # The token is in the URL: never send it to other sites (same-origin keeps CSRF origin checks working).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
