"""Factories for werkteams; every person is fictional."""

import datetime

import factory
from django.utils import timezone

from werkteams.models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Werkteam,
)

from .kern import OrganisatieFactory, PeriodeFactory


class WerkteamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkteam

    naam = factory.Sequence(lambda n: f"Werkteam {n}")
    slug = factory.Sequence(lambda n: f"werkteam-{n}")
    periode = factory.SubFactory(PeriodeFactory)
    thema = "Armoede en schulden"
    opgave = "Bewoners krijgen sneller de juiste hulp."
    status = Werkteam.Status.ACTIEF
    start = datetime.date(2020, 1, 1)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    naam = factory.Sequence(lambda n: f"Fictief Lid {n}")
    email = factory.Sequence(lambda n: f"lid{n}@fictief.example")
    organisatie = factory.SubFactory(OrganisatieFactory)
    functie = "Professional (fictief)"


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    werkteam = factory.SubFactory(WerkteamFactory)
    persoon = factory.SubFactory(PersoonFactory)
    rol = Lidmaatschap.Rol.PROFESSIONAL
    start = datetime.date(2020, 1, 1)


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    werkteam = factory.SubFactory(WerkteamFactory)
    titel = "Werkteambijeenkomst"
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    duur_minuten = 120
    vorm = Bijeenkomst.Vorm.FYSIEK
    locatie = "Voorbeeldlokaal"


class AanwezigheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanwezigheid

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    lidmaatschap = factory.SubFactory(
        LidmaatschapFactory, werkteam=factory.SelfAttribute("..bijeenkomst.werkteam")
    )


class LeerdoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerdoel

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    omschrijving = factory.Sequence(lambda n: f"Leerdoel {n}")


class ActiviteitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activiteit

    werkteam = factory.SubFactory(WerkteamFactory)
    soort = Activiteit.Soort.GASTLES
    titel = factory.Sequence(lambda n: f"Gastles {n}")
    start = datetime.date(2021, 3, 1)


class LeeropbrengstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leeropbrengst

    werkteam = factory.SubFactory(WerkteamFactory)
    niveau = Leeropbrengst.Niveau.TEAM
    wat = factory.Sequence(lambda n: f"Geleerd {n}")
    datum = datetime.date(2021, 5, 1)
