from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from publicaties.sitemaps import SITEMAPS as PUBLICATIES_SITEMAPS
from werkteams.views import werkteam_beheer_list_view

from . import views
from .kern.beheer import gebruikers_views

handler403 = "werkplaats.kern.views.toegang_geweigerd_view"
handler404 = "werkplaats.kern.views.niet_gevonden_view"
handler500 = "werkplaats.kern.views.serverfout_view"

sitemaps = {**PUBLICATIES_SITEMAPS}

urlpatterns = [
    path("", views.home_view, name="home"),
    path("", include("werkplaats.kern.urls")),
    # Before the admin's own: its "view on site" read any werkplaats's record.
    path(
        "beheer/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.beheer_op_site_view),
    ),
    path("beheer/", admin.site.urls),
    # The beheerder's list of teams lives with the other beheer pages; its view is werkteams'
    # (the ground floor's beheer urls may not import an app).
    path("beheerder/werkteams/", werkteam_beheer_list_view, name="werkteam_beheer_list"),
    path("beheerder/", include("werkplaats.kern.beheer.urls")),
    path(
        "uitnodiging/<str:token>/",
        gebruikers_views.uitnodiging_accepteren_view,
        name="uitnodiging_accepteren",
    ),
    path("verantwoording/", include("werkplaats.verantwoording.urls")),
    path("werkteams/", include("werkteams.urls")),
    path("taal/", include("django.conf.urls.i18n")),
    path("kenniscafes/", include("kenniscafes.urls")),
    path("kennisbank/", include("publicaties.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("bench/leeg/", views.bench_leeg_view))
