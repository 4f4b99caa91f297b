# ruff: noqa: S608 - SQL here is assembled from constant fragments; every value is a parameter.
"""PostgreSQL statement builder, part 2: searches with words.

Full-text search on the stored, weighted tsvectors (config dutch_unaccent: Dutch stemming
without accents), ranked with ts_rank, snippets from ts_headline, facets and the ranked
page in one statement; a frequent word reads its facets from the stored counts and its
ranked page from its title matches (_top_lagen); "did you mean" from pg_trgm.
"""

import re

from django.db import connection

from ..models import Publicatie
from ..tekst import woorden, zonder_accenten
from .facetcodes import CODE_THEMA, CODE_WERKTEAM
from .pg_facetten import (
    FACET_NAMEN_SQL,
    RESULTAAT_KOLOMMEN,
    _pg_facet_takken,
    _pg_filters,
    _pg_selectie,
)
from .vraag import (
    FACETTEN,
    PER_PAGINA,
    START,
    STOP,
    Zoekvraag,
    _afgekort,
    _bereik_sql,
    _markeer,
)

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
# read from the stored counts. ENKEL_WOORD is matched against the tsquery's text form. With
# them the codes of the selected themes and werkteams (constants for the planner).
ENKEL_WOORD = r"^'((?:[^']|'')*)'((?: & !'(?:[^']|'')*')*)$"
ANALYSE_SQL = f"""
    SELECT z.q::text, numnode(z.q), f.lexeem,
        ARRAY(SELECT {CODE_THEMA} + id FROM publicaties_thema WHERE slug = ANY(%s))::int[],
        ARRAY(SELECT {CODE_WERKTEAM} + id FROM werkteams_werkteam WHERE slug = ANY(%s))::int[]
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
# ZOEK_CTES leaves r open for the scope's condition (_bereik_sql): close it with ")".
ZOEK_CTES = f"""{ZOEK_CTE},
    r AS (SELECT p.id FROM publicaties_publicatie p
          WHERE p.status = 'gepubliceerd' AND p.rangvector @@ {WOORDEN}"""

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


# Facets with three values, each held by a third to a half of the collection: a GIN scan of
# a selected value reads more entries (47,000 of 100,000 publications for doelgroep
# "studenten") than a frequent word has rows (1,000-11,000), and costs more than testing
# each of them (B5: 'rijstpuddingen' with a werkteam and "studenten", 3,589 rows with the
# word: BitmapAnd 20.6 ms, reading the rows 9-10 ms). Their selections filter rows.
BREDE_FACETTEN = frozenset({"kennisvorm", "doelgroep"})


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
    bereik = _bereik_sql(zoekvraag)
    sql = f"""
        WITH {ZOEK_CTES}{bereik}),
        m AS MATERIALIZED (
            SELECT p.id, p.jaar, p.datum, p.facetcodes AS c, {RANG_SQL} AS rang
            FROM publicaties_publicatie p, zoek
            -- The query again as a constant expression: the planner then estimates the
            -- number of matches from the column statistics (a CTE reference gets a fixed guess).
            WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN}{bereik}
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
    return "'" + lexeem.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector_a(lexeem: str) -> str:
    """The word once with weight A, as tsvector text: the rank of a single title match."""
    return "'" + lexeem.replace("\\", "\\\\").replace("'", "''") + "':1A"


