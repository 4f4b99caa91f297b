"""Reads of the national portal: across every werkplaats, public information only.

The portal runs with no werkplaats active, so no query here is narrowed for it: every
read says itself what may be shown (published, upcoming, active werkplaatsen). Links go
to each item's page on its own werkplaats's site (`werkplaats_urls`).
"""

from collections import Counter
from contextlib import contextmanager

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import get_urlconf, set_urlconf
from django.utils import timezone

from kenniscafes.models import Kenniscafe
from kenniscafes.selectors import parse_maand, type_uitleg
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Organisatie, Sector, Werkplaats, WerkplaatsHost
from werkplaats.kern.selectors import werkplaats_primaire_host
from werkplaats.kern.uitgaand import host_basis_url

AGENDA_PER_PAGINA = 20


def _url_voor_host(host: str) -> str:
    """The root URL of a werkplaats site: its host with the scheme and port this request
    came in on (`make run` on any port), or SITE_URL's outside a request."""
    return host_basis_url(host) + "/"


def werkplaats_url(werkplaats) -> str | None:
    host = werkplaats_primaire_host(werkplaats)
    return _url_voor_host(host) if host else None


def werkplaats_urls() -> dict[int, str]:
    """The root URL of every werkplaats's site (primary host, else its first), one query."""
    urls: dict[int, str] = {}
    for werkplaats_id, host in WerkplaatsHost.objects.order_by(
        "werkplaats_id", "-primair", "host"
    ).values_list("werkplaats_id", "host"):
        urls.setdefault(werkplaats_id, _url_voor_host(host))
    return urls


@contextmanager
def site_urls():
    """Reverse URLs of the werkplaats sites (ROOT_URLCONF), not of the portal's own."""
    vorige = get_urlconf()
    set_urlconf(None)
    try:
        yield
    finally:
        set_urlconf(vorige)


def op_site(basis: str | None, pad: str) -> str:
    """An absolute URL on a werkplaats site; "" when the werkplaats has no host."""
    return basis.rstrip("/") + pad if basis else ""


def werkplaatsen_actief() -> list[Werkplaats]:
    with in_werkplaats(None):
        return list(Werkplaats.objects.filter(actief=True).order_by("naam"))


def werkplaatsen_list() -> list[dict]:
    """Every active werkplaats with its region, its partners counted by sector and a link."""
    with in_werkplaats(None):
        werkplaatsen = werkplaatsen_actief()
        tellingen = (
            Organisatie.objects.filter(gearchiveerd=False)
            .values("werkplaats_id", "sector")
            .annotate(aantal=Count("pk", filter=Q(gearchiveerd=False)))
            .order_by()
        )
        urls = werkplaats_urls()
    per_werkplaats: dict[int, dict[str, int]] = {}
    for rij in tellingen:
        per_werkplaats.setdefault(rij["werkplaats_id"], {})[rij["sector"]] = rij["aantal"]
    labels = dict(Sector.choices)
    return [
        {
            "werkplaats": werkplaats,
            "url": urls.get(werkplaats.pk),
            "partners": sum(per_werkplaats.get(werkplaats.pk, {}).values()),
            "sectoren": sorted(
                (
                    (labels.get(sector, sector), aantal)
                    for sector, aantal in per_werkplaats.get(werkplaats.pk, {}).items()
                ),
                key=lambda paar: (-paar[1], str(paar[0])),
            ),
        }
        for werkplaats in werkplaatsen
    ]


# The national agenda -------------------------------------------------------------------


def _aangekondigd():
    """Upcoming cafés as each werkplaats's own list shows them: published, or cancelled
    and still announced; never a draft; only of active werkplaatsen."""
    return Kenniscafe.objects.filter(
        status__in=[Kenniscafe.Status.GEPUBLICEERD, Kenniscafe.Status.GEANNULEERD],
        eind__gte=timezone.now(),
        werkplaats__actief=True,
    )


def agenda_filters(params, werkplaatsen: list[Werkplaats]) -> dict:
    """The agenda's filters from the query string (as kenniscafes' own list reads them),
    plus the werkplaats; unknown values are dropped."""
    slugs = {w.slug for w in werkplaatsen}
    return {
        "werkplaats": params.get("werkplaats", "") if params.get("werkplaats") in slugs else "",
        "type_": params.get("type", "") if params.get("type") in Kenniscafe.Type.values else "",
        "thema": params.get("thema", "")[:200],
        "vorm": params.get("vorm", "") if params.get("vorm") in Kenniscafe.Vorm.values else "",
        "maand": params.get("maand", "")[:7] if parse_maand(params.get("maand", "")) else "",
    }


