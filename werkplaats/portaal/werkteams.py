"""National projects on the portal: the public page of a werkteam that several werkplaatsen
run together (issue #14).

A shared team belongs to the werkplaats that runs it (its `werkplaats`, the penvoerder)
and to each werkplaats in `deelnemende_werkplaatsen`; on each of their sites it lives at
/werkteams/<slug>/. Its page here is addressed by its own werkplaats's slug and its own
slug, and shows public facts only: what the team is about and who runs it, with links to
the team on every participant's site. No people: coordinators and members are not on the
team's public page on the sites either.

The portal runs with no werkplaats active: every read here says itself what it may show.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Werkplaats
from werkplaats.kern.uitgaand import werkplaats_basis_url
from werkteams.models import Werkteam


def portaal_basis_url() -> str:
    """The portal's address: its first host (settings.PORTAAL_HOSTS) with SITE_URL's scheme
    and port."""
    delen = urlsplit(settings.SITE_URL)
    poort = f":{delen.port}" if delen.port else ""
    return f"{delen.scheme}://{settings.PORTAAL_HOSTS[0]}{poort}"


def werkteam_portaal_url(eigenaar_slug: str, slug: str) -> str:
    """The absolute address of a shared team's page on the portal (for links from a site)."""
    pad = reverse(
        "portaal:werkteam_detail",
        urlconf=settings.PORTAAL_URLCONF,
        kwargs={"werkplaats_slug": eigenaar_slug, "slug": slug},
    )
    return portaal_basis_url() + pad


def _team_url(werkplaats: Werkplaats, werkteam: Werkteam) -> str:
    """The team's page on one werkplaats's site (ROOT_URLCONF, not the portal's)."""
    pad = reverse("werkteams:werkteam_detail", urlconf=settings.ROOT_URLCONF, args=[werkteam.slug])
    return werkplaats_basis_url(werkplaats) + pad


def gedeeld_werkteam_get(werkplaats_slug: str, slug: str) -> dict:
    """A shared team of an active werkplaats and the active werkplaatsen that run it, each
    with the team's page on its site; 404 for a team nobody shares (it has no page here)."""
    with in_werkplaats(None):
        eigenaar = Werkplaats.objects.filter(actief=True, slug=werkplaats_slug).first()
        if eigenaar is None:
            raise Http404
        werkteam = (
            Werkteam.objects.filter(werkplaats=eigenaar, slug=slug)
            .select_related("periode")
            .first()
        )
        if werkteam is None:
            raise Http404
        deelnemers = list(werkteam.deelnemende_werkplaatsen.filter(actief=True).order_by("naam"))
    if not deelnemers:
        raise Http404
    return {
        "werkteam": werkteam,
        "werkplaatsen": [
            {
                "werkplaats": werkplaats,
                "penvoerder": werkplaats.pk == eigenaar.pk,
                "team_url": _team_url(werkplaats, werkteam),
            }
            for werkplaats in [eigenaar, *deelnemers]
        ],
    }


def gedeelde_werkteam_ids() -> set[int]:
    """The ids of every team that more than one werkplaats runs: each of their reports
    counts such a team, so a national total that adds up the werkplaatsen's own figures
    counts it once per participant; counted by id, it counts once."""
    return set(
        Werkteam.deelnemende_werkplaatsen.through.objects.values_list("werkteam_id", flat=True)
    )


@require_GET
def werkteam_detail_view(request, werkplaats_slug, slug):
    """The public page of a national project: what it is about and which werkplaatsen run it."""
    return render(
        request, "portaal/werkteam_detail.html", gedeeld_werkteam_get(werkplaats_slug, slug)
    )


# Included by paden.py without a namespace of its own: the names are "portaal:...".
urlpatterns = [
    path(
        "werkteams/<slug:werkplaats_slug>/<slug:slug>/",
        werkteam_detail_view,
        name="werkteam_detail",
    ),
]
