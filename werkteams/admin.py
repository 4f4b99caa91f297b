"""Admin: teams, people and outcomes can be corrected here; meetings and memberships only
through the site, whose services check overlaps, hand over and mail invitations, updates,
cancellations and minutes."""

from django.contrib import admin

from werkplaats.kern.admin import AlleenLezenAdmin, AlleenLezenInline

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


class LidmaatschapInline(AlleenLezenInline):
    model = Lidmaatschap
    fk_name = "werkteam"


@admin.register(Werkteam)
class WerkteamAdmin(admin.ModelAdmin):
    list_display = ["naam", "periode", "status", "soort"]
    list_filter = ["periode", "status", "soort"]
    search_fields = ["naam", "korte_naam", "thema"]
    prepopulated_fields = {"slug": ["naam"]}
    # Coordinators are chosen on the team page, whose service checks their role.
    readonly_fields = ["coordinatoren", "deelnemende_werkplaatsen"]
    inlines = [LidmaatschapInline]


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ["naam", "email", "organisatie", "functie"]
    search_fields = ["naam", "email"]
    list_select_related = ["organisatie"]


class LeerdoelInline(AlleenLezenInline):
    model = Leerdoel


class VerslagpuntInline(AlleenLezenInline):
    model = Verslagpunt


class AanwezigheidInline(AlleenLezenInline):
    model = Aanwezigheid


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(AlleenLezenAdmin):
    list_display = ["titel", "werkteam", "start", "vorm", "status"]
    list_filter = ["werkteam", "status", "vorm"]
    list_select_related = ["werkteam"]
    inlines = [LeerdoelInline, VerslagpuntInline, AanwezigheidInline]


@admin.register(Leeropbrengst)
class LeeropbrengstAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkteam", "niveau", "datum", "organisatie"]
    list_filter = ["niveau", "werkteam"]
    raw_id_fields = ["persoon", "bijeenkomst", "activiteit"]
    exclude = ["bewijs_bestand"]  # evidence goes through the site's form, which checks it


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort", "werkteam", "start"]
    list_filter = ["soort", "werkteam"]
    filter_horizontal = ["organisaties"]
