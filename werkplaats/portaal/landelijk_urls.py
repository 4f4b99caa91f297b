"""The portal's login and the pages of landelijk beheer (namespace "landelijk").

Login and logout carry the names the settings use (LOGIN_URL "login"), so `login_required`
finds the portal's own login page on a portal host."""

from django.urls import include, path

from . import landelijk_views as views

landelijk_paden = (
    [
        path("", views.overzicht_view, name="overzicht"),
        path("exports/", views.export_list_view, name="export_list"),
        path("exports/<uuid:pk>/", views.export_bestand_view, name="export_bestand"),
        path("werkplaatsen/nieuw/", views.werkplaats_nieuw_view, name="werkplaats_nieuw"),
    ],
    "landelijk",
)

urlpatterns = [
    path("inloggen/", views.PortaalLoginView.as_view(), name="login"),
    path("uitloggen/", views.PortaalLogoutView.as_view(), name="logout"),
    path("landelijk/", include(landelijk_paden)),
]
