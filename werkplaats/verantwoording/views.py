"""Pages of the yearly report: thin views; selectors decide who sees what."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkplaats.kern.fouten import fout_op_formulier

from . import bestanden, selectors, services
from .forms import AfsluitenForm, ExportForm, RapportKeuzeForm, standaard_periode
from .rapport import KALENDERJAAR, Verslagperiode
from .weergave import rapport_weergave, verschil_tekst


def _periode_query(periode: Verslagperiode) -> dict:
    if periode.soort == KALENDERJAAR or periode.soort == "schooljaar":
        return {"soort": periode.soort, "jaar": periode.sleutel}
    return {"soort": periode.soort, "periode": periode.sleutel}


def _rapport_url(periode: Verslagperiode, anker: str = "") -> str:
    url = reverse("verantwoording:rapport") + "?" + urlencode(_periode_query(periode))
    return url + (f"#{anker}" if anker else "")


def _exports_context(request, scope) -> dict:
    exports = selectors.export_list(request.user, scope)
    return {"exports": exports, "exports_lopend": any(e.is_lopend for e in exports)}


@login_required
@require_GET
def rapport_view(request):
    """The report for a period: sections with charts and tables, exports, closing the year."""
    scope = selectors.rapport_scope(request.user)
    form = RapportKeuzeForm(request.GET or None)
    periode = form.verslagperiode() if form.is_bound and form.is_valid() else standaard_periode()
    if not form.is_bound:
        form = RapportKeuzeForm(initial=_periode_query(periode))
    rapport = selectors.rapport_get(periode, scope)
    afsluiting = verschillen = None
    bevroren_bestanden = []
    if periode.soort == KALENDERJAAR:
        afsluiting = selectors.afsluiting_get(periode.sleutel)
    if afsluiting and scope is None:
        if translation.get_language() == "nl":
            vergelijk = rapport
        else:
            with translation.override("nl"):
                vergelijk = selectors.rapport_get(periode, scope)
        verschillen = [
            (v, verschil_tekst(v.bevroren), verschil_tekst(v.live))
            for v in selectors.afsluiting_verschillen(afsluiting, vergelijk)
        ]
        bevroren_bestanden = selectors.afsluiting_bestanden(afsluiting)
    export_form = ExportForm(initial=_periode_query(periode), alles=scope is None)
    context = {
        "form": form,
        "periode": periode,
        "rapport": rapport,
        "secties": rapport_weergave(rapport),
        "export_form": export_form,
        "afsluiting": afsluiting,
        "verschillen": verschillen,
        "bevroren_bestanden": bevroren_bestanden,
        "kan_afsluiten": scope is None
        and periode.soort == KALENDERJAAR
        and afsluiting is None
        and periode.eind < timezone.localdate(),
        "afsluiten_form": AfsluitenForm(initial={"jaar": periode.sleutel}),
        "ruwe_lijsten": selectors.RUWE_LIJSTEN if scope is None else [],
        "periode_query": urlencode(_periode_query(periode)),
        **_exports_context(request, scope),
    }
    return render(request, "verantwoording/rapport.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def export_list_view(request):
    """GET: the list of exports (the fragment HTMX polls). POST: request a new export."""
    scope = selectors.rapport_scope(request.user)
    if request.method == "POST":
        form = ExportForm(request.POST, alles=scope is None)
        if form.is_valid():
            try:
                services.export_create(
                    request.user, scope, form.cleaned_data["uitvoer"], form.verslagperiode()
                )
            except services.VerantwoordingFout as fout:
                fout_op_formulier(form, fout)
        if not request.htmx:
            if form.is_valid():
                messages.success(
                    request,
                    gettext(
                        "The export has started. It appears in the list below when it is ready."
                    ),
                )
                return redirect(_rapport_url(form.verslagperiode(), "exports"))
            for fout in form.errors.values():
                messages.error(request, " ".join(fout))
            return redirect(reverse("verantwoording:rapport") + "#exports")
        context = {**_exports_context(request, scope), "export_fouten": form.errors}
        return render(request, "verantwoording/rapport.html#exports", context)
    if not request.htmx:
        return redirect(reverse("verantwoording:rapport") + "#exports")
    return render(request, "verantwoording/rapport.html#exports", _exports_context(request, scope))


@login_required
@require_GET
def export_bestand_view(request, pk, bestand_pk):
    """Download one file of an export the user may see."""
    scope = selectors.rapport_scope(request.user)
    export = selectors.export_get(request.user, scope, pk)
    bestand = export.bestanden.filter(pk=bestand_pk).first()
    if bestand is None or not bestand.bestand.storage.exists(bestand.bestand.name):
        raise Http404
    return FileResponse(
        bestand.bestand.open("rb"),
        as_attachment=True,
        filename=bestand.naam,
        content_type=bestand.mimetype,
    )


def _alleen_beheerder(user):
    """The role gate of the beheer pages: 403 for everyone but a beheerder."""
    if not selectors.rapport_can_manage(user):
        raise PermissionDenied


@login_required
@require_POST
def afsluiten_view(request):
    """Close a calendar year: freeze its figures and files (beheerders only)."""
    _alleen_beheerder(request.user)
    form = AfsluitenForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("This is not a year that can be closed."))
        return redirect("verantwoording:rapport")
    jaar = form.cleaned_data["jaar"]
    try:
        services.jaar_afsluiten(request.user, jaar)
    except services.VerantwoordingFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            gettext("The year %(jaar)s has been closed. Its figures and files are frozen.")
            % {"jaar": jaar},
        )
    return redirect(_rapport_url(Verslagperiode.kalenderjaar(jaar), "afsluiting"))


@login_required
@require_GET
def afsluiting_bestand_view(request, jaar, pk):
    """Download a frozen file of a closed year, exactly as it was stored (beheerders only)."""
    _alleen_beheerder(request.user)
    bestand = selectors.afsluiting_bestand_get(jaar, pk)
    response = HttpResponse(bytes(bestand.inhoud), content_type=bestand.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{bestand.naam}"'
    return response


@login_required
@require_GET
def ruw_csv_view(request, soort):
    """A raw list of a period as CSV, streamed in bounded memory (beheerders only)."""
    _alleen_beheerder(request.user)
    if soort not in selectors.RUWE_LIJSTEN:
        raise Http404
    form = RapportKeuzeForm(request.GET or None)
    periode = form.verslagperiode() if form.is_bound and form.is_valid() else standaard_periode()
    titel, kolommen, rijen = selectors.ruwe_lijst(soort, periode)
    response = StreamingHttpResponse(
        bestanden.ruw_csv_stream(kolommen, rijen), content_type=bestanden.CSV_MIMETYPE
    )
    naam = f"{slugify(titel)}-{slugify(periode.label)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
