"""Forms for visitors: registration, walk-in, evaluation and the mailing list; and the
name and free-text rules the organiser forms share."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import VouwMixin
from werkplaats.kern.models import Sector

from ..models import Aanmelding, Kenniscafe

# Letters of any script, digits, spaces and the punctuation real names and organisations use.
NAAM_PATROON = re.compile(r"^[\w\s.,'’&()/+\-]+$", re.UNICODE)
# Paths under /kenniscafes/ that a café's slug may not take.
GERESERVEERDE_SLUGS = {
    "archief",
    "organiseren",
    "nieuwsbrief",
    "afmelden",
    "aanmelding",
    "evaluatie",
}
REGISTRATIENUMMER_PATROON = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .\-/]*$")


def geen_stuurtekens(waarde: str) -> None:
    """Refuse invisible control and direction characters (e.g. U+202E)."""
    for teken in waarde:
        if unicodedata.category(teken) in {"Cc", "Cf"} and teken not in "\n\r\t":
            raise ValidationError(
                _("This text contains invisible control characters. Please type it again."),
                code="stuurteken",
            )


def geen_html(waarde: str) -> None:
    """Refuse HTML-like input in free text: < and > have no place in a remark."""
    if "<" in waarde or ">" in waarde:
        raise ValidationError(_("Please leave out the characters < and >."), code="html")


def naam_validator(waarde: str) -> None:
    """Names and organisations: letters, digits, spaces and common punctuation only."""
    geen_stuurtekens(waarde)
    if not NAAM_PATROON.match(waarde):
        raise ValidationError(
            _("Use letters, digits, spaces and . , ' - & ( ) / only."), code="naam"
        )


class NaamVeld(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.validators.append(naam_validator)
        self.error_messages["max_length"] = _("Use at most %(limit_value)d characters.")


class VrijeTekstVeld(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)
        self.validators += [geen_stuurtekens, geen_html]
        self.error_messages["max_length"] = _("Use at most %(limit_value)d characters.")


class AanmeldForm(VouwMixin, forms.Form):
    """The one-screen registration form: in view what the registration and the yearly report
    (werkplaats/verantwoording: role, sector, region, students) need, each saying why we ask.
    """

    # Optional fields the report does not use; the consent comes after them.
    opgevouwen = ("organisatie", "registratienummer", "opmerkingen", "uitnodigingen_ok")
    onderaan = ("toestemming",)
    vouw_titel = _("More about you")
    vouw_hulp = _("Organisation, accreditation points, accessibility needs and invitations.")

    naam = NaamVeld(
        label=_("Name"),
        help_text=_("So we can welcome you and put you on the attendance list."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "For your confirmation, calendar invite, reminder and personal link to cancel."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    rol = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose your role"))] + Aanmelding.Rol.choices,
        help_text=_("The yearly report counts which groups we reach, in figures only."),
    )
    opleiding = NaamVeld(
        label=_("Study programme"),
        required=False,
        help_text=_("The yearly report counts how many students of which programme come."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Not applicable"))] + Sector.choices,
        help_text=_("The yearly report counts from which sectors visitors come."),
    )
    regio = forms.ChoiceField(
        label=_("Where do you work or live?"),
        choices=Aanmelding.Regio.choices,
        widget=forms.RadioSelect,
        help_text=_("The yearly report counts how many visitors come from our own region."),
    )
    deelname = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=Aanmelding.Deelname.choices,
        widget=forms.RadioSelect,
        help_text=_("So we prepare enough chairs and online places."),
    )
    organisatie = NaamVeld(
        label=_("Organisation"),
        required=False,
        help_text=_("Shown next to your name on the attendance list."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    registratienummer = forms.CharField(
        label=_("Registration number for accreditation points"),
        required=False,
        max_length=40,
        help_text=_(
            "Only if you collect accreditation points (e.g. SKJ or Registerplein): we pass "
            "it on with your name and attendance to that register, for your points only."
        ),
    )
    opmerkingen = VrijeTekstVeld(
        label=_("Remarks or accessibility needs"),
        required=False,
        help_text=_("For example a wheelchair place, a hearing loop or a question for us."),
    )
    uitnodigingen_ok = forms.BooleanField(
        label=_("Invite me to future knowledge cafés"),
        required=False,
        help_text=_("At most a few mails a year; every mail has a link to stop."),
    )
    toestemming = forms.BooleanField(
        label=_("I agree that my details are used for this registration"),
        error_messages={"required": _("We can only register you with your consent.")},
    )

    def __init__(self, *args, kenniscafe: Kenniscafe, valideer_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kenniscafe = kenniscafe
        self.fields["toestemming"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("We keep your registration for the period named in our"),
            reverse("privacy"),
            _("privacy statement"),
        )
        self.fields["registratienummer"].error_messages["max_length"] = _(
            "Use at most %(limit_value)d characters."
        )
        self.fields["email"].error_messages["max_length"] = _(
            "Use at most %(limit_value)d characters."
        )
        # Required for students only (see clean); the label says so instead of "(optional)".
        self.fields["opleiding"].markering = _("(if you study)")
        if kenniscafe.vorm != Kenniscafe.Vorm.HYBRIDE:
            del self.fields["deelname"]
        if valideer_url:
            for naam, veld in self.fields.items():
                veld.widget.attrs.update(
                    {
                        "hx-post": valideer_url,
                        "hx-trigger": "change",
                        "hx-include": "closest form",
                        "hx-target": f"#id_{naam}_veld",
                        "hx-select": f"#id_{naam}_veld",
                        "hx-swap": "outerHTML",
                    }
                )

    def clean_registratienummer(self):
        waarde = self.cleaned_data["registratienummer"].strip()
        if waarde and not REGISTRATIENUMMER_PATROON.match(waarde):
            raise ValidationError(_("Use letters, digits, spaces, dots, dashes and slashes only."))
        return waarde

    def clean(self):
        data = super().clean()
        if data.get("rol") == Aanmelding.Rol.STUDENT and not data.get("opleiding"):
            self.add_error("opleiding", _("Fill in your study programme."))
        return data


class WalkinForm(forms.Form):
    """A walk-in on the day: the minimum for the figures; e-mail only if they want mail."""

    naam = NaamVeld(label=_("Name"))
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_("With an address they receive the evaluation request after the café."),
    )
    organisatie = NaamVeld(label=_("Organisation"), required=False)
    rol = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + Aanmelding.Rol.choices)
    regio = forms.ChoiceField(
        label=_("Region"), choices=Aanmelding.Regio.choices, widget=forms.RadioSelect
    )
    deelname = forms.ChoiceField(
        label=_("Taking part"), choices=Aanmelding.Deelname.choices, widget=forms.RadioSelect
    )
    registratienummer = forms.CharField(
        label=_("Registration number for accreditation points"), required=False, max_length=40
    )

    def __init__(self, *args, kenniscafe: Kenniscafe, **kwargs):
        super().__init__(*args, **kwargs)
        if kenniscafe.vorm != Kenniscafe.Vorm.HYBRIDE:
            del self.fields["deelname"]

    clean_registratienummer = AanmeldForm.clean_registratienummer


class EvaluatieForm(forms.Form):
    """The short evaluation after a café."""

    score = forms.TypedChoiceField(
        label=_("Your score for this knowledge café (1 = poor, 10 = excellent)"),
        choices=[(i, str(i)) for i in range(1, 11)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    meenemen = VrijeTekstVeld(label=_("What do you take away?"), max_length=2000)
    opmerking = VrijeTekstVeld(label=_("Any other remark"), required=False, max_length=2000)


class AbonneeForm(forms.Form):
    """Sign up for the kenniscafé mailing list."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to confirm; only after that do you get invitations."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
