"""The Python-written widgets (kern.widgets_snel) give exactly Django's template output."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from kenniscafes.forms import AanmeldForm
from kenniscafes.models import Kenniscafe
from tests.factories.kenniscafes import KenniscafeFactory
from werkplaats.kern import widgets_snel
from werkplaats.kern.forms import WerkplaatsFormRenderer


class AlleenTemplates(WerkplaatsFormRenderer):
    """The same renderer, every widget through its template."""

    _eigen_widget_templates = frozenset()


SNEL, TRAAG = WerkplaatsFormRenderer(), AlleenTemplates()
KEUZES = [("", "Kies"), ("a", "A & <b>"), (1, gettext_lazy("Name")), ("c", mark_safe("<i>c</i>"))]
GROEPEN = [("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]
ATTRS = {"class": "k", "data-x": '"q" & <z>', "required": True, "disabled": False, "maxlength": 40}

WIDGETS = [
    (forms.TextInput(), "Ans <de> \"Vries\" & 'co'"),
    (forms.TextInput(attrs=ATTRS), None),
    (forms.TextInput(), mark_safe("<veilig>")),
    (forms.EmailInput(), "a@b.nl"),
    (forms.NumberInput(attrs={"min": 0, "step": 1}), 12),
    (forms.URLInput(), "https://x.nl/?a=1&b=2"),
    (forms.PasswordInput(render_value=True), "geheim"),
    (forms.HiddenInput(), "v"),
    (forms.DateInput(), "2026-12-03"),
    (forms.Textarea(attrs=ATTRS), "regel 1\n<regel 2>"),
    (forms.Textarea(), ""),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(attrs={"hx-post": "/x/?a=1&b=2"}), False),
    (forms.Select(choices=KEUZES), "a"),
    (forms.Select(choices=KEUZES, attrs=ATTRS), "1"),
    (forms.Select(choices=GROEPEN), "y"),
    (forms.SelectMultiple(choices=KEUZES), ["a", "c"]),
    (forms.RadioSelect(choices=KEUZES), "c"),
    (forms.RadioSelect(choices=GROEPEN, attrs={"class": "rij"}), None),
    (forms.CheckboxSelectMultiple(choices=KEUZES), ["", "a"]),
]


@pytest.mark.parametrize(("widget", "waarde"), WIDGETS, ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("attrs", [None, {"id": "id_veld", "aria-invalid": "true"}])
def test_widget_gelijk_aan_template(widget, waarde, attrs):
    context = widget.get_context("veld", waarde, attrs)
    assert widgets_snel.render(widget.template_name, context) is not None  # no fallback
    assert widget.template_name in SNEL._eigen_widget_templates
    snel = widget.render("veld", waarde, attrs=attrs, renderer=SNEL)
    assert snel == widget.render("veld", waarde, attrs=attrs, renderer=TRAAG)
    assert snel == widget.render("veld", waarde, attrs=attrs, renderer=TemplatesSetting())


def test_onbekend_template_valt_terug():
    assert widgets_snel.render("django/forms/widgets/select_date.html", {"widget": {}}) is None
    assert widgets_snel.render("django/forms/widgets/input.html", {"widget": {}}) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [None, {"naam": "Ans <b>", "email": "fout", "rol": "student", "regio": "x"}]
)
def test_aanmeldformulier_gelijk(data):
    kenniscafe = KenniscafeFactory(vorm=Kenniscafe.Vorm.HYBRIDE)
    url = "/kenniscafes/x/aanmelden/?valideren=1&a=<b>"

    def html(renderer):
        form = AanmeldForm(data, kenniscafe=kenniscafe, valideer_url=url, renderer=renderer)
        return form.render()

    assert html(SNEL) == html(TRAAG)
    assert 'hx-post="/kenniscafes/x/aanmelden/?valideren=1&amp;a=&lt;b&gt;"' in html(SNEL)
