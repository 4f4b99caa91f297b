"""Factories for the report's inputs (rows of the other apps), kept here so the report's
tests do not depend on the other apps' test modules."""

import datetime

import factory
from django.utils import timezone

from kenniscafes.models import Aanmelding, Evaluatie, Kenniscafe
from publicaties.models import Publicatie
from tests.factories import OrganisatieFactory, PeriodeFactory
from werkteams.models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Werkteam,
)


def moment(datum: str, uur: int = 19) -> datetime.datetime:
    """An aware datetime in the site's time zone on an ISO date."""
    d = datetime.date.fromisoformat(datum)
    return timezone.make_aware(datetime.datetime(d.year, d.month, d.day, uur, 0))


class WerkteamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkteam

    naam = factory.Sequence(lambda n: f"Werkteam {n}")
    slug = factory.Sequence(lambda n: f"werkteam-{n}")
    periode = factory.SubFactory(PeriodeFactory)
    thema = "Een thema"
    opgave = "Een opgave"
    status = Werkteam.Status.ACTIEF


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    naam = factory.Sequence(lambda n: f"Fictief Lid {n}")
    email = factory.Sequence(lambda n: f"lid{n}@voorbeeld.example")
    organisatie = factory.SubFactory(OrganisatieFactory)


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
    titel = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    start = factory.LazyFunction(lambda: moment("2021-02-10", 14))
    vorm = Bijeenkomst.Vorm.FYSIEK


class AanwezigheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanwezigheid

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    lidmaatschap = factory.SubFactory(LidmaatschapFactory)
    status = Aanwezigheid.Status.AANWEZIG


class LeeropbrengstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leeropbrengst

    werkteam = factory.SubFactory(WerkteamFactory)
    niveau = Leeropbrengst.Niveau.INDIVIDUEEL
    wat = "Iets geleerd"
    datum = datetime.date(2021, 5, 1)


class ActiviteitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activiteit

    werkteam = factory.SubFactory(WerkteamFactory)
    soort = Activiteit.Soort.GASTLES
    titel = factory.Sequence(lambda n: f"Activiteit {n}")
    start = datetime.date(2021, 3, 1)


class KenniscafeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kenniscafe

    titel = factory.Sequence(lambda n: f"Kenniscafé {n}")
    slug = factory.Sequence(lambda n: f"kenniscafe-{n}")
    type = Kenniscafe.Type.KLASLOKAAL
    vorm = Kenniscafe.Vorm.ONLINE
    start = factory.LazyFunction(lambda: moment("2021-03-10"))
    eind = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    status = Kenniscafe.Status.GEPUBLICEERD
    plaatsen_online = 100


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanmelding

    kenniscafe = factory.SubFactory(KenniscafeFactory)
    naam = factory.Sequence(lambda n: f"Fictieve Bezoeker {n}")
    email = factory.Sequence(lambda n: f"bezoeker{n}@voorbeeld.example")
    rol = Aanmelding.Rol.PROFESSIONAL
    regio = Aanmelding.Regio.BINNEN
    deelname = Aanmelding.Deelname.ONLINE
    status = Aanmelding.Status.BEVESTIGD


class EvaluatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluatie

    aanmelding = factory.SubFactory(AanmeldingFactory)
    score = 8
    meenemen = "Veel"


class PublicatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publicatie
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Publicatie {n}")
    slug = factory.Sequence(lambda n: f"publicatie-{n}")
    type = Publicatie.Type.ARTIKEL
    jaar = 2021
    status = Publicatie.Status.GEPUBLICEERD

    @factory.post_generation
    def werkteams(self, create, extracted, **kwargs):
        if create and extracted:
            self.werkteams.set(extracted)
