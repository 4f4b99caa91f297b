"""The kenniscafés of the made-up demo werkplaatsen (Nijmegen, Utrecht), from their demo file.

The generators of Zuid-Holland Zuid's cafés do the work: a past café gets registrations
stored already anonymised and about a third of its visitors gave a score; an upcoming one
gets a programme and fictional registrants (and a waiting list when it is full). Dates are
absolute (`datum`) or relative to the day of loading (`dagen_geleden`, `over_dagen`), so
the demo always has cafés ahead. Running it twice changes nothing.
"""

from datetime import date, timedelta

from django.utils import timezone

from kenniscafes.demo import (
    _anonieme_aanmeldingen,
    _cafe,
    _evaluaties,
    _moment,
    komend_cafe,
)
from kenniscafes.models import Evaluatie, Kenniscafe
from werkplaats.kern.huidig import huidige_werkplaats

# Seeds of the fictional registrants: away from the numbers Zuid-Holland Zuid uses.
EERSTE_NUMMER = 40


def _verleden(item: dict, locaties: dict, sleutel: str) -> Kenniscafe:
    if "datum" in item:
        dag, bewaard_dagen = date.fromisoformat(item["datum"]), 730
    else:  # recent: stored as the retention job leaves it, without names
        dag, bewaard_dagen = timezone.localdate() - timedelta(days=item["dagen_geleden"]), 1
    locatie, adres = locaties.get(item["vorm"], ("", ""))
    kenniscafe = _cafe(
        item["slug"],
        {
            "titel": item["titel"],
            "type": item["type"],
            "thema": item.get("thema", ""),
            "beschrijving": item["beschrijving"],
            "start": _moment(dag, 15, 30),
            "eind": _moment(dag, 17, 0),
            "vorm": item["vorm"],
            "locatie": locatie,
            "adres": adres,
            "plaatsen_locatie": 60 if item["vorm"] != "online" else 0,
            "plaatsen_online": 60 if item["vorm"] != "fysiek" else 0,
            "status": Kenniscafe.Status.GEPUBLICEERD,
        },
        organisator=item.get("organisator", ""),
    )
    registraties, bezoekers = item["cijfers"]
    if not kenniscafe.aanmeldingen.exists():
        _anonieme_aanmeldingen(kenniscafe, sleutel, registraties, bezoekers, bewaard_dagen)
    if not Evaluatie.objects.filter(aanmelding__kenniscafe=kenniscafe).exists():
        _evaluaties(kenniscafe, sleutel)
    return kenniscafe


def kenniscafes_load(data: dict) -> dict:
    """The cafés of the demo file in the current werkplaats: past ones with anonymous
    figures and scores, upcoming ones open for registration."""
    werkplaats = huidige_werkplaats()
    locaties = {vorm: tuple(plek) for vorm, plek in data.get("cafe_locaties", {}).items()}
    spreker = data.get("cafe_spreker", "")
    vandaag = timezone.localdate()
    for nummer, item in enumerate(data.get("kenniscafes", []), start=EERSTE_NUMMER):
        if "over_dagen" not in item:
            _verleden(item, locaties, f"{werkplaats.slug}-{item['slug']}")
            continue
        plan = {
            **item,
            "dag": vandaag + timedelta(days=item["over_dagen"]),
            "plaatsen": tuple(item["plaatsen"]),
        }
        komend_cafe(nummer, plan, locaties, spreker)
    return {"kenniscafes": Kenniscafe.objects.count()}
