# ruff: noqa: S608 - SQL here is assembled from constant fragments; every value is a parameter.
"""Searching the kennisbank: a query with facets in, a page of ranked results with counts out.

Two engines behind one interface:
- PostgreSQL: full-text search on the stored, weighted tsvector (config dutch_unaccent:
  Dutch stemming without accents), ranked with ts_rank, snippets from ts_headline,
  facet counts in one statement, "did you mean" from pg_trgm. Three queries per search.
- SQLite (`make run` without DATABASE_URL): case-insensitive substring search on the same
  texts, a simple score by field, facets counted in Python, no suggestions.

Facets are disjunctive: the counts of one facet honour the query and every *other*
facet's selection, so the numbers next to the options are exactly what you get when
you tick one more (values within a facet are OR'ed, facets are AND'ed).
"""

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from werkteams.models import Werkteam

from .models import Publicatie, Thema, Zoekwoord
from .tekst import woorden, zonder_accenten

PER_PAGINA = 10
FACET_MAX = 10
MAX_PAGINA = 500
FACET_CACHE_SECONDS = 300
VERSIE_SLEUTEL = "publicaties:zoekindex-versie"

# Highlight markers that cannot occur in stored text (they are stripped before ts_headline);
# the text is escaped first and the markers become <mark> afterwards.
START, STOP = "\u2063\u27e6", "\u27e7\u2063"

FACETTEN = [
    ("type", _("Type")),
    ("jaar", _("Year")),
    ("thema", _("Theme")),
    ("werkteam", _("Work team")),
    ("kennisvorm", _("Kind of knowledge")),
    ("doelgroep", _("Audience")),
]
SORTERINGEN = {"relevantie": _("Relevance"), "nieuwste": _("Newest first")}


@dataclass
class Zoekvraag:
    """What the visitor asked: words, facet selections, sort order and page."""

    q: str = ""
    type: list[str] = field(default_factory=list)
    jaar: list[int] = field(default_factory=list)
    thema: list[str] = field(default_factory=list)
    werkteam: list[str] = field(default_factory=list)
    kennisvorm: list[str] = field(default_factory=list)
    doelgroep: list[str] = field(default_factory=list)
    sortering: str = "relevantie"
    pagina: int = 1
    meer: list[str] = field(default_factory=list)  # facets to show in full

    @property
    def heeft_filters(self) -> bool:
        return any(getattr(self, naam) for naam, _ in FACETTEN)

    @property
    def effectieve_sortering(self) -> str:
        return self.sortering if self.q.strip() else "nieuwste"

    def als_params(self, **wijzig) -> list[tuple[str, str]]:
        """The query string pairs of this search (optionally with changes), for links."""
        waarden = {naam: getattr(self, naam) for naam, _ in FACETTEN}
        params: list[tuple[str, str]] = []
        q = wijzig.get("q", self.q)
        if q:
            params.append(("q", q))
        for naam, _label in FACETTEN:
            for waarde in wijzig.get(naam, waarden[naam]):
                params.append((naam, str(waarde)))
        sortering = wijzig.get("sortering", self.sortering)
        if sortering != "relevantie":
            params.append(("sortering", sortering))
        for naam in wijzig.get("meer", self.meer):
            params.append(("meer", naam))
        pagina = wijzig.get("pagina", 1)
        if pagina > 1:
            params.append(("pagina", str(pagina)))
        return params


@dataclass
class FacetWaarde:
    waarde: str
    label: str
    aantal: int
    gekozen: bool


@dataclass
class Facet:
    naam: str
    titel: str
    waarden: list[FacetWaarde]
    verborgen: int = 0  # values left out (only the FACET_MAX most frequent are shown)


