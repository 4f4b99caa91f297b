"""Check-in on the day, made for a phone: search by name, one tap marks present, walk-ins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from werkplaats.kern.htmx import pagina_of_fragment

from .. import selectors, selectors_registraties, services
from ..forms import WalkinForm
from ..models import Aanmelding
from .organiseren import aanwezigheid_melding, walkin_save

PAGINA = "kenniscafes/inchecken.html"


def _lijst_context(kenniscafe, zoek: str) -> dict:
    return {
        "kenniscafe": kenniscafe,
        "zoek": zoek,
        "aanmeldingen": selectors_registraties.aanmelding_list_organisator(
            kenniscafe, zoek=zoek, status=Aanmelding.Status.BEVESTIGD
        ),
        "tellingen": selectors_registraties.aanmelding_tellingen(kenniscafe),
    }


@login_required
@require_http_methods(["GET", "POST"])
def inchecken_view(request, slug):
    """The check-in page; GET searches (HTMX swaps the list), POST adds a walk-in."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    zoek = request.GET.get("zoek", "").strip()[:100]
    form = WalkinForm(request.POST if request.method == "POST" else None, kenniscafe=kenniscafe)
    if walkin_save(request, kenniscafe, form):
        return redirect("kenniscafes:inchecken", slug=slug)
    context = {**_lijst_context(kenniscafe, zoek), "form": form}
    template = PAGINA if request.method == "POST" else pagina_of_fragment(request, PAGINA, "lijst")
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_POST
def inchecken_tik_view(request, slug, pk):
    """One tap: present (or undo). HTMX gets the row and the counter; a failure stays in the row."""
    kenniscafe = selectors.kenniscafe_get_for_organisator(slug=slug, user=request.user)
    aanmelding = selectors.aanmelding_get_for_organisator(kenniscafe, pk)
    fout = ""
    try:
        aanmelding = services.aanmelding_attendance_set(
            aanmelding_id=aanmelding.pk, aanwezig=True if request.POST.get("aanwezig") else None
        )
    except services.AanmeldingFout as exc:
        fout = str(exc)
    if not request.htmx:
        if fout:
            messages.error(request, fout)
        else:
            messages.success(request, aanwezigheid_melding(aanmelding))
        return redirect("kenniscafes:inchecken", slug=slug)
    # htmx 2 swaps no 4xx answer, so a failed tap answers 200 with the error in its row.
    return render(
        request,
        f"{PAGINA}#tik",
        {
            "kenniscafe": kenniscafe,
            "aanmelding": aanmelding,
            "fout": fout,
            "tellingen": selectors_registraties.aanmelding_tellingen(kenniscafe),
        },
    )
