"""Forms of the kennisbank: the search request and the editor's publication form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenniscafes.selectors import kenniscafes_kiesbaar
from werkteams.models import Werkteam
from werkteams.selectors import werkteams_beheerbaar

from . import bestanden
from .models import Bijlage, Publicatie, Thema
from .services import VELDEN, AuteurInvoer, PublicatieInvoer
from .zoeken import FACETTEN, SORTERINGEN, Zoekvraag

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
CONTROLETEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def zoekvraag_from_request(params) -> Zoekvraag:
    """Read a search from the query string; unknown or malformed values are ignored."""
    q = CONTROLETEKENS.sub("", params.get("q", ""))[:200].strip()
    typen = {k for k, _ in Publicatie.Type.choices}
    kennisvormen = {k for k, _ in Publicatie.Kennisvorm.choices}
    doelgroepen = {k for k, _ in Publicatie.Doelgroep.choices}

    def lijst(naam, toegestaan=None, patroon=None):
        waarden = []
        for waarde in params.getlist(naam)[:30]:
            if toegestaan is not None and waarde not in toegestaan:
                continue
            if patroon is not None and not patroon.match(waarde):
                continue
            if waarde not in waarden:
                waarden.append(waarde)
        return waarden

    jaren = sorted(
        {int(j) for j in params.getlist("jaar")[:30] if j.isdigit() and 1900 <= int(j) <= 2100},
        reverse=True,
    )
    sortering = params.get("sortering", "relevantie")
    pagina = params.get("pagina", "1")
    return Zoekvraag(
        q=q,
        type=lijst("type", typen),
        jaar=jaren,
        thema=lijst("thema", patroon=SLUG),
        werkteam=lijst("werkteam", patroon=SLUG),
        kennisvorm=lijst("kennisvorm", kennisvormen),
        doelgroep=lijst("doelgroep", doelgroepen),
        sortering=sortering if sortering in SORTERINGEN else "relevantie",
        pagina=int(pagina) if pagina.isdigit() and 0 < len(pagina) < 5 else 1,
        meer=lijst("meer", {naam for naam, _ in FACETTEN}),
    )


assert {naam for naam, _ in FACETTEN} <= set(Zoekvraag.__dataclass_fields__)


def auteurs_parse(tekst: str) -> list[AuteurInvoer]:
    """One author per line: "Surname, Given names | Affiliation" or "Organisation"."""
    auteurs = []
    for nummer, regel in enumerate((tekst or "").splitlines(), start=1):
        regel = regel.strip()
        if not regel:
            continue
        if len(regel) > 300:
            raise ValidationError(
                _("Line %(nummer)s is too long (at most 300 characters)."),
                params={"nummer": nummer},
            )
        naam, _sep, affiliatie = regel.partition("|")
        naam, affiliatie = naam.strip(), affiliatie.strip()
        if not naam:
            raise ValidationError(
                _("Line %(nummer)s has no name before the |."), params={"nummer": nummer}
            )
        if "," in naam:
            achternaam, _sep, voornamen = naam.partition(",")
            achternaam, voornamen = achternaam.strip(), voornamen.strip()
            if not achternaam or not voornamen or "," in voornamen:
                raise ValidationError(
                    _(
                        "Line %(nummer)s: write a person as 'Surname, Given names' "
                        "(one comma) or an organisation without a comma."
                    ),
                    params={"nummer": nummer},
                )
            auteurs.append(AuteurInvoer(achternaam, voornamen, False, affiliatie))
        else:
            auteurs.append(AuteurInvoer(naam, "", True, affiliatie))
    if len(auteurs) > 50:
        raise ValidationError(_("At most 50 authors."))
    return auteurs


def auteurs_as_text(publicatie: Publicatie) -> str:
    regels = []
    for a in publicatie.auteurschappen.all():
        naam = a.achternaam if a.is_organisatie else f"{a.achternaam}, {a.voornamen}"
        regels.append(f"{naam} | {a.affiliatie}" if a.affiliatie else naam)
    return "\n".join(regels)


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenField(forms.FileField):
    """Several files in one <input type=file multiple> (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestandenInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MeerdereBestandenField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class VeiligeTekstMixin:
    """Refuse invisible control characters in every text field."""

    def clean(self):
        cleaned = super().clean()
        for naam, waarde in list(cleaned.items()):
            if isinstance(waarde, str) and CONTROLETEKENS.search(waarde):
                self.add_error(naam, _("This text contains invisible control characters."))
        return cleaned


class PublicatieForm(VeiligeTekstMixin, forms.ModelForm):
    """What an editor fills in; files are checked by content before anything is stored."""

    auteurs = forms.CharField(
        label=_("Authors"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_(
            "One per line, in order. A person as 'Surname, Given names', an organisation "
            "without a comma. Add the affiliation at the time after a |, e.g. "
            "'ter Avest, David | Hogeschool Inholland'."
        ),
    )
    kennisvormen = forms.MultipleChoiceField(
        label=_("Kinds of knowledge"),
        choices=Publicatie.Kennisvorm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    doelgroepen = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Publicatie.Doelgroep.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Thema.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    werkteams = forms.ModelMultipleChoiceField(
        label=_("Work teams"),
        queryset=Werkteam.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nieuwe_bijlage = MeerdereBestandenField(
        label=_("Add attachments"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint or OpenDocument; you may choose several. Files are "
            "stored only when you save, not with a preview."
        ),
    )
    bijlagen_verwijderen = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=Bijlage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nieuwe_audio = forms.FileField(
        label=_("Audio (podcast episodes)"),
        required=False,
        help_text=_("MP3, M4A or Ogg. Replaces the current audio."),
    )
    audio_verwijderen = forms.BooleanField(label=_("Remove the audio"), required=False)

    class Meta:
        model = Publicatie
        fields = [
            "titel",
            "type",
            "status",
            "auteurs",
            "jaar",
            "datum",
            "samenvatting",
            "inhoud",
            "verschenen_in",
            "externe_link",
            "taal",
            "themas",
            "werkteams",
            "kenniscafe",
            "kennisvormen",
            "doelgroepen",
            "licentie",
        ]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "samenvatting": forms.Textarea(attrs={"rows": 4}),
            "inhoud": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "inhoud": _(
                "Markdown: **bold**, *italic*, [link](https://…), lists with -. "
                "Scripts and styles are removed."
            ),
            "verschenen_in": _("Journal, magazine, series or podcast in which it appeared."),
            "status": _("Drafts are visible only to editors."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, maximum in (("samenvatting", 5000), ("inhoud", 100000)):
            self.fields[naam].max_length = maximum
            self.fields[naam].validators.append(MaxLengthValidator(maximum))
            self.fields[naam].widget.attrs["maxlength"] = str(maximum)
        self.fields["externe_link"].assume_scheme = "https"
        # Only the editor's own teams and the cafés they may see; the service keeps the rest.
        self.fields["werkteams"].queryset = (
            werkteams_beheerbaar(user).select_related("periode").order_by("-periode__start", "naam")
        )
        self.fields["kenniscafe"].queryset = kenniscafes_kiesbaar(
            user, huidig_id=self.instance.kenniscafe_id
        )
        self.fields["jaar"].initial = self.fields["jaar"].initial or timezone.localdate().year
        if self.instance.pk:
            self.fields["auteurs"].initial = auteurs_as_text(self.instance)
            self.fields["bijlagen_verwijderen"].queryset = self.instance.bijlagen.all()
            if not self.instance.bijlagen.exists():
                del self.fields["bijlagen_verwijderen"]
            if not self.instance.audio:
                del self.fields["audio_verwijderen"]
        else:
            del self.fields["bijlagen_verwijderen"]
            del self.fields["audio_verwijderen"]

    def clean_titel(self):
        titel = self.cleaned_data["titel"].strip()
        if not titel:
            raise ValidationError(_("Enter a title."))
        return titel

    def clean_auteurs(self):
        auteurs = auteurs_parse(self.cleaned_data["auteurs"])
        if not auteurs:
            raise ValidationError(_("Add at least one author (a person or an organisation)."))
        return auteurs

    def clean_jaar(self):
        jaar = self.cleaned_data["jaar"]
        if jaar is not None and jaar > timezone.localdate().year + 1:
            raise ValidationError(_("The year lies too far in the future."))
        return jaar

    def clean_nieuwe_bijlage(self):
        lijst = self.cleaned_data.get("nieuwe_bijlage") or []
        if len(lijst) > 10:
            raise ValidationError(_("Add at most 10 files at a time."))
        fouten = []
        for bestand in lijst:
            try:
                bestanden.document_check(bestand)
            except ValidationError as fout:
                fouten += [f"{bestand.name}: {m}" for m in fout.messages]
        if fouten:
            raise ValidationError(fouten)
        return lijst

    def clean_nieuwe_audio(self):
        bestand = self.cleaned_data.get("nieuwe_audio")
        if bestand:
            bestanden.audio_check(bestand)
        return bestand

    def clean(self):
        cleaned = super().clean()
        datum, jaar = cleaned.get("datum"), cleaned.get("jaar")
        if datum and jaar and datum.year != jaar:
            self.add_error("datum", _("The date must fall in the year you entered."))
        if cleaned.get("nieuwe_audio") and cleaned.get("type") != Publicatie.Type.PODCASTAFLEVERING:
            self.add_error("nieuwe_audio", _("Audio belongs to podcast episodes only."))
        return cleaned

    def service_kwargs(self) -> PublicatieInvoer:
        """The cleaned data in the shape publicatie_create/update take."""
        c = self.cleaned_data
        return {
            "gegevens": {veld: c[veld] for veld in VELDEN if veld in c},
            "auteurs": c["auteurs"],
            "themas": list(c.get("themas") or []),
            "werkteams": list(c.get("werkteams") or []),
            "nieuwe_bijlagen": list(c.get("nieuwe_bijlage") or []),
            "bijlagen_verwijderen": list(c.get("bijlagen_verwijderen") or []),
            "audio": c.get("nieuwe_audio") or None,
            "audio_verwijderen": bool(c.get("audio_verwijderen")),
        }
