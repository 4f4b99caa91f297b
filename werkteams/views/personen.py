"""People pages of beheerders: search, change, suggested duplicates and merging two people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from werkplaats.kern.beheer.selectors import beheerder_check
from werkplaats.kern.fouten import DomeinFout, fout_op_formulier
from werkplaats.kern.htmx import pagina_of_fragment_render

from .. import selectors_personen as selectors
from .. import services
from ..forms import PersoonForm, PersoonZoekForm, SamenvoegenForm
from ..models import Persoon


def _zoekterm(request) -> tuple[PersoonZoekForm, str]:
    zoek = PersoonZoekForm(request.GET or None)
    return zoek, (zoek.cleaned_data["q"].strip() if zoek.is_valid() else "")


@login_required
@require_GET
def persoon_list_view(request):
    """Every person, searchable by name, e-mail or organisation, 25 to a page."""
    beheerder_check(request)
    zoek, q = _zoekterm(request)
    pagina = Paginator(selectors.persoon_list_beheer(q=q), selectors.PERSONEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return pagina_of_fragment_render(
        request,
        "werkteams/personen/persoon_list.html",
        "resultaten",
        {"zoek": zoek, "q": q, "pagina": pagina},
    )


@login_required
@require_http_methods(["GET", "POST"])
def persoon_edit_view(request, pk):
    """A person's details and what points at them; change name, e-mail, organisation, function."""
    beheerder_check(request)
    persoon = get_object_or_404(Persoon.objects.select_related("organisatie", "gebruiker"), pk=pk)
    form = PersoonForm(request.POST or None, instance=persoon)
    if request.method == "POST" and form.is_valid():
        try:
            gewijzigd = services.persoon_update(
                persoon=persoon,
                naam=form.cleaned_data["naam"],
                email=form.cleaned_data["email"],
                organisatie=form.cleaned_data["organisatie"],
                functie=form.cleaned_data["functie"],
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            if gewijzigd:
                velden = ", ".join(str(Persoon._meta.get_field(v).verbose_name) for v in gewijzigd)
                messages.success(
                    request,
                    _("%(naam)s has been saved. Changed: %(velden)s.")
                    % {"naam": persoon.naam, "velden": velden},
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("werkteams:persoon_edit", pk=persoon.pk)
    return render(
        request,
        "werkteams/personen/persoon_edit.html",
        {"persoon": persoon, "form": form, "bezit": selectors.persoon_bezit(persoon)},
    )


@login_required
@require_GET
def persoon_merge_choose_view(request, pk):
    """Find the person to merge with: a search that lists candidates as you type."""
    beheerder_check(request)
    persoon = get_object_or_404(Persoon, pk=pk)
    zoek, q = _zoekterm(request)
    return pagina_of_fragment_render(
        request,
        "werkteams/personen/persoon_merge_choose.html",
        "kandidaten",
        {
            "persoon": persoon,
            "zoek": zoek,
            "q": q,
            "kandidaten": selectors.persoon_kandidaten(persoon=persoon, q=q),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def persoon_merge_view(request, pk, ander):
    """Both people side by side; choose the values to keep and confirm the merge."""
    beheerder_check(request)
    personen = Persoon.objects.select_related("organisatie", "gebruiker")
    persoon = get_object_or_404(personen, pk=pk)
    andere = get_object_or_404(personen, pk=ander)
    if persoon.pk == andere.pk:
        messages.error(request, _("Choose two different people."))
        return redirect("werkteams:persoon_merge_choose", pk=persoon.pk)
    form = SamenvoegenForm(request.POST or None, een=persoon, ander=andere)
    if request.method == "POST" and form.is_valid():
        try:
            samen = services.personen_merge(
                houden_id=persoon.pk,
                weg_id=andere.pk,
                naam_van=form.cleaned_data["naam"],
                email_van=form.cleaned_data["email"],
                organisatie_van=form.cleaned_data["organisatie"],
                functie_van=form.cleaned_data["functie"],
            )
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(
                request,
                _("%(weg)s has been merged into %(naam)s; everything of both is now in one place.")
                % {"weg": andere.naam, "naam": samen.naam},
            )
            return redirect("werkteams:persoon_edit", pk=samen.pk)
    return render(
        request,
        "werkteams/personen/persoon_merge.html",
        {
            "persoon": persoon,
            "andere": andere,
            "form": form,
            "bezit": list(
                zip(selectors.persoon_bezit(persoon), selectors.persoon_bezit(andere), strict=True)
            ),
        },
    )


@login_required
@require_GET
def persoon_duplicaten_view(request):
    """Pairs of people that look like one person: same name (normalised) or same address."""
    beheerder_check(request)
    return render(
        request,
        "werkteams/personen/persoon_duplicaten.html",
        {"paren": selectors.persoon_duplicaten()},
    )
