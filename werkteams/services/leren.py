"""Writes of what a team learns and does: learning outcomes (with evidence) and activities."""

from datetime import date
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from werkplaats.kern.models import Organisatie

from ..bestanden import bewijs_check
from ..models import Activiteit, Bijeenkomst, Leeropbrengst, Persoon, Werkteam
from ..regels import WerkteamFout, datums_check, doorwerking_check


def _leeropbrengst_check(
    werkteam: Werkteam, *, niveau: str, organisatie, bijeenkomst, activiteit, publicatie
) -> None:
    doorwerking_check(niveau, organisatie)
    for koppeling, object_ in (("bijeenkomst", bijeenkomst), ("activiteit", activiteit)):
        if object_ is not None and object_.werkteam_id != werkteam.pk:
            raise WerkteamFout(_("This does not belong to this team."), koppeling)
    if publicatie is not None and not publicatie.werkteams.filter(pk=werkteam.pk).exists():
        raise WerkteamFout(_("This does not belong to this team."), "publicatie")


@transaction.atomic
def leeropbrengst_create(
    werkteam: Werkteam,
    *,
    niveau: str,
    wat: str,
    datum: date,
    organisatie: Organisatie | None = None,
    persoon: Persoon | None = None,
    bijeenkomst: Bijeenkomst | None = None,
    activiteit: Activiteit | None = None,
    kenniscafe=None,
    publicatie=None,
    bewijs_tekst: str = "",
    bewijs_link: str = "",
    bewijs_bestand: File | None = None,
) -> Leeropbrengst:
    """Record a learning outcome; doorwerking (an organisation) only at organisation level."""
    _leeropbrengst_check(
        werkteam,
        niveau=niveau,
        organisatie=organisatie,
        bijeenkomst=bijeenkomst,
        activiteit=activiteit,
        publicatie=publicatie,
    )
    bewijs_naam = ""
    if bewijs_bestand:
        try:
            bewijs_check(bewijs_bestand)
        except ValidationError as fout:
            raise WerkteamFout(fout.messages[0], "bewijs_bestand") from None
        # Kept for display and the download's file name only; the stored name is random.
        bewijs_naam = PurePath(bewijs_bestand.name).name[:255]
    return Leeropbrengst.objects.create(
        werkteam=werkteam,
        niveau=niveau,
        wat=wat,
        datum=datum,
        organisatie=organisatie,
        persoon=persoon,
        bijeenkomst=bijeenkomst,
        activiteit=activiteit,
        kenniscafe=kenniscafe,
        publicatie=publicatie,
        bewijs_tekst=bewijs_tekst,
        bewijs_link=bewijs_link,
        bewijs_bestand=bewijs_bestand or "",
        bewijs_naam=bewijs_naam,
    )


@transaction.atomic
def activiteit_create(
    werkteam: Werkteam,
    *,
    soort: str,
    titel: str,
    start: date | None = None,
    eind: date | None = None,
    organisaties=(),
    opleiding: str = "",
    aantal_studenten: int | None = None,
    beschrijving: str = "",
) -> Activiteit:
    """Record an activity of the team (guest lesson, pilot, student research, …)."""
    datums_check(start, eind)
    activiteit = Activiteit.objects.create(
        werkteam=werkteam,
        soort=soort,
        titel=titel,
        start=start,
        eind=eind,
        opleiding=opleiding,
        aantal_studenten=aantal_studenten,
        beschrijving=beschrijving,
    )
    activiteit.organisaties.set(organisaties)
    return activiteit
