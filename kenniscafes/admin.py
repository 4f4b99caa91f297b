"""Admin: cafés and everything around a registration are shown, never written here.

Registering, cancelling, changing or cancelling a café lock the café, promote the waiting
list and mail people; only the site's pages (/kenniscafes/organiseren/) go through those
services, so the admin cannot bypass them.
"""

from django.contrib import admin

from werkplaats.kern.admin import AlleenLezenAdmin, AlleenLezenInline

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


class ProgrammaInline(AlleenLezenInline):
    model = ProgrammaOnderdeel


@admin.register(Kenniscafe)
class KenniscafeAdmin(AlleenLezenAdmin):
    list_display = ("titel", "start", "type", "vorm", "status")
    list_filter = ("status", "type", "vorm")
    search_fields = ("titel", "thema")
    inlines = [ProgrammaInline]


@admin.register(Aanmelding)
class AanmeldingAdmin(AlleenLezenAdmin):
    list_display = ("naam", "email", "kenniscafe", "status", "aanwezig", "aangemaakt")
    list_filter = ("status", "rol", "regio")
    search_fields = ("naam", "email", "organisatie")
    raw_id_fields = ("kenniscafe",)


class PerAanmeldingAdmin(AlleenLezenAdmin):
    """Rows that belong to one registration: shown by its id, never as a list of them all."""

    raw_id_fields = ("aanmelding",)


@admin.register(Herinnering)
class HerinneringAdmin(PerAanmeldingAdmin):
    list_display = ("aanmelding", "soort", "verstuur_op", "verwerkt_op")
    list_filter = ("soort",)


@admin.register(Evaluatie)
class EvaluatieAdmin(PerAanmeldingAdmin):
    list_display = ("aanmelding", "score", "aangemaakt")


@admin.register(Abonnee)
class AbonneeAdmin(AlleenLezenAdmin):
    list_display = ("email", "aangemeld_op", "bevestigd_op", "afgemeld_op")
    search_fields = ("email",)


@admin.register(UitnodigingsRonde)
class UitnodigingsRondeAdmin(AlleenLezenAdmin):
    list_display = ("kenniscafe", "status", "totaal", "verwerkt", "nieuw", "aangemaakt")


@admin.register(Uitnodiging)
class UitnodigingAdmin(AlleenLezenAdmin):
    list_display = ("kenniscafe", "email", "aangemaakt")
    search_fields = ("email",)