def _top_lagen(
    zoekvraag: Zoekvraag, lexeem: str, uitgesloten: list[str], tot: int
) -> tuple[list[str], list]:
    """CTEs een, midden and boven, with their parameters: enough rows to make a frequent
    word's ranked page up to `tot` without ranking all its matches.

    ts_rank of one word (RANG_AB) only depends on the weights of its occurrences: every row
    that holds it once with weight A (a title match, the common case) has the same rank,
    `een`; a row holding it with weight A and more than once ranks higher (index
    publicatie_herhaald_gin, migration 0012); a row holding it with weight B only, in the
    summary or the body ranks lower. So the rows ranking at least `een` are those holding
    the word with weight A (index publicatie_titelwoorden_gin, migration 0013). With
    excluded words ts_rank is the same constant for every row of abvector. The first rows
    of the page are among `boven` (rank above `een`) and `midden` (rank at least `een`,
    newest first, as many as the page's end): when midden is that long the page comes from
    these two; else from r as before. Rows holding an excluded word elsewhere are left out
    with CTE x.
    """
    woord = _tsquery_lexeem(lexeem)
    if uitgesloten:
        geen_x = "AND p.id NOT IN (SELECT x.id FROM x)"
        midden = f"""p.abvector @@ {WOORDEN}
            AND ts_rank(p.abvector, zoek.q) >= (SELECT een.rang FROM een) {geen_x}"""
        midden_params = [zoekvraag.q]
    else:
        geen_x = ""
        # The same condition twice: the first for the index (bitmap, when the word is in
        # few titles), the second a cheap test per row when the planner walks the rows
        # newest first (when it is in many): it tests that one before calling the function.
        # The second is hidden from abvector's index (IS TRUE): a weight in a GIN scan
        # makes the heap scan recheck every condition, the function too.
        midden = (
            "publicaties_titelwoorden(p.abvector) @@ %s::tsquery"
            " AND (p.abvector @@ %s::tsquery) IS TRUE"
        )
        midden_params = [woord, woord + ":A"]
    ctes = [
        "een AS (SELECT ts_rank(%s::tsvector, zoek.q) AS rang FROM zoek)",
        f"""midden AS MATERIALIZED (
            SELECT p.id, ts_rank(p.abvector, zoek.q) AS rang, p.jaar, p.datum
            FROM publicaties_publicatie p, zoek
            WHERE p.status = 'gepubliceerd' AND {midden}
            ORDER BY {NIEUWSTE.format(a="p.")} LIMIT %s)""",
        f"""boven AS (
            SELECT p.id, ts_rank(p.abvector, zoek.q) AS rang, p.jaar, p.datum
            FROM publicaties_publicatie p, zoek
            WHERE p.status = 'gepubliceerd' AND publicaties_herhaald(p.abvector) @@ %s::tsquery
                AND ts_rank(p.abvector, zoek.q) > (SELECT een.rang FROM een) {geen_x})""",
    ]
    return ctes, [_tsvector_a(lexeem), *midden_params, tot, woord]


