"""Beheer pages in the site: periods, partner organisations and site settings (beheerders)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..fouten import DomeinFout, fout_op_formulier
from ..htmx import pagina_of_fragment_render
from ..huidig import huidige_werkplaats_id
from ..models import Organisatie, Periode, Werkplaats
from . import selectors, services
from .forms import OrganisatieForm, OrganisatieZoekForm, PeriodeForm, SiteInstellingenForm


@login_required
def beheer_overzicht_view(request):
    """The beheer overview: links to periods, organisations and settings."""
    selectors.beheerder_check(request)
    return render(request, "kern/beheer/overzicht.html")


# --- periods -----------------------------------------------------------------------------


@login_required
def periode_list_view(request):
    """All periods, oldest first."""
    selectors.beheerder_check(request)
    return render(request, "kern/beheer/periode_list.html", {"periodes": selectors.periode_list()})


@login_required
def periode_form_view(request, pk=None):
    """Add a period or change its name and dates."""
    selectors.beheerder_check(request)
    periode = get_object_or_404(Periode, pk=pk) if pk else None
    form = PeriodeForm(request.POST or None, instance=periode)
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = services.periode_save(
                periode=periode,
                naam=form.cleaned_data["naam"],
                start=form.cleaned_data["start"],
                eind=form.cleaned_data["eind"],
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Period %(naam)s has been saved.") % {"naam": opgeslagen})
            return redirect("beheer:periode_list")
    return render(request, "kern/beheer/periode_form.html", {"form": form, "periode": periode})


# --- partner organisations ---------------------------------------------------------------


@login_required
def organisatie_list_view(request):
    """Partner organisations, searchable by name, department or municipality."""
    selectors.beheerder_check(request)
    zoek = OrganisatieZoekForm(request.GET or None)
    q, archief = "", False
    if zoek.is_valid():
        q, archief = zoek.cleaned_data["q"].strip(), zoek.cleaned_data["archief"]
    return pagina_of_fragment_render(
        request,
        "kern/beheer/organisatie_list.html",
        "resultaten",
        {
            "zoek": zoek,
            "q": q,
            "organisaties": selectors.organisatie_list_beheer(q=q, archief=archief),
        },
    )


@login_required
def organisatie_form_view(request, pk=None):
    """Add a partner organisation or change it."""
    selectors.beheerder_check(request)
    organisatie = get_object_or_404(Organisatie, pk=pk) if pk else None
    form = OrganisatieForm(request.POST or None, instance=organisatie)
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = services.organisatie_save(
                organisatie=organisatie,
                naam=form.cleaned_data["naam"],
                afdeling=form.cleaned_data["afdeling"],
                sector=form.cleaned_data["sector"],
                gemeente=form.cleaned_data["gemeente"],
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(
                request, _("Organisation %(naam)s has been saved.") % {"naam": opgeslagen}
            )
            return redirect("beheer:organisatie_list")
    return render(
        request,
        "kern/beheer/organisatie_form.html",
        {"form": form, "organisatie": organisatie},
    )


@login_required
@require_POST
def organisatie_archive_view(request, pk):
    """Archive a partner organisation, or bring it back from the archive."""
    selectors.beheerder_check(request)
    organisatie = get_object_or_404(Organisatie, pk=pk)
    terug = request.POST.get("terug") == "1"
    services.organisatie_archive(organisatie=organisatie, gearchiveerd=not terug)
    if terug:
        melding = _("Organisation %(naam)s is no longer archived.")
    else:
        melding = _("Organisation %(naam)s has been archived.")
    messages.success(request, melding % {"naam": organisatie})
    return redirect("beheer:organisatie_list")


# --- site settings -----------------------------------------------------------------------


@login_required
def site_instellingen_view(request):
    """Edit the settings of this werkplaats: name, contact, introduction, statements,
    retention period."""
    selectors.beheerder_check(request)
    site = Werkplaats.objects.get(pk=huidige_werkplaats_id())
    form = SiteInstellingenForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        services.site_instellingen_update(
            **{veld: form.cleaned_data[veld] for veld in SiteInstellingenForm.Meta.fields}
        )
        messages.success(request, _("The site settings have been saved."))
        return redirect("beheer:overzicht")
    return render(request, "kern/beheer/site_instellingen_form.html", {"form": form})
