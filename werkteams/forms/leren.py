"""Forms of what a team learns and does: learning outcomes and activities."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.fouten import fout_op_formulier
from werkplaats.kern.selectors import organisaties_kiesbaar

from ..bestanden import bewijs_check
from ..models import Activiteit, Bijeenkomst, Leeropbrengst
from ..regels import WerkteamFout, doorwerking_check
from .basis import DatumInput, SchoneTekstMixin


class BijeenkomstKeuzeVeld(forms.ModelChoiceField):
    """A meeting by its date and title ("12 mrt. 2026 — Teamoverleg"): a series repeats its title."""

    def label_from_instance(self, obj):
        dag = date_format(timezone.localtime(obj.start), "j b Y")
        return f"{dag} — {obj.titel}"


class LeeropbrengstForm(SchoneTekstMixin, forms.Form):
    """Record a learning outcome."""

    niveau = forms.ChoiceField(
        label=_("Level"), choices=Leeropbrengst.Niveau.choices, widget=forms.RadioSelect
    )
    wat = forms.CharField(
        label=_("What was learned"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    datum = forms.DateField(label=_("Date"), widget=DatumInput(), initial=timezone.localdate)
    organisatie = forms.ModelChoiceField(
        label=_("Organisation reached (doorwerking, organisation level only)"),
        queryset=organisaties_kiesbaar(),
        required=False,
    )
    # The template adds "(optional)" to every label; the label itself never says it.
    persoon = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False)
    bijeenkomst = BijeenkomstKeuzeVeld(label=_("Meeting"), queryset=None, required=False)
    activiteit = forms.ModelChoiceField(label=_("Activity"), queryset=None, required=False)
    kenniscafe = forms.ModelChoiceField(label=_("Knowledge café"), queryset=None, required=False)
    publicatie = forms.ModelChoiceField(
        label=_("Publication of this team"), queryset=None, required=False
    )
    bewijs_tekst = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bewijs_link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    bewijs_bestand = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("At most 10 MB: PDF, Office document, image or text."),
    )

    def __init__(self, *args, werkteam=None, personen=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        # Newest first: an outcome is mostly recorded soon after its meeting.
        self.fields["bijeenkomst"].queryset = Bijeenkomst.objects.filter(
            werkteam=werkteam
        ).order_by("-start", "-pk")
        self.fields["activiteit"].queryset = Activiteit.objects.filter(werkteam=werkteam)
        # Announced cafés and the user's own drafts; another organiser's draft never shows.
        # The related models come from the string foreign keys: this app imports neither.
        kenniscafes = Leeropbrengst._meta.get_field("kenniscafe").related_model.objects
        self.fields["kenniscafe"].queryset = kenniscafes.kiesbaar_voor(user)
        publicaties = Leeropbrengst._meta.get_field("publicatie").related_model.objects
        self.fields["publicatie"].queryset = publicaties.filter(werkteams=werkteam).order_by(
            "titel"
        )

    def clean_bewijs_bestand(self):
        bestand = self.cleaned_data.get("bewijs_bestand")
        if bestand:
            bewijs_check(bestand)
        return bestand

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("A learning outcome cannot be dated in the future."))
        if datum < date(2000, 1, 1):
            raise forms.ValidationError(_("This date is too far in the past."))
        return datum

    def clean(self):
        data = super().clean()
        try:
            doorwerking_check(data.get("niveau"), data.get("organisatie"))
        except WerkteamFout as fout:
            fout_op_formulier(self, fout)
        return data


class ActiviteitForm(EindNaStartMixin, SchoneTekstMixin, forms.Form):
    """Record an activity of the team."""

    soort = forms.ChoiceField(label=_("Type"), choices=Activiteit.Soort.choices)
    titel = forms.CharField(label=_("Title"), max_length=250)
    start = forms.DateField(label=_("Start date"), required=False, widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=organisaties_kiesbaar(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opleiding = forms.CharField(
        label=_("Study programme (opleiding)"), max_length=200, required=False
    )
    aantal_studenten = forms.IntegerField(
        label=_("Number of students reached"), min_value=0, max_value=100000, required=False
    )
    beschrijving = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
