"""Attendance across meetings: the member × meeting matrix of a team and its export."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from werkplaats.kern import tabellen

from .. import selectors
from ..aanwezigheid import aanwezigheid_filters, aanwezigheid_matrix, aanwezigheid_rijen
from ..forms.bijeenkomsten import AanwezigheidFilterForm


def _matrix_van(request, slug):
    """The team (404 unless the user manages it), the filter form and the matrix it asks for."""
    werkteam = selectors.werkteam_get_beheerbaar(request.user, slug)
    jaren, series = aanwezigheid_filters(werkteam)
    jaar, serie = timezone.localdate().year, None
    form = AanwezigheidFilterForm(
        request.GET or None, initial={"jaar": jaar}, jaren=jaren, series=series
    )
    if form.is_bound and form.is_valid():
        jaar = form.cleaned_data["jaar"] or jaar
        serie = form.cleaned_data["serie"]
    matrix = aanwezigheid_matrix(werkteam, jaar=jaar, serie=serie)
    return werkteam, form, matrix, jaar, serie


@login_required
@require_GET
def aanwezigheid_matrix_view(request, slug):
    """Attendance per member and per meeting of a year or a series, with rates."""
    werkteam, form, matrix, jaar, serie = _matrix_van(request, slug)
    template = "werkteams/aanwezigheid_matrix.html"
    response = render(
        request,
        f"{template}#matrix" if request.htmx else template,
        {
            "werkteam": werkteam,
            "form": form,
            "matrix": matrix,
            "jaar": jaar,
            "serie": serie,
            "query": request.GET.urlencode(),
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
@require_GET
def aanwezigheid_export_view(request, slug, formaat):
    """The same matrix as CSV or XLSX, written by the one writer (werkplaats.kern.tabellen)."""
    if formaat not in ("csv", "xlsx"):
        raise Http404
    werkteam, _form, matrix, jaar, serie = _matrix_van(request, slug)
    rijen = aanwezigheid_rijen(matrix)
    naam = f"aanwezigheid-{werkteam.slug}-{'serie' if serie else jaar}.{formaat}"
    if formaat == "csv":
        response = HttpResponse(tabellen.csv_bytes(rijen), content_type=tabellen.CSV_MIMETYPE)
    else:
        response = HttpResponse(
            tabellen.xlsx_bytes(werkteam.naam, rijen), content_type=tabellen.XLSX_MIMETYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
