"""Forms of the user pages; werkplaats.kern.beheer.gebruikers does the writing and checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Gebruiker


class GebruikerZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput()
    )


class UitnodigingForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    voornaam = forms.CharField(label=_("First name"), max_length=150)
    achternaam = forms.CharField(label=_("Last name"), max_length=150, required=False)
    rol = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Gebruiker.Rol.COORDINATOR, Gebruiker.Rol.COORDINATOR.label),
            (Gebruiker.Rol.BEHEERDER, Gebruiker.Rol.BEHEERDER.label),
        ],
    )


class RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Role"), choices=Gebruiker.Rol.choices)
