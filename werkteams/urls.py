from django.urls import path

from . import views

app_name = "werkteams"

urlpatterns = [
    path("", views.werkteam_list_view, name="werkteam_list"),
    path("mijn/", views.mijn_werkteams_view, name="mijn_werkteams"),
    path("nieuw/", views.werkteam_create_view, name="werkteam_create"),
    path("afmelden/<str:sleutel>/", views.afmelden_view, name="afmelden"),
    # People (beheerders); "personen" is a reserved team slug, so no team hides these.
    path("personen/", views.persoon_list_view, name="persoon_list"),
    path("personen/dubbel/", views.persoon_duplicaten_view, name="persoon_duplicaten"),
    path("personen/<int:pk>/", views.persoon_edit_view, name="persoon_edit"),
    path(
        "personen/<int:pk>/samenvoegen/",
        views.persoon_merge_choose_view,
        name="persoon_merge_choose",
    ),
    path(
        "personen/<int:pk>/samenvoegen/<int:ander>/",
        views.persoon_merge_view,
        name="persoon_merge",
    ),
    path("<slug:slug>/", views.werkteam_detail_view, name="werkteam_detail"),
    path("<slug:slug>/bewerken/", views.werkteam_edit_view, name="werkteam_edit"),
    path("<slug:slug>/beheer/", views.werkteam_beheer_view, name="werkteam_beheer"),
    path(
        "<slug:slug>/coordinatoren/",
        views.werkteam_coordinatoren_view,
        name="werkteam_coordinatoren",
    ),
    # The members tab; its name stays lid_list (htmx still gets the section alone).
    path("<slug:slug>/leden/", views.team_leden_view, name="lid_list"),
    path("<slug:slug>/bijeenkomsten/", views.team_bijeenkomsten_view, name="team_bijeenkomsten"),
    path("<slug:slug>/leren/", views.team_leren_view, name="team_leren"),
    path("<slug:slug>/activiteiten/", views.team_activiteiten_view, name="team_activiteiten"),
    path("<slug:slug>/leden/toevoegen/", views.lid_create_view, name="lid_create"),
    path("<slug:slug>/leden/<int:pk>/bewerken/", views.lid_edit_view, name="lid_edit"),
    path("<slug:slug>/leden/<int:pk>/beeindigen/", views.lid_end_view, name="lid_end"),
    path("<slug:slug>/leden/<int:pk>/overdragen/", views.lid_handover_view, name="lid_handover"),
    path("<slug:slug>/leden/<int:pk>/login/", views.lid_login_view, name="lid_login"),
    path("<slug:slug>/samenstelling/", views.samenstelling_view, name="samenstelling"),
    path("<slug:slug>/aanwezigheid/", views.aanwezigheid_matrix_view, name="aanwezigheid_matrix"),
    path(
        "<slug:slug>/aanwezigheid/export/<str:formaat>/",
        views.aanwezigheid_export_view,
        name="aanwezigheid_export",
    ),
    path(
        "<slug:slug>/bijeenkomsten/plannen/", views.bijeenkomst_plan_view, name="bijeenkomst_plan"
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/",
        views.bijeenkomst_detail_view,
        name="bijeenkomst_detail",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/bewerken/",
        views.bijeenkomst_edit_view,
        name="bijeenkomst_edit",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/annuleren/",
        views.bijeenkomst_cancel_view,
        name="bijeenkomst_cancel",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/aanwezigheid/",
        views.aanwezigheid_view,
        name="aanwezigheid",
    ),
    path("<slug:slug>/bijeenkomsten/<int:pk>/verslag/", views.verslag_view, name="verslag"),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/publiceren/",
        views.verslag_publish_view,
        name="verslag_publish",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/punten/",
        views.verslagpunt_create_view,
        name="verslagpunt_create",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/punten/<int:punt>/gedaan/",
        views.verslagpunt_toggle_view,
        name="verslagpunt_toggle",
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/leerdoelen/", views.leerdoelen_view, name="leerdoelen"
    ),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/leerdoelen/nieuw/",
        views.leerdoel_create_view,
        name="leerdoel_create",
    ),
    path(
        "<slug:slug>/leeropbrengsten/<int:pk>/bewijs/",
        views.leeropbrengst_bewijs_view,
        name="leeropbrengst_bewijs",
    ),
    path(
        "<slug:slug>/leeropbrengsten/toevoegen/",
        views.leeropbrengst_create_view,
        name="leeropbrengst_create",
    ),
    path(
        "<slug:slug>/activiteiten/toevoegen/",
        views.activiteit_create_view,
        name="activiteit_create",
    ),
]
