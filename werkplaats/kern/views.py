"""Ground-floor pages: statements, login with rate limit, the rate-limit answer, failed mail."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from . import selectors, services
from .forms import LoginForm, NieuwWachtwoordForm, WachtwoordResetForm
from .htmx import wil_fragment
from .models import Bericht, Opdracht


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
    """Answer for a request over its rate limit: a Dutch page with status 429."""
    return render(request, "kern/te_veel_pogingen.html", status=429)


@method_decorator(
    ratelimit(key="ip", rate=settings.LOGIN_RATE, method="POST", block=True), name="post"
)
@method_decorator(
    ratelimit(key="post:username", rate=settings.LOGIN_RATE, method="POST", block=True),
    name="post",
)
class LoginView(auth_views.LoginView):
    """Login, limited per IP address and per user name (Redis-backed cache)."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class WachtwoordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail."""

    form_class = WachtwoordResetForm


WachtwoordResetView.post = method_decorator(
    ratelimit(key="ip", rate=settings.LOGIN_RATE, method="POST", block=True)
)(WachtwoordResetView.post)


class NieuwWachtwoordView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the e-mail."""

    form_class = NieuwWachtwoordForm


def _alleen_beheerder(request) -> None:
    if not request.user.is_beheerder:
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


@login_required
@require_POST
def bericht_retry_view(request, pk):
    """Try a failed mail again (HTMX swaps its row; without JS back to the list)."""
    _alleen_beheerder(request)
    bericht = get_object_or_404(Bericht, pk=pk)
    if services.bericht_retry(bericht_id=bericht.pk):
        melding = _("The e-mail to %(aan)s is being sent again.") % {"aan": bericht.aan}
    else:
        melding = _("This e-mail is no longer marked as failed.")
    if wil_fragment(request):
        bericht.refresh_from_db()
        return render(
            request,
            "kern/berichten_mislukt.html#bericht",
            {"bericht": bericht, "melding": melding},
        )
    messages.info(request, melding)
    return redirect("berichten_mislukt")


@login_required
@require_POST
def opdracht_retry_view(request, pk):
    """Run a failed background job again (HTMX swaps its row; without JS back to the list)."""
    _alleen_beheerder(request)
    opdracht = get_object_or_404(Opdracht, pk=pk)
    if services.opdracht_retry(opdracht_id=opdracht.pk):
        melding = _("The job is being run again.")
    else:
        melding = _("This job is no longer marked as failed.")
    if wil_fragment(request):
        opdracht.refresh_from_db()
        return render(
            request,
            "kern/berichten_mislukt.html#opdracht",
            {"opdracht": opdracht, "melding": melding},
        )
    messages.info(request, melding)
    return redirect("berichten_mislukt")
