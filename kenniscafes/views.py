"""Kenniscafé pages: public list, detail and registration; personal pages; organiser pages.

Views stay thin: forms validate, selectors read (and check permissions), services write.
One URL serves the full page and its HTMX fragment (django-template-partials).
"""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkplaats.kern import tabellen
from werkplaats.kern.htmx import wil_fragment
from werkplaats.kern.limieten import (
    Limiet,
    limieten_tel,
    limieten_wacht,
    te_veel_response,
    wacht_tekst,
)
from werkplaats.kern.paginacache import publieke_pagina

from . import ics, links, selectors, services
from .exports import aanmeldingen_csv, aanmeldingen_xlsx
from .forms import (
    AanmeldForm,
    AbonneeForm,
    EvaluatieForm,
    KenniscafeForm,
    ProgrammaFormSet,
    UitnodigingForm,
    WalkinForm,
)
from .models import Aanmelding, Evaluatie, Kenniscafe, UitnodigingsRonde

HONEYPOT = "website"


# Budgets per client address (clientip.client_ip). Only valid submissions use up the
# first three, so a class can register together; floods of invalid posts have their own cap.
AANMELDINGEN_PER_CAFE = Limiet("kenniscafes.aanmelden", "KENNISCAFE_AANMELD_RATE")
AANMELDINGEN_PER_IP = Limiet("kenniscafes.registraties", "KENNISCAFE_AANMELD_IP_RATE")
ABONNEES_PER_IP = Limiet("kenniscafes.abonnee", "KENNISCAFE_ABONNEE_RATE")
ONGELDIG_PER_IP = Limiet("kenniscafes.ongeldig", "KENNISCAFE_ONGELDIG_RATE")


def _template(request, pagina: str, partial: str) -> str:
    return f"{pagina}#{partial}" if wil_fragment(request) else pagina


# --- public -----------------------------------------------------------------------------


@require_GET
@publieke_pagina()
def kenniscafe_list_view(request):
    """Upcoming cafés with filters (type, theme, format, month); HTMX swaps the results."""
    filters = {
        "type_": request.GET.get("type", "")
        if request.GET.get("type") in Kenniscafe.Type.values
        else "",
        "thema": request.GET.get("thema", "")[:200],
        "vorm": request.GET.get("vorm", "")
        if request.GET.get("vorm") in Kenniscafe.Vorm.values
        else "",
        "maand": request.GET.get("maand", "")[:7],
    }
    kenniscafes = selectors.kenniscafe_list_public(**filters)
    context = {
        "kenniscafes": kenniscafes,
        "themas": selectors.kenniscafe_themas_public(),
        "types": Kenniscafe.Type.choices,
        "vormen": Kenniscafe.Vorm.choices,
        "filters": filters,
    }
    response = render(
        request, _template(request, "kenniscafes/kenniscafe_list.html", "resultaten"), context
    )
    response["Vary"] = "HX-Request"
    return response


@require_GET
@publieke_pagina()
def kenniscafe_archive_view(request):
    """Past cafés with type, organisers and figures."""
    kenniscafes = selectors.kenniscafe_archive_public()
    totaal = {
        "aanmeldingen": sum(k.aantal_aanmeldingen for k in kenniscafes),
        "bezoekers": sum(k.aantal_bezoekers for k in kenniscafes),
    }
    return render(
        request,
        "kenniscafes/kenniscafe_archive.html",
        {"kenniscafes": kenniscafes, "totaal": totaal},
    )


def _detail_context(request, kenniscafe, form=None) -> dict:
    gesloten = services.registratie_gesloten_reden(kenniscafe)
    if form is None and not gesloten:
        form = AanmeldForm(kenniscafe=kenniscafe, valideer_url=_valideer_url(kenniscafe))
    return {
        "kenniscafe": kenniscafe,
        "form": form,
        "gesloten": gesloten,
        "vol": kenniscafe.vrij["totaal"] == 0,
        "kan_beheren": selectors.kenniscafe_can_manage(request.user, kenniscafe),
        "honeypot": HONEYPOT,
    }


def _valideer_url(kenniscafe) -> str:
    return reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug}) + "?valideren=1"


