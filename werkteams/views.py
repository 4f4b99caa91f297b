"""Werkteam pages: the public team page and, for its coordinators, everything inline with HTMX.

Every management view looks the team up with `werkteam_get_beheerbaar` (403 for someone
else's team) and every nested object through its team (404 for another team's id).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from werkplaats.kern.paginacache import publieke_pagina

from . import selectors, services
from .forms import (
    AanwezigheidForm,
    ActiviteitForm,
    AfmeldForm,
    BijeenkomstForm,
    BijeenkomstPlanForm,
    CoordinatorenForm,
    LeerdoelForm,
    LeerdoelResultaatForm,
    LeeropbrengstForm,
    LidBeeindigenForm,
    LidBewerkenForm,
    LidToevoegenForm,
    OverdrachtForm,
    SamenstellingForm,
    VerslagForm,
    VerslagpuntForm,
    WerkteamForm,
    WerkteamNieuwForm,
)
from .models import Lidmaatschap, Persoon


def _fout_toevoegen(form, fout: services.WerkteamFout) -> None:
    form.add_error(fout.veld if fout.veld in form.fields else None, fout.bericht)


# --- Public ---------------------------------------------------------------------------------


@require_GET
@publieke_pagina()
def werkteam_list_view(request):
    """All werkteams by period; a coordinator also sees the teams they manage."""
    teams = list(selectors.werkteam_list_public())
    periodes = []
    for team in teams:
        if not periodes or periodes[-1][0] != team.periode:
            periodes.append((team.periode, []))
        periodes[-1][1].append(team)
    return render(
        request,
        "werkteams/werkteam_list.html",
        {"periodes": periodes, "mijn_teams": selectors.werkteam_list_beheerbaar(request.user)},
    )


def _team_context(werkteam) -> dict:
    leden = selectors.lidmaatschap_list(werkteam)
    vandaag = timezone.localdate()
    return {
        "leden": leden,
        "samenstelling": selectors.samenstelling_uit_leden(werkteam, leden, vandaag),
        "samenstelling_form": SamenstellingForm(initial={"datum": vandaag}, prefix="samenstelling"),
        "bijeenkomsten": list(selectors.bijeenkomst_list(werkteam)),
        "leeropbrengsten": (opbrengsten := list(selectors.leeropbrengst_list(werkteam))),
        "leeropbrengst_tellingen": selectors.leeropbrengst_counts_uit(opbrengsten),
    }


SECTIE_CONTEXT = {
    "leden": lambda team: {
        "leden": (leden := selectors.lidmaatschap_list(team)),
        "samenstelling": selectors.samenstelling_uit_leden(team, leden, timezone.localdate()),
        "samenstelling_form": SamenstellingForm(
            initial={"datum": timezone.localdate()}, prefix="samenstelling"
        ),
    },
    "bijeenkomsten": lambda team: {"bijeenkomsten": list(selectors.bijeenkomst_list(team))},
    "leeropbrengsten": lambda team: {
        "leeropbrengsten": (opbrengsten := list(selectors.leeropbrengst_list(team))),
        "leeropbrengst_tellingen": selectors.leeropbrengst_counts_uit(opbrengsten),
    },
    "activiteiten": lambda team: {"activiteiten": list(selectors.activiteit_list(team))},
    "over": lambda team: {},
}


@require_GET
@publieke_pagina()
def werkteam_detail_view(request, slug):
    """The team page: public facts for everyone; members, meetings and outcomes for its coordinators."""
    werkteam = selectors.werkteam_get_public(slug)
    beheer = selectors.werkteam_can_manage(request.user, werkteam)
    context = {
        "werkteam": werkteam,
        "beheer": beheer,
        "activiteiten": list(selectors.activiteit_list_public(werkteam)),
        "kenniscafes": selectors.kenniscafe_list_for_team(werkteam),
        "publicaties": selectors.publicatie_list_for_team(werkteam),
    }
    if beheer:
        context.update(_team_context(werkteam))
        context["organisaties"] = selectors.organisaties_uit_leden(context["leden"])
    else:
        context["organisaties"] = selectors.werkteam_organisaties_public(werkteam)
    return render(request, "werkteams/werkteam_detail.html", context)


def _sectie_response(request, werkteam, sectie: str, melding: str):
    context = {"werkteam": werkteam, "beheer": True, "aankondiging": melding}
    context.update(SECTIE_CONTEXT[sectie](werkteam))
    response = render(request, f"werkteams/werkteam_detail.html#{sectie}", context)
    # Swap into the section's lasting wrapper, so the announcement and focus code finds it.
    response["HX-Retarget"] = f"#{sectie}-vak"
    response["HX-Reswap"] = "innerHTML"
    return response


def _formulier(
    request,
    *,
    werkteam,
    form,
    titel: str,
    knop: str,
    sectie: str,
    melding: str,
    on_valid,
    terug_url: str | None = None,
    terug_tekst: str = "",
    multipart: bool = False,
    toelichting: str = "",
):
    """One form flow for every coordinator action: page without JS, inline fragment with HTMX.

    `on_valid` may return its own response (e.g. a redirect to a team it created)."""
    terug_url = terug_url or werkteam.get_absolute_url()
    # Ids unique per section: forms of two sections can be open on one page.
    form.auto_id = f"id_{sectie}_%s"
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = on_valid(form)
        except services.WerkteamFout as fout:
            _fout_toevoegen(form, fout)
        else:
            if isinstance(resultaat, HttpResponse):
                return resultaat
            if request.htmx:
                return _sectie_response(request, werkteam, sectie, melding)
            messages.success(request, melding)
            return redirect(f"{terug_url}#{sectie}")
    context = {
        "werkteam": werkteam,
        "form": form,
        "titel": titel,
        "knop": knop,
        "actie_url": request.get_full_path(),
        "terug_url": terug_url,
        "terug_tekst": terug_tekst,
        "multipart": multipart,
        "toelichting": toelichting,
        "formulier_id": f"{sectie}-actie",
    }
    template = "werkteams/formulier.html#formulier" if request.htmx else "werkteams/formulier.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_edit_view(request, slug):
    """Edit theme, opgave, status and the parties the team wants at the table."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = WerkteamForm(request.POST or None, initial=WerkteamForm.initial_van(werkteam))
    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Edit work team"),
        knop=_("Save"),
        sectie="over",
        melding=_("The work team has been saved."),
        on_valid=lambda f: services.werkteam_update(werkteam, **f.cleaned_data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkteam_create_view(request):
    """An administrator starts a new team and names its coordinators."""
    if not request.user.is_beheerder:
        raise PermissionDenied

    def aanmaken(form):
        werkteam = services.werkteam_create(door=request.user, **form.cleaned_data)
        messages.success(request, _("The work team has been created."))
        if request.htmx:
            return HttpResponseClientRedirect(werkteam.get_absolute_url())
        return redirect(werkteam)

    return _formulier(
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
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    if not request.user.is_beheerder:
        raise PermissionDenied
    form = CoordinatorenForm(
        request.POST or None, initial={"coordinatoren": list(werkteam.coordinatoren.all())}
    )
    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Coordinators"),
        knop=_("Save"),
        sectie="over",
        melding=_("The coordinators have been saved."),
        on_valid=lambda f: services.werkteam_coordinatoren_set(
            door=request.user, werkteam=werkteam, coordinatoren=f.cleaned_data["coordinatoren"]
        ),
    )


# --- Members ------------------------------------------------------------------------------


@login_required
def lid_list_view(request, slug):
    """The members section (fragment with HTMX; without JS the team page has it)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    if not request.htmx:
        return redirect(werkteam.get_absolute_url() + "#leden")
    context = {"werkteam": werkteam, "beheer": True}
    context.update(SECTIE_CONTEXT["leden"](werkteam))
    return render(request, "werkteams/werkteam_detail.html#leden", context)


@login_required
@require_http_methods(["GET", "POST"])
def lid_create_view(request, slug):
    """Add a member: pick an existing person or create one."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = LidToevoegenForm(
        request.POST or None,
        personen=selectors.persoon_list(request.user),
        initial={"start": timezone.localdate(), "rol": Lidmaatschap.Rol.PROFESSIONAL},
    )

    def opslaan(f):
        data = f.cleaned_data
        services.lidmaatschap_create(
            werkteam,
            rol=data["rol"],
            start=data["start"],
            eind=data.get("eind"),
            kerngroep=data["kerngroep"],
            persoon=data.get("persoon"),
            nieuw=f.nieuw(),
            bekend_email=f.cleaned_data.get("bekend_email", ""),
        )

    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Add a member"),
        knop=_("Add member"),
        sectie="leden",
        melding=_("The member has been added."),
        on_valid=opslaan,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_edit_view(request, slug, pk):
    """Change role, core-group flag or dates of a membership."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = LidBewerkenForm(
        request.POST or None,
        initial={"rol": lid.rol, "kerngroep": lid.kerngroep, "start": lid.start, "eind": lid.eind},
    )
    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Edit membership of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("Save"),
        sectie="leden",
        melding=_("The membership has been saved."),
        on_valid=lambda f: services.lidmaatschap_update(lid, **f.cleaned_data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_end_view(request, slug, pk):
    """End a membership on a date."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = LidBeeindigenForm(request.POST or None)
    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("End the membership of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("End membership"),
        sectie="leden",
        melding=_("The membership has been ended."),
        on_valid=lambda f: services.lidmaatschap_end(lid, f.cleaned_data["eind"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_handover_view(request, slug, pk):
    """Hand a place over to a colleague: ends one membership, starts the other, links them."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = OverdrachtForm(request.POST or None, personen=selectors.persoon_list(request.user))

    def opslaan(f):
        services.lidmaatschap_handover(
            lid,
            datum=f.cleaned_data["datum"],
            persoon=f.cleaned_data.get("persoon"),
            nieuw=f.nieuw(),
            bekend_email=f.cleaned_data.get("bekend_email", ""),
        )

    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Hand over the place of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("Hand over"),
        sectie="leden",
        melding=_("The place has been handed over."),
        on_valid=opslaan,
        toelichting=_(
            "The current membership ends the day before the successor starts; "
            "role and core-group membership pass on."
        ),
    )


@login_required
@require_POST
def lid_login_view(request, slug, pk):
    """Invite a member to a read-only login (they choose a password by mail)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    try:
        services.lid_login_invite(lid)
        melding = _("An invitation to log in has been sent to %(naam)s.") % {
            "naam": lid.persoon.naam
        }
    except services.WerkteamFout as fout:
        melding = fout.bericht
    if request.htmx:
        return _sectie_response(request, werkteam, "leden", melding)
    messages.info(request, melding)
    return redirect(werkteam.get_absolute_url() + "#leden")


@login_required
def samenstelling_view(request, slug):
    """The composition of the team at a chosen date (page, or fragment with HTMX)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = SamenstellingForm(
        request.GET or None, initial={"datum": timezone.localdate()}, prefix="samenstelling"
    )
    datum = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data.get("datum"):
        datum = form.cleaned_data["datum"]
    context = {
        "werkteam": werkteam,
        "beheer": True,
        "samenstelling": selectors.samenstelling_get(werkteam, datum),
        "samenstelling_form": form,
    }
    template = (
        "werkteams/werkteam_detail.html#samenstelling"
        if request.htmx
        else "werkteams/samenstelling.html"
    )
    return render(request, template, context)


# --- Meetings ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bijeenkomst_plan_view(request, slug):
    """Plan one meeting or a series; members get invitations with a calendar invite."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = BijeenkomstPlanForm(request.POST or None)

    def opslaan(f):
        data = dict(f.cleaned_data)
        services.bijeenkomsten_plan(werkteam, **data)

    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Plan a meeting or a series"),
        knop=_("Plan and invite"),
        sectie="bijeenkomsten",
        melding=_("The meetings have been planned and the members invited."),
        on_valid=opslaan,
    )


def _bijeenkomst_context(werkteam, bijeenkomst, **forms) -> dict:
    aanwezigheden = list(bijeenkomst.aanwezigheden.all())
    leerdoelen = list(bijeenkomst.leerdoelen.all())
    punten = list(bijeenkomst.verslagpunten.all())
    personen = [a.lidmaatschap.persoon for a in aanwezigheden]
    context = {
        "werkteam": werkteam,
        "bijeenkomst": bijeenkomst,
        "aanwezigheden": aanwezigheden,
        "leerdoelen": leerdoelen,
        "besluiten": [p for p in punten if p.soort == "besluit"],
        "acties": [p for p in punten if p.soort == "actie"],
        "aanwezigheid_form": forms.get("aanwezigheid_form")
        or AanwezigheidForm(aanwezigheden=aanwezigheden, prefix="aanw"),
        "verslag_form": forms.get("verslag_form")
        or VerslagForm(
            initial={"incheck": bijeenkomst.incheck, "verslag": bijeenkomst.verslag},
            prefix="verslag",
        ),
        "punt_form": forms.get("punt_form") or _punt_form(None, personen),
        "leerdoelen_form": forms.get("leerdoelen_form")
        or LeerdoelResultaatForm(leerdoelen=leerdoelen, prefix="doelen"),
        "leerdoel_form": forms.get("leerdoel_form") or LeerdoelForm(prefix="doel"),
    }
    return context


def _punt_form(data, personen):
    form = VerslagpuntForm(data, personen=None, prefix="punt")
    # The owner is one of the invitees; the choices come from the already-loaded list.
    ids = [p.pk for p in personen]
    form.fields["eigenaar"].queryset = Persoon.objects.filter(pk__in=ids).order_by("naam")
    form.fields["eigenaar"].choices = [("", "---------")] + [
        (p.pk, p.naam) for p in sorted(personen, key=lambda p: p.naam)
    ]
    return form


def _bijeenkomst_render(request, werkteam, bijeenkomst, sectie=None, melding="", **forms):
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, bijeenkomst.pk)
    context = _bijeenkomst_context(werkteam, bijeenkomst, **forms)
    context["aankondiging"] = melding
    if request.htmx and sectie:
        return render(request, f"werkteams/bijeenkomst_detail.html#{sectie}", context)
    return render(request, "werkteams/bijeenkomst_detail.html", context)


@login_required
def bijeenkomst_detail_view(request, slug, pk):
    """One meeting for its coordinators: attendance, check-in, minutes, decisions, goals."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, pk)
    context = _bijeenkomst_context(werkteam, bijeenkomst)
    return render(request, "werkteams/bijeenkomst_detail.html", context)


def _na_bijeenkomst_post(request, werkteam, bijeenkomst, sectie, melding, **forms):
    """Valid post: fragment with HTMX, redirect (POST/redirect/GET) without."""
    if request.htmx:
        return _bijeenkomst_render(request, werkteam, bijeenkomst, sectie, melding, **forms)
    messages.success(request, melding)
    return redirect(
        reverse("werkteams:bijeenkomst_detail", args=[werkteam.slug, bijeenkomst.pk]) + f"#{sectie}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def bijeenkomst_edit_view(request, slug, pk):
    """Change a meeting; invitees get a calendar update."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    form = BijeenkomstForm(request.POST or None, initial=BijeenkomstForm.initial_van(bijeenkomst))
    url = reverse("werkteams:bijeenkomst_detail", args=[werkteam.slug, bijeenkomst.pk])

    def opslaan(f):
        services.bijeenkomst_update(bijeenkomst, **f.cleaned_data)
        messages.success(request, _("The meeting has been changed and the members informed."))
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

    return _formulier(
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
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    services.bijeenkomst_cancel(bijeenkomst)
    melding = _("The meeting has been cancelled and the members informed.")
    if request.htmx:
        return _sectie_response(request, werkteam, "bijeenkomsten", melding)
    messages.success(request, melding)
    return redirect(werkteam.get_absolute_url() + "#bijeenkomsten")


@login_required
@require_POST
def aanwezigheid_view(request, slug, pk):
    """Record attendance per member."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, pk)
    form = AanwezigheidForm(
        request.POST, aanwezigheden=bijeenkomst.aanwezigheden.all(), prefix="aanw"
    )
    if not form.is_valid():
        return _bijeenkomst_render(
            request, werkteam, bijeenkomst, "aanwezigheid", aanwezigheid_form=form
        )
    services.aanwezigheid_record(bijeenkomst, form.statussen())
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "aanwezigheid", _("Attendance has been saved.")
    )


@login_required
@require_POST
def verslag_view(request, slug, pk):
    """Save the check-in notes and minutes."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    form = VerslagForm(request.POST, prefix="verslag")
    if not form.is_valid():
        return _bijeenkomst_render(request, werkteam, bijeenkomst, "verslag", verslag_form=form)
    services.verslag_update(bijeenkomst, **form.cleaned_data)
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "verslag", _("The minutes have been saved.")
    )


@login_required
@require_POST
def verslag_publish_view(request, slug, pk):
    """Publish the minutes: every invitee, absentees included, gets them by mail."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    try:
        aantal = services.verslag_publish(bijeenkomst)
    except services.WerkteamFout as fout:
        bound = VerslagForm(
            {"verslag-incheck": bijeenkomst.incheck, "verslag-verslag": bijeenkomst.verslag},
            prefix="verslag",
        )
        bound.is_valid()
        bound.add_error("verslag", fout.bericht)
        return _bijeenkomst_render(request, werkteam, bijeenkomst, "verslag", verslag_form=bound)
    bijeenkomst.refresh_from_db(fields=["verslag_versie"])
    if bijeenkomst.verslag_versie > 1:
        melding = _("The corrected minutes have been mailed to %(aantal)s members.")
    else:
        melding = _("The minutes have been published and mailed to %(aantal)s members.")
    melding %= {"aantal": aantal}
    return _na_bijeenkomst_post(request, werkteam, bijeenkomst, "verslag", melding)


@login_required
@require_POST
def verslagpunt_create_view(request, slug, pk):
    """Add a decision or an action to the minutes."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, pk)
    personen = [a.lidmaatschap.persoon for a in bijeenkomst.aanwezigheden.all()]
    form = _punt_form(request.POST, personen)
    if form.is_valid():
        try:
            services.verslagpunt_create(bijeenkomst, **form.cleaned_data)
        except services.WerkteamFout as fout:
            _fout_toevoegen(form, fout)
        else:
            return _na_bijeenkomst_post(
                request, werkteam, bijeenkomst, "punten", _("The item has been added.")
            )
    return _bijeenkomst_render(request, werkteam, bijeenkomst, "punten", punt_form=form)


@login_required
@require_POST
def verslagpunt_toggle_view(request, slug, pk, punt):
    """Mark an action done (or not done)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    services.verslagpunt_toggle(selectors.verslagpunt_get(bijeenkomst, punt))
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "punten", _("The action has been updated.")
    )


@login_required
@require_POST
def leerdoelen_view(request, slug, pk):
    """Mark each learning goal reached, partly or not."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_detail_get(werkteam, pk)
    form = LeerdoelResultaatForm(
        request.POST, leerdoelen=bijeenkomst.leerdoelen.all(), prefix="doelen"
    )
    if not form.is_valid():
        return _bijeenkomst_render(
            request, werkteam, bijeenkomst, "leerdoelen", leerdoelen_form=form
        )
    services.leerdoelen_assess(bijeenkomst, form.resultaten())
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "leerdoelen", _("The learning goals have been assessed.")
    )


