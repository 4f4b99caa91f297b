"""Factories for the ground floor, and the small helpers every test's data uses."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from werkplaats.kern.huidig import huidige_werkplaats
from werkplaats.kern.models import (
    Organisatie,
    Periode,
    Sector,
    Werkplaats,
    WerkplaatsHost,
    WerkplaatsRol,
)


class GebruikerFactory(factory.django.DjangoModelFactory):
    """A user; `rol` is their role in the werkplaats the test acts in (or in `werkplaats=`).
    Every user made here belongs to that werkplaats, a plain one as "lid"."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@voorbeeld.example")
    first_name = "Fictief"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password("geheim-wachtwoord-123")
    rol = "lid"

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        rol = kwargs.pop("rol", None)
        werkplaats = kwargs.pop("werkplaats", None) or huidige_werkplaats()
        gebruiker = super()._build(model_class, *args, **kwargs)
        gebruiker._rollen = {werkplaats.pk: rol} if rol and werkplaats is not None else {}
        return gebruiker

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        rol = kwargs.pop("rol", None)
        werkplaats = kwargs.pop("werkplaats", None) or huidige_werkplaats()
        gebruiker = super()._create(model_class, *args, **kwargs)
        if rol and werkplaats is not None:
            WerkplaatsRol.objects.update_or_create(
                gebruiker=gebruiker, werkplaats=werkplaats, defaults={"rol": rol}
            )
        gebruiker.__dict__.pop("_rollen", None)
        return gebruiker


def rol_geef(gebruiker, rol: str, werkplaats=None) -> None:
    """Give `gebruiker` `rol` in `werkplaats` (default: the one the test acts in)."""
    WerkplaatsRol.objects.update_or_create(
        gebruiker=gebruiker,
        werkplaats=werkplaats or huidige_werkplaats(),
        defaults={"rol": rol},
    )
    gebruiker.__dict__.pop("_rollen", None)


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
    """The settings of the werkplaats the test acts in (tests/conftest.py makes it): filled
    in with these values, or with the ones a test passes."""

    class Meta:
        model = Werkplaats

    naam = "Werkplaats Sociaal Domein Testregio"
    regio = "Testregio"
    contact_email = "info@werkplaats.example"
    adres = "Teststraat 1\n1234 AB Teststad"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        werkplaats = huidige_werkplaats()
        if werkplaats is None:
            return super()._create(model_class, *args, **kwargs)
        for veld, waarde in kwargs.items():
            setattr(werkplaats, veld, waarde)
        werkplaats.save()
        return werkplaats


class WerkplaatsFactory(factory.django.DjangoModelFactory):
    """Another werkplaats, with one host name `<slug>.testserver`."""

    class Meta:
        model = Werkplaats
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Werkplaats Sociaal Domein Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")
    regio = factory.Sequence(lambda n: f"Regio {n}")

    @factory.post_generation
    def hosts(self, create, hosts, **kwargs):
        if create:
            for volgorde, host in enumerate(hosts or [f"{self.slug}.testserver"]):
                WerkplaatsHost.objects.create(werkplaats=self, host=host, primair=volgorde == 0)


def moment(datum: str, uur: int = 19) -> datetime.datetime:
    """An aware datetime in the site's time zone on an ISO date."""
    d = datetime.date.fromisoformat(datum)
    return timezone.make_aware(datetime.datetime(d.year, d.month, d.day, uur, 0))


def na_commit():
    """Run after-commit callbacks (queued mail) at the end of the block: the test is one transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
