"""What the coordinator views share: the team page's sections and the one form flow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from werkplaats.kern.fouten import DomeinFout, fout_op_formulier
from werkplaats.kern.htmx import pagina_of_fragment, wil_fragment
from werkplaats.kern.terug import actie_url, terug_gevraagd, terug_met_melding

from .. import selectors
from ..forms import SamenstellingForm


def _leden_context(werkteam) -> dict:
    vandaag = timezone.localdate()
    leden = selectors.lidmaatschap_list(werkteam)
    return {
        "leden": leden,
        "samenstelling": selectors.samenstelling_uit_leden(werkteam, leden, vandaag),
        "samenstelling_form": SamenstellingForm(initial={"datum": vandaag}, prefix="samenstelling"),
    }


def _leeropbrengsten_context(werkteam) -> dict:
    opbrengsten = list(selectors.leeropbrengst_list(werkteam))
    return {
        "leeropbrengsten": opbrengsten,
        "leeropbrengst_tellingen": selectors.leeropbrengst_counts_uit(opbrengsten),
    }


# What each section of the team page needs, for its coordinators.
SECTIE_CONTEXT = {
    "leden": _leden_context,
    "bijeenkomsten": lambda team: {"bijeenkomsten": list(selectors.bijeenkomst_list(team))},
    "leeropbrengsten": _leeropbrengsten_context,
    "activiteiten": lambda team: {"activiteiten": list(selectors.activiteit_list(team))},
    "over": lambda team: {},
}


def sectie_response(request, werkteam, sectie: str, melding: str):
    """One section of the team page as an HTMX fragment, with `melding` announced in it."""
    context = {"werkteam": werkteam, "beheer": True, "aankondiging": melding}
    context.update(SECTIE_CONTEXT[sectie](werkteam))
    response = render(request, f"werkteams/werkteam_detail.html#{sectie}", context)
    # Swap into the section's lasting wrapper, so the announcement and focus code finds it.
    response["HX-Retarget"] = f"#{sectie}-vak"
    response["HX-Reswap"] = "innerHTML"
    return response


# The tab of the team page that holds each section (the overview holds "over").
SECTIE_TAB = {
    "leden": "werkteams:lid_list",
    "samenstelling": "werkteams:lid_list",
    "bijeenkomsten": "werkteams:team_bijeenkomsten",
    "leeropbrengsten": "werkteams:team_leren",
    "activiteiten": "werkteams:team_activiteiten",
}


def sectie_url(werkteam, sectie: str) -> str:
    """Where a section lives without JavaScript: its tab, at the section's anchor."""
    tab = SECTIE_TAB.get(sectie)
    basis = reverse(tab, args=[werkteam.slug]) if tab else werkteam.get_absolute_url()
    return f"{basis}#{sectie}"


def actie_klaar(request, werkteam, sectie: str, melding: str, *, niveau=messages.success):
    """After an action on the team page: the section with HTMX, else a message and redirect."""
    if request.htmx:
        return sectie_response(request, werkteam, sectie, melding)
    return terug_met_melding(request, sectie_url(werkteam, sectie), melding, niveau=niveau)


def formulier(
    request,
    *,
    werkteam,
    form,
    titel: str,
    knop: str,
    sectie: str,
    melding,
    on_valid,
    terug_url: str | None = None,
    terug_tekst: str = "",
    multipart: bool = False,
    toelichting: str = "",
):
    """One form flow for every coordinator action: page without JS, inline fragment with HTMX.

    `melding` is the text, or a function of what `on_valid` returned that names it. The page
    goes back to the safe `terug` it carries (else to `terug_url`, else the section's tab).
    `on_valid` may return its own response (e.g. a redirect to a team it created); a
    `DomeinFout` it raises is shown next to its field."""
    natuurlijk = terug_url or sectie_url(werkteam, sectie)
    gevraagd = terug_gevraagd(request)
    # Ids unique per section: forms of two sections can be open on one page.
    form.auto_id = f"id_{sectie}_%s"
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = on_valid(form)
        except DomeinFout as fout:
            fout_op_formulier(form, fout)
        else:
            if isinstance(resultaat, HttpResponse):
                return resultaat
            tekst = melding(resultaat) if callable(melding) else melding
            if request.htmx:
                return sectie_response(request, werkteam, sectie, tekst)
            return terug_met_melding(request, natuurlijk, tekst)
    context = {
        "werkteam": werkteam,
        "form": form,
        "titel": titel,
        "knop": knop,
        "actie_url": actie_url(request),
        "terug": gevraagd,
        "terug_url": gevraagd or natuurlijk.split("#")[0],
        "terug_tekst": terug_tekst,
        "multipart": multipart,
        "toelichting": toelichting,
        "formulier_id": f"{sectie}-actie",
        # On its own page the form is a plain form (POST/redirect/GET), not an htmx one.
        "inline": wil_fragment(request),
    }
    return render(
        request, pagina_of_fragment(request, "werkteams/formulier.html", "formulier"), context
    )


def beheerder_check(user) -> None:
    """The role gate of the pages for teams as a whole (start a team, name its coordinators,
    change its period and predecessor): 403 for everyone but a beheerder. A role, not an
    object, is missing, so there is nothing to hide behind a 404."""
    if not selectors.coordinatoren_can_manage(user):
        raise PermissionDenied
