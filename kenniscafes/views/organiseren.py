"""Organiser pages: a café's form, publishing and cancelling, registrations, invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkplaats.kern import tabellen
from werkplaats.kern.fouten import fout_op_formulier
from werkplaats.kern.htmx import pagina_of_fragment, wil_fragment
from werkplaats.kern.terug import terug_url

from .. import selectors, selectors_registraties, services
from ..exports import aanmeldingen_csv, aanmeldingen_xlsx
from ..forms import KenniscafeForm, ProgrammaFormSet, UitnodigingForm, WalkinForm
from ..models import Aanmelding, Kenniscafe
from ._basis import _als_bijlage
from .registratierijen import (
    EVALUATIE_VELDEN,
    VELDEN,
    aanmelding_rijen_html,
    als_rij,
    evaluatie_antwoorden_html,
)


def _organisator_vereist(user):
    # A role gate, not a getter: there is no object to hide, so it answers 403 (whose page
    # says to ask a coördinator); getters of one café or registration answer 404.
    if not selectors.kenniscafe_can_create(user):
        raise PermissionDenied


@login_required
@require_GET
def organisator_list_view(request):
    """The cafés this coördinator or beheerder manages."""
    _organisator_vereist(request.user)
    return render(
        request,
        "kenniscafes/organisator_list.html",
        {"kenniscafes": selectors.kenniscafe_list_organisator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def kenniscafe_create_view(request):
    """Create a café (as a draft)."""
    _organisator_vereist(request.user)
    return _kenniscafe_form(request, Kenniscafe())


@login_required
@require_http_methods(["GET", "POST"])
def kenniscafe_update_view(request, slug):
    """Edit a café; a changed date or place notifies everyone registered."""
    kenniscafe = selectors.kenniscafe_get_for_update(slug=slug, user=request.user)
    return _kenniscafe_form(request, kenniscafe)


def _kenniscafe_form(request, kenniscafe):
    form = KenniscafeForm(
        request.POST if request.method == "POST" else None, instance=kenniscafe, user=request.user
    )
    formset = ProgrammaFormSet(
        request.POST if request.method == "POST" else None, instance=kenniscafe, prefix="programma"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            kenniscafe = services.kenniscafe_save(
                gegevens=services.KenniscafeGegevens.uit(form.cleaned_data),
                programma=programma_regels_from_formset(formset),
                kenniscafe=kenniscafe if kenniscafe.pk else None,
                door=request.user,
            )
        except services.AanmeldingFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("The knowledge café has been saved."))
            return redirect("kenniscafes:aanmelding_list", slug=kenniscafe.slug)
    return render(
        request,
        "kenniscafes/kenniscafe_form.html",
        {"form": form, "formset": formset, "kenniscafe": kenniscafe if kenniscafe.pk else None},
    )


def programma_regels_from_formset(formset) -> list[services.ProgrammaRegel]:
    """The programme a valid formset asks for, in its order: left-out and deleted rows drop."""
    return [
        # The formset's "id" is the row itself; the service takes its primary key.
        services.ProgrammaRegel.uit({**form.cleaned_data, "id": form.instance.pk})
        for form in formset.forms
        if form not in formset.deleted_forms and (form.instance.pk or form.has_changed())
    ]


@login_required
@require_POST
def kenniscafe_publish_view(request, slug):
    """Publish a draft."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    return _actie_uitvoeren(
        request,
        slug,
        lambda: services.kenniscafe_publish(kenniscafe_id=kenniscafe.pk),
        _("The knowledge café is published."),
    )