@require_GET
@publieke_pagina()
def kenniscafe_detail_view(request, slug):
    """One café: programme, type, places left, .ics, and the registration form."""
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    return render(
        request, "kenniscafes/kenniscafe_detail.html", _detail_context(request, kenniscafe)
    )


@require_http_methods(["GET", "POST"])
def aanmelden_view(request, slug):
    """Register (POST); HTMX gets the form partial back, without JS a full page or redirect."""
    if request.method == "GET":
        detail = reverse("kenniscafes:kenniscafe_detail", kwargs={"slug": slug})
        return redirect(detail + "#aanmelden")
    # One light query: the form needs only the format; the service recounts under its lock.
    kenniscafe = selectors.kenniscafe_get_for_registration(slug=slug, user=request.user)
    form = AanmeldForm(request.POST, kenniscafe=kenniscafe, valideer_url=_valideer_url(kenniscafe))
    if request.GET.get("valideren"):
        # Validation on change: nothing is stored and it does not count towards the limit;
        # htmx picks the changed field's wrapper from the answer.
        form.is_valid()
        return _formulier(request, slug, form, partial=True)
    budgetten = (
        (AANMELDINGEN_PER_CAFE, str(kenniscafe.pk)),
        (AANMELDINGEN_PER_IP, ""),
    )
    wacht = limieten_wacht(request, *budgetten, (ONGELDIG_PER_IP, ""))
    if wacht:
        if not request.htmx:
            return te_veel_response(request, wacht)
        # htmx does not swap a 429: answer 200 with the message in the error summary.
        form.is_valid()
        form.add_error(
            None, _("Too many registrations from this address.") + " " + wacht_tekst(wacht)
        )
        return _formulier(request, slug, form, partial=True)
    if request.POST.get(HONEYPOT):
        # A bot filled the hidden field: answer like a success, store nothing.
        limieten_tel(request, *budgetten)
        return _bedankt(request, kenniscafe, email="")
    if form.is_valid():
        try:
            services.aanmelding_create(kenniscafe_id=kenniscafe.pk, gegevens=form.cleaned_data)
        except services.AanmeldingFout as fout:
            form.add_error(None, str(fout))
        else:
            limieten_tel(request, *budgetten)
            return _bedankt(request, kenniscafe, email=form.cleaned_data["email"])
    limieten_tel(request, (ONGELDIG_PER_IP, ""))
    return _formulier(request, slug, form, partial=request.htmx)


def _formulier(request, slug, form, *, partial: bool):
    # Re-rendering the form needs the full café: places left, programme, organisers.
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    pagina = "kenniscafes/kenniscafe_detail.html"
    return render(
        request,
        f"{pagina}#aanmeldformulier" if partial else pagina,
        _detail_context(request, kenniscafe, form),
    )


def _bedankt(request, kenniscafe, email: str):
    # The same answer for new and known addresses: the mail tells the person what happened.
    if request.htmx:
        return render(
            request,
            "kenniscafes/kenniscafe_detail.html#bedankt",
            {"kenniscafe": kenniscafe, "email": email},
        )
    return redirect("kenniscafes:aangemeld", slug=kenniscafe.slug)


@require_GET
def aangemeld_view(request, slug):
    """The page after registering without JavaScript (POST/redirect/GET)."""
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    return render(request, "kenniscafes/aangemeld.html", {"kenniscafe": kenniscafe})


