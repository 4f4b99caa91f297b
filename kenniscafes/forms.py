"""Forms for visitors (registration, evaluation, mailing list) and organisers."""

import re
import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.models import Sector
from werkplaats.kern.selectors import organisaties_kiesbaar, site_instellingen_get
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from .models import Aanmelding, Kenniscafe, ProgrammaOnderdeel
from .selectors import type_uitleg

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


class AanmeldForm(forms.Form):
    """The one-screen registration form; each help text says why we ask."""

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
    organisatie = NaamVeld(
        label=_("Organisation"),
        required=False,
        help_text=_("We count which organisations we reach; it appears only in totals."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    rol = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose your role"))] + Aanmelding.Rol.choices,
        help_text=_("The yearly report says which groups we reach (in figures only)."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Not applicable"))] + Sector.choices,
        help_text=_("For the same yearly figures: from which sectors visitors come."),
    )
    regio = forms.ChoiceField(
        label=_("Where do you work or live?"),
        choices=Aanmelding.Regio.choices,
        widget=forms.RadioSelect,
        help_text=_("The Werkplaats reports how many visitors come from its own region."),
    )
    opleiding = NaamVeld(
        label=_("Study programme (students only)"),
        required=False,
        help_text=_("Only for students: we report how many students of which programme came."),
    )
    deelname = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=Aanmelding.Deelname.choices,
        widget=forms.RadioSelect,
        help_text=_("So we prepare enough chairs and online places."),
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


class DatumTijdInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class KenniscafeForm(EindNaStartMixin, forms.ModelForm):
    """The organiser's form: everything about one café except its status."""

    # A café's end time must come after its start (the one rule in werkplaats.kern).
    eind_na_start_strikt = True

    class Meta:
        model = Kenniscafe
        fields = [
            "titel",
            "slug",
            "type",
            "thema",
            "beschrijving",
            "start",
            "eind",
            "vorm",
            "locatie",
            "adres",
            "online_link",
            "plaatsen_locatie",
            "plaatsen_online",
            "organisator_werkteams",
            "organisator_organisaties",
            "organisatoren_tekst",
            "organisator_gebruikers",
            "aanmelding_open",
            "aanmelding_sluit",
            "herinnering_uren",
        ]
        widgets = {
            "type": forms.RadioSelect,
            "vorm": forms.RadioSelect,
            "start": DatumTijdInput(),
            "eind": DatumTijdInput(),
            "aanmelding_open": DatumTijdInput(),
            "aanmelding_sluit": DatumTijdInput(),
            "organisator_werkteams": forms.CheckboxSelectMultiple,
            "organisator_organisaties": forms.CheckboxSelectMultiple,
            "organisator_gebruikers": forms.CheckboxSelectMultiple,
            "beschrijving": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "type": _("Choose on purpose: each type brings a different kind of knowledge."),
            "slug": _("The last part of the web address; made from the title when left empty."),
            "online_link": _("Only registrants see this link: in their mails and personal page."),
            "plaatsen_locatie": _("For a hybrid café, places on site and online count apart."),
            "herinnering_uren": _("Registrants get a reminder this many hours before the start."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk is None and "herinnering_uren" not in kwargs.get("initial", {}):
            # A new café starts with the site's default (Site settings); saved cafés keep theirs.
            self.initial["herinnering_uren"] = site_instellingen_get().herinnering_uren_kenniscafe
        # Each type with its meaning and kind of knowledge, so the organiser chooses on purpose.
        self.fields["type"].choices = [
            (
                waarde,
                format_lazy(
                    "{} — {} {}",
                    label,
                    type_uitleg(waarde)["betekenis"],
                    type_uitleg(waarde)["kennis"],
                ),
            )
            for waarde, label in Kenniscafe.Type.choices
        ]
        werkteams = Werkteam.objects.all() if user is None else werkteams_beheerbaar(user)
        # Only the editor's own teams are offered; the service keeps the other organisers.
        self.fields["organisator_werkteams"].queryset = werkteams.select_related(
            "periode"
        ).order_by("-periode__start", "naam")
        # Archived partners are not offered, except those this café already names (the
        # form's initial data holds them, read from the saved café).
        al = self.initial.get("organisator_organisaties") or [] if self.instance.pk else []
        self.fields["organisator_organisaties"].queryset = organisaties_kiesbaar(
            behouden=[getattr(o, "pk", o) for o in al]
        )
        if user is not None and user.is_beheerder:
            # Only a beheerder hands a café to coördinators (who then manage it too).
            self.fields["organisator_gebruikers"].queryset = (
                get_user_model()
                .objects.filter(rol__in=["coordinator", "beheerder"], is_active=True)
                .order_by("first_name", "last_name", "username")
            )
        else:
            del self.fields["organisator_gebruikers"]
        for naam in ("titel", "thema", "locatie", "adres", "organisatoren_tekst"):
            self.fields[naam].validators.append(geen_stuurtekens)
            self.fields[naam].validators.append(geen_html)

    def _verborgen_werkteams(self):
        """Organising teams of this café that the editor was not offered (they stay)."""
        if self.instance.pk is None:
            return Werkteam.objects.none()
        aangeboden = self.fields["organisator_werkteams"].queryset.values("pk")
        return self.instance.organisator_werkteams.exclude(pk__in=aangeboden)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("titel") or "")
        if not slug:
            raise ValidationError(_("Fill in a title or a slug."))
        if slug in GERESERVEERDE_SLUGS:
            raise ValidationError(_("This web address is reserved; choose another."))
        dubbel = Kenniscafe.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists()
        if dubbel:
            raise ValidationError(_("Another knowledge café already uses this web address."))
        return slug

    def clean(self):
        data = super().clean()
        start = data.get("start")
        vorm = data.get("vorm")
        if vorm in (Kenniscafe.Vorm.FYSIEK, Kenniscafe.Vorm.HYBRIDE):
            if not data.get("plaatsen_locatie"):
                self.add_error("plaatsen_locatie", _("Give the number of places on site."))
            if not data.get("locatie"):
                self.add_error("locatie", _("Give the venue."))
        if vorm in (Kenniscafe.Vorm.ONLINE, Kenniscafe.Vorm.HYBRIDE) and not data.get(
            "plaatsen_online"
        ):
            self.add_error("plaatsen_online", _("Give the number of online places."))
        sluit = data.get("aanmelding_sluit")
        if sluit and start and sluit > start:
            self.add_error("aanmelding_sluit", _("Registration must close before the start."))
        opent = data.get("aanmelding_open")
        if opent and sluit and opent >= sluit:
            self.add_error("aanmelding_open", _("Registration must open before it closes."))
        heeft_organisator = (
            data.get("organisator_werkteams")
            or data.get("organisator_organisaties")
            or data.get("organisatoren_tekst")
            or self._verborgen_werkteams().exists()
        )
        if not heeft_organisator:
            self.add_error(
                "organisatoren_tekst",
                _("Name at least one organiser: a work team, an organisation or other."),
            )
        return data


class ProgrammaForm(forms.ModelForm):
    class Meta:
        model = ProgrammaOnderdeel
        fields = ["tijd", "titel", "spreker_naam", "spreker_rol", "spreker_organisatie"]
        widgets = {"tijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("titel", "spreker_naam", "spreker_rol", "spreker_organisatie"):
            self.fields[naam].validators += [geen_stuurtekens, geen_html]


ProgrammaFormSet = inlineformset_factory(
    Kenniscafe, ProgrammaOnderdeel, form=ProgrammaForm, extra=2, can_delete=True, max_num=30
)


class UitnodigingForm(forms.Form):
    """Choose the audiences for a café's announcement."""

    werkteams = forms.ModelMultipleChoiceField(
        label=_("Members of these work teams"),
        queryset=Werkteam.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eerdere_bezoekers = forms.BooleanField(
        label=_("Earlier visitors who asked for invitations"), required=False
    )
    abonnees = forms.BooleanField(
        label=_("Subscribers of the knowledge café mailing list"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A coordinator invites the members of their own teams only (a beheerder: any team).
        self.fields["werkteams"].queryset = werkteams_beheerbaar(user).order_by(
            "-periode__start", "naam"
        )

    def clean(self):
        data = super().clean()
        if not (data.get("werkteams") or data.get("eerdere_bezoekers") or data.get("abonnees")):
            raise ValidationError(_("Choose at least one audience."))
        return data
