# ruff: noqa: S608 - SQL here is assembled from constant fragments; every value is a parameter.
"""PostgreSQL statement builder, part 1: facet selections and counts, and browsing.

The conditions of a facet selection, the branches that count every facet in one
statement, and browsing without words (facet counts cached per selection, one page
newest first). The word searches (pg_woorden) build on the same pieces.
"""

from django.core.cache import cache
from django.db import connection

from ..models import Publicatie
from .facetcodes import CODE_BEREIK, CODE_THEMA, CODE_WERKTEAM, _code_waarde, _codes
from .vraag import (
    FACET_CACHE_SECONDS,
    FACETTEN,
    PER_PAGINA,
    Facet,
    Zoekvraag,
    _afgekort,
    _bereik_sql,
    _facetten_opbouwen,
    _totaal_uit_types,
    zoekindex_versie,
)


def _pg_selectie(zoekvraag: Zoekvraag, naam: str) -> tuple[str, list]:
    """An int[] expression with the codes of one facet's selection: a constant when they are
    known (the planner then estimates how many rows hold them), else a lookup by slug."""
    if naam in zoekvraag.codes:
        return "%s::int[]", [zoekvraag.codes[naam]]
    if naam == "thema":
        return (
            f"ARRAY(SELECT {CODE_THEMA} + id FROM publicaties_thema WHERE slug = ANY(%s))::int[]",
            [zoekvraag.thema],
        )
    if naam == "werkteam":
        return (
            f"ARRAY(SELECT {CODE_WERKTEAM} + id FROM werkteams_werkteam WHERE slug = ANY(%s))::int[]",
            [zoekvraag.werkteam],
        )
    return "%s::int[]", [_codes(naam, getattr(zoekvraag, naam))]


def _pg_filters(zoekvraag: Zoekvraag, behalve: str | None, kolom: str) -> tuple[str, list]:
    """SQL conditions for every facet selection except `behalve`: overlap (&&) per facet."""
    delen, params = [], []
    for naam, _titel in FACETTEN:
        if naam == behalve or not getattr(zoekvraag, naam):
            continue
        expressie, extra = _pg_selectie(zoekvraag, naam)
        delen.append(f"{kolom} && {expressie}")
        params.extend(extra)
    return (" AND ".join(delen) or "TRUE"), params


def _pg_facet_takken(zoekvraag: Zoekvraag, alleen_gefilterd: bool = False) -> tuple[str, list]:
    """Counts per facet code over the CTE m(c): the body of CTE f, with its parameters.

    Facets without a selection share one branch (all selections apply); each facet with a
    selection gets its own branch in which every selection but its own applies. Every
    facetcodes array starts with the type code and the year code (services.ZOEKVECTOR_SQL),
    so those two are grouped directly; only the rest is unnested. With `alleen_gefilterd`
    the branch without any filter is left out (it comes from the stored term counts).
    """

    def tellingen(tak: str, voorwaarde: str, welke: str) -> str:
        if welke == "type":
            return (
                f"(SELECT '{tak}' AS tak, m.c[1] AS code, count(*) AS n FROM m "
                f"WHERE {voorwaarde} GROUP BY m.c[1])"
            )
        if welke == "jaar":
            return (
                f"(SELECT '{tak}' AS tak, m.c[2] AS code, count(*) AS n FROM m "
                f"WHERE {voorwaarde} GROUP BY m.c[2])"
            )
        bereik = ""
        if welke in CODE_BEREIK:
            laag, hoog = CODE_BEREIK[welke]
            bereik = f"WHERE code BETWEEN {laag} AND {hoog} "
        # unnest() in the select list (ProjectSet) is several times cheaper than a LATERAL join.
        return (
            f"(SELECT '{tak}' AS tak, code, count(*) AS n "
            f"FROM (SELECT unnest(m.c[3:]) AS code FROM m WHERE {voorwaarde}) u "
            f"{bereik}GROUP BY code)"
        )

    params: list = []
    takken = []
    voorwaarde, extra = _pg_filters(zoekvraag, behalve=None, kolom="m.c")
    if extra or not alleen_gefilterd:
        for welke in ("type", "jaar", "rest"):
            takken.append(tellingen("rest", voorwaarde, welke))
            params.extend(extra)
    for naam, _titel in FACETTEN:
        if not getattr(zoekvraag, naam):
            continue
        voorwaarde, extra = _pg_filters(zoekvraag, behalve=naam, kolom="m.c")
        if extra or not alleen_gefilterd:
            takken.append(tellingen(naam, voorwaarde, naam))
            params.extend(extra)
    return " UNION ALL ".join(takken), params


