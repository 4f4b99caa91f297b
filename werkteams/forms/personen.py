"""Forms of the people pages of beheerders: search, change and the choices of a merge."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.models import Organisatie

from ..models import Persoon
from .basis import SchoneTekstMixin


class PersoonZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, e-mail or organisation"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(),
    )


class PersoonForm(SchoneTekstMixin, forms.ModelForm):
    """Name, e-mail, organisation and function; the service checks the rules across rows."""

    class Meta:
        model = Persoon
        fields = ["naam", "email", "organisatie", "functie"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived organisations are not offered, except the one the person has now.
        huidige = self.instance.organisatie_id if self.instance else None
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            Q(gearchiveerd=False) | Q(pk=huidige)
        ).order_by("naam", "afdeling")

    def _post_clean(self):
        # No model validation: the unique e-mail check lives in persoon_update, with one message.
        pass


KEUZE_VELDEN = [
    ("naam", _("Name")),
    ("email", _("E-mail address")),
    ("organisatie", _("Organisation")),
    ("functie", _("Function")),
]


class SamenvoegenForm(forms.Form):
    """For each detail, which of the two people's values the merged person keeps."""

    def __init__(self, *args, een: Persoon, ander: Persoon, **kwargs):
        super().__init__(*args, **kwargs)
        self.een, self.ander = een, ander
        for veld, label in KEUZE_VELDEN:
            waarden = [getattr(p, veld) or "—" for p in (een, ander)]
            self.fields[veld] = forms.TypedChoiceField(
                label=label,
                choices=[(str(een.pk), str(waarden[0])), (str(ander.pk), str(waarden[1]))],
                coerce=int,
                initial=str(een.pk if getattr(een, veld) or not getattr(ander, veld) else ander.pk),
                widget=forms.RadioSelect,
            )
