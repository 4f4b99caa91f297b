from django.contrib import admin

from .models import Auteurschap, Bijlage, Publicatie, Thema
from .services import zoekindex_update
from .tekst import inhoud_to_html


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    prepopulated_fields = {"slug": ["naam"]}
    search_fields = ["naam"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Theme names are part of every tagged publication's search text.
        zoekindex_update(list(obj.publicaties.values_list("id", flat=True)))


class AuteurschapInline(admin.TabularInline):
    model = Auteurschap
    extra = 0


class BijlageInline(admin.TabularInline):
    model = Bijlage
    extra = 0
    fields = ["naam", "mimetype", "grootte", "aangemaakt"]
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through the site's form, which checks the content


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):
    """For corrections; editors normally work in the site (with preview and file checks)."""

    list_display = ["titel", "type", "jaar", "status", "gewijzigd"]
    list_filter = ["status", "type", "jaar", "themas"]
    search_fields = ["titel", "auteurs_tekst"]
    inlines = [AuteurschapInline, BijlageInline]
    filter_horizontal = ["themas", "werkteams"]
    exclude = ["audio"]
    readonly_fields = ["slug", "gepubliceerd_op"]

    def save_model(self, request, obj, form, change):
        obj.inhoud_html = inhoud_to_html(obj.inhoud)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        zoekindex_update([form.instance.pk])