@dataclass
class Zoekresultaat:
    """One page of results with the total, the facets and perhaps a suggestion."""

    zoekvraag: Zoekvraag
    items: list
    totaal: int
    facetten: list[Facet]
    suggestie: str = ""
    pagina: int = 1

    def url(self, **wijzig) -> str:
        """A query string for this search with some values changed (links work without JS)."""
        from urllib.parse import urlencode

        params = self.zoekvraag.als_params(**wijzig)
        return "?" + urlencode(params) if params else "?"

    @property
    def vorige_url(self) -> str:
        return self.url(pagina=self.vorige) if self.vorige else ""

    @property
    def volgende_url(self) -> str:
        return self.url(pagina=self.volgende) if self.volgende else ""

    def meer_url(self, naam: str) -> str:
        return self.url(meer=[*self.zoekvraag.meer, naam])

    @property
    def facetten_met_urls(self) -> list[tuple]:
        """(facet, URL that shows all its values) for the template."""
        return [(f, self.meer_url(f.naam) if f.verborgen else "") for f in self.facetten]

    @property
    def zonder_filters_url(self) -> str:
        return self.url(**{naam: [] for naam, _ in FACETTEN})

    @property
    def suggestie_url(self) -> str:
        return self.url(q=self.suggestie) if self.suggestie else ""

    @property
    def aantal_paginas(self) -> int:
        return max(1, -(-self.totaal // PER_PAGINA))

    @property
    def vorige(self) -> int | None:
        return self.pagina - 1 if self.pagina > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.pagina + 1 if self.pagina < min(self.aantal_paginas, MAX_PAGINA) else None

    @property
    def eerste_nummer(self) -> int:
        return (self.pagina - 1) * PER_PAGINA + 1 if self.totaal else 0

    @property
    def laatste_nummer(self) -> int:
        return min(self.totaal, self.pagina * PER_PAGINA)


def zoekindex_versie() -> int:
    """A number that changes whenever a publication changes (facet cache key)."""
    return cache.get_or_set(VERSIE_SLEUTEL, 1, None)


def zoekindex_versie_bump() -> None:
    try:
        cache.incr(VERSIE_SLEUTEL)
    except ValueError:
        cache.set(VERSIE_SLEUTEL, 2, None)


def _markeer(tekst: str | None) -> str:
    """Escape the headline, then turn the markers into <mark>."""
    veilig = str(escape(tekst or ""))
    return mark_safe(veilig.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _label_maps() -> dict[str, dict[str, str]]:
    return {
        "type": {k: str(v) for k, v in Publicatie.Type.choices},
        "kennisvorm": {k: str(v) for k, v in Publicatie.Kennisvorm.choices},
        "doelgroep": {k: str(v) for k, v in Publicatie.Doelgroep.choices},
    }


def _facetten_opbouwen(zoekvraag: Zoekvraag, rijen) -> tuple[list[Facet], dict[str, int]]:
    """Facet objects from (facet, waarde, label, aantal) rows; also the type counts."""
    labels = _label_maps()
    per_facet: dict[str, list[FacetWaarde]] = {naam: [] for naam, _ in FACETTEN}
    type_aantallen: dict[str, int] = {}
    for naam, waarde, label, aantal in rijen:
        gekozen_lijst = [str(w) for w in getattr(zoekvraag, naam)]
        if naam == "type":
            type_aantallen[waarde] = aantal
        per_facet[naam].append(
            FacetWaarde(
                waarde=str(waarde),
                label=label or labels.get(naam, {}).get(waarde, str(waarde)),
                aantal=aantal,
                gekozen=str(waarde) in gekozen_lijst,
            )
        )
    facetten = []
    for naam, titel in FACETTEN:
        waarden = per_facet[naam]
        # A chosen value with no hits stays visible so it can be unticked.
        aanwezig = {w.waarde for w in waarden}
        for gekozen in getattr(zoekvraag, naam):
            if str(gekozen) not in aanwezig:
                label = labels.get(naam, {}).get(str(gekozen), str(gekozen))
                waarden.append(FacetWaarde(str(gekozen), label, 0, True))
        if naam == "jaar":
            waarden.sort(key=lambda w: -int(w.waarde))
        elif naam == "type":
            volgorde = list(labels["type"])
            waarden.sort(key=lambda w: volgorde.index(w.waarde) if w.waarde in volgorde else 99)
        else:
            waarden.sort(key=lambda w: (-w.aantal, w.label.lower()))
        verborgen = 0
        if naam not in zoekvraag.meer and len(waarden) > FACET_MAX:
            # The most frequent values, plus every chosen one so it can be unticked.
            zichtbaar = (
                waarden[:FACET_MAX]
                if naam != "jaar"
                else sorted(waarden, key=lambda w: -w.aantal)[:FACET_MAX]
            )
            gezien = {id(w) for w in zichtbaar}
            zichtbaar += [w for w in waarden if w.gekozen and id(w) not in gezien]
            gezien = {id(w) for w in zichtbaar}
            verborgen = len(waarden) - len(zichtbaar)
            waarden = [w for w in waarden if id(w) in gezien]
        facetten.append(Facet(naam=naam, titel=str(titel), waarden=waarden, verborgen=verborgen))
    return facetten, type_aantallen


def _totaal_uit_types(zoekvraag: Zoekvraag, type_aantallen: dict[str, int]) -> int:
    """Every row has one type, and the type facet honours all other filters: sum = total."""
    if zoekvraag.type:
        return sum(type_aantallen.get(t, 0) for t in zoekvraag.type)
    return sum(type_aantallen.values())


# --- PostgreSQL --------------------------------------------------------------------------


# Facet codes: PostgreSQL keeps one integer[] per row (column facetcodes, written by
# services.zoekindex_update) so that all facets are counted with a single unnest.
TYPE_LIJST = [t for t, _ in Publicatie.Type.choices]
KENNISVORM_LIJST = [k for k, _ in Publicatie.Kennisvorm.choices]
DOELGROEP_LIJST = [d for d, _ in Publicatie.Doelgroep.choices]
CODE_TYPE, CODE_KENNISVORM, CODE_DOELGROEP, CODE_JAAR = 1000, 2000, 3000, 10000
CODE_THEMA, CODE_WERKTEAM = 1_000_000, 2_000_000
CODE_BEREIK = {
    "type": (CODE_TYPE, CODE_TYPE + 999),
    "kennisvorm": (CODE_KENNISVORM, CODE_KENNISVORM + 999),
    "doelgroep": (CODE_DOELGROEP, CODE_DOELGROEP + 999),
    "jaar": (CODE_JAAR, CODE_JAAR + 9999),
    "thema": (CODE_THEMA, CODE_THEMA + 999_999),
    "werkteam": (CODE_WERKTEAM, CODE_WERKTEAM + 999_999),
}


def _codes(naam: str, waarden: list) -> list[int]:
    if naam == "type":
        return [CODE_TYPE + 1 + TYPE_LIJST.index(w) for w in waarden if w in TYPE_LIJST]
    if naam == "kennisvorm":
        return [
            CODE_KENNISVORM + 1 + KENNISVORM_LIJST.index(w)
            for w in waarden
            if w in KENNISVORM_LIJST
        ]
    if naam == "doelgroep":
        return [
            CODE_DOELGROEP + 1 + DOELGROEP_LIJST.index(w) for w in waarden if w in DOELGROEP_LIJST
        ]
    if naam == "jaar":
        return [CODE_JAAR + int(w) for w in waarden]
    return []


def _code_waarde(code: int) -> tuple[str, str] | None:
    """(facet, value) of a code for the facets whose values are not database rows."""
    if CODE_TYPE < code <= CODE_TYPE + len(TYPE_LIJST):
        return "type", TYPE_LIJST[code - CODE_TYPE - 1]
    if CODE_KENNISVORM < code <= CODE_KENNISVORM + len(KENNISVORM_LIJST):
        return "kennisvorm", KENNISVORM_LIJST[code - CODE_KENNISVORM - 1]
    if CODE_DOELGROEP < code <= CODE_DOELGROEP + len(DOELGROEP_LIJST):
        return "doelgroep", DOELGROEP_LIJST[code - CODE_DOELGROEP - 1]
    if CODE_JAAR <= code < CODE_JAAR + 10000:
        return "jaar", str(code - CODE_JAAR)
    return None


def _pg_selectie(zoekvraag: Zoekvraag, naam: str) -> tuple[str, list]:
    """An int[] expression with the codes of one facet's selection."""
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
    bron = "SELECT p.facetcodes AS c FROM publicaties_publicatie p WHERE p.status = 'gepubliceerd'"
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
        cache_sleutel = f"publicaties:facetten:{zoekindex_versie()}:{selectie}"
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
    "p.externe_link, p.audio, p.status, "
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
        WHERE p.status = 'gepubliceerd' AND {voorwaarde}
        ORDER BY p.jaar DESC, p.datum DESC NULLS LAST, p.id DESC
        LIMIT %s OFFSET %s
    """
    items = list(Publicatie.objects.raw(sql, [*params, PER_PAGINA, (pagina - 1) * PER_PAGINA]))
    for item in items:
        item.titel_html = item.titel
        item.fragment = _afgekort(item.samenvatting)
    return items


HEADLINE_OPTIES = f'StartSel="{START}", StopSel="{STOP}"'
TITEL_OPTIES = HEADLINE_OPTIES + ", HighlightAll=true"
FRAGMENT_OPTIES = (
    HEADLINE_OPTIES
    + ', MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
MODEL_VELDEN = {f.attname for f in Publicatie._meta.concrete_fields}
NIEUWSTE = "{a}jaar DESC, {a}datum DESC NULLS LAST, {a}id DESC"
WOORDEN = "websearch_to_tsquery('dutch_unaccent', %s)"

# The words of a search as PostgreSQL parses them, and the frequent word when the search
# is one such word perhaps with excluded words ('zorg' & !'thuis'): its facets can then be
# read from the stored counts. ENKEL_WOORD is matched against the tsquery's text form.
ENKEL_WOORD = r"^'((?:[^']|'')*)'((?: & !'(?:[^']|'')*')*)$"
ANALYSE_SQL = f"""
    SELECT z.q::text, numnode(z.q), f.lexeem
    FROM (SELECT {WOORDEN} AS q) z
    LEFT JOIN publicaties_frequente_term f
        ON f.lexeem = replace((regexp_match(z.q::text, %s))[1], '''''', '''')
"""

# Rank: rows matching in the title or authors/themes (abvector, weights A and B) are
# ranked by ts_rank on it, so a title match outranks an author or theme match; then rows
# matching in the summary (C, in rangvector), then rows matching only in the body; the
# last two newest first. rang is NULL for body-only rows. rangvector lives out of the row
# (migration 0009), so its matches come from its GIN index as CTE r instead of being
# tested row by row. _pg_zoeken starts with ZOEK_CTES (two parameters: the words);
# _pg_zoeken_frequent starts with ZOEK_CTE and builds its own r (ranked, filtered).
RANG_AB = "ts_rank(p.abvector, zoek.q)"
RANG_SQL = f"""CASE WHEN p.abvector @@ zoek.q THEN {RANG_AB}
    WHEN p.id IN (SELECT r.id FROM r) THEN 0 END"""
ZOEK_CTE = f"zoek AS (SELECT {WOORDEN} AS q)"
ZOEK_CTES = f"""{ZOEK_CTE},
    r AS (SELECT p.id FROM publicaties_publicatie p
          WHERE p.status = 'gepubliceerd' AND p.rangvector @@ {WOORDEN})"""

FACETTEN_JSON_SQL = f"""
    SELECT json_agg(json_build_array(x.tak, x.code, x.n, x.tslug, x.tnaam, x.wslug,
        x.wnaam)) AS facetten
    FROM ({FACET_NAMEN_SQL}) x
"""

# The page's rows with their authors and highlighted title and fragment, once the facets
# (CTE fj) and the page's ids (CTE pg) are known.
PAGINA_SQL = f"""
    SELECT fj.facetten, {RESULTAAT_KOLOMMEN}, pg.rang,
        ts_headline('dutch_unaccent', translate(p.titel, '\u27e6\u27e7\u2063', ''),
            zoek.q, %s) AS titel_html,
        ts_headline('dutch_unaccent', translate(p.samenvatting || ' '
            || left(p.inhoud_tekst, 600), '\u27e6\u27e7\u2063', ''), zoek.q, %s) AS fragment
    FROM fj LEFT JOIN (pg JOIN publicaties_publicatie p ON p.id = pg.id) ON TRUE, zoek
"""


def _volgorde(zoekvraag: Zoekvraag, a: str) -> str:
    if zoekvraag.effectieve_sortering == "relevantie":
        return f"{a}rang DESC NULLS LAST, " + NIEUWSTE.format(a=a)
    return NIEUWSTE.format(a=a)


def _pg_lezen(sql: str, params: list) -> tuple[list[tuple], list[Publicatie]]:
    """Run a statement ending in PAGINA_SQL: (raw facet rows, items of the page)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, TITEL_OPTIES, FRAGMENT_OPTIES])
        kolommen = [k.name for k in cursor.description]
        rijen = cursor.fetchall()
    facet_rijen = [tuple(r) for r in (rijen[0][0] or [])] if rijen else []
    items = []
    for rij in rijen:
        waarden = dict(zip(kolommen, rij, strict=True))
        if waarden["id"] is None:
            continue
        item = Publicatie(**{k: v for k, v in waarden.items() if k in MODEL_VELDEN})
        item.rang = waarden["rang"]
        item.auteurs_weergave = waarden["auteurs_weergave"] or ""
        item.titel_html = _markeer(waarden["titel_html"]) if waarden["titel_html"] else item.titel
        fragment = (waarden["fragment"] or "").strip()
        item.fragment = _markeer(fragment) if fragment else _afgekort(item.samenvatting)
        items.append(item)
    return facet_rijen, items


def _pg_zoeken(zoekvraag: Zoekvraag, pagina: int) -> tuple[list[tuple], list[Publicatie]]:
    """Words given: facets and the ranked page in ONE statement over one scan of the matches.

    CTE m reads each matching row once (id, year, date, facet codes, rank: RANG_SQL);
    facets count m's codes; the page is the top of m; headlines are made for the page's
    rows only.
    """
    takken, facet_params = _pg_facet_takken(zoekvraag)
    voorwaarde, filter_params = _pg_filters(zoekvraag, behalve=None, kolom="m.c")
    sql = f"""
        WITH {ZOEK_CTES},
        m AS MATERIALIZED (
            SELECT p.id, p.jaar, p.datum, p.facetcodes AS c, {RANG_SQL} AS rang
            FROM publicaties_publicatie p, zoek
            -- The query again as a constant expression: the planner then estimates the
            -- number of matches from the column statistics (a CTE reference gets a fixed guess).
            WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN}
        ),
        f AS ({takken}),
        fj AS ({FACETTEN_JSON_SQL}),
        pg AS (
            SELECT m.id, m.rang, m.jaar, m.datum FROM m WHERE {voorwaarde}
            ORDER BY {_volgorde(zoekvraag, "m.")} LIMIT %s OFFSET %s
        )
        {PAGINA_SQL}
        ORDER BY {_volgorde(zoekvraag, "pg.")}
    """
    params = [
        *[zoekvraag.q] * 3,
        *facet_params,
        *filter_params,
        PER_PAGINA,
        (pagina - 1) * PER_PAGINA,
    ]
    return _pg_lezen(sql, params)


def _tsquery_lexeem(lexeem: str) -> str:
    return "'" + lexeem.replace("'", "''") + "'"


def _pg_zoeken_frequent(
    zoekvraag: Zoekvraag, pagina: int, lexeem: str, uitgesloten: list[str]
) -> tuple[list[tuple], list[Publicatie]]:
    """One frequent word, perhaps minus excluded words: the same result as _pg_zoeken
    without reading (and counting) all its matches.

    - CTE r: the rows matching in title, authors/themes or summary (rangvector's GIN index;
      with filters only rows with a selected value, GIN on facetcodes), with their rank.
      These are the first two rank layers (RANG_SQL), so a page comes from r unless r is
      shorter than the page; only then are body-only matches read, newest first.
    - Facets: the branch without filters comes from publicaties_term_facet (exact, kept by
      a trigger), minus the counts of the rows that also hold an excluded word. Branches
      with filters count m: the rows with the word AND a selected value (BitmapAnd of the
      GIN indexes on zoekvector and facetcodes).
    """
    keuzes = [naam for naam, _titel in FACETTEN if getattr(zoekvraag, naam)]
    selecties = [_pg_selectie(zoekvraag, naam) for naam in keuzes]
    gekozen = (
        f"p.facetcodes && ({' || '.join(expressie for expressie, _ in selecties)})"
        if keuzes
        else "TRUE"
    )
    gekozen_params = [waarde for _expressie, extra in selecties for waarde in extra]
    # "a -b" can match a vector on its own while the row holds b elsewhere: with excluded
    # words r also needs the whole row to match (a match in A-C implies it otherwise).
    geheel = f"AND p.zoekvector @@ {WOORDEN}" if uitgesloten else ""
    # Parameters in the order of the text.
    params: list = [zoekvraag.q, zoekvraag.q, *([zoekvraag.q] if uitgesloten else [])]
    params += gekozen_params
    ctes = [
        ZOEK_CTE,
        f"""r AS MATERIALIZED (
            SELECT p.id, p.jaar, p.datum, CASE WHEN p.abvector @@ zoek.q THEN {RANG_AB}
                ELSE 0 END AS rang
            FROM publicaties_publicatie p, zoek
            WHERE p.status = 'gepubliceerd' AND p.rangvector @@ {WOORDEN} {geheel}
                AND {gekozen})""",
    ]
    if keuzes:
        ctes.append(
            f"""m AS MATERIALIZED (
                SELECT p.id, p.jaar, p.datum, p.facetcodes AS c, r.rang
                FROM publicaties_publicatie p LEFT JOIN r ON r.id = p.id
                WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN} AND {gekozen})"""
        )
        params += [zoekvraag.q, *gekozen_params]

    vrije_tak = "rest" if not keuzes else keuzes[0] if len(keuzes) == 1 else None
    delen, deel_params = [], []
    if vrije_tak:
        if uitgesloten:
            ctes.append(
                """aftrek AS (SELECT code, count(*) AS n FROM (
                    SELECT unnest(p.facetcodes) AS code FROM publicaties_publicatie p
                    WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ %s::tsquery) u
                GROUP BY code)"""
            )
            params.append(
                f"{_tsquery_lexeem(lexeem)} & ({' | '.join(map(_tsquery_lexeem, uitgesloten))})"
            )
        else:
            ctes.append("aftrek AS (SELECT NULL::int AS code, 0::bigint AS n WHERE FALSE)")
        delen.append(
            f"""SELECT '{vrije_tak}' AS tak, t.code, t.aantal - coalesce(a.n, 0) AS n
            FROM publicaties_term_facet t LEFT JOIN aftrek a ON a.code = t.code
            WHERE t.lexeem = %s AND t.aantal - coalesce(a.n, 0) > 0"""
        )
        deel_params.append(lexeem)
    takken, tak_params = _pg_facet_takken(zoekvraag, alleen_gefilterd=True)
    if takken:
        delen.append(takken)
        deel_params += tak_params
    ctes.append(f"f AS ({' UNION ALL '.join(delen)})")
    params += deel_params
    ctes.append(f"fj AS ({FACETTEN_JSON_SQL})")

    tot, vanaf = pagina * PER_PAGINA, (pagina - 1) * PER_PAGINA
    if keuzes:
        # With filters the page comes from m, which the filtered branches read anyway.
        voorwaarde, filter_params = _pg_filters(zoekvraag, behalve=None, kolom="m.c")
        ctes.append(
            f"""pg AS (SELECT m.id, m.rang, m.jaar, m.datum FROM m WHERE {voorwaarde}
            ORDER BY {_volgorde(zoekvraag, "m.")} LIMIT %s OFFSET %s)"""
        )
        params += [*filter_params, PER_PAGINA, vanaf]
    elif zoekvraag.effectieve_sortering == "relevantie":
        ctes.append(
            f"""pg AS (SELECT * FROM (
                (SELECT r.id, r.rang, r.jaar, r.datum FROM r
                 ORDER BY {_volgorde(zoekvraag, "r.")} LIMIT %s)
                UNION ALL
                (SELECT p.id, NULL::real, p.jaar, p.datum FROM publicaties_publicatie p
                 WHERE (SELECT count(*) FROM r) < %s
                    AND p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN}
                    AND p.id NOT IN (SELECT r.id FROM r)
                 ORDER BY {NIEUWSTE.format(a="p.")} LIMIT %s)
            ) l ORDER BY {_volgorde(zoekvraag, "l.")} LIMIT %s OFFSET %s)"""
        )
        params += [tot, tot, zoekvraag.q, tot, PER_PAGINA, vanaf]
    else:
        ctes.append(
            f"""pg AS (SELECT p.id, r.rang, p.jaar, p.datum
            FROM publicaties_publicatie p LEFT JOIN r ON r.id = p.id
            WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN}
            ORDER BY {NIEUWSTE.format(a="p.")} LIMIT %s OFFSET %s)"""
        )
        params += [zoekvraag.q, PER_PAGINA, vanaf]
    sql = f"WITH {', '.join(ctes)} {PAGINA_SQL} ORDER BY {_volgorde(zoekvraag, 'pg.')}"
    return _pg_lezen(sql, params)


def _pg_analyse(q: str) -> tuple[int, str | None, list[str]]:
    """(number of nodes of the query, its frequent word or None, excluded words)."""
    with connection.cursor() as cursor:
        cursor.execute(ANALYSE_SQL, [q, ENKEL_WOORD])
        tekst, knopen, lexeem = cursor.fetchone()
    if not lexeem:
        return knopen, None, []
    rest = re.match(ENKEL_WOORD, tekst).group(2)
    uitgesloten = [w.replace("''", "'") for w in re.findall(r"!'((?:[^']|'')*)'", rest)]
    return knopen, lexeem, uitgesloten


def _pg_suggestie(zoekvraag: Zoekvraag) -> str:
    """ "Did you mean": replace words that occur nowhere by the closest known word."""
    termen = woorden(zoekvraag.q, minimum=3)[:6]
    if not termen:
        return ""
    with connection.cursor() as cursor:
        # For each word: is it known, and else the most similar known word (pg_trgm,
        # GIN index on zoekwoord.woord; threshold pg_trgm.similarity_threshold = 0.3).
        cursor.execute(
            """
            SELECT t.w,
                EXISTS (SELECT 1 FROM publicaties_zoekwoord z WHERE z.woord = t.w),
                (SELECT z.woord FROM publicaties_zoekwoord z
                 WHERE z.woord %% t.w ORDER BY z.woord <-> t.w, z.aantal DESC LIMIT 1)
            FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY t.n
            """,
            [termen],
        )
        rijen = cursor.fetchall()
    vervangingen = {w: beste for w, bekend, beste in rijen if not bekend and beste}
    if not vervangingen:
        return ""

    # Keep the visitor's own text, swapping only the unknown words.
    def vervang(m):
        woord = m.group(0)
        return vervangingen.get(zonder_accenten(woord).lower(), woord)

    voorstel = re.sub(r"[^\W\d_]+", vervang, zoekvraag.q)
    return voorstel if voorstel.strip() != zoekvraag.q.strip() else ""


# --- SQLite ------------------------------------------------------------------------------


def _eenvoudige_stam(woord: str) -> str:
    """A crude Dutch stem for the SQLite fallback: "schulden" → "schuld"."""
    for achtervoegsel in ("heden", "ingen", "ing", "en", "s"):
        if woord.endswith(achtervoegsel) and len(woord) - len(achtervoegsel) >= 4:
            return woord[: -len(achtervoegsel)]
    return woord


def _simpel_queryset(zoekvraag: Zoekvraag):
    from django.db.models import Case, IntegerField, Q, Value, When

    qs = Publicatie.objects.filter(status=Publicatie.Status.GEPUBLICEERD)
    # woorden() lowers and strips accents, like the stored zoektekst.
    termen = [_eenvoudige_stam(w) for w in woorden(zoekvraag.q, minimum=2)][:8]
    for term in termen:
        qs = qs.filter(zoektekst__contains=term)
    if termen:
        eerste = termen[0]
        qs = qs.annotate(
            rang=Case(
                When(titel__icontains=eerste, then=Value(4)),
                When(
                    Q(auteurs_tekst__icontains=eerste) | Q(themas_tekst__icontains=eerste),
                    then=Value(3),
                ),
                When(samenvatting__icontains=eerste, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    return qs, termen


def _simpel_past(rij: dict, zoekvraag: Zoekvraag, behalve: str | None, ids: dict) -> bool:
    if zoekvraag.type and behalve != "type" and rij["type"] not in zoekvraag.type:
        return False
    if zoekvraag.jaar and behalve != "jaar" and rij["jaar"] not in zoekvraag.jaar:
        return False
    for naam, kolom in (
        ("thema", "thema_ids"),
        ("werkteam", "werkteam_ids"),
        ("kennisvorm", "kennisvormen"),
        ("doelgroep", "doelgroepen"),
    ):
        gekozen = ids.get(naam, getattr(zoekvraag, naam))
        if getattr(zoekvraag, naam) and behalve != naam and not set(rij[kolom]) & set(gekozen):
            return False
    return True


def _simpel_zoeken(zoekvraag: Zoekvraag, pagina: int) -> Zoekresultaat:
    qs, termen = _simpel_queryset(zoekvraag)
    thema_per_id = {str(t.id): t for t in Thema.objects.all()}
    werkteam_per_id = {str(w.id): w for w in Werkteam.objects.all()}
    ids = {
        "thema": [i for i, t in thema_per_id.items() if t.slug in zoekvraag.thema],
        "werkteam": [i for i, w in werkteam_per_id.items() if w.slug in zoekvraag.werkteam],
    }
    rijen = list(
        qs.values("id", "type", "jaar", "thema_ids", "werkteam_ids", "kennisvormen", "doelgroepen")
    )
    tellingen = []
    for naam, _titel in FACETTEN:
        teller: Counter = Counter()
        for rij in rijen:
            if not _simpel_past(rij, zoekvraag, naam, ids):
                continue
            if naam == "type":
                teller[rij["type"]] += 1
            elif naam == "jaar":
                teller[str(rij["jaar"])] += 1
            elif naam == "thema":
                teller.update(rij["thema_ids"])
            elif naam == "werkteam":
                teller.update(rij["werkteam_ids"])
            elif naam == "kennisvorm":
                teller.update(rij["kennisvormen"])
            else:
                teller.update(rij["doelgroepen"])
        for waarde, aantal in teller.items():
            if naam == "thema" and waarde in thema_per_id:
                tellingen.append(
                    (naam, thema_per_id[waarde].slug, thema_per_id[waarde].naam, aantal)
                )
            elif naam == "werkteam" and waarde in werkteam_per_id:
                w = werkteam_per_id[waarde]
                tellingen.append((naam, w.slug, str(w), aantal))
            elif naam not in {"thema", "werkteam"}:
                tellingen.append((naam, waarde, None, aantal))
    facetten, types = _facetten_opbouwen(zoekvraag, tellingen)
    totaal = _totaal_uit_types(zoekvraag, types)
    passend = [r["id"] for r in rijen if _simpel_past(r, zoekvraag, None, ids)]
    volgorde = ["-jaar", "-datum", "-id"]
    if termen and zoekvraag.effectieve_sortering == "relevantie":
        volgorde = ["-rang", *volgorde]
    start = (pagina - 1) * PER_PAGINA
    items = list(
        qs.filter(id__in=passend)
        .order_by(*volgorde)
        .prefetch_related("auteurschappen")[start : start + PER_PAGINA]
    )
    for item in items:
        item.auteurs_weergave = ", ".join(a.weergavenaam for a in item.auteurschappen.all())
        item.titel_html = _markeer_simpel(item.titel, termen)
        item.fragment = _markeer_simpel(_afgekort(item.samenvatting), termen)
    return Zoekresultaat(zoekvraag, items, totaal, facetten, "", pagina)


def _afgekort(tekst: str, lengte: int = 240) -> str:
    tekst = (tekst or "").strip()
    return tekst if len(tekst) <= lengte else tekst[:lengte].rsplit(" ", 1)[0] + " …"


def _markeer_simpel(tekst: str, termen: list[str]) -> str:
    veilig = str(escape(tekst or ""))
    for term in termen:
        veilig = re.sub(
            f"({re.escape(str(escape(term)))})", r"<mark>\1</mark>", veilig, flags=re.IGNORECASE
        )
    return mark_safe(veilig)  # noqa: S308 - escaped above; only <mark> added


# --- Entry point -------------------------------------------------------------------------


def publicatie_search(zoekvraag: Zoekvraag) -> Zoekresultaat:
    """Published publications for a query with facets: one page, total, counts, suggestion."""
    pagina = max(1, min(zoekvraag.pagina, MAX_PAGINA))
    if connection.vendor != "postgresql":
        return _simpel_zoeken(zoekvraag, pagina)
    if not zoekvraag.q.strip():
        facetten, totaal = _pg_facetten(zoekvraag)
        pagina = min(pagina, max(1, -(-totaal // PER_PAGINA)))
        items = _pg_resultaten(zoekvraag, pagina) if totaal else []
        return Zoekresultaat(zoekvraag, items, totaal, facetten, "", pagina)
    knopen, lexeem, uitgesloten = _pg_analyse(zoekvraag.q)
    if knopen == 0:
        # Only stop words ("de", "het") or signs: show the collection as when browsing.
        resultaat = publicatie_search(dataclasses.replace(zoekvraag, q=""))
        resultaat.zoekvraag = zoekvraag
        return resultaat

    def zoeken(pagina: int):
        if lexeem:
            return _pg_zoeken_frequent(zoekvraag, pagina, lexeem, uitgesloten)
        return _pg_zoeken(zoekvraag, pagina)

    ruwe_facetten, items = zoeken(pagina)
    facetten, types = _facetten_opbouwen(zoekvraag, _pg_rijen(zoekvraag, ruwe_facetten))
    totaal = _totaal_uit_types(zoekvraag, types)
    laatste = max(1, -(-totaal // PER_PAGINA))
    if pagina > laatste:
        # Past the last page (an old link): show the last page instead.
        pagina = laatste
        items = zoeken(pagina)[1]
    suggestie = _pg_suggestie(zoekvraag) if totaal == 0 else ""
    return Zoekresultaat(zoekvraag, items, totaal, facetten, suggestie, pagina)


def kenniscafe_search(q: str, limit: int = 3) -> list:
    """Published knowledge cafés matching the words (title, theme, description), newest first."""
    from kenniscafes.models import Kenniscafe

    if not q.strip():
        return []
    qs = Kenniscafe.objects.filter(status=Kenniscafe.Status.GEPUBLICEERD)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Few rows: the vector is computed on the fly, with the kennisbank's configuration.
        qs = qs.annotate(
            zoekvector=SearchVector("titel", "thema", "beschrijving", config="dutch_unaccent")
        ).filter(zoekvector=SearchQuery(q, config="dutch_unaccent", search_type="websearch"))
    else:
        from django.db.models import Q

        for term in [_eenvoudige_stam(w) for w in woorden(q, minimum=2)][:8]:
            qs = qs.filter(
                Q(titel__icontains=term)
                | Q(thema__icontains=term)
                | Q(beschrijving__icontains=term)
            )
    return list(qs.only("id", "titel", "slug", "start", "type").order_by("-start")[:limit])


def zoekwoorden_known(termen: list[str]) -> set[str]:
    """The words among `termen` that occur in the kennisbank (for tests and diagnostics)."""
    return set(Zoekwoord.objects.filter(woord__in=termen).values_list("woord", flat=True))
