"""Pages behind personal links: one's own registration, evaluation, mailing list, unsubscribe."""

import contextlib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from werkplaats.kern.limieten import limieten_tel, limieten_wacht, te_veel_response

from .. import ics, links, selectors, services
from ..forms import AbonneeForm, EvaluatieForm
from ..models import Aanmelding
from ._basis import AANMELDINGEN_PER_IP, ABONNEES_PER_IP, HONEYPOT, ONGELDIG_PER_IP, _als_bijlage


def _link_ongeldig(request, status=404):
    return render(request, "kenniscafes/link_ongeldig.html", status=status)


def _aanmelding_voor_link(request, token: str, salt: str, verlopen=None):
    """(the registration, None) for a good link; (None, the page saying why not) otherwise:
    404 for a forged or erased one, 410 when `verlopen(aanmelding)` says it has expired."""
    try:
        aanmelding = selectors.aanmelding_get_by_token(token, salt)
    except links.LinkOngeldig:
        return None, _link_ongeldig(request)
    if verlopen is not None and verlopen(aanmelding):
        return None, _link_ongeldig(request, status=410)
    return aanmelding, None


@require_http_methods(["GET", "POST"])
def aanmelding_beheer_view(request, token):
    """A person's own registration: view it, cancel it (one confirm step), or be forgotten."""
    aanmelding, weigering = _aanmelding_voor_link(request, token, links.AANMELDING_SALT)
    if weigering:
        return weigering
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
    kenniscafe = aanmelding.kenniscafe
    stappen = {"vergeten"} if alleen_wissen else {"annuleren", "vergeten"}
    # After the café there is nothing to join or wait for: no link, no place in the queue.
    wachtpositie = None if alleen_wissen else selectors.aanmelding_wachtpositie(aanmelding)
    return render(
        request,
        "kenniscafes/aanmelding_beheer.html",
        {
            "aanmelding": aanmelding,
            "kenniscafe": kenniscafe,
            "stap": stap if stap in stappen else "",
            "alleen_wissen": alleen_wissen,
            "online_link": "" if alleen_wissen else aanmelding.online_link,
            "wachtpositie": wachtpositie,
            "token": token,
        },
    )


@require_GET
def aanmelding_ics_view(request, token):
    """The café as an .ics file for a registrant; with the online link when it is theirs."""
    aanmelding, weigering = _aanmelding_voor_link(
        request, token, links.AANMELDING_SALT, links.aanmelding_alleen_wissen
    )
    if weigering:
        return weigering
    if aanmelding.status != Aanmelding.Status.BEVESTIGD:
        # Someone waiting or cancelled gets no calendar event: it would look like a place.
        return _link_ongeldig(request)
    inhoud = ics.kenniscafe_ics_persoonlijk(aanmelding.kenniscafe, aanmelding)
    response = HttpResponse(inhoud, content_type="text/calendar")
    return _als_bijlage(response, f"{aanmelding.kenniscafe.slug}.ics")


@require_http_methods(["GET", "POST"])
def evaluatie_view(request, token):
    """The short evaluation for a visitor, from the link in the mail."""
    aanmelding, weigering = _aanmelding_voor_link(
        request, token, links.EVALUATIE_SALT, links.evaluatie_link_verlopen
    )
    if weigering:
        return weigering
    al_gedaan = selectors.evaluatie_gegeven(aanmelding)
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