def _actie_uitvoeren(request, slug, actie, gelukt: str):
    """Run one organiser action: its message on success, the domain error otherwise; back to
    the registrations page either way."""
    try:
        actie()
        messages.success(request, gelukt)
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
    return redirect("kenniscafes:aanmelding_list", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def kenniscafe_cancel_view(request, slug):
    """Cancel a café after one confirm step; everyone registered is told."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    if request.method == "POST":
        services.kenniscafe_cancel(kenniscafe_id=kenniscafe.pk)
        messages.success(request, _("The knowledge café is cancelled; registrants are told."))
        return redirect("kenniscafes:aanmelding_list", slug=slug)
    return render(request, "kenniscafes/kenniscafe_annuleren.html", {"kenniscafe": kenniscafe})


def _registraties_filters(request) -> dict:
    return {
        "zoek": request.GET.get("zoek", "").strip()[:100],
        "status": request.GET.get("status", ""),
        "aanwezig": request.GET.get("aanwezig", ""),
    }


@login_required
@require_GET
def aanmelding_list_view(request, slug):
    """Registrations page: counts, search, filter, attendance, exports."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(
        slug=slug, user=request.user, met_telling=False, bewaard=True
    )
    filters = _registraties_filters(request)
    fragment, voorbij = wil_fragment(request), kenniscafe.start < timezone.now()
    # The whole unfiltered page of a past café reads the evaluations with the registrations.
    met_evaluaties = voorbij and not fragment and not any(filters.values())
    aanmeldingen = selectors_registraties.aanmelding_list_organisator(kenniscafe, **filters)
    velden = (*VELDEN, *EVALUATIE_VELDEN) if met_evaluaties else VELDEN
    aanmeldingen = list(aanmeldingen.values(*velden))
    context = {
        "kenniscafe": kenniscafe,
        "rijen": aanmelding_rijen_html(kenniscafe, aanmeldingen),
        "aantal": len(aanmeldingen),
        # Without JavaScript a tap on present/absent comes back to this list, filters and all.
        "terug": request.get_full_path(),
    }
    if not fragment:
        # What only the whole page shows; an htmx search swaps the table alone. The
        # unfiltered list holds every registration: count them here, not in SQL.
        if any(filters.values()):
            tellingen = selectors_registraties.aanmelding_tellingen(kenniscafe)
        else:
            tellingen = selectors_registraties.tellingen_uit(aanmeldingen)
        if met_evaluaties:
            evaluatie = selectors_registraties.evaluatie_uit(aanmeldingen)
        elif voorbij:
            evaluatie = selectors_registraties.evaluatie_samenvatting(kenniscafe)
        else:
            evaluatie = None
        context |= {
            "tellingen": tellingen,
            "filters": filters,
            "statussen": Aanmelding.Status.choices,
            "evaluatie": evaluatie,
            "antwoorden": evaluatie_antwoorden_html(evaluatie["antwoorden"]) if evaluatie else "",
        }
    template = "kenniscafes/aanmelding_list.html"
    response = render(request, f"{template}#tabel" if fragment else template, context)
    response["Vary"] = "HX-Request"
    return response


def _aanmelding_voor_organisator(request, slug, pk) -> tuple[Kenniscafe, Aanmelding]:
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    aanmelding = selectors.aanmelding_get_for_organisator(kenniscafe, pk)
    return kenniscafe, aanmelding


@login_required
@require_POST
def aanmelding_attendance_view(request, slug, pk):
    """Mark present/absent (HTMX swaps one row; without JS back to the list)."""
    kenniscafe, aanmelding = _aanmelding_voor_organisator(request, slug, pk)
    waarde = {"ja": True, "nee": False}.get(request.POST.get("aanwezig", ""))
    fout = None
    try:
        aanmelding = services.aanmelding_attendance_set(
            aanmelding_id=aanmelding.pk, aanwezig=waarde
        )
    except services.AanmeldingFout as e:
        # E.g. the registration was cancelled after the list was opened.
        fout = str(e)
        aanmelding.refresh_from_db()
    if request.htmx:
        # The row as it is now; a refusal is announced with it (not left for a later page).
        return HttpResponse(
            aanmelding_rijen_html(
                kenniscafe, [als_rij(aanmelding)], aangekondigd=True, melding=fout
            )
        )
    if fout:
        messages.error(request, fout)
    else:
        messages.success(request, aanwezigheid_melding(aanmelding))
    return redirect(terug_url(request, reverse("kenniscafes:aanmelding_list", args=[slug])))


def aanwezigheid_melding(aanmelding) -> str:
    """What a tap on present/absent did, naming the person (for a page without htmx)."""
    if aanmelding.aanwezig is True:
        melding = _("%(naam)s is marked present.")
    elif aanmelding.aanwezig is False:
        melding = _("%(naam)s is marked absent.")
    else:
        melding = _("The attendance of %(naam)s has been cleared.")
    return melding % {"naam": aanmelding.naam}


