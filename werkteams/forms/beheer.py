"""The beheerder's form of a team as a whole: period, predecessor, status and dates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.models import Periode

from ..models import Werkteam
from .basis import DatumInput


class VoorgangerVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.periode.naam})"


class WerkteamBeheerForm(EindNaStartMixin, forms.Form):
    """A beheerder moves a team to another period, names its predecessor, sets its status."""

    periode = forms.ModelChoiceField(
        label=_("Period"),
        queryset=Periode.objects.order_by("-start"),
        empty_label=None,
        help_text=_("The period must hold the team's start and end dates."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Werkteam.Status.choices)
    start = forms.DateField(label=_("Start date"), required=False, widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())
    voorganger = VoorgangerVeld(
        label=_("Continues the work of"),
        queryset=None,
        required=False,
        empty_label=_("— no predecessor —"),
        help_text=_("The team whose work this team takes over, usually from an earlier period."),
    )

    def __init__(self, *args, werkteam: Werkteam, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "periode": werkteam.periode_id,
                "status": werkteam.status,
                "start": werkteam.start,
                "eind": werkteam.eind,
                "voorganger": werkteam.voorganger_id,
            },
        )
        super().__init__(*args, **kwargs)
        # Any other team; the service refuses the ones that would close a circle.
        self.fields["voorganger"].queryset = (
            Werkteam.objects.exclude(pk=werkteam.pk)
            .select_related("periode")
            .order_by("-periode__start", "naam")
        )
