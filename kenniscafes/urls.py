from django.urls import path

from . import views

app_name = "kenniscafes"

urlpatterns = [
    path("", views.kenniscafe_list_view, name="kenniscafe_list"),
    path("archief/", views.kenniscafe_archive_view, name="kenniscafe_archive"),
    path("agenda.ics", views.kenniscafe_feed_view, name="kenniscafe_feed"),
    path("nieuwsbrief/", views.abonnee_view, name="abonnee"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.abonnee_confirm_view, name="abonnee_confirm"),
    path("afmelden/<str:token>/", views.afmelden_view, name="afmelden"),
    path("aanmelding/<str:token>/", views.aanmelding_beheer_view, name="aanmelding_beheer"),
    path(
        "aanmelding/<str:token>/kenniscafe.ics",
        views.aanmelding_ics_view,
        name="aanmelding_ics",
    ),
    path("evaluatie/<str:token>/", views.evaluatie_view, name="evaluatie"),
    path("organiseren/", views.organisator_list_view, name="organisator_list"),
    path("organiseren/nieuw/", views.kenniscafe_create_view, name="kenniscafe_create"),
    path("<slug:slug>/", views.kenniscafe_detail_view, name="kenniscafe_detail"),
    path("<slug:slug>/aanmelden/", views.aanmelden_view, name="aanmelden"),
    path("<slug:slug>/aangemeld/", views.aangemeld_view, name="aangemeld"),
    path("<slug:slug>/kenniscafe.ics", views.kenniscafe_ics_view, name="kenniscafe_ics"),
    path("<slug:slug>/bewerken/", views.kenniscafe_update_view, name="kenniscafe_update"),
    path("<slug:slug>/publiceren/", views.kenniscafe_publish_view, name="kenniscafe_publish"),
    path("<slug:slug>/annuleren/", views.kenniscafe_cancel_view, name="kenniscafe_cancel"),
    path("<slug:slug>/aanmeldingen/", views.aanmelding_list_view, name="aanmelding_list"),
    path(
        "<slug:slug>/aanmeldingen/inloop/", views.aanmelding_walkin_view, name="aanmelding_walkin"
    ),
    path(
        "<slug:slug>/aanmeldingen/export.csv",
        views.aanmelding_export_view,
        {"formaat": "csv"},
        name="aanmelding_csv",
    ),
    path(
        "<slug:slug>/aanmeldingen/export.xlsx",
        views.aanmelding_export_view,
        {"formaat": "xlsx"},
        name="aanmelding_xlsx",
    ),
    path(
        "<slug:slug>/aanmeldingen/<int:pk>/aanwezig/",
        views.aanmelding_attendance_view,
        name="aanmelding_attendance",
    ),
    path(
        "<slug:slug>/aanmeldingen/<int:pk>/plaats/",
        views.aanmelding_promote_view,
        name="aanmelding_promote",
    ),
    path("<slug:slug>/inchecken/", views.inchecken_view, name="inchecken"),
    path("<slug:slug>/inchecken/<int:pk>/", views.inchecken_tik_view, name="inchecken_tik"),
    path("<slug:slug>/presentielijst/", views.presentielijst_view, name="presentielijst"),
    path("<slug:slug>/uitnodigen/", views.uitnodiging_view, name="uitnodiging"),
    path(
        "<slug:slug>/uitnodigen/<int:pk>/",
        views.uitnodiging_ronde_view,
        name="uitnodiging_ronde",
    ),
]