def _pg_zoeken_frequent(
    zoekvraag: Zoekvraag, pagina: int, lexeem: str, uitgesloten: list[str]
) -> tuple[list[tuple], list[Publicatie]]:
    """One frequent word, perhaps minus excluded words: the same result as _pg_zoeken
    without reading (and counting) all its matches.

    - CTE r: the rows matching in title, authors/themes or summary (rangvector's GIN index;
      with filters only rows with every selection, GIN on facetcodes), with their rank.
      These are the first two rank layers (RANG_SQL), so a page comes from r unless r is
      shorter than the page; only then are body-only matches read, newest first. Without
      filters a ranked page comes from the title matches instead (_top_lagen) when there
      are enough of them, and r is not read.
    - Facets: the branch without filters comes from publicaties_term_facet (exact, kept by
      a trigger), minus the counts of the rows that also hold an excluded word. Branches
      with filters count m: the rows with the word AND a selected value (BitmapAnd of the
      GIN indexes on zoekvector and facetcodes, except for BREDE_FACETTEN).
    """
    keuzes = [naam for naam, _titel in FACETTEN if getattr(zoekvraag, naam)]
    selecties = {naam: _pg_selectie(zoekvraag, naam) for naam in keuzes}

    def overlap(namen: list[str]) -> str:
        """Rows holding a selected value of one of these facets; for a broad facet hidden
        from the facetcodes index (IS TRUE), so the word's rows are filtered instead."""
        voorwaarde = f"p.facetcodes && ({' || '.join(selecties[n][0] for n in namen)})"
        return f"({voorwaarde}) IS TRUE" if BREDE_FACETTEN.intersection(namen) else voorwaarde

    gekozen = overlap(keuzes) if keuzes else "TRUE"
    gekozen_params = [waarde for naam in keuzes for waarde in selecties[naam][1]]
    # "a -b" can match a vector on its own while the row holds b elsewhere: with excluded
    # words r also needs the whole row to match (a match in A-C implies it otherwise).
    geheel = f"AND p.zoekvector @@ {WOORDEN}" if uitgesloten else ""
    # Parameters in the order of the text.
    params: list = [zoekvraag.q, zoekvraag.q, *([zoekvraag.q] if uitgesloten else [])]
    # A rank is only read for rows of the page, which hold every selection (m holds the rows
    # with any selected value, for the other facets' counts).
    alle = " AND ".join(overlap([naam]) for naam in keuzes) or "TRUE"
    params += gekozen_params
    ctes = [
        ZOEK_CTE,
        f"""r AS MATERIALIZED (
            SELECT p.id, p.jaar, p.datum, CASE WHEN p.abvector @@ zoek.q THEN {RANG_AB}
                ELSE 0 END AS rang
            FROM publicaties_publicatie p, zoek
            WHERE p.status = 'gepubliceerd' AND p.rangvector @@ {WOORDEN} {geheel}
                AND {alle})""",
    ]
    if keuzes:
        ctes.append(
            f"""m AS MATERIALIZED (
                SELECT p.id, p.jaar, p.datum, p.facetcodes AS c, r.rang
                FROM publicaties_publicatie p LEFT JOIN r ON r.id = p.id
                WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN} AND {gekozen})"""
        )
        params += [zoekvraag.q, *gekozen_params]

    if uitgesloten:
        # The rows that hold the word and an excluded word: subtracted from the stored
        # counts, and left out of the ranked page.
        ctes.append(
            """x AS MATERIALIZED (SELECT p.id, p.facetcodes FROM publicaties_publicatie p
            WHERE p.status = 'gepubliceerd' AND p.zoekvector @@ %s::tsquery)"""
        )
        params.append(
            f"{_tsquery_lexeem(lexeem)} & ({' | '.join(map(_tsquery_lexeem, uitgesloten))})"
        )
    vrije_tak = "rest" if not keuzes else keuzes[0] if len(keuzes) == 1 else None
    delen, deel_params = [], []
    if vrije_tak:
        if uitgesloten:
            ctes.append(
                "aftrek AS (SELECT code, count(*) AS n FROM ("
                "SELECT unnest(x.facetcodes) AS code FROM x) u GROUP BY code)"
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
        lagen, lagen_params = _top_lagen(zoekvraag, lexeem, uitgesloten, tot)
        ctes += lagen
        params += lagen_params
        ctes.append(
            f"""pg AS (SELECT * FROM (
                (SELECT * FROM (SELECT * FROM boven UNION SELECT * FROM midden) b
                 WHERE (SELECT count(*) FROM midden) >= %s)
                UNION ALL
                (SELECT * FROM (
                    (SELECT r.id, r.rang, r.jaar, r.datum FROM r
                     ORDER BY {_volgorde(zoekvraag, "r.")} LIMIT %s)
                    UNION ALL
                    (SELECT p.id, NULL::real, p.jaar, p.datum FROM publicaties_publicatie p
                     WHERE (SELECT count(*) FROM r) < %s
                        AND p.status = 'gepubliceerd' AND p.zoekvector @@ {WOORDEN}
                        AND p.id NOT IN (SELECT r.id FROM r)
                     ORDER BY {NIEUWSTE.format(a="p.")} LIMIT %s)
                 ) o WHERE (SELECT count(*) FROM midden) < %s)
            ) l ORDER BY {_volgorde(zoekvraag, "l.")} LIMIT %s OFFSET %s)"""
        )
        params += [tot, tot, tot, zoekvraag.q, tot, tot, PER_PAGINA, vanaf]
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
    return _pg_vraag_analyse(Zoekvraag(q=q))[:3]


def _pg_vraag_analyse(
    zoekvraag: Zoekvraag,
) -> tuple[int, str | None, list[str], dict[str, list[int]]]:
    """_pg_analyse of the words, and the codes of the selected themes and werkteams."""
    with connection.cursor() as cursor:
        cursor.execute(ANALYSE_SQL, [zoekvraag.thema, zoekvraag.werkteam, zoekvraag.q, ENKEL_WOORD])
        tekst, knopen, lexeem, themas, werkteams = cursor.fetchone()
    codes = {"thema": themas, "werkteam": werkteams}
    if not lexeem:
        return knopen, None, [], codes
    rest = re.match(ENKEL_WOORD, tekst).group(2)
    uitgesloten = [w.replace("''", "'") for w in re.findall(r"!'((?:[^']|'')*)'", rest)]
    return knopen, lexeem, uitgesloten, codes


def _pg_suggestie(zoekvraag: Zoekvraag) -> str:
    """ "Did you mean": replace words that occur nowhere by the closest known word."""
    termen = woorden(zoekvraag.q, minimum=3)[:6]
    if not termen:
        return ""
    # Only the words of the werkplaats searched (a constant id; none: the portal's scope).
    ids = zoekvraag.bereik
    eigen = f" AND z.werkplaats_id IN ({', '.join(str(int(i)) for i in ids)})" if ids else ""
    with connection.cursor() as cursor:
        # For each word: is it known, and else the most similar known word (pg_trgm,
        # GIN index on zoekwoord.woord; threshold pg_trgm.similarity_threshold = 0.3).
        cursor.execute(
            f"""
            SELECT t.w,
                EXISTS (SELECT 1 FROM publicaties_zoekwoord z WHERE z.woord = t.w{eigen}),
                (SELECT z.woord FROM publicaties_zoekwoord z
                 WHERE z.woord %% t.w{eigen} ORDER BY z.woord <-> t.w, z.aantal DESC LIMIT 1)
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
