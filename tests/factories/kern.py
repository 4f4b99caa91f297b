"""Factories for the ground floor, and the small helpers every test's data uses."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from werkplaats.kern.models import Organisatie, Periode, Sector, SiteInstellingen


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@voorbeeld.example")
    first_name = "Fictief"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password("geheim-wachtwoord-123")
    rol = "lid"


class BeheerderFactory(GebruikerFactory):
    rol = "beheerder"
    is_staff = True
    is_superuser = True


class CoordinatorFactory(GebruikerFactory):
    rol = "coordinator"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    sector = Sector.ZORG_WELZIJN


class PeriodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Periode
        django_get_or_create = ("naam",)

    naam = "2020-2022"
    start = datetime.date(2020, 1, 1)
    eind = datetime.date(2022, 12, 31)


class SiteInstellingenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteInstellingen

    naam = "Werkplaats Sociaal Domein Testregio"
    regio = "Testregio"
    contact_email = "info@werkplaats.example"
    adres = "Teststraat 1\n1234 AB Teststad"


def moment(datum: str, uur: int = 19) -> datetime.datetime:
    """An aware datetime in the site's time zone on an ISO date."""
    d = datetime.date.fromisoformat(datum)
    return timezone.make_aware(datetime.datetime(d.year, d.month, d.day, uur, 0))


def na_commit():
    """Run after-commit callbacks (queued mail) at the end of the block: the test is one transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
