"""Forms of werkteams; domain rules live in services, these check shape and size."""

from datetime import date, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.models import Organisatie, Periode, Sector

from .bestanden import bewijs_check
from .models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Verslagpunt,
    Werkteam,
)
from .selectors import coordinatoren_kiesbaar


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


class WerkteamForm(SchoneTekstMixin, forms.Form):
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

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("The end date cannot be before the start date."))
        return data


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


class WerkteamNieuwForm(SchoneTekstMixin, CoordinatorenForm):
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

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("The end date cannot be before the start date."))
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
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
    )
    functie = forms.CharField(label=_("Function of a new person"), max_length=200, required=False)

    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen

    def persoon_clean(self, data):
        if data.get("persoon") is not None and data.get("bekend_email"):
            self.add_error(
                "bekend_email", _("Pick a person from the list or type an address, not both.")
            )
        if data.get("persoon") is None and not data.get("bekend_email"):
            if not data.get("naam") and "naam" not in self.errors:
                self.add_error("naam", _("Fill in a name, or pick an existing person."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Fill in an e-mail address, or pick an existing person."))

    def nieuw(self) -> dict | None:
        data = self.cleaned_data
        if data.get("persoon") is not None or data.get("bekend_email"):
            return None
        return {
            "naam": data["naam"],
            "email": data["email"],
            "organisatie": data.get("organisatie"),
            "functie": data.get("functie", ""),
        }


class LidToevoegenForm(SchoneTekstMixin, PersoonKeuzeMixin):
    """Add a member to a team."""

    field_order = [
        "persoon",
        "bekend_email",
        "naam",
        "email",
        "organisatie",
        "functie",
        "rol",
        "kerngroep",
        "start",
        "eind",
    ]

    rol = forms.ChoiceField(label=_("Role"), choices=Lidmaatschap.Rol.choices)
    kerngroep = forms.BooleanField(label=_("Member of the core group"), required=False)
    start = forms.DateField(label=_("Start date"), widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())

    def clean(self):
        data = super().clean()
        self.persoon_clean(data)
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("The end date cannot be before the start date."))
        return data


class LidBewerkenForm(SchoneTekstMixin, forms.Form):
    """Change the role, core-group flag or dates of a membership."""

    rol = forms.ChoiceField(label=_("Role"), choices=Lidmaatschap.Rol.choices)
    kerngroep = forms.BooleanField(label=_("Member of the core group"), required=False)
    start = forms.DateField(label=_("Start date"), widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("The end date cannot be before the start date."))
        return data


class LidBeeindigenForm(forms.Form):
    """End a membership on a date."""

    eind = forms.DateField(
        label=_("Last day of membership"), widget=DatumInput(), initial=timezone.localdate
    )


class OverdrachtForm(SchoneTekstMixin, PersoonKeuzeMixin):
    """Hand a place over to a colleague (warme overdracht)."""

    field_order = ["datum", "persoon", "bekend_email", "naam", "email", "organisatie", "functie"]

    datum = forms.DateField(
        label=_("Date the successor starts"), widget=DatumInput(), initial=timezone.localdate
    )

    def clean(self):
        data = super().clean()
        self.persoon_clean(data)
        return data


class SamenstellingForm(forms.Form):
    """Pick the date at which to show the team's composition."""

    datum = forms.DateField(label=_("Composition on"), widget=DatumInput(), required=False)


HERHALING_KEUZES = [
    ("eenmalig", _("Once")),
    ("wekelijks", _("Every week")),
    ("tweewekelijks", _("Every two weeks")),
    ("maandelijks", _("Every month, same weekday (e.g. 2nd Tuesday)")),
]


class BijeenkomstPlanForm(SchoneTekstMixin, forms.Form):
    """Plan one meeting or a series."""

    titel = forms.CharField(label=_("Title"), max_length=200, initial=_("Team meeting"))
    eerste = forms.DateField(label=_("Date (of the first meeting)"), widget=DatumInput())
    tijd = forms.TimeField(label=_("Start time"), widget=TijdInput(), initial=time(15, 0))
    duur_minuten = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=600, initial=120
    )
    herhaling = forms.ChoiceField(
        label=_("Repeat"), choices=HERHALING_KEUZES, initial="eenmalig", widget=forms.RadioSelect
    )
    tot = forms.DateField(label=_("Last date of the series"), required=False, widget=DatumInput())
    overslaan = forms.CharField(
        label=_("Dates to skip"),
        help_text=_("Holidays, one date per line (YYYY-MM-DD or DD-MM-YYYY)."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    vorm = forms.ChoiceField(
        label=_("Format"), choices=Bijeenkomst.Vorm.choices, widget=forms.RadioSelect
    )
    locatie = forms.CharField(label=_("Location"), max_length=250, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    leerdoelen = forms.CharField(
        label=_("Learning goals"),
        help_text=_("One per line."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    herinnering_dagen = forms.IntegerField(
        label=_("Reminder (days before)"),
        help_text=_("0: no reminder."),
        min_value=0,
        max_value=30,
        initial=2,
    )

    def clean_overslaan(self):
        data = set()
        for regel in self.cleaned_data["overslaan"].replace(",", "\n").splitlines():
            regel = regel.strip()
            if not regel:
                continue
            for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
                try:
                    from datetime import datetime

                    data.add(datetime.strptime(regel, formaat).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("“%(regel)s” is not a date. Use YYYY-MM-DD or DD-MM-YYYY."),
                    params={"regel": regel[:40]},
                )
        return data

    def clean_leerdoelen(self):
        regels = [r.strip() for r in self.cleaned_data["leerdoelen"].splitlines() if r.strip()]
        if any(len(r) > 500 for r in regels):
            raise forms.ValidationError(_("Keep each learning goal under 500 characters."))
        return regels

    def clean(self):
        data = super().clean()
        if data.get("herhaling", "eenmalig") != "eenmalig" and not data.get("tot"):
            self.add_error("tot", _("Give the last date of the series."))
        if data.get("tot") and data.get("eerste") and data["tot"] < data["eerste"]:
            self.add_error("tot", _("The series cannot end before its first meeting."))
        if data.get("eerste") and data["eerste"] < timezone.localdate():
            self.add_error("eerste", _("A meeting cannot be planned in the past."))
        return data


class BijeenkomstForm(SchoneTekstMixin, forms.Form):
    """Change one meeting (members get a calendar update)."""

    titel = forms.CharField(label=_("Title"), max_length=200)
    dag = forms.DateField(label=_("Date"), widget=DatumInput())
    tijd = forms.TimeField(label=_("Start time"), widget=TijdInput())
    duur_minuten = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=600)
    vorm = forms.ChoiceField(
        label=_("Format"), choices=Bijeenkomst.Vorm.choices, widget=forms.RadioSelect
    )
    locatie = forms.CharField(label=_("Location"), max_length=250, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_van(cls, bijeenkomst: Bijeenkomst) -> dict:
        start = timezone.localtime(bijeenkomst.start)
        return {
            "titel": bijeenkomst.titel,
            "dag": start.date(),
            "tijd": start.time().replace(second=0, microsecond=0),
            "duur_minuten": bijeenkomst.duur_minuten,
            "vorm": bijeenkomst.vorm,
            "locatie": bijeenkomst.locatie,
            "online_link": bijeenkomst.online_link,
            "agenda": bijeenkomst.agenda,
        }


class AfmeldForm(SchoneTekstMixin, forms.Form):
    """A member reports absence by their personal link."""

    reden = forms.CharField(
        label=_("Reason (only the coordinators see it)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AanwezigheidForm(forms.Form):
    """Attendance per invitee: one radio group per member."""

    def __init__(self, *args, aanwezigheden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.aanwezigheden = list(aanwezigheden)
        keuzes = [
            (code, label)
            for code, label in Aanwezigheid.Status.choices
            if code != Aanwezigheid.Status.ONBEKEND
        ]
        for aanwezigheid in self.aanwezigheden:
            persoon = aanwezigheid.lidmaatschap.persoon
            self.fields[f"a{aanwezigheid.pk}"] = forms.ChoiceField(
                label=persoon.naam,
                choices=keuzes,
                required=False,
                widget=forms.RadioSelect,
                initial=aanwezigheid.status,
            )

    def statussen(self) -> dict[int, str]:
        return {
            a.pk: self.cleaned_data[f"a{a.pk}"]
            for a in self.aanwezigheden
            if self.cleaned_data.get(f"a{a.pk}")
        }


class VerslagForm(SchoneTekstMixin, forms.Form):
    """Check-in notes and minutes."""

    incheck = forms.CharField(
        label=_("Check-in notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    verslag = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class VerslagpuntForm(SchoneTekstMixin, forms.Form):
    """A decision, or an action with owner and due date."""

    soort = forms.ChoiceField(
        label=_("Kind"), choices=Verslagpunt.Soort.choices, widget=forms.RadioSelect
    )
    tekst = forms.CharField(label=_("Text"), max_length=500)
    eigenaar = forms.ModelChoiceField(
        label=_("Owner (actions only)"), queryset=None, required=False
    )
    deadline = forms.DateField(
        label=_("Due date (actions only)"), required=False, widget=DatumInput()
    )

    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = personen


class LeerdoelResultaatForm(forms.Form):
    """Mark each learning goal of a meeting reached, partly or not."""

    def __init__(self, *args, leerdoelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.leerdoelen = list(leerdoelen)
        for doel in self.leerdoelen:
            self.fields[f"d{doel.pk}"] = forms.ChoiceField(
                label=doel.omschrijving,
                choices=Leerdoel.Resultaat.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=doel.resultaat,
            )

    def resultaten(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data.get(f"d{d.pk}", "") for d in self.leerdoelen}


class LeerdoelForm(SchoneTekstMixin, forms.Form):
    """Add a learning goal to a meeting."""

    omschrijving = forms.CharField(label=_("New learning goal"), max_length=500)


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
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
    )
    persoon = forms.ModelChoiceField(label=_("Who (optional)"), queryset=None, required=False)
    bijeenkomst = forms.ModelChoiceField(label=_("Meeting"), queryset=None, required=False)
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
        self.fields["bijeenkomst"].queryset = Bijeenkomst.objects.filter(
            werkteam=werkteam
        ).order_by("-start")
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
        if data.get("niveau") == Leeropbrengst.Niveau.ORGANISATIE and not data.get("organisatie"):
            self.add_error(
                "organisatie", _("Say which organisation this lesson reached (doorwerking).")
            )
        if (
            data.get("niveau")
            and data.get("niveau") != Leeropbrengst.Niveau.ORGANISATIE
            and data.get("organisatie")
        ):
            self.add_error(
                "organisatie", _("Only an outcome at organisation level reaches an organisation.")
            )
        return data


class ActiviteitForm(SchoneTekstMixin, forms.Form):
    """Record an activity of the team."""

    soort = forms.ChoiceField(label=_("Type"), choices=Activiteit.Soort.choices)
    titel = forms.CharField(label=_("Title"), max_length=250)
    start = forms.DateField(label=_("Start date"), required=False, widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisatie.objects.order_by("naam"),
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

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("The end date cannot be before the start date."))
        return data
