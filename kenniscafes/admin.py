from django.contrib import admin

from .models import (
    Aanmelding,
    Abonnee,
    Evaluatie,
    Herinnering,
    Kenniscafe,
    ProgrammaOnderdeel,
    Uitnodiging,
    UitnodigingsRonde,
)


class ProgrammaInline(admin.TabularInline):
    model = ProgrammaOnderdeel
    extra = 0


@admin.register(Kenniscafe)
class KenniscafeAdmin(admin.ModelAdmin):
    list_display = ("titel", "start", "type", "vorm", "status")
    list_filter = ("status", "type", "vorm")
    search_fields = ("titel", "thema")
    prepopulated_fields = {"slug": ("titel",)}
    filter_horizontal = (
        "organisator_werkteams",
        "organisator_organisaties",
        "organisator_gebruikers",
    )
    inlines = [ProgrammaInline]


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    list_display = ("naam", "email", "kenniscafe", "status", "aanwezig", "aangemaakt")
    list_filter = ("status", "rol", "regio")
    search_fields = ("naam", "email", "organisatie")
    raw_id_fields = ("kenniscafe",)


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ("aanmelding", "soort", "verstuur_op", "verwerkt_op")
    list_filter = ("soort",)
    raw_id_fields = ("aanmelding",)


@admin.register(Evaluatie)
class EvaluatieAdmin(admin.ModelAdmin):
    list_display = ("aanmelding", "score", "aangemaakt")
    raw_id_fields = ("aanmelding",)


@admin.register(Abonnee)
class AbonneeAdmin(admin.ModelAdmin):
    list_display = ("email", "aangemeld_op", "bevestigd_op", "afgemeld_op")
    search_fields = ("email",)


@admin.register(UitnodigingsRonde)
class UitnodigingsRondeAdmin(admin.ModelAdmin):
    list_display = ("kenniscafe", "status", "totaal", "verwerkt", "nieuw", "aangemaakt")


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = ("kenniscafe", "email", "aangemaakt")
    search_fields = ("email",)
