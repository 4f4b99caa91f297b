"""The national portal's pages, in the namespace "portaal" (see urls.py)."""

from django.urls import include, path

from . import views

app_name = "portaal"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("werkplaatsen/", views.werkplaatsen_view, name="werkplaatsen"),
    path("agenda/", views.agenda_view, name="agenda"),
    path("agenda.ics", views.agenda_ics_view, name="agenda_ics"),
    path("agenda/<slug:slug>.ics", views.agenda_werkplaats_ics_view, name="agenda_werkplaats_ics"),
    path("kennisbank/", views.kennisbank_view, name="kennisbank"),
    path("themas/", views.themas_view, name="themas"),
    path("", include("werkplaats.portaal.werkteams")),  # national projects (issue #14)
    path("taal/", include("django.conf.urls.i18n")),
]
