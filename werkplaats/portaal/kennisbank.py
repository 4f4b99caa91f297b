"""The national kennisbank: one search over the published publications of every active
werkplaats, with the kennisbank's own search (publicaties.zoeken) and one more facet, the
werkplaats. Each result links to its page on its werkplaats's site and is cited with its
werkplaats as the publisher."""

import dataclasses
from collections import Counter

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from publicaties import citeren
from publicaties.forms import zoekvraag_from_request
from publicaties.models import Auteurschap
from publicaties.zoeken import Facet, FacetWaarde, Zoekresultaat, Zoekvraag, publicatie_search
from publicaties.zoeken.pg_facetten import _pg_filters
from publicaties.zoeken.pg_woorden import WOORDEN
from publicaties.zoeken.vraag import _bereik_sql
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Werkplaats

from .selectors import op_site, site_urls, werkplaats_urls


def kennisbank_zoeken(params) -> tuple[Zoekresultaat, Facet]:
    """The search of the query string over every active werkplaats (or those chosen in
    the werkplaats facet): one page of results and the werkplaats facet."""
    with in_werkplaats(None):
        alle = list(Werkplaats.objects.order_by("naam"))
    actief = [w for w in alle if w.actief]
    per_slug = {w.slug: w for w in actief}
    gekozen = [s for s in dict.fromkeys(params.getlist("werkplaats")[:30]) if s in per_slug]
    # Without a choice every row, unless a werkplaats is inactive: then the active ones.
    bereik = [w.pk for w in actief] if len(actief) < len(alle) else []
    zoekvraag = dataclasses.replace(
        zoekvraag_from_request(params),
        werkplaats=gekozen,
        bereik=[per_slug[s].pk for s in gekozen] or bereik,
    )
    if not actief:
        resultaat = Zoekresultaat(zoekvraag, [], 0, [], "", 1)
        return resultaat, Facet("werkplaats", _("Werkplaats"), [])
    resultaat = publicatie_search(zoekvraag)
    aantallen = _werkplaats_aantallen(dataclasses.replace(zoekvraag, bereik=bereik))
    facet = Facet(
        naam="werkplaats",
        titel=_("Werkplaats"),
        waarden=[
            FacetWaarde(w.slug, w.naam, aantallen.get(w.pk, 0), w.slug in gekozen)
            for w in actief
            if aantallen.get(w.pk) or w.slug in gekozen
        ],
    )
    _op_werkplaats_sites(resultaat.items, {w.pk: w for w in actief})
    return resultaat, facet


def _werkplaats_aantallen(zoekvraag: Zoekvraag) -> dict[int, int]:
    """Matches per werkplaats for the words and every other facet's selection (a facet
    does not narrow its own counts, as in publicaties.zoeken)."""
    if connection.vendor != "postgresql":
        return _werkplaats_aantallen_simpel(zoekvraag)
    voorwaarde, params = _pg_filters(zoekvraag, behalve=None, kolom="p.facetcodes")
    woorden = ""
    if zoekvraag.q.strip():
        # Only stop words: the search shows the whole collection, and so do these counts.
        woorden = f" AND (numnode({WOORDEN}) = 0 OR p.zoekvector @@ {WOORDEN})"
        params = [zoekvraag.q, zoekvraag.q, *params]
    sql = (
        "SELECT p.werkplaats_id, count(*) FROM publicaties_publicatie p "  # noqa: S608
        f"WHERE p.status = 'gepubliceerd'{_bereik_sql(zoekvraag)}{woorden} AND {voorwaarde} "
        "GROUP BY p.werkplaats_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _werkplaats_aantallen_simpel(zoekvraag: Zoekvraag) -> dict[int, int]:
    """The same for the SQLite engine of `make run`: counted in Python, as it does."""
    from publicaties.models import Thema
    from publicaties.zoeken.sqlite import _simpel_past, _simpel_queryset
    from werkteams.models import Werkteam

    qs, _termen = _simpel_queryset(zoekvraag)
    ids = {
        "thema": [
            str(i)
            for i in Thema.objects.filter(slug__in=zoekvraag.thema).values_list("id", flat=True)
        ],
        "werkteam": [
            str(i)
            for i in Werkteam.objects.filter(slug__in=zoekvraag.werkteam).values_list(
                "id", flat=True
            )
        ],
    }
    velden = ("type", "jaar", "thema_ids", "werkteam_ids", "kennisvormen", "doelgroepen")
    return dict(
        Counter(
            rij["werkplaats_id"]
            for rij in qs.values("werkplaats_id", *velden)
            if _simpel_past(rij, zoekvraag, None, ids)
        )
    )


def _op_werkplaats_sites(items: list, werkplaatsen: dict[int, Werkplaats]) -> None:
    """Give each result its werkplaats, its URL on that site and its APA citation with
    the werkplaats as publisher (authors read in one query for the page)."""
    if not items:
        return
    prefetch_related_objects(
        items, Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde"))
    )
    urls = werkplaats_urls()
    with site_urls():
        for item in items:
            werkplaats = werkplaatsen.get(item.werkplaats_id)
            item.werkplaats_naam = werkplaats.naam if werkplaats else ""
            item.site_url = op_site(urls.get(item.werkplaats_id), item.get_absolute_url())
            item.citaat = citeren.apa_html(
                item, item.werkplaats_naam, item.externe_link or item.site_url
            )