@login_required
@require_POST
def aanmelding_promote_view(request, slug, pk):
    """Give someone on the waiting list a place by hand."""
    _kenniscafe, aanmelding = _aanmelding_voor_organisator(request, slug, pk)
    return _actie_uitvoeren(
        request,
        slug,
        lambda: services.aanmelding_promote(aanmelding_id=aanmelding.pk),
        _("%(naam)s has a place now.") % {"naam": aanmelding.naam},
    )


def walkin_save(request, kenniscafe, form) -> bool:
    """Store a posted walk-in: True when saved (with a message), else the errors are on `form`."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        inloper = services.aanmelding_walkin_create(
            kenniscafe_id=kenniscafe.pk, gegevens=services.InloopGegevens.uit(form.cleaned_data)
        )
    except services.AanmeldingFout as fout:
        fout_op_formulier(form, fout)
        return False
    messages.success(
        request, _("%(naam)s has been added as a walk-in and is present.") % {"naam": inloper.naam}
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def aanmelding_walkin_view(request, slug):
    """Add a walk-in on the day."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    form = WalkinForm(request.POST if request.method == "POST" else None, kenniscafe=kenniscafe)
    if walkin_save(request, kenniscafe, form):
        return redirect("kenniscafes:aanmelding_list", slug=slug)
    return render(
        request, "kenniscafes/aanmelding_walkin.html", {"kenniscafe": kenniscafe, "form": form}
    )


# Each export: what writes it, how it is answered (CSV streams), and its media type.
EXPORTS = {
    "csv": (aanmeldingen_csv, StreamingHttpResponse, tabellen.CSV_MIMETYPE),
    "xlsx": (aanmeldingen_xlsx, HttpResponse, tabellen.XLSX_MIMETYPE),
}


@login_required
@require_GET
def aanmelding_export_view(request, slug, formaat):
    """All registrations of a café as CSV (streamed) or as an Excel workbook."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    schrijver, antwoord, mimetype = EXPORTS[formaat]
    response = antwoord(schrijver(kenniscafe), content_type=mimetype)
    return _als_bijlage(response, f"aanmeldingen-{kenniscafe.slug}.{formaat}")


@login_required
@require_GET
def presentielijst_view(request, slug):
    """A printable attendance list of everyone with a place."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    aanmeldingen = selectors_registraties.aanmelding_list_organisator(
        kenniscafe, status=Aanmelding.Status.BEVESTIGD
    ).order_by("naam", "pk")
    return render(
        request,
        "kenniscafes/presentielijst.html",
        {"kenniscafe": kenniscafe, "aanmeldingen": aanmeldingen},
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitnodiging_view(request, slug):
    """Send the announcement to chosen audiences; progress shown by HTMX polling."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    form = UitnodigingForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ronde = services.uitnodigingsronde_create(
                kenniscafe=kenniscafe,
                werkteams=form.cleaned_data["werkteams"],
                eerdere_bezoekers=form.cleaned_data["eerdere_bezoekers"],
                abonnees=form.cleaned_data["abonnees"],
                door=request.user,
            )
        except services.AanmeldingFout as fout:
            fout_op_formulier(form, fout)
        else:
            return redirect("kenniscafes:uitnodiging_ronde", slug=slug, pk=ronde.pk)
    rondes = selectors.uitnodigingsrondes_recent(kenniscafe)
    return render(
        request,
        "kenniscafes/uitnodiging.html",
        {"kenniscafe": kenniscafe, "form": form, "rondes": rondes},
    )


@login_required
@require_GET
def uitnodiging_ronde_view(request, slug, pk):
    """Progress of one invitation run (HTMX polls the fragment until it is done)."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    ronde = selectors.uitnodigingsronde_get_for_organisator(kenniscafe, pk)
    return render(
        request,
        pagina_of_fragment(request, "kenniscafes/uitnodiging_ronde.html", "voortgang"),
        {"kenniscafe": kenniscafe, "ronde": ronde},
    )