def agenda_page(filters: dict, pagina) -> "Paginator.page":
    """One page of upcoming cafés of every active werkplaats, soonest first; each carries
    `site_url`, its page on its werkplaats's site. Queries: count, page, hosts."""
    qs = _aangekondigd().select_related("werkplaats")
    if filters["werkplaats"]:
        qs = qs.filter(werkplaats__slug=filters["werkplaats"])
    if filters["type_"]:
        qs = qs.filter(type=filters["type_"])
    if filters["thema"]:
        qs = qs.filter(thema=filters["thema"])
    if filters["vorm"]:
        qs = qs.filter(vorm=filters["vorm"])
    eerste = parse_maand(filters["maand"])
    if eerste:
        qs = qs.filter(start__year=eerste.year, start__month=eerste.month)
    qs = qs.only(
        "id",
        "titel",
        "slug",
        "type",
        "thema",
        "start",
        "eind",
        "vorm",
        "locatie",
        "status",
        "werkplaats__id",
        "werkplaats__naam",
        "werkplaats__korte_naam",
        "werkplaats__regio",
        "werkplaats__slug",
    ).order_by("start", "pk")
    page = Paginator(qs, AGENDA_PER_PAGINA).get_page(pagina)
    if page.object_list:
        urls = werkplaats_urls()
        with site_urls():
            for kenniscafe in page.object_list:
                kenniscafe.uitleg = type_uitleg(kenniscafe.type)
                kenniscafe.site_url = op_site(
                    urls.get(kenniscafe.werkplaats_id), kenniscafe.get_absolute_url()
                )
    return page


def agenda_themas() -> list[str]:
    """The themes of upcoming published cafés of every active werkplaats (the filter)."""
    return list(
        _aangekondigd()
        .filter(status=Kenniscafe.Status.GEPUBLICEERD)
        .exclude(thema="")
        .order_by("thema")
        .values_list("thema", flat=True)
        .distinct()
    )


def agenda_ics(werkplaats: Werkplaats | None = None) -> str:
    """The iCal feed of the upcoming cafés of every active werkplaats, or of one; each
    event is the one its werkplaats's own feed holds (UID, organiser, link to its site)."""
    from kenniscafes import ics

    qs = _aangekondigd().select_related("werkplaats").order_by("start", "pk")
    if werkplaats is not None:
        qs = qs.filter(werkplaats=werkplaats)
    naam = f"Kenniscafés – {werkplaats.naam}" if werkplaats else "Kenniscafés – landelijk"
    with site_urls():
        return ics.kenniscafes_feed(list(qs), naam=naam, elk_eigen=True)


def werkplaats_met_slug(slug: str) -> Werkplaats | None:
    with in_werkplaats(None):
        return Werkplaats.objects.filter(actief=True, slug=slug).first()


# Themes across regions ---------------------------------------------------------------


def themas_overzicht() -> list[dict]:
    """Per theme (matched across werkplaatsen by slug): the werkteams that work on it.

    Werkteams have no link to the kennisbank's themes, so a team works on a theme when it
    has a published publication with that theme. Public facts only: the team's name, its
    werkplaats, the number of such publications and its page on its werkplaats's site.
    """
    from publicaties.models import Publicatie

    rijen = (
        Publicatie.objects.gepubliceerd()
        .filter(werkplaats__actief=True, themas__isnull=False, werkteams__isnull=False)
        .values(
            "themas__slug",
            "themas__naam",
            "werkteams__id",
            "werkteams__slug",
            "werkteams__naam",
            "werkteams__korte_naam",
            "werkplaats_id",
            "werkplaats__naam",
        )
        .annotate(aantal=Count("id", distinct=True))
        .order_by()
    )
    urls = werkplaats_urls()
    themas: dict[str, dict] = {}
    with site_urls():
        from django.urls import reverse

        for rij in rijen:
            thema = themas.setdefault(
                rij["themas__slug"], {"slug": rij["themas__slug"], "namen": Counter(), "teams": []}
            )
            thema["namen"][rij["themas__naam"]] += 1
            pad = reverse("werkteams:werkteam_detail", kwargs={"slug": rij["werkteams__slug"]})
            thema["teams"].append(
                {
                    "naam": rij["werkteams__korte_naam"] or rij["werkteams__naam"],
                    "werkplaats": rij["werkplaats__naam"],
                    "publicaties": rij["aantal"],
                    "url": op_site(urls.get(rij["werkplaats_id"]), pad),
                }
            )
    uitkomst = []
    for thema in themas.values():
        thema["naam"] = thema.pop("namen").most_common(1)[0][0]
        thema["teams"].sort(key=lambda t: (t["werkplaats"].lower(), t["naam"].lower()))
        thema["werkplaatsen"] = len({t["werkplaats"] for t in thema["teams"]})
        uitkomst.append(thema)
    uitkomst.sort(key=lambda t: t["naam"].lower())
    return uitkomst
