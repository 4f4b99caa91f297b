"""The members section: adding, changing, ending and handing over memberships, composition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkplaats.kern.fouten import DomeinFout

from .. import selectors, services
from ..forms import (
    LidBeeindigenForm,
    LidBewerkenForm,
    LidToevoegenForm,
    OverdrachtForm,
    SamenstellingForm,
)
from .gedeeld import actie_klaar, formulier


@login_required
@require_http_methods(["GET", "POST"])
def lid_create_view(request, slug):
    """Add a member: pick an existing person or create one."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = LidToevoegenForm(
        request.POST or None,
        personen=selectors.persoon_list(request.user),
        initial=LidToevoegenForm.initial_nieuw(),
    )

    def opslaan(f):
        return services.lidmaatschap_create(
            werkteam,
            rol=f.cleaned_data["rol"],
            start=f.cleaned_data["start"],
            eind=f.cleaned_data.get("eind"),
            kerngroep=f.cleaned_data["kerngroep"],
            **f.persoon_keuze(),
        )

    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Add a member"),
        knop=_("Add member"),
        sectie="leden",
        melding=lambda nieuw: (
            _("%(naam)s has been added as a member.") % {"naam": nieuw.persoon.naam}
        ),
        on_valid=opslaan,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_edit_view(request, slug, pk):
    """Change role, core-group flag or dates of a membership."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = LidBewerkenForm(request.POST or None, initial=LidBewerkenForm.initial_van(lid))
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Edit membership of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("Save"),
        sectie="leden",
        melding=_("The membership of %(naam)s has been saved.") % {"naam": lid.persoon.naam},
        on_valid=lambda f: services.lidmaatschap_update(lid, **f.cleaned_data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_end_view(request, slug, pk):
    """End a membership on a date."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = LidBeeindigenForm(request.POST or None)
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("End the membership of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("End membership"),
        sectie="leden",
        melding=_("The membership of %(naam)s has been ended.") % {"naam": lid.persoon.naam},
        on_valid=lambda f: services.lidmaatschap_end(lid, f.cleaned_data["eind"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lid_handover_view(request, slug, pk):
    """Hand a place over to a colleague: ends one membership, starts the other, links them."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    form = OverdrachtForm(request.POST or None, personen=selectors.persoon_list(request.user))
    return formulier(
        request,
        werkteam=werkteam,
        form=form,
        titel=_("Hand over the place of %(naam)s") % {"naam": lid.persoon.naam},
        knop=_("Hand over"),
        sectie="leden",
        melding=lambda opvolger: (
            _("The place of %(naam)s has been handed over to %(opvolger)s.")
            % {"naam": lid.persoon.naam, "opvolger": opvolger.persoon.naam}
        ),
        on_valid=lambda f: services.lidmaatschap_handover(
            lid, datum=f.cleaned_data["datum"], **f.persoon_keuze()
        ),
        toelichting=_(
            "The current membership ends the day before the successor starts; "
            "role and core-group membership pass on."
        ),
    )


@login_required
@require_POST
def lid_login_view(request, slug, pk):
    """Invite a member to a read-only login (they choose a password by mail)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    lid = selectors.lidmaatschap_get(werkteam, pk)
    try:
        services.lid_login_invite(lid)
        melding = _("An invitation to log in has been sent to %(naam)s.") % {
            "naam": lid.persoon.naam
        }
    except DomeinFout as fout:
        melding = str(fout.bericht)
    return actie_klaar(request, werkteam, "leden", melding, niveau=messages.info)


@login_required
def samenstelling_view(request, slug):
    """The composition of the team at a chosen date (page, or fragment with HTMX)."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    form = SamenstellingForm(
        request.GET or None, initial={"datum": timezone.localdate()}, prefix="samenstelling"
    )
    datum = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data.get("datum"):
        datum = form.cleaned_data["datum"]
    context = {
        "werkteam": werkteam,
        "beheer": True,
        "samenstelling": selectors.samenstelling_get(werkteam, datum),
        "samenstelling_form": form,
    }
    template = (
        "werkteams/werkteam_detail.html#samenstelling"
        if request.htmx
        else "werkteams/samenstelling.html"
    )
    return render(request, template, context)