@require_GET
@publieke_pagina()
def kenniscafe_ics_view(request, slug):
    """The café as an .ics file (no online link)."""
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    response = HttpResponse(ics.kenniscafe_ics_publiek(kenniscafe), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{kenniscafe.slug}.ics"'
    return response


@require_GET
@publieke_pagina()
def kenniscafe_feed_view(request):
    """A subscribable iCal feed of all upcoming cafés."""
    inhoud = ics.kenniscafes_feed(selectors.kenniscafes_feed_public())
    return HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")


# --- personal links ---------------------------------------------------------------------


def _aanmelding_uit_token(token: str, salt: str) -> Aanmelding:
    pk, sleutel = links.token_read(token, salt)
    aanmelding = (
        Aanmelding.objects.select_related("kenniscafe")
        .filter(pk=pk, sleutel=sleutel, geanonimiseerd_op__isnull=True)
        .first()
    )
    if aanmelding is None:
        raise links.LinkOngeldig
    return aanmelding


def _link_ongeldig(request, status=404):
    return render(request, "kenniscafes/link_ongeldig.html", status=status)


@require_http_methods(["GET", "POST"])
def aanmelding_beheer_view(request, token):
    """A person's own registration: view it, cancel it (one confirm step), or be forgotten."""
    try:
        aanmelding = _aanmelding_uit_token(token, links.AANMELDING_SALT)
    except links.LinkOngeldig:
        return _link_ongeldig(request)
    # After the café the link still erases (until retention has done it), nothing else.
    alleen_wissen = links.aanmelding_alleen_wissen(aanmelding)
    stap = request.GET.get("stap", "")
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "annuleren" and alleen_wissen:
            messages.error(request, _("This knowledge café is over; there is nothing to cancel."))
            return redirect("kenniscafes:aanmelding_beheer", token=token)
        if actie == "annuleren":
            services.aanmelding_cancel(aanmelding_id=aanmelding.pk)
            messages.success(request, _("Your registration has been cancelled."))
            return redirect("kenniscafes:aanmelding_beheer", token=token)
        if actie == "vergeten":
            services.aanmelding_forget(aanmelding_id=aanmelding.pk)
            return render(request, "kenniscafes/vergeten.html")
        raise Http404
    aanmelding.refresh_from_db()
    kenniscafe = aanmelding.kenniscafe
    stappen = {"vergeten"} if alleen_wissen else {"annuleren", "vergeten"}
    wachtpositie = None
    if aanmelding.status == Aanmelding.Status.WACHTLIJST and not alleen_wissen:
        wachtpositie = (
            Aanmelding.objects.filter(
                kenniscafe=kenniscafe,
                status=Aanmelding.Status.WACHTLIJST,
                deelname=aanmelding.deelname,
                aangemaakt__lt=aanmelding.aangemaakt,
            ).count()
            + 1
        )
    return render(
        request,
        "kenniscafes/aanmelding_beheer.html",
        {
            "aanmelding": aanmelding,
            "kenniscafe": kenniscafe,
            "stap": stap if stap in stappen else "",
            "alleen_wissen": alleen_wissen,
            "online_link": kenniscafe.online_link
            if aanmelding.krijgt_online_link and not alleen_wissen
            else "",
            "wachtpositie": wachtpositie,
            "token": token,
        },
    )


@require_GET
def aanmelding_ics_view(request, token):
    """The café as an .ics file for a registrant; with the online link when it is theirs."""
    try:
        aanmelding = _aanmelding_uit_token(token, links.AANMELDING_SALT)
    except links.LinkOngeldig:
        return _link_ongeldig(request)
    if links.aanmelding_alleen_wissen(aanmelding):
        return _link_ongeldig(request, status=410)
    if aanmelding.status != Aanmelding.Status.BEVESTIGD:
        # Someone waiting or cancelled gets no calendar event: it would look like a place.
        return _link_ongeldig(request)
    inhoud = ics.kenniscafe_ics_persoonlijk(aanmelding.kenniscafe, aanmelding)
    response = HttpResponse(inhoud, content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{aanmelding.kenniscafe.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def evaluatie_view(request, token):
    """The short evaluation for a visitor, from the link in the mail."""
    try:
        aanmelding = _aanmelding_uit_token(token, links.EVALUATIE_SALT)
    except links.LinkOngeldig:
        return _link_ongeldig(request)
    if links.evaluatie_link_verlopen(aanmelding):
        return _link_ongeldig(request, status=410)
    al_gedaan = Evaluatie.objects.filter(aanmelding=aanmelding).exists()
    form = EvaluatieForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not al_gedaan and form.is_valid():
        # A double submit finds the evaluation already stored: thank them either way.
        with contextlib.suppress(services.AanmeldingFout):
            services.evaluatie_create(aanmelding_id=aanmelding.pk, **form.cleaned_data)
        return render(
            request, "kenniscafes/evaluatie.html", {"aanmelding": aanmelding, "klaar": True}
        )
    return render(
        request,
        "kenniscafes/evaluatie.html",
        {"aanmelding": aanmelding, "form": form, "klaar": al_gedaan},
    )


@require_http_methods(["GET", "POST"])
def abonnee_view(request):
    """Sign up for the mailing list (double opt-in); only valid sign-ups use up the budget."""
    form = AbonneeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        budgetten = ((ABONNEES_PER_IP, ""), (AANMELDINGEN_PER_IP, ""))
        wacht = limieten_wacht(request, *budgetten, (ONGELDIG_PER_IP, ""))
        if wacht:
            return te_veel_response(request, wacht)
        if request.POST.get(HONEYPOT):
            limieten_tel(request, *budgetten)
            return render(request, "kenniscafes/abonnee.html", {"verstuurd": True})
        if form.is_valid():
            services.abonnee_subscribe(email=form.cleaned_data["email"])
            limieten_tel(request, *budgetten)
            return render(request, "kenniscafes/abonnee.html", {"verstuurd": True})
        limieten_tel(request, (ONGELDIG_PER_IP, ""))
    return render(request, "kenniscafes/abonnee.html", {"form": form, "honeypot": HONEYPOT})


@require_GET
def abonnee_confirm_view(request, token):
    """Confirm the mailing-list sign-up from the link in the mail."""
    try:
        sleutel = links.abonnee_token_read(token)
    except links.LinkOngeldig:
        return _link_ongeldig(request)
    try:
        abonnee = services.abonnee_confirm(sleutel=sleutel)
    except services.AanmeldingFout as fout:
        return render(request, "kenniscafes/abonnee.html", {"afgewezen": str(fout)})
    if abonnee is None:
        return _link_ongeldig(request)
    return render(request, "kenniscafes/abonnee.html", {"bevestigd": True})


@csrf_exempt  # RFC 8058 one-click unsubscribe posts without a CSRF token; the signed link is the authority.
@require_http_methods(["GET", "POST"])
def afmelden_view(request, token):
    """Stop all invitations to an address (link and List-Unsubscribe in every invitation)."""
    try:
        email = selectors.afmeld_email_get(links.afmeld_token_read(token))
    except links.LinkOngeldig:
        return _link_ongeldig(request)
    if request.method == "POST":
        services.email_unsubscribe(email=email)
        return render(request, "kenniscafes/afmelden.html", {"klaar": True})
    return render(request, "kenniscafes/afmelden.html", {"email": email, "klaar": False})


# --- organisers -------------------------------------------------------------------------


def _organisator_vereist(user):
    if not (user.is_authenticated and user.is_coordinator):
        raise PermissionDenied


@login_required
@require_GET
def organiser_list_view(request):
    """The cafés this coördinator or beheerder manages."""
    _organisator_vereist(request.user)
    return render(
        request,
        "kenniscafes/organiser_list.html",
        {"kenniscafes": selectors.kenniscafes_for_organiser(request.user)},
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
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    return _kenniscafe_form(request, Kenniscafe.objects.get(pk=kenniscafe.pk))


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
                form=form, programma_formset=formset, door=request.user
            )
        except services.AanmeldingFout as fout:
            form.add_error("organisator_werkteams", str(fout))
        else:
            messages.success(request, _("The knowledge café has been saved."))
            return redirect("kenniscafes:aanmelding_list", slug=kenniscafe.slug)
    return render(
        request,
        "kenniscafes/kenniscafe_form.html",
        {"form": form, "formset": formset, "kenniscafe": kenniscafe if kenniscafe.pk else None},
    )


@login_required
@require_POST
def kenniscafe_publish_view(request, slug):
    """Publish a draft."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    try:
        services.kenniscafe_publish(kenniscafe_id=kenniscafe.pk)
        messages.success(request, _("The knowledge café is published."))
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
    return redirect("kenniscafes:aanmelding_list", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def kenniscafe_cancel_view(request, slug):
    """Cancel a café after one confirm step; everyone registered is told."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
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
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    filters = _registraties_filters(request)
    context = {
        "kenniscafe": kenniscafe,
        "aanmeldingen": selectors.aanmeldingen_for_organiser(kenniscafe, **filters),
        "tellingen": selectors.aanmelding_tellingen(kenniscafe),
        "filters": filters,
        "statussen": Aanmelding.Status.choices,
        "evaluatie": selectors.evaluatie_samenvatting(kenniscafe)
        if kenniscafe.start < timezone.now()
        else None,
    }
    response = render(
        request, _template(request, "kenniscafes/aanmelding_list.html", "tabel"), context
    )
    response["Vary"] = "HX-Request"
    return response


def _aanmelding_voor_organisator(request, slug, pk) -> tuple[Kenniscafe, Aanmelding]:
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    aanmelding = get_object_or_404(Aanmelding, pk=pk, kenniscafe=kenniscafe)
    return kenniscafe, aanmelding


@login_required
@require_POST
def aanmelding_attendance_view(request, slug, pk):
    """Mark present/absent (HTMX swaps one row; without JS back to the list)."""
    kenniscafe, aanmelding = _aanmelding_voor_organisator(request, slug, pk)
    waarde = {"ja": True, "nee": False}.get(request.POST.get("aanwezig", ""))
    try:
        aanmelding = services.aanmelding_attendance_set(
            aanmelding_id=aanmelding.pk, aanwezig=waarde
        )
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
    if request.htmx:
        return render(
            request,
            "kenniscafes/aanmelding_list.html#rij",
            {"kenniscafe": kenniscafe, "aanmelding": aanmelding, "aangekondigd": True},
        )
    return redirect("kenniscafes:aanmelding_list", slug=slug)


@login_required
@require_POST
def aanmelding_promote_view(request, slug, pk):
    """Give someone on the waiting list a place by hand."""
    _kenniscafe, aanmelding = _aanmelding_voor_organisator(request, slug, pk)
    try:
        services.aanmelding_promote(aanmelding_id=aanmelding.pk)
        messages.success(request, _("%(naam)s has a place now.") % {"naam": aanmelding.naam})
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
    return redirect("kenniscafes:aanmelding_list", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def aanmelding_walkin_view(request, slug):
    """Add a walk-in on the day."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    form = WalkinForm(request.POST if request.method == "POST" else None, kenniscafe=kenniscafe)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanmelding_walkin_create(
                kenniscafe_id=kenniscafe.pk, gegevens=form.cleaned_data
            )
        except services.AanmeldingFout as fout:
            form.add_error("email", str(fout))
        else:
            messages.success(request, _("The walk-in has been added."))
            return redirect("kenniscafes:aanmelding_list", slug=slug)
    return render(
        request, "kenniscafes/aanmelding_walkin.html", {"kenniscafe": kenniscafe, "form": form}
    )


@login_required
@require_GET
def aanmelding_csv_view(request, slug):
    """All registrations of a café as CSV, streamed."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    response = StreamingHttpResponse(
        aanmeldingen_csv(kenniscafe), content_type=tabellen.CSV_MIMETYPE
    )
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{kenniscafe.slug}.csv"'
    return response


@login_required
@require_GET
def aanmelding_xlsx_view(request, slug):
    """All registrations of a café as an Excel workbook."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    response = HttpResponse(aanmeldingen_xlsx(kenniscafe), content_type=tabellen.XLSX_MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{kenniscafe.slug}.xlsx"'
    return response


@login_required
@require_GET
def presentielijst_view(request, slug):
    """A printable attendance list of everyone with a place."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    aanmeldingen = selectors.aanmeldingen_for_organiser(
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
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
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
            form.add_error(None, str(fout))
        else:
            return redirect("kenniscafes:uitnodiging_ronde", slug=slug, pk=ronde.pk)
    rondes = UitnodigingsRonde.objects.filter(kenniscafe=kenniscafe).order_by("-aangemaakt")[:10]
    return render(
        request,
        "kenniscafes/uitnodiging.html",
        {"kenniscafe": kenniscafe, "form": form, "rondes": rondes},
    )


@login_required
@require_GET
def uitnodiging_ronde_view(request, slug, pk):
    """Progress of one invitation run (HTMX polls the fragment until it is done)."""
    kenniscafe = selectors.kenniscafe_get_for_organiser(slug=slug, user=request.user)
    ronde = get_object_or_404(UitnodigingsRonde, pk=pk, kenniscafe=kenniscafe)
    return render(
        request,
        _template(request, "kenniscafes/uitnodiging_ronde.html", "voortgang"),
        {"kenniscafe": kenniscafe, "ronde": ronde},
    )
