"""Public café pages: list, archive, detail with the registration form, calendar files."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from werkplaats.kern.fouten import fout_op_formulier
from werkplaats.kern.htmx import pagina_of_fragment
from werkplaats.kern.limieten import limieten_tel, limieten_wacht, te_veel_response, wacht_tekst
from werkplaats.kern.paginacache import publieke_pagina

from .. import ics, selectors, services
from ..agenda_links import agenda_links
from ..forms import AanmeldForm
from ..models import Kenniscafe
from ._basis import (
    AANMELDINGEN_PER_CAFE,
    AANMELDINGEN_PER_IP,
    HONEYPOT,
    ONGELDIG_PER_IP,
    _als_bijlage,
)


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
    # Queried only when the list is not in the cache (inhoudcache in the template).
    context = {
        "kenniscafes": SimpleLazyObject(lambda: selectors.kenniscafe_list_public(**filters)),
        "themas": SimpleLazyObject(selectors.kenniscafe_themas_public),
        "types": Kenniscafe.Type.choices,
        "vormen": Kenniscafe.Vorm.choices,
        "filters": filters,
    }
    response = render(
        request,
        pagina_of_fragment(request, "kenniscafes/kenniscafe_list.html", "resultaten"),
        context,
    )
    response["Vary"] = "HX-Request"
    return response


@require_GET
@publieke_pagina()
def kenniscafe_archive_view(request):
    """Past cafés with type, organisers and figures."""
    # Queried only when the archive is not in the cache (inhoudcache in the template).
    kenniscafes = SimpleLazyObject(selectors.kenniscafe_archive_public)
    totaal = SimpleLazyObject(
        lambda: {
            "aanmeldingen": sum(k.aantal_aanmeldingen for k in kenniscafes),
            "bezoekers": sum(k.aantal_bezoekers for k in kenniscafes),
        }
    )
    return render(
        request,
        "kenniscafes/kenniscafe_archive.html",
        {"kenniscafes": kenniscafes, "totaal": totaal},
    )


def _detail_context(request, kenniscafe, form=None) -> dict:
    gesloten = services.registratie_gesloten_reden(kenniscafe)
    # Only the empty form is the same for every visitor: it may come from the cache
    # (inhoudcache), so it is built only when rendered.
    formulier_leeg = form is None
    if form is None and not gesloten:
        form = SimpleLazyObject(
            lambda: AanmeldForm(kenniscafe=kenniscafe, valideer_url=_valideer_url(kenniscafe))
        )
    return {
        "kenniscafe": kenniscafe,
        "form": form,
        "formulier_leeg": formulier_leeg,
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
    if request.GET.get("valideren"):
        # The form needs only the format: the café as the detail page shows it (kept per
        # content version) will do, as nothing is stored.
        kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    else:
        # One light query, fresh from the database; the service recounts under its lock.
        kenniscafe = selectors.kenniscafe_get_for_registration(slug=slug, user=request.user)
    form = AanmeldForm(request.POST, kenniscafe=kenniscafe, valideer_url=_valideer_url(kenniscafe))
    if request.GET.get("valideren"):
        # Validation on change: nothing is stored and it does not count towards the limit;
        # htmx picks the changed field's wrapper from the answer.
        form.is_valid()
        veld = request.headers.get("HX-Trigger-Name")
        if request.htmx and veld in {v.name for v in form.visible_fields()}:
            # htmx swaps in only this field's wrapper (hx-select): render only that, the
            # same as in the whole form, without the café's counts and programme.
            return HttpResponse(form[veld].as_field_group())
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
        deelname = services.deelname_voor(kenniscafe, request.POST.get("deelname"))
        return _bedankt(request, kenniscafe, email="", deelname=deelname, aanmelding=None)
    if form.is_valid():
        try:
            aanmelding, uitkomst = services.aanmelding_create(
                kenniscafe_id=kenniscafe.pk,
                gegevens=services.AanmeldGegevens.uit(form.cleaned_data),
            )
        except services.AanmeldingFout as fout:
            fout_op_formulier(form, fout)
        else:
            limieten_tel(request, *budgetten)
            return _bedankt(
                request,
                kenniscafe,
                email=form.cleaned_data["email"],
                deelname=aanmelding.deelname,
                aanmelding=None if uitkomst == "bekend" else aanmelding,
            )
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


UITKOMST_SESSIE = "kenniscafes:uitkomst"


def _bedankt(request, kenniscafe, *, email: str, deelname: str, aanmelding):
    # The same answer for new and known addresses: the mail tells the person what happened.
    positie = selectors.aanmelding_uitkomst_publiek(
        kenniscafe, deelname=deelname, aanmelding=aanmelding
    )
    if request.htmx:
        response = render(
            request,
            "kenniscafes/kenniscafe_detail.html#bedankt",
            _bedankt_context(kenniscafe, email=email, positie=positie),
        )
        # The places-left figure on the page fetches itself again (see _plaatsen_live.html).
        response["HX-Trigger"] = "kenniscafe-plaatsen"
        return response
    request.session[UITKOMST_SESSIE] = {"kenniscafe": kenniscafe.pk, "positie": positie}
    return redirect("kenniscafes:aangemeld", slug=kenniscafe.slug)


def _bedankt_context(kenniscafe, *, email: str, positie: int | None) -> dict:
    # Public calendar links only: this page answers whoever typed an address, so the online
    # link stays in the mail and the personal .ics.
    return {
        "kenniscafe": kenniscafe,
        "email": email,
        "wachtlijst": positie is not None,
        "positie": positie,
        "agenda": agenda_links(kenniscafe),
        "uitkomst": True,
    }


@require_GET
def aangemeld_view(request, slug):
    """The page after registering without JavaScript (POST/redirect/GET)."""
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    uitkomst = request.session.get(UITKOMST_SESSIE) or {}
    context = _bedankt_context(kenniscafe, email="", positie=uitkomst.get("positie"))
    # Opened without registering in this browser: no outcome to show.
    context["uitkomst"] = uitkomst.get("kenniscafe") == kenniscafe.pk
    return render(request, "kenniscafes/aangemeld.html", context)


@require_GET
@publieke_pagina()
def kenniscafe_ics_view(request, slug):
    """The café as an .ics file (no online link)."""
    kenniscafe = selectors.kenniscafe_get_public(slug=slug, user=request.user)
    response = HttpResponse(ics.kenniscafe_ics_publiek(kenniscafe), content_type="text/calendar")
    return _als_bijlage(response, f"{kenniscafe.slug}.ics")


@require_GET
@publieke_pagina()
def kenniscafe_feed_view(request):
    """A subscribable iCal feed of all upcoming cafés."""
    inhoud = ics.kenniscafes_feed(selectors.kenniscafes_feed_public())
    return HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
