"""Ground-floor pages: statements, login with rate limit, the rate-limit answer."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from .forms import LoginForm, NieuwWachtwoordForm, WachtwoordResetForm


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
