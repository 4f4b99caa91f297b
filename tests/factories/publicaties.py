"""Factories for the kennisbank. Rows are indexed after creation, as the service does."""

import factory

from publicaties.models import Auteurschap, Publicatie, Thema
from publicaties.services import zoekindex_update
from publicaties.tekst import inhoud_to_html


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class PublicatieFactory(factory.django.DjangoModelFactory):
    """A published publication with one author; pass auteurs=[...] / themas / werkteams."""

    class Meta:
        model = Publicatie
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Publicatie nummer {n}")
    slug = factory.Sequence(lambda n: f"publicatie-{n}")
    type = Publicatie.Type.ARTIKEL
    jaar = 2022
    samenvatting = ""
    inhoud = ""
    status = Publicatie.Status.GEPUBLICEERD
    inhoud_html = factory.LazyAttribute(lambda o: inhoud_to_html(o.inhoud))

    @factory.post_generation
    def auteurs(self, create, extracted, **kwargs):
        namen = extracted if extracted is not None else [("Fictief", "Auteur")]
        for i, naam in enumerate(namen, start=1):
            voornamen, achternaam = naam if isinstance(naam, tuple) else ("", naam)
            Auteurschap.objects.create(
                publicatie=self,
                volgorde=i,
                voornamen=voornamen,
                achternaam=achternaam,
                is_organisatie=not voornamen,
            )

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if extracted:
            self.themas.set(extracted)

    @factory.post_generation
    def werkteams(self, create, extracted, **kwargs):
        if extracted:
            self.werkteams.set(extracted)

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        zoekindex_update([self.pk])
        self.refresh_from_db()
