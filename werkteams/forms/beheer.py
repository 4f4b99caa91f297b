"""The beheerder's form of a team as a whole: period, predecessor, status and dates, and
for a national project the werkplaatsen that run it together."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin
from werkplaats.kern.huidig import huidige_werkplaats_id
from werkplaats.kern.models import Periode, Werkplaats
from werkplaats.kern.paginacache import inhoud_memo, proces_memo, werkplaatsen_versie

from ..models import Werkteam
from .basis import DatumInput


class VoorgangerVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.periode.naam})"


def _werkplaatsen_actief() -> list[tuple[int, str]]:
    """(id, name) of every active werkplaats, kept per version of the werkplaatsen."""
    return proces_memo(
        "werkplaatsen-actief",
        maak=lambda: list(
            Werkplaats.objects.filter(actief=True).order_by("naam").values_list("pk", "naam")
        ),
        versie=werkplaatsen_versie(),
    )


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
    deelnemende_werkplaatsen = forms.ModelMultipleChoiceField(
        label=_("National project with"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The other werkplaatsen that run this team with yours. Their coordinators and "
            "members take part, and the team shows on their sites and in their reports."
        ),
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
        if huidige_werkplaats_id() in (None, werkteam.werkplaats_id):
            # Werkplaatsen are no werkplaats's own rows: every other active one may join.
            # The queryset validates a choice; the choices and the current participants
            # are kept per version, so the form costs no query more than before (pinned).
            veld = self.fields["deelnemende_werkplaatsen"]
            veld.queryset = Werkplaats.objects.filter(actief=True).exclude(
                pk=werkteam.werkplaats_id
            )
            veld.choices = [
                (pk, naam) for pk, naam in _werkplaatsen_actief() if pk != werkteam.werkplaats_id
            ]
            self.initial.setdefault(
                "deelnemende_werkplaatsen",
                inhoud_memo(
                    "werkteam-deelnemers",
                    werkteam.pk,
                    maak=lambda: list(
                        werkteam.deelnemende_werkplaatsen.values_list("pk", flat=True)
                    ),
                ),
            )
        else:
            # A participant: period and predecessor are the owning werkplaats's, shown as
            # they are; who takes part is the owner's to say.
            del self.fields["deelnemende_werkplaatsen"]
            for naam, queryset, waarde in (
                ("periode", Periode._base_manager, werkteam.periode_id),
                (
                    "voorganger",
                    Werkteam._base_manager.select_related("periode"),
                    werkteam.voorganger_id,
                ),
            ):
                veld = self.fields[naam]
                veld.queryset = queryset.filter(pk=waarde)
                veld.disabled = True
                veld.help_text = _("Set by the werkplaats that runs this national project.")