@login_required
@require_POST
def leerdoel_create_view(request, slug, pk):
    """Add a learning goal to a meeting."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    bijeenkomst = selectors.bijeenkomst_get(werkteam, pk)
    form = LeerdoelForm(request.POST, prefix="doel")
    if not form.is_valid():
        return _bijeenkomst_render(request, werkteam, bijeenkomst, "leerdoelen", leerdoel_form=form)
    services.leerdoel_create(bijeenkomst, form.cleaned_data["omschrijving"])
    return _na_bijeenkomst_post(
        request, werkteam, bijeenkomst, "leerdoelen", _("The learning goal has been added.")
    )


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
        except services.WerkteamFout as fout:
            _fout_toevoegen(form, fout)
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


# --- Learning and activities ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def leeropbrengst_create_view(request, slug):
    """Record a learning outcome (with evidence and, at organisation level, doorwerking)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    personen = (
        selectors.persoon_list(request.user).filter(lidmaatschappen__werkteam=werkteam).distinct()
    )
    form = LeeropbrengstForm(
        request.POST or None,
        request.FILES or None,
        werkteam=werkteam,
        personen=personen,
        user=request.user,
        initial={"datum": timezone.localdate(), "bijeenkomst": request.GET.get("bijeenkomst")},
    )

    def opslaan(f):
        data = dict(f.cleaned_data)
        data["bewijs_bestand"] = data.get("bewijs_bestand") or ""
        services.leeropbrengst_create(werkteam, **data)

    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Record a learning outcome"),
        knop=_("Save learning outcome"),
        sectie="leeropbrengsten",
        melding=_("The learning outcome has been recorded."),
        on_valid=opslaan,
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activiteit_create_view(request, slug):
    """Record an activity of the team."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = ActiviteitForm(request.POST or None)
    return _formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Record an activity"),
        knop=_("Save activity"),
        sectie="activiteiten",
        melding=_("The activity has been recorded."),
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
    opbrengst = get_object_or_404(werkteam.leeropbrengsten.exclude(bewijs_bestand=""), pk=pk)
    try:
        bestand = opbrengst.bewijs_bestand.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        bestand,
        as_attachment=True,
        filename=opbrengst.bewijs_naam or opbrengst.bewijs_bestand.name.rsplit("/", 1)[-1],
    )
