from django.urls import path

from . import feeds, views

app_name = "publicaties"

urlpatterns = [
    path("", views.publicatie_list_view, name="publicatie_list"),
    path("nieuw/", views.publicatie_create_view, name="publicatie_create"),
    path("beheer/", views.publicatie_beheer_view, name="publicatie_beheer"),
    path("feed/", feeds.NieuwePublicatiesFeed(), name="feed"),
    path("podcast/feed/", feeds.PodcastFeed(), name="podcast_feed"),
    path("podcast/omslag.png", views.podcast_omslag_view, name="podcast_omslag"),
    path("<slug:slug>/", views.publicatie_detail_view, name="publicatie_detail"),
    path("<slug:slug>/bewerken/", views.publicatie_update_view, name="publicatie_update"),
    path("<slug:slug>/bibtex/", views.publicatie_bibtex_view, name="publicatie_bibtex"),
    path("<slug:slug>/ris/", views.publicatie_ris_view, name="publicatie_ris"),
    path("<slug:slug>/audio/", views.audio_view, name="audio"),
    path("<slug:slug>/bijlagen/<int:pk>/", views.bijlage_download_view, name="bijlage_download"),
]
