"""Forms of the beheer pages; the services do the writing and the domain checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import EindNaStartMixin
from ..models import Organisatie, Periode, SiteInstellingen


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodeForm(EindNaStartMixin, forms.ModelForm):
    class Meta:
        model = Periode
        fields = ["naam", "start", "eind"]
        widgets = {"start": DatumInput(), "eind": DatumInput()}
        help_texts = {"naam": _("For example 2023-2026.")}

    def validate_unique(self):
        """The service reports a duplicate name (one message, in one place)."""


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ["naam", "afdeling", "sector", "gemeente"]

    def validate_unique(self):
        """The service reports a duplicate name and department."""


class OrganisatieZoekForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    archief = forms.BooleanField(label=_("Show archived organisations"), required=False)


class SiteInstellingenForm(forms.ModelForm):
    class Meta:
        model = SiteInstellingen
        fields = [
            "naam",
            "korte_naam",
            "regio",
            "contact_email",
            "adres",
            "website",
            "intro",
            "privacyverklaring",
            "toegankelijkheidsverklaring",
            "bewaartermijn_maanden",
        ]

    def clean_bewaartermijn_maanden(self):
        maanden = self.cleaned_data["bewaartermijn_maanden"]
        if not 1 <= maanden <= 120:
            raise forms.ValidationError(_("Choose a retention period from 1 to 120 months."))
        return maanden