# The facet counts of CTE f with the names of themes and werkteams joined to the few groups.
FACET_NAMEN_SQL = (
    "SELECT f.tak, f.code, f.n, t.slug AS tslug, t.naam AS tnaam, w.slug AS wslug, "
    "COALESCE(NULLIF(w.korte_naam, ''), w.naam) AS wnaam FROM f "
    f"LEFT JOIN publicaties_thema t ON f.code BETWEEN {CODE_THEMA} AND {CODE_THEMA + 999_999} "
    f"AND t.id = f.code - {CODE_THEMA} "
    f"LEFT JOIN werkteams_werkteam w ON f.code >= {CODE_WERKTEAM} "
    f"AND w.id = f.code - {CODE_WERKTEAM}"
)


def _pg_facet_sql(zoekvraag: Zoekvraag) -> tuple[str, list]:
    """Browsing without words: the facet counts of the whole (filtered) collection."""
    takken, params = _pg_facet_takken(zoekvraag)
    bron = (
        "SELECT p.facetcodes AS c FROM publicaties_publicatie p "
        f"WHERE p.status = 'gepubliceerd'{_bereik_sql(zoekvraag)}"
    )
    return f"WITH m AS MATERIALIZED ({bron}), f AS ({takken}) {FACET_NAMEN_SQL}", params


def _pg_rijen(zoekvraag: Zoekvraag, ruwe_rijen) -> list[tuple]:
    """(facet, value, label, count) rows from (branch, code, count, names…) rows."""
    rijen = []
    for tak, code, aantal, thema_slug, thema_naam, werkteam_slug, werkteam_naam in ruwe_rijen:
        if thema_slug is not None:
            naam, waarde, label = "thema", thema_slug, thema_naam
        elif werkteam_slug is not None:
            naam, waarde, label = "werkteam", werkteam_slug, werkteam_naam
        elif code is None:
            continue
        else:
            gevonden = _code_waarde(code)
            if gevonden is None:
                continue
            (naam, waarde), label = gevonden, None
        # A facet with a selection is counted in its own branch; the others in "rest".
        eigen_tak = naam if getattr(zoekvraag, naam) else "rest"
        if tak == eigen_tak:
            rijen.append((naam, waarde, label, aantal))
    return rijen


def _pg_facetten(zoekvraag: Zoekvraag) -> tuple[list[Facet], int]:
    sql, params = _pg_facet_sql(zoekvraag)
    cache_sleutel = None
    if not zoekvraag.q.strip():
        # Browsing without words counts the whole collection: cache it per selection,
        # invalidated by the index version that every write bumps.
        selectie = "&".join(
            f"{k}={v}" for k, v in zoekvraag.als_params(q="", sortering="relevantie")
        )
        bereik = ",".join(map(str, zoekvraag.bereik))
        cache_sleutel = f"publicaties:facetten:{zoekindex_versie()}:{bereik}:{selectie}"
        rijen = cache.get(cache_sleutel)
        if rijen is not None:
            facetten, types = _facetten_opbouwen(zoekvraag, rijen)
            return facetten, _totaal_uit_types(zoekvraag, types)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rijen = _pg_rijen(zoekvraag, cursor.fetchall())
    if cache_sleutel:
        cache.set(cache_sleutel, rijen, FACET_CACHE_SECONDS)
    facetten, types = _facetten_opbouwen(zoekvraag, rijen)
    return facetten, _totaal_uit_types(zoekvraag, types)


# The authors come along as one string, so a page of results is a single query.
RESULTAAT_KOLOMMEN = (
    "p.id, p.titel, p.slug, p.type, p.jaar, p.datum, p.samenvatting, p.verschenen_in, "
    "p.externe_link, p.audio, p.status, p.werkplaats_id, "
    "(SELECT string_agg(CASE WHEN a.voornamen = '' THEN a.achternaam "
    "ELSE a.voornamen || ' ' || a.achternaam END, ', ' ORDER BY a.volgorde) "
    "FROM publicaties_auteurschap a WHERE a.publicatie_id = p.id) AS auteurs_weergave"
)


def _pg_resultaten(zoekvraag: Zoekvraag, pagina: int) -> list[Publicatie]:
    """Browsing without words: one page, newest first (index publicatie_gepubl_jaar_idx)."""
    voorwaarde, params = _pg_filters(zoekvraag, behalve=None, kolom="p.facetcodes")
    sql = f"""
        SELECT {RESULTAAT_KOLOMMEN}
        FROM publicaties_publicatie p
        WHERE p.status = 'gepubliceerd'{_bereik_sql(zoekvraag)} AND {voorwaarde}
        ORDER BY p.jaar DESC, p.datum DESC NULLS LAST, p.id DESC
        LIMIT %s OFFSET %s
    """
    items = list(Publicatie.objects.raw(sql, [*params, PER_PAGINA, (pagina - 1) * PER_PAGINA]))
    for item in items:
        item.titel_html = item.titel
        item.fragment = _afgekort(item.samenvatting)
    return items
