"""Ground-floor pages: statements, login with rate limits, error answers, failed mail."""

import logging
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .context_processors import op_portaal
from .forms import LoginForm, NieuwWachtwoordForm, WachtwoordResetForm
from .htmx import wil_fragment
from .limieten import Limiet, limieten_tel, limieten_wacht, te_veel_response
from .models import Bericht, Opdracht
from .terug import terug_met_melding


@require_GET
def privacy_view(request):
    """The privacy statement (AVG) of this Werkplaats."""
    return render(
        request, "kern/verklaring.html", {"titel": _("Privacy statement"), "veld": "privacy"}
    )


@require_GET
def toegankelijkheid_view(request):
    """The accessibility statement of this Werkplaats."""
    return render(
        request,
        "kern/verklaring.html",
        {"titel": _("Accessibility statement"), "veld": "toegankelijkheid"},
    )


def ratelimited_view(request, exception):
    """Answer for a request over a django-ratelimit limit: the Dutch 429 page."""
    return te_veel_response(request, None)


def _gebruikersnaam(group, request) -> str:
    return request.POST.get("username", "").strip().lower()


# Only failed attempts count: a class signing in correctly from one address is never held up.
LOGIN_PER_NAAM = Limiet("kern.login.naam", "LOGIN_RATE", sleutel=_gebruikersnaam)
LOGIN_PER_IP = Limiet("kern.login.ip", "LOGIN_IP_RATE")
RESET_PER_IP = Limiet("kern.wachtwoord_reset", "LOGIN_RATE")


class LoginView(auth_views.LoginView):
    """Login, limited in failed attempts per IP address and per user name."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wacht = limieten_wacht(request, (LOGIN_PER_NAAM, ""), (LOGIN_PER_IP, ""))
        if wacht:
            return te_veel_response(request, wacht)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        limieten_tel(self.request, (LOGIN_PER_NAAM, ""), (LOGIN_PER_IP, ""))
        return super().form_invalid(form)


def beheer_login_view(request, extra_context=None):
    """The admin's login page: sign in through the site's own (rate-limited) login."""
    volgende = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(volgende)
        # Signed in without admin access: sending them to the login would loop back here.
        raise PermissionDenied
    return redirect(f"{reverse('login')}?{urlencode({'next': volgende})}")


class WachtwoordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail; every request counts, since each may send a mail."""

    form_class = WachtwoordResetForm

    def post(self, request, *args, **kwargs):
        wacht = limieten_wacht(request, (RESET_PER_IP, ""))
        if wacht:
            return te_veel_response(request, wacht)
        limieten_tel(request, (RESET_PER_IP, ""))
        return super().post(request, *args, **kwargs)


class NieuwWachtwoordView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the e-mail."""

    form_class = NieuwWachtwoordForm


# --- error pages (handler403/404/500 in werkplaats/urls.py, CSRF_FAILURE_VIEW) -----------

logger = logging.getLogger(__name__)

# The last resort when even the plain 500 template cannot be rendered.
NOODPAGINA = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    "<title>Er ging iets mis – Werkplaats</title></head><body><main>"
    "<h1>Er ging iets mis</h1><p>Er ging aan onze kant iets mis. Probeer het over een paar "
    'minuten opnieuw, of ga naar de <a href="/">startpagina</a>.</p></main></body></html>'
)


def toegang_geweigerd_view(request, exception=None):
    """403 in the site's layout: log in with another account or ask a coordinator."""
    return render(request, "kern/fout_403.html", status=403)


def niet_gevonden_view(request, exception=None):
    """404 in the site's layout (or the portal's), with the ways back into it."""
    sjabloon = "portaal/fout_404.html" if op_portaal(request) else "kern/fout_404.html"
    return render(request, sjabloon, status=404)


def csrf_mislukt_view(request, reason=""):
    """A form whose CSRF check failed: reload and send again."""
    return render(request, "kern/fout_csrf.html", status=403)


def serverfout_view(request):
    """500 without the request context: no database, session or context processor needed."""
    try:
        html = loader.get_template("kern/fout_500.html").render()
    except Exception:  # noqa: BLE001 - an error page must answer whatever else is broken
        logger.exception("The 500 page itself could not be rendered")
        html = NOODPAGINA
    return HttpResponseServerError(html)


def _alleen_beheerder(request) -> None:
    """The role gate of the failed-mail page: 403 for everyone but a beheerder.

    A role gate on a whole page answers 403 (the 403 page says whom to ask); getters of one
    row answer 404 (get_object_or_404 below).
    """
    if not selectors.outbox_can_manage(request.user):
        raise PermissionDenied


@login_required
@require_GET
def berichten_mislukt_view(request):
    """Beheerders see the mails and background jobs that failed every attempt."""
    _alleen_beheerder(request)
    return render(
        request,
        "kern/berichten_mislukt.html",
        {
            "berichten": selectors.berichten_mislukt_list(),
            "opdrachten": selectors.opdrachten_mislukt_list(),
        },
    )


def _opnieuw(request, rij, partial: str, melding: str):
    """Answer a retry: HTMX swaps the row (partial of the list), without JS back to the list."""
    if wil_fragment(request):
        rij.refresh_from_db()
        return render(
            request, f"kern/berichten_mislukt.html#{partial}", {partial: rij, "melding": melding}
        )
    return terug_met_melding(request, reverse("berichten_mislukt"), melding, niveau=messages.info)


@login_required
@require_POST
def bericht_retry_view(request, pk):
    """Try a failed mail again."""
    _alleen_beheerder(request)
    bericht = get_object_or_404(selectors.outbox_van_hier(Bericht.objects), pk=pk)
    if services.bericht_retry(bericht_id=bericht.pk):
        melding = _("The e-mail to %(aan)s is being sent again.") % {"aan": bericht.aan}
    else:
        melding = _("This e-mail is no longer marked as failed.")
    return _opnieuw(request, bericht, "bericht", melding)


@login_required
@require_POST
def opdracht_retry_view(request, pk):
    """Run a failed background job again."""
    _alleen_beheerder(request)
    opdracht = get_object_or_404(selectors.outbox_van_hier(Opdracht.objects), pk=pk)
    if services.opdracht_retry(opdracht_id=opdracht.pk):
        melding = _("The job is being run again.")
    else:
        melding = _("This job is no longer marked as failed.")
    return _opnieuw(request, opdracht, "opdracht", melding)
