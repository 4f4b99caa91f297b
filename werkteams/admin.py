from django.contrib import admin

from .models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Verslagpunt,
    Werkteam,
)


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    fk_name = "werkteam"
    extra = 0
    autocomplete_fields = ["persoon"]
    raw_id_fields = ["overgedragen_aan"]


@admin.register(Werkteam)
class WerkteamAdmin(admin.ModelAdmin):
    list_display = ["naam", "periode", "status", "soort"]
    list_filter = ["periode", "status", "soort"]
    search_fields = ["naam", "korte_naam", "thema"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["coordinatoren"]
    inlines = [LidmaatschapInline]


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ["naam", "email", "organisatie", "functie"]
    search_fields = ["naam", "email"]
    list_select_related = ["organisatie"]


class LeerdoelInline(admin.TabularInline):
    model = Leerdoel
    extra = 0


class VerslagpuntInline(admin.TabularInline):
    model = Verslagpunt
    extra = 0
    raw_id_fields = ["eigenaar"]


class AanwezigheidInline(admin.TabularInline):
    model = Aanwezigheid
    extra = 0
    raw_id_fields = ["lidmaatschap"]
    readonly_fields = ["afgemeld_op"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["titel", "werkteam", "start", "vorm", "status"]
    list_filter = ["werkteam", "status", "vorm"]
    list_select_related = ["werkteam"]
    inlines = [LeerdoelInline, VerslagpuntInline, AanwezigheidInline]


@admin.register(Leeropbrengst)
class LeeropbrengstAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkteam", "niveau", "datum", "organisatie"]
    list_filter = ["niveau", "werkteam"]
    raw_id_fields = ["persoon", "bijeenkomst", "activiteit"]


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort", "werkteam", "start"]
    list_filter = ["soort", "werkteam"]
    filter_horizontal = ["organisaties"]
