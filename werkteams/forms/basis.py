"""What every werkteams form shares: date and time inputs, clean text, picking a person."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.selectors import organisaties_kiesbaar


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TijdInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _zonder_controletekens(waarde: str) -> str:
    if any(ord(teken) < 32 and teken not in "\n\r\t" for teken in waarde):
        raise forms.ValidationError(_("This text contains characters that are not allowed."))
    return waarde


class SchoneTekstMixin:
    """Refuse control characters in every text field (other hostile text is escaped on output)."""

    def clean(self):
        data = super().clean()
        for naam, waarde in list(data.items()):
            if isinstance(waarde, str):
                try:
                    _zonder_controletekens(waarde)
                except forms.ValidationError as fout:
                    self.add_error(naam, fout)
        return data


class PersoonKeuzeMixin(forms.Form):
    """Pick an existing person, or fill in a new one."""

    persoon = forms.ModelChoiceField(
        label=_("Existing person"),
        queryset=None,
        required=False,
        empty_label=_("— new person (fill in below) —"),
        help_text=_("People from the teams you manage."),
    )
    bekend_email = forms.EmailField(
        label=_("Or: the exact e-mail address of someone from another team"),
        max_length=254,
        required=False,
        help_text=_("The person the Werkplaats knows by this address is added as they are."),
    )
    naam = forms.CharField(label=_("Name of a new person"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail address of a new person"), max_length=254, required=False
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisation of a new person"),
        queryset=organisaties_kiesbaar(),
        required=False,
    )
    functie = forms.CharField(label=_("Function of a new person"), max_length=200, required=False)

    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen

    def clean(self):
        data = super().clean()
        if data.get("persoon") is not None and data.get("bekend_email"):
            self.add_error(
                "bekend_email", _("Pick a person from the list or type an address, not both.")
            )
        if data.get("persoon") is None and not data.get("bekend_email"):
            if not data.get("naam") and "naam" not in self.errors:
                self.add_error("naam", _("Fill in a name, or pick an existing person."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Fill in an e-mail address, or pick an existing person."))
        return data

    def nieuw(self) -> dict | None:
        """The new person's details, or None when an existing person was picked."""
        data = self.cleaned_data
        if data.get("persoon") is not None or data.get("bekend_email"):
            return None
        return {
            "naam": data["naam"],
            "email": data["email"],
            "organisatie": data.get("organisatie"),
            "functie": data.get("functie", ""),
        }

    def persoon_keuze(self) -> dict:
        """The keyword arguments the member services take for the person picked or new."""
        return {
            "persoon": self.cleaned_data.get("persoon"),
            "nieuw": self.nieuw(),
            "bekend_email": self.cleaned_data.get("bekend_email", ""),
        }
