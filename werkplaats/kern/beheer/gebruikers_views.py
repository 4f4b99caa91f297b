"""Pages for users and roles: the list with the invite form, one user's page, and the public
page where an invited person sets a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ..fouten import DomeinFout, fout_op_formulier
from ..htmx import pagina_of_fragment_render
from ..limieten import Limiet, limieten_tel, limieten_wacht, te_veel_response
from . import gebruikers
from .gebruikers_forms import GebruikerZoekForm, RolForm, UitnodigingForm
from .selectors import beheerder_check


@login_required
def gebruiker_list_view(request):
    """Every user with a role in this werkplaats, searchable, with the form to invite a
    coordinator or beheerder."""
    beheerder_check(request)
    zoek = GebruikerZoekForm(request.GET or None)
    q = zoek.cleaned_data["q"].strip() if zoek.is_valid() else ""
    form = UitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = gebruikers.gebruiker_invite(**form.cleaned_data, door=request.user)
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            if nieuw.has_usable_password():
                melding = _("%(email)s already had an account and now has a role here too.")
            else:
                melding = _("An invitation has been sent to %(email)s.")
            messages.success(request, melding % {"email": nieuw.email})
            return redirect("beheer:gebruiker_list")
    return pagina_of_fragment_render(
        request,
        "kern/beheer/gebruiker_list.html",
        "resultaten",
        {"zoek": zoek, "q": q, "form": form, "gebruikers": gebruikers.gebruiker_list_beheer(q=q)},
    )


@login_required
def gebruiker_detail_view(request, pk):
    """One user of this werkplaats: change their role here, deactivate or reactivate."""
    beheerder_check(request)
    gebruiker = get_object_or_404(gebruikers.gebruikers_hier(), pk=pk)
    form = RolForm(request.POST or None, initial={"rol": gebruiker.rol})
    if request.method == "POST" and form.is_valid():
        try:
            gebruikers.gebruiker_rol_change(
                gebruiker=gebruiker, rol=form.cleaned_data["rol"], door=request.user
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, _("The role has been saved."))
            return redirect("beheer:gebruiker_detail", pk=gebruiker.pk)
    return render(
        request, "kern/beheer/gebruiker_detail.html", {"gebruiker": gebruiker, "form": form}
    )


@login_required
@require_POST
def gebruiker_active_view(request, pk):
    """Deactivate a user, or reactivate them (`actief=1`)."""
    beheerder_check(request)
    gebruiker = get_object_or_404(gebruikers.gebruikers_hier(), pk=pk)
    actief = request.POST.get("actief") == "1"
    try:
        gebruikers.gebruiker_active_set(gebruiker=gebruiker, actief=actief, door=request.user)
    except DomeinFout as fout:
        messages.error(request, str(fout))
    else:
        if actief:
            messages.success(request, _("The account has been reactivated."))
        else:
            messages.success(request, _("The account has been deactivated."))
    return redirect("beheer:gebruiker_detail", pk=gebruiker.pk)


@login_required
@require_POST
def gebruiker_invite_again_view(request, pk):
    """Send an invited user who has not chosen a password yet a fresh link."""
    beheerder_check(request)
    gebruiker = get_object_or_404(gebruikers.gebruikers_hier(), pk=pk)
    try:
        gebruikers.gebruiker_invite_again(gebruiker=gebruiker, door=request.user)
    except DomeinFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % {"email": gebruiker.email}
        )
    return redirect("beheer:gebruiker_detail", pk=gebruiker.pk)


# Guessing tokens is hopeless (they are signed), but a flood of wrong ones is still cut off.
UITNODIGING_PER_IP = Limiet("kern.uitnodiging", "LOGIN_IP_RATE")


@never_cache
@sensitive_post_parameters()
def uitnodiging_accepteren_view(request, token):
    """Public: an invited person chooses a password and is logged in. A forged, expired or
    used link shows one message and nothing else."""
    wacht = limieten_wacht(request, (UITNODIGING_PER_IP, ""))
    if wacht:
        return te_veel_response(request, wacht)
    gebruiker = gebruikers.uitnodiging_gebruiker(token)
    if gebruiker is None:
        limieten_tel(request, (UITNODIGING_PER_IP, ""))
        return render(request, "kern/beheer/uitnodiging_ongeldig.html", status=410)
    form = SetPasswordForm(gebruiker, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, gebruiker)
        messages.success(request, _("Your password has been set; welcome."))
        return redirect("home")
    return render(request, "kern/beheer/uitnodiging_accepteren.html", {"form": form})
