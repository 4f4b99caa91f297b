from django.urls import path

from . import gebruikers_views, views

app_name = "beheer"

urlpatterns = [
    path("", views.beheer_overzicht_view, name="overzicht"),
    path("periodes/", views.periode_list_view, name="periode_list"),
    path("periodes/nieuw/", views.periode_form_view, name="periode_create"),
    path("periodes/<int:pk>/wijzigen/", views.periode_form_view, name="periode_update"),
    path("organisaties/", views.organisatie_list_view, name="organisatie_list"),
    path("organisaties/nieuw/", views.organisatie_form_view, name="organisatie_create"),
    path("organisaties/<int:pk>/wijzigen/", views.organisatie_form_view, name="organisatie_update"),
    path(
        "organisaties/<int:pk>/archiveren/",
        views.organisatie_archive_view,
        name="organisatie_archive",
    ),
    path("gebruikers/", gebruikers_views.gebruiker_list_view, name="gebruiker_list"),
    path("gebruikers/<int:pk>/", gebruikers_views.gebruiker_detail_view, name="gebruiker_detail"),
    path(
        "gebruikers/<int:pk>/actief/",
        gebruikers_views.gebruiker_active_view,
        name="gebruiker_active",
    ),
    path(
        "gebruikers/<int:pk>/opnieuw-uitnodigen/",
        gebruikers_views.gebruiker_invite_again_view,
        name="gebruiker_invite_again",
    ),
    path("instellingen/", views.site_instellingen_view, name="site_instellingen"),
]
