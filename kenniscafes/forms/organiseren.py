"""Forms for organisers: the café with its programme, and invitations."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.models import met_rol_hier
from werkplaats.kern.selectors import organisaties_kiesbaar, site_instellingen_get
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from ..models import Kenniscafe, ProgrammaOnderdeel
from ..selectors import type_uitleg
from .publiek import GERESERVEERDE_SLUGS, geen_html, geen_stuurtekens


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
                .objects.filter(met_rol_hier("coordinator", "beheerder"), is_active=True)
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
