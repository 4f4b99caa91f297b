from django.urls import path

from . import views

app_name = "verantwoording"

urlpatterns = [
    path("", views.rapport_view, name="rapport"),
    path("exports/", views.export_list_view, name="export_list"),
    path(
        "exports/<uuid:pk>/bestanden/<int:bestand_pk>/",
        views.export_bestand_view,
        name="export_bestand",
    ),
    path("afsluiten/", views.afsluiten_view, name="afsluiten"),
    path(
        "afsluitingen/<int:jaar>/bestanden/<int:pk>/",
        views.afsluiting_bestand_view,
        name="afsluiting_bestand",
    ),
    path("ruw/<slug:soort>.csv", views.ruw_csv_view, name="ruw_csv"),
]
