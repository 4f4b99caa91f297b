"""Forms of landelijk beheer: the period of the national summary, its export, a new werkplaats."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.fouten import DomeinFout
from werkplaats.verantwoording.landelijk import DATUMS, periode_tussen
from werkplaats.verantwoording.models import LandelijkeExport
from werkplaats.verantwoording.rapport import KALENDERJAAR, SCHOOLJAAR, Verslagperiode

from .landelijk import host_check, hosts_lezen


class OverzichtKeuzeForm(forms.Form):
    """Which period the national summary covers (by GET, so the page can be bookmarked)."""

    soort = forms.ChoiceField(
        label=_("Summary over"),
        choices=[
            (KALENDERJAAR, _("Calendar year")),
            (SCHOOLJAAR, _("School year (1 September to 31 August)")),
            (DATUMS, _("Period between two dates")),
        ],
        initial=KALENDERJAAR,
        required=False,
    )
    jaar = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("For a school year: the year in which it starts."),
    )
    van = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_soort(self):
        return self.cleaned_data.get("soort") or KALENDERJAAR

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        jaar_ontbreekt = data.get("jaar") is None and "jaar" not in self.errors
        if soort in (KALENDERJAAR, SCHOOLJAAR) and jaar_ontbreekt:
            self.add_error("jaar", _("Fill in a year, for example 2021."))
        if soort == DATUMS:
            for veld in ("van", "tot"):
                if data.get(veld) is None and veld not in self.errors:
                    self.add_error(veld, _("Fill in a date."))
            van, tot = data.get("van"), data.get("tot")
            if van and tot and tot < van:
                self.add_error("tot", _("The end date cannot be before the start date."))
        return data

    def verslagperiode(self) -> Verslagperiode:
        data = self.cleaned_data
        if data["soort"] == KALENDERJAAR:
            return Verslagperiode.kalenderjaar(data["jaar"])
        if data["soort"] == SCHOOLJAAR:
            return Verslagperiode.schooljaar(data["jaar"])
        return periode_tussen(data["van"], data["tot"])


def standaard_periode() -> Verslagperiode:
    """The default summary: the last calendar year that has ended."""
    return Verslagperiode.kalenderjaar(timezone.localdate().year - 1)


def periode_initial(periode: Verslagperiode) -> dict:
    """The form values that choose `periode` (for the form, the export and links)."""
    if periode.soort == DATUMS:
        return {"soort": DATUMS, "van": periode.start, "tot": periode.eind}
    return {"soort": periode.soort, "jaar": periode.sleutel}


class LandelijkeExportForm(OverzichtKeuzeForm):
    """Request the summary of a period as a file; the period comes along hidden."""

    uitvoer = forms.ChoiceField(label=_("File"), choices=LandelijkeExport.Soort.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("soort", "jaar", "van", "tot"):
            self.fields[naam].widget = forms.HiddenInput()


class WerkplaatsNieuwForm(forms.Form):
    """A new werkplaats: its name, short name, host names, region, contact, first beheerder."""

    naam = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Werkplaats Sociaal Domein Twente."),
    )
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=40,
        help_text=_("Lower-case letters, digits and hyphens, for example twente."),
    )
    hosts = forms.CharField(
        label=_("Host names"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_(
            "One a line, without http://. The first is used in links in e-mails and feeds."
        ),
    )
    regio = forms.CharField(label=_("Region"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    beheerder_voornaam = forms.CharField(label=_("First name of the administrator"), max_length=150)
    beheerder_achternaam = forms.CharField(
        label=_("Last name of the administrator"), max_length=150, required=False
    )
    beheerder_email = forms.EmailField(
        label=_("E-mail address of the administrator"),
        help_text=_("They receive an invitation to choose a password for the new site."),
    )

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()

    def clean_hosts(self):
        hosts = hosts_lezen(self.cleaned_data["hosts"])
        if not hosts:
            raise forms.ValidationError(_("Fill in at least one host name."))
        for host in hosts:
            try:
                host_check(host)
            except DomeinFout as fout:
                raise forms.ValidationError(str(fout)) from None
        return hosts
