"""Forms of the yearly report: choosing the period, requesting an export, closing a year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.models import Periode

from .models import Export
from .rapport import KALENDERJAAR, PERIODE, SCHOOLJAAR, Verslagperiode


class RapportKeuzeForm(forms.Form):
    """Which period the report covers (submitted by GET, so the page can be bookmarked)."""

    soort = forms.ChoiceField(
        label=_("Report over"),
        choices=[
            (KALENDERJAAR, _("Calendar year")),
            (SCHOOLJAAR, _("School year (1 September to 31 August)")),
            (PERIODE, _("Subsidy period")),
        ],
        initial=KALENDERJAAR,
        # A shared link with only ?jaar=2021 means that calendar year.
        required=False,
    )
    jaar = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("For a school year: the year in which it starts."),
    )
    periode = forms.ModelChoiceField(
        label=_("Subsidy period"),
        queryset=Periode.objects.order_by("-start"),
        required=False,
        empty_label=_("Choose a period"),
    )

    def clean_soort(self):
        return self.cleaned_data.get("soort") or KALENDERJAAR

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        jaar_ontbreekt = data.get("jaar") is None and "jaar" not in self.errors
        if soort in (KALENDERJAAR, SCHOOLJAAR) and jaar_ontbreekt:
            self.add_error("jaar", _("Fill in a year, for example 2021."))
        if soort == PERIODE and data.get("periode") is None and "periode" not in self.errors:
            self.add_error("periode", _("Choose a subsidy period."))
        return data

    def verslagperiode(self) -> Verslagperiode:
        data = self.cleaned_data
        if data["soort"] == KALENDERJAAR:
            return Verslagperiode.kalenderjaar(data["jaar"])
        if data["soort"] == SCHOOLJAAR:
            return Verslagperiode.schooljaar(data["jaar"])
        return Verslagperiode.voor_periode(data["periode"])


def standaard_periode() -> Verslagperiode:
    """The default report: the last calendar year that has ended."""
    return Verslagperiode.kalenderjaar(timezone.localdate().year - 1)


class ExportForm(RapportKeuzeForm):
    """Request an export of the report (or, for beheerders, a raw list) for a period."""

    uitvoer = forms.ChoiceField(label=_("File"), choices=Export.Soort.choices)

    def __init__(self, *args, alles: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not alles:
            self.fields["uitvoer"].choices = [
                (Export.Soort.XLSX.value, Export.Soort.XLSX.label),
                (Export.Soort.CSV.value, Export.Soort.CSV.label),
                (Export.Soort.PDF.value, Export.Soort.PDF.label),
            ]
        for naam in ("soort", "jaar", "periode"):
            self.fields[naam].widget = forms.HiddenInput()


class AfsluitenForm(forms.Form):
    """Close (freeze) a calendar year."""

    jaar = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput())
