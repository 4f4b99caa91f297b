"""Forms of the beheer pages; the services do the writing and the domain checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import EindNaStartMixin
from ..models import Organisatie, Periode, Werkplaats


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AlleenVeldenForm(forms.ModelForm):
    """A model form that only checks its fields: the services write and check the rules that
    span rows (unique names, team dates), each with one Dutch message in one place."""

    def _post_clean(self):
        pass


class PeriodeForm(EindNaStartMixin, AlleenVeldenForm):
    class Meta:
        model = Periode
        fields = ["naam", "start", "eind"]
        widgets = {"start": DatumInput(), "eind": DatumInput()}
        help_texts = {"naam": _("For example 2023-2026.")}


class OrganisatieForm(AlleenVeldenForm):
    class Meta:
        model = Organisatie
        fields = ["naam", "afdeling", "sector", "gemeente"]


class OrganisatieZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput()
    )
    archief = forms.BooleanField(label=_("Show archived organisations"), required=False)


class SiteInstellingenForm(AlleenVeldenForm):
    class Meta:
        model = Werkplaats
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
            "herinnering_dagen_werkteam",
            "herinnering_uren_kenniscafe",
        ]
        help_texts = {
            "herinnering_dagen_werkteam": _(
                "What a newly planned meeting starts with (0: no reminder). Meetings already "
                "planned keep their own reminder; change those per meeting."
            ),
            "herinnering_uren_kenniscafe": _(
                "What a new knowledge café starts with. Cafés already created keep their own "
                "reminder time; change those per café."
            ),
        }

    def clean_bewaartermijn_maanden(self):
        maanden = self.cleaned_data["bewaartermijn_maanden"]
        if not 1 <= maanden <= 120:
            raise forms.ValidationError(_("Choose a retention period from 1 to 120 months."))
        return maanden

    def clean_herinnering_dagen_werkteam(self):
        dagen = self.cleaned_data["herinnering_dagen_werkteam"]
        if not 0 <= dagen <= 30:
            raise forms.ValidationError(_("Choose from 0 to 30 days."))
        return dagen

    def clean_herinnering_uren_kenniscafe(self):
        uren = self.cleaned_data["herinnering_uren_kenniscafe"]
        if not 1 <= uren <= 336:
            raise forms.ValidationError(_("Choose from 1 to 336 hours (two weeks)."))
        return uren
