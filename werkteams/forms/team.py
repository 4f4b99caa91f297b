"""Forms of a team itself: what it is about, starting it, naming its coordinators."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.models import Periode, Sector

from ..models import Werkteam
from ..selectors import coordinatoren_kiesbaar
from .basis import DatumInput, SchoneTekstMixin


class WerkteamForm(EindNaStartMixin, SchoneTekstMixin, forms.Form):
    """A coordinator edits what the team is about and who it wants at the table."""

    thema = forms.CharField(
        label=_("Theme"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opgave = forms.CharField(
        label=_("Assignment (opgave)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    beschrijving = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Werkteam.Status.choices)
    start = forms.DateField(label=_("Start date"), required=False, widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())
    gewenste_sectoren = forms.MultipleChoiceField(
        label=_("Sectors the team wants at the table"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gewenst_maar_afwezig = forms.CharField(
        label=_("Parties wanted but absent"),
        help_text=_("One per line, e.g. general practitioners or housing corporations."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_van(cls, werkteam: Werkteam) -> dict:
        return {
            "thema": werkteam.thema,
            "opgave": werkteam.opgave,
            "beschrijving": werkteam.beschrijving,
            "status": werkteam.status,
            "start": werkteam.start,
            "eind": werkteam.eind,
            "gewenste_sectoren": werkteam.gewenste_sectoren,
            "gewenst_maar_afwezig": "\n".join(werkteam.gewenst_maar_afwezig),
        }

    def clean_gewenst_maar_afwezig(self):
        regels = [r.strip() for r in self.cleaned_data["gewenst_maar_afwezig"].splitlines()]
        regels = [r for r in regels if r]
        if any(len(r) > 100 for r in regels):
            raise forms.ValidationError(_("Keep each line under 100 characters."))
        return regels


class CoordinatorenVeld(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        naam = obj.get_full_name() or obj.get_username()
        return f"{naam} ({obj.email})" if obj.email else naam


class CoordinatorenForm(forms.Form):
    """An administrator names the coordinators of a team."""

    coordinatoren = CoordinatorenVeld(
        label=_("Coordinators"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Coordinators manage the team: members, meetings, minutes and outcomes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinatoren"].queryset = coordinatoren_kiesbaar()


class WerkteamNieuwForm(EindNaStartMixin, SchoneTekstMixin, CoordinatorenForm):
    """An administrator starts a new team: its name, period and coordinators."""

    naam = forms.CharField(label=_("Name"), max_length=200)
    korte_naam = forms.CharField(
        label=_("Short name"),
        max_length=60,
        required=False,
        help_text=_("Used in lists and e-mails, e.g. Jeugd or Armoede."),
    )
    soort = forms.ChoiceField(label=_("Kind"), choices=Werkteam.Soort.choices)
    periode = forms.ModelChoiceField(
        label=_("Period"), queryset=Periode.objects.order_by("-start"), empty_label=None
    )
    status = forms.ChoiceField(label=_("Status"), choices=Werkteam.Status.choices)
    start = forms.DateField(label=_("Start date"), required=False, widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())
    thema = forms.CharField(
        label=_("Theme"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["naam", "korte_naam", "soort", "periode", "status", "start", "eind", "thema"]
