"""Forms of members: adding, changing, ending and handing over a membership."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.forms import EindNaStartMixin

from ..models import Lidmaatschap
from .basis import DatumInput, PersoonKeuzeMixin, SchoneTekstMixin


class LidBewerkenForm(EindNaStartMixin, SchoneTekstMixin, forms.Form):
    """Change the role, core-group flag or dates of a membership."""

    rol = forms.ChoiceField(label=_("Role"), choices=Lidmaatschap.Rol.choices)
    kerngroep = forms.BooleanField(label=_("Member of the core group"), required=False)
    start = forms.DateField(label=_("Start date"), widget=DatumInput())
    eind = forms.DateField(label=_("End date"), required=False, widget=DatumInput())

    @classmethod
    def initial_van(cls, lid: Lidmaatschap) -> dict:
        return {"rol": lid.rol, "kerngroep": lid.kerngroep, "start": lid.start, "eind": lid.eind}


class LidToevoegenForm(PersoonKeuzeMixin, LidBewerkenForm):
    """Add a member to a team: the person (picked or new), then role and dates."""

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

    @classmethod
    def initial_nieuw(cls) -> dict:
        return {"start": timezone.localdate(), "rol": Lidmaatschap.Rol.PROFESSIONAL}


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


class SamenstellingForm(forms.Form):
    """Pick the date at which to show the team's composition."""

    datum = forms.DateField(label=_("Composition on"), widget=DatumInput(), required=False)
