from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("privacy/", views.privacy_view, name="privacy"),
    path("toegankelijkheid/", views.toegankelijkheid_view, name="toegankelijkheid"),
    path("beheer-berichten/", views.berichten_mislukt_view, name="berichten_mislukt"),
    path("beheer-berichten/<int:pk>/opnieuw/", views.bericht_retry_view, name="bericht_retry"),
    path(
        "beheer-berichten/taken/<int:pk>/opnieuw/",
        views.opdracht_retry_view,
        name="opdracht_retry",
    ),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.WachtwoordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.NieuwWachtwoordView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
