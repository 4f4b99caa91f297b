"""Admin: exports and closed years can be looked at, never edited (closed years are frozen)."""

from django.contrib import admin

from werkplaats.kern.admin import AlleenLezenAdmin as AlleenLezen

from .models import Afsluiting, Export


@admin.register(Export)
class ExportAdmin(AlleenLezen):
    list_display = ["aangemaakt", "soort", "periode_label", "status", "aangemaakt_door"]
    list_filter = ["soort", "status"]


@admin.register(Afsluiting)
class AfsluitingAdmin(AlleenLezen):
    list_display = ["jaar", "aangemaakt", "aangemaakt_door"]
    exclude = ["cijfers"]
