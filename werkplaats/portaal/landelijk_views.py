"""Landelijk beheer on the portal: logging in, the national summary with its exports, and
adding a werkplaats. Only a landelijk beheerder passes (others: 403, anonymous: the login)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from werkplaats.kern.fouten import DomeinFout, fout_op_formulier
from werkplaats.kern.views import LoginView
from werkplaats.verantwoording import landelijk as overzicht
from werkplaats.verantwoording.services import VerantwoordingFout
from werkplaats.verantwoording.weergave import rapport_weergave

from . import landelijk
from .landelijk_forms import (
    LandelijkeExportForm,
    OverzichtKeuzeForm,
    WerkplaatsNieuwForm,
    periode_initial,
    standaard_periode,
)


class PortaalLoginView(LoginView):
    """The portal's own login (sessions are per host): the site's rate-limited login with
    the portal's page; a landelijk beheerder goes on to the national summary."""

    template_name = "portaal/landelijk/inloggen.html"

    def get_default_redirect_url(self):
        if overzicht.landelijk_can_manage(self.request.user):
            return reverse("landelijk:overzicht")
        return reverse("portaal:home")


class PortaalLogoutView(auth_views.LogoutView):
    next_page = "portaal:home"


def alleen_landelijk(view):
    """Login required; then 403 for everyone but a landelijk beheerder."""

    @login_required
    @wraps(view)
    def binnen(request, *args, **kwargs):
        if not overzicht.landelijk_can_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return binnen


def _exports_context() -> dict:
    exports = overzicht.landelijke_export_list()
    return {"exports": exports, "exports_lopend": any(e.is_lopend for e in exports)}


@alleen_landelijk
@require_GET
def overzicht_view(request):
    """Key figures per werkplaats side by side with totals, for a year or a period."""
    form = OverzichtKeuzeForm(request.GET or None)
    periode = form.verslagperiode() if form.is_bound and form.is_valid() else standaard_periode()
    if not form.is_bound:
        form = OverzichtKeuzeForm(initial=periode_initial(periode))
    samenvatting = overzicht.overzicht_get(periode)
    rapport = overzicht.overzicht_rapport(samenvatting)
    context = {
        "form": form,
        "periode": periode,
        "overzicht": samenvatting,
        "secties": rapport_weergave(rapport),
        "afgesloten": [r for r in samenvatting.regels if r.afsluiting is not None],
        # Its own ids: the period form above has fields of the same names.
        "export_form": LandelijkeExportForm(initial=periode_initial(periode), auto_id="export-%s"),
        **_exports_context(),
    }
    return render(request, "portaal/landelijk/overzicht.html", context)


@alleen_landelijk
@require_http_methods(["GET", "POST"])
def export_list_view(request):
    """GET: the list of exports (the fragment htmx polls). POST: request a new export."""
    fragment = "portaal/landelijk/overzicht.html#exports"
    if request.method == "POST":
        form = LandelijkeExportForm(request.POST)
        if form.is_valid():
            try:
                overzicht.landelijke_export_create(
                    user=request.user,
                    soort=form.cleaned_data["uitvoer"],
                    periode=form.verslagperiode(),
                )
            except VerantwoordingFout as fout:
                fout_op_formulier(form, fout)
        if not request.htmx:
            if form.is_valid():
                messages.success(
                    request,
                    gettext("The export has started. It appears in the list when it is ready."),
                )
                query = urlencode(periode_initial(form.verslagperiode()))
                return redirect(f"{reverse('landelijk:overzicht')}?{query}#exports")
            for fouten in form.errors.values():
                messages.error(request, " ".join(fouten))
            return redirect(reverse("landelijk:overzicht") + "#exports")
        return render(request, fragment, {**_exports_context(), "export_fouten": form.errors})
    if not request.htmx:
        return redirect(reverse("landelijk:overzicht") + "#exports")
    return render(request, fragment, _exports_context())


@alleen_landelijk
@require_GET
def export_bestand_view(request, pk):
    """Download the file of a finished national export."""
    export = overzicht.landelijke_export_get(pk)
    response = HttpResponse(bytes(export.inhoud), content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.bestandsnaam}"'
    return response


@alleen_landelijk
@require_http_methods(["GET", "POST"])
def werkplaats_nieuw_view(request):
    """Add a werkplaats and invite its first beheerder."""
    form = WerkplaatsNieuwForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            werkplaats = landelijk.werkplaats_create(
                naam=data["naam"],
                slug=data["slug"],
                hosts=data["hosts"],
                regio=data["regio"],
                contact_email=data["contact_email"],
                beheerder_email=data["beheerder_email"],
                beheerder_voornaam=data["beheerder_voornaam"],
                beheerder_achternaam=data["beheerder_achternaam"],
                door=request.user,
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(
                request,
                gettext(
                    "%(naam)s has been added. An invitation to choose a password has been "
                    "sent to %(email)s."
                )
                % {"naam": werkplaats.naam, "email": data["beheerder_email"]},
            )
            niet_toegestaan = landelijk.hosts_niet_toegestaan(data["hosts"])
            if niet_toegestaan:
                messages.warning(
                    request,
                    gettext(
                        "This installation does not answer at %(hosts)s yet: add them to "
                        "ALLOWED_HOSTS (and, with https://, to CSRF_TRUSTED_ORIGINS)."
                    )
                    % {"hosts": ", ".join(niet_toegestaan)},
                )
            return redirect("landelijk:overzicht")
    return render(request, "portaal/landelijk/werkplaats_nieuw.html", {"form": form})
