from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Bericht,
    Gebruiker,
    Opdracht,
    Organisatie,
    Periode,
    Werkplaats,
    WerkplaatsRol,
)
from .views import beheer_login_view


class AlleenLezen:
    """Shown in the admin, never written there: writes to this model have side effects
    (locks, waiting list, mail, calendar invites) that only the site's services get right."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezenAdmin(AlleenLezen, admin.ModelAdmin):
    """A model admin that only lists and shows."""


class AlleenLezenInline(AlleenLezen, admin.TabularInline):
    """An inline that only shows."""

    extra = 0


class WerkplaatsRolInline(admin.TabularInline):
    """The account's role per werkplaats; no row means member there."""

    model = WerkplaatsRol
    extra = 0


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "landelijk_beheerder",
        "is_active",
    )
    list_filter = ("werkplaatsrollen__werkplaats", "landelijk_beheerder", "is_active", "is_staff")
    fieldsets = UserAdmin.fieldsets + ((_("National role"), {"fields": ("landelijk_beheerder",)}),)
    inlines = (WerkplaatsRolInline,)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "afdeling", "sector", "gemeente")
    list_filter = ("sector",)
    search_fields = ("naam", "afdeling", "gemeente")


@admin.register(Periode)
class PeriodeAdmin(admin.ModelAdmin):
    list_display = ("naam", "start", "eind")


@admin.register(Werkplaats)
class SiteInstellingenAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not Werkplaats.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bericht)
class BerichtAdmin(AlleenLezenAdmin):
    """Failed mails are retried from the site's page for beheerders (/beheer-berichten/)."""

    list_display = ("onderwerp", "aan", "status", "pogingen", "aangemaakt", "verzonden_op")
    list_filter = ("status",)
    search_fields = ("aan", "onderwerp", "sleutel")


@admin.register(Opdracht)
class OpdrachtAdmin(AlleenLezenAdmin):
    list_display = ("taak", "argumenten", "pogingen", "aangemaakt", "klaar_op", "mislukt_op")
    search_fields = ("taak",)


# The admin has no login form of its own: it sends people to the site's login, which
# counts failed attempts per address and per user name.
admin.site.login = beheer_login_view
