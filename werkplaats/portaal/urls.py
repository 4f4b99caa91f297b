"""The national portal's root URLconf (settings.PORTAAL_URLCONF), served on the portal
hosts (settings.PORTAAL_HOSTS). An app_name only makes a namespace through include(), so
the pages live in paden.py and are included here as "portaal"."""

from django.conf import settings
from django.urls import include, path

from . import views

# The error pages in the portal's own layout (the site's would link to werkplaats pages).
handler403 = "werkplaats.kern.views.toegang_geweigerd_view"
handler404 = "werkplaats.kern.views.niet_gevonden_view"
handler500 = "werkplaats.kern.views.serverfout_view"

urlpatterns = [
    # "home" is the root of whichever site serves the request: shared templates link to it.
    path("", views.home_view, name="home"),
    path("", include("werkplaats.portaal.paden")),
    path("", include("werkplaats.portaal.landelijk_urls")),
]

if settings.BENCH_ENDPOINTS:  # B1 and B7 measure the portal's pages against this bare view
    from werkplaats.views import bench_leeg_view

    urlpatterns.append(path("bench/leeg/", bench_leeg_view))
