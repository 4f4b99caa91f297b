"""Factories for kenniscafés; every person is fictional."""

import datetime

import factory
from django.utils import timezone

from kenniscafes.models import Aanmelding, Evaluatie, Kenniscafe, ProgrammaOnderdeel


class KenniscafeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kenniscafe

    titel = factory.Sequence(lambda n: f"Kenniscafé {n}")
    slug = factory.Sequence(lambda n: f"kenniscafe-{n}")
    type = Kenniscafe.Type.KLASLOKAAL
    thema = "Armoede en schulden"
    beschrijving = "Een fictief kenniscafé voor de tests."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    eind = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    vorm = Kenniscafe.Vorm.FYSIEK
    locatie = "Buurthuis De Fictie"
    adres = "Voorbeeldstraat 1, Dordrecht"
    online_link = "https://meet.example/geheim-kenniscafe"
    plaatsen_locatie = 40
    plaatsen_online = 0
    organisatoren_tekst = "Studenten Social Work"
    status = Kenniscafe.Status.GEPUBLICEERD


class ProgrammaOnderdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammaOnderdeel

    kenniscafe = factory.SubFactory(KenniscafeFactory)
    titel = "Opening"
    spreker_naam = "Fictieve Spreker"


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanmelding

    kenniscafe = factory.SubFactory(KenniscafeFactory)
    naam = factory.Sequence(lambda n: f"Fictieve Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@fictief.example")
    organisatie = "Fictieve Organisatie"
    rol = Aanmelding.Rol.PROFESSIONAL
    regio = Aanmelding.Regio.BINNEN
    deelname = Aanmelding.Deelname.LOCATIE
    status = Aanmelding.Status.BEVESTIGD


class EvaluatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluatie

    aanmelding = factory.SubFactory(AanmeldingFactory)
    score = 8
    meenemen = "Veel"


def gegevens(**extra) -> dict:
    """Valid cleaned registration data."""
    return {
        "naam": "Fictieve Deelnemer",
        "email": "deelnemer@fictief.example",
        "organisatie": "Gemeente Voorbeeld",
        "rol": "professional",
        "sector": "gemeente",
        "regio": "binnen",
        "opleiding": "",
        "registratienummer": "",
        "opmerkingen": "",
        "uitnodigingen_ok": False,
        **extra,
    }
