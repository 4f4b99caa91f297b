"""Admin: exports and closed years can be looked at, never edited (closed years are frozen)."""

from django.contrib import admin

from .models import Afsluiting, Export


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Export)
class ExportAdmin(AlleenLezen):
    list_display = ["aangemaakt", "soort", "periode_label", "status", "aangemaakt_door"]
    list_filter = ["soort", "status"]


@admin.register(Afsluiting)
class AfsluitingAdmin(AlleenLezen):
    list_display = ["jaar", "aangemaakt", "aangemaakt_door"]
    exclude = ["cijfers"]
