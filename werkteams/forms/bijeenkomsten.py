"""Forms of meetings: planning, changing, absence, attendance, minutes and learning goals."""

import uuid
from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.fouten import fout_op_formulier
from werkplaats.kern.selectors import site_instellingen_get

from ..models import Aanwezigheid, Bijeenkomst, Leerdoel, Persoon, Verslagpunt
from ..regels import WerkteamFout, serie_eind_check
from .basis import DatumInput, SchoneTekstMixin, TijdInput

HERHALING_KEUZES = [
    ("eenmalig", _("Once")),
    ("wekelijks", _("Every week")),
    ("tweewekelijks", _("Every two weeks")),
    ("maandelijks", _("Every month, same weekday (e.g. 2nd Tuesday)")),
]


class BijeenkomstVormForm(SchoneTekstMixin, forms.Form):
    """Format, place and agenda of a meeting: planning and changing ask them alike."""

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


class BijeenkomstPlanForm(BijeenkomstVormForm):
    """Plan one meeting or a series."""

    field_order = [
        "titel",
        "eerste",
        "tijd",
        "duur_minuten",
        "herhaling",
        "tot",
        "overslaan",
        "vorm",
        "locatie",
        "online_link",
        "agenda",
    ]

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new meeting starts with the site's default (Site settings); saved meetings keep theirs.
        self.fields[
            "herinnering_dagen"
        ].initial = site_instellingen_get().herinnering_dagen_werkteam

    def clean_overslaan(self):
        data = set()
        for regel in self.cleaned_data["overslaan"].replace(",", "\n").splitlines():
            regel = regel.strip()
            if not regel:
                continue
            for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
                try:
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
        try:
            serie_eind_check(data.get("eerste"), data.get("tot"))
        except WerkteamFout as fout:
            fout_op_formulier(self, fout)
        if data.get("eerste") and data["eerste"] < timezone.localdate():
            self.add_error("eerste", _("A meeting cannot be planned in the past."))
        return data


class BijeenkomstForm(BijeenkomstVormForm):
    """Change one meeting (members get a calendar update)."""

    field_order = ["titel", "dag", "tijd", "duur_minuten"]

    titel = forms.CharField(label=_("Title"), max_length=200)
    dag = forms.DateField(label=_("Date"), widget=DatumInput())
    tijd = forms.TimeField(label=_("Start time"), widget=TijdInput())
    duur_minuten = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=600)

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
    """Attendance per invitee: one radio group per member, shown as one row of a table.

    Absences announced by the personal link are stored as "excused" and so come pre-filled.
    """

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

    def rijen(self) -> list[tuple]:
        """(attendance, bound field) per member, for the table's rows."""
        return [(a, self[f"a{a.pk}"]) for a in self.aanwezigheden]


class AanwezigheidFilterForm(forms.Form):
    """The period of the attendance matrix: a year, or one series of meetings."""

    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    serie = forms.TypedChoiceField(
        label=_("Or one series"), coerce=uuid.UUID, required=False, empty_value=None
    )

    def __init__(self, *args, jaren=(), series=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, j) for j in jaren]
        self.fields["serie"].choices = [("", _("All meetings of the year"))] + list(series)


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

    @classmethod
    def gebonden_aan(cls, bijeenkomst: Bijeenkomst) -> "VerslagForm":
        """The form bound to the saved minutes, to show an error about them next to the text."""
        form = cls(
            {"verslag-incheck": bijeenkomst.incheck, "verslag-verslag": bijeenkomst.verslag},
            prefix="verslag",
        )
        form.is_valid()
        return form


class VerslagpuntForm(SchoneTekstMixin, forms.Form):
    """A decision, or an action with owner and due date.

    The owner is one of the meeting's invitees: `genodigden` is the already-loaded list of
    their people, so the choices cost no query; the queryset only validates the pick.
    """

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

    def __init__(self, *args, genodigden=(), **kwargs):
        super().__init__(*args, **kwargs)
        genodigden = sorted(genodigden, key=lambda p: p.naam)
        veld = self.fields["eigenaar"]
        # Unfiltered: the invitees of a shared team's meeting may be people of each of its
        # werkplaatsen; the list itself comes from the meeting.
        veld.queryset = Persoon._base_manager.filter(pk__in=[p.pk for p in genodigden]).order_by(
            "naam"
        )
        veld.choices = [("", "---------")] + [(p.pk, p.naam) for p in genodigden]


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
