"""Writes of the kennisbank's search index: the texts, vectors and facet codes of each row,
the known words behind "did you mean", and the stored facet counts of frequent words."""

from django.conf import settings
from django.db import connection, transaction

from werkplaats.kern.huidig import huidige_werkplaats_id
from werkplaats.kern.paginacache import inhoud_gewijzigd

from ..models import Publicatie, Zoekwoord
from ..tekst import html_to_tekst, woorden, zonder_accenten
from ..zoeken import zoekindex_versie_bump
from ..zoeken.facetcodes import (
    CODE_DOELGROEP,
    CODE_JAAR,
    CODE_KENNISVORM,
    CODE_THEMA,
    CODE_TYPE,
    CODE_WERKTEAM,
    DOELGROEP_LIJST,
    KENNISVORM_LIJST,
    TYPE_LIJST,
)

# Weighted document: A title, B authors + themes + werkteams, C summary, D body.
# abvector holds A-B (what ranks first), rangvector A-C, zoekvector all four (matching and
# snippets).
ABVECTOR_EXPR = """
    setweight(to_tsvector('dutch_unaccent', coalesce(titel, '')), 'A')
    || setweight(to_tsvector('dutch_unaccent', coalesce(auteurs_tekst, '') || ' '
                 || coalesce(themas_tekst, '')), 'B')
"""
RANGVECTOR_EXPR = f"""{ABVECTOR_EXPR}
    || setweight(to_tsvector('dutch_unaccent', coalesce(samenvatting, '')
                 || ' ' || coalesce(verschenen_in, '')), 'C')
"""
ZOEKVECTOR_SQL = f"""
UPDATE publicaties_publicatie SET
    abvector = {ABVECTOR_EXPR},
    rangvector = {RANGVECTOR_EXPR},
    zoekvector = {RANGVECTOR_EXPR}
        || setweight(to_tsvector('dutch_unaccent', coalesce(inhoud_tekst, '')), 'D'),
    facetcodes = ARRAY[{CODE_TYPE} + array_position(%(typen)s::text[], type), {CODE_JAAR} + jaar]
        || ARRAY(SELECT {CODE_THEMA} + v::int FROM jsonb_array_elements_text(thema_ids) v)
        || ARRAY(SELECT {CODE_WERKTEAM} + v::int
                 FROM jsonb_array_elements_text(werkteam_ids) v)
        || ARRAY(SELECT {CODE_KENNISVORM} + array_position(%(kennisvormen)s::text[], v)
                 FROM jsonb_array_elements_text(kennisvormen) v
                 WHERE v = ANY(%(kennisvormen)s::text[]))
        || ARRAY(SELECT {CODE_DOELGROEP} + array_position(%(doelgroepen)s::text[], v)
                 FROM jsonb_array_elements_text(doelgroepen) v
                 WHERE v = ANY(%(doelgroepen)s::text[]))
WHERE id = ANY(%(ids)s)
"""  # noqa: S608 - constant SQL


def zoekvector_params(ids: list[int]) -> dict:
    """Parameters of ZOEKVECTOR_SQL for these rows."""
    return {
        "typen": TYPE_LIJST,
        "kennisvormen": KENNISVORM_LIJST,
        "doelgroepen": DOELGROEP_LIJST,
        "ids": list(ids),
    }


def zoekindex_update(ids: list[int]) -> None:
    """Recompute the search texts, facet ids and (on PostgreSQL) the tsvector of these rows."""
    publicaties = Publicatie.objects.filter(pk__in=ids).prefetch_related(
        "auteurschappen", "themas", "werkteams"
    )
    gewijzigd = []
    nieuwe_woorden: dict[int, list[str]] = {}
    for p in publicaties:
        auteurs = list(p.auteurschappen.all())
        themas = list(p.themas.all())
        werkteams = list(p.werkteams.all())
        p.auteurs_tekst = " ".join(
            " ".join(filter(None, [a.voornamen, a.achternaam, a.affiliatie])) for a in auteurs
        )
        p.themas_tekst = " ".join(
            [t.naam for t in themas] + [f"{w.naam} {w.korte_naam}".strip() for w in werkteams]
        )
        p.inhoud_tekst = html_to_tekst(p.inhoud_html)
        p.thema_ids = sorted(str(t.id) for t in themas)
        p.werkteam_ids = sorted(str(w.id) for w in werkteams)
        if connection.vendor != "postgresql":
            p.zoektekst = zonder_accenten(
                " ".join([p.titel, p.auteurs_tekst, p.themas_tekst, p.samenvatting, p.inhoud_tekst])
            ).lower()
        gewijzigd.append(p)
        if p.status == Publicatie.Status.GEPUBLICEERD:
            # Only words of published items feed "did you mean" (concepts never leak).
            nieuwe_woorden.setdefault(p.werkplaats_id, []).extend(
                woorden(
                    " ".join(
                        [p.titel, p.auteurs_tekst, p.themas_tekst, p.samenvatting, p.inhoud_tekst]
                    )
                )
            )
    Publicatie.objects.bulk_update(
        gewijzigd,
        ["auteurs_tekst", "themas_tekst", "inhoud_tekst", "thema_ids", "werkteam_ids", "zoektekst"],
    )
    if connection.vendor == "postgresql" and gewijzigd:
        with connection.cursor() as cursor:
            cursor.execute(ZOEKVECTOR_SQL, zoekvector_params([p.pk for p in gewijzigd]))
    for werkplaats_id, lijst in nieuwe_woorden.items():
        zoekwoorden_add(lijst, werkplaats_id=werkplaats_id)
    transaction.on_commit(zoekindex_versie_bump)
    # The index changes what searches show, and bulk_update sends no signal: without this a
    # search between the save and this update would keep its old results in the page cache
    # and content cache until the next change.
    transaction.on_commit(inhoud_gewijzigd)


def zoekwoorden_add(lijst: list[str], *, werkplaats_id: int | None = None) -> None:
    """Remember words that occur in published items of a werkplaats (default: the current
    one), the source of its "did you mean"; a job names the publication's werkplaats."""
    uniek = sorted(set(lijst))
    if not uniek:
        return
    werkplaats_id = werkplaats_id or huidige_werkplaats_id()
    Zoekwoord.objects.bulk_create(
        [Zoekwoord(woord=w[:100], werkplaats_id=werkplaats_id) for w in uniek],
        ignore_conflicts=True,
        batch_size=1000,
    )


def termfacetten_rebuild(minimum: int | None = None) -> int:
    """Choose the frequent words again and count their facets from scratch (PostgreSQL).

    A word found in at least `minimum` published publications (setting
    KENNISBANK_FREQUENTE_TERM_MIN) gets exact facet counts in publicaties_term_facet, which
    the trigger of migration 0008 keeps current on every write. Writers to publications
    wait while this runs (SHARE lock), so no change can slip between the count and the
    trigger. Returns the number of frequent words.
    """
    if connection.vendor != "postgresql":
        return 0
    if minimum is None:
        minimum = settings.KENNISBANK_FREQUENTE_TERM_MIN
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE publicaties_publicatie IN SHARE MODE")
        cursor.execute("DELETE FROM publicaties_frequente_term")
        cursor.execute(
            """
            INSERT INTO publicaties_frequente_term (lexeem, publicaties)
            SELECT word, ndoc FROM ts_stat(
                'SELECT zoekvector FROM publicaties_publicatie
                 WHERE status = ''gepubliceerd'' AND zoekvector IS NOT NULL')
            WHERE ndoc >= %s
            """,
            [minimum],
        )
        cursor.execute(
            """
            INSERT INTO publicaties_term_facet (lexeem, code, aantal)
            SELECT l.lexeem, c.code, count(*)
            FROM publicaties_publicatie p
            CROSS JOIN LATERAL unnest(tsvector_to_array(p.zoekvector)) AS l(lexeem)
            JOIN publicaties_frequente_term f ON f.lexeem = l.lexeem
            CROSS JOIN LATERAL unnest(p.facetcodes) AS c(code)
            WHERE p.status = 'gepubliceerd'
            GROUP BY l.lexeem, c.code
            """
        )
        cursor.execute("SELECT count(*) FROM publicaties_frequente_term")
        aantal = cursor.fetchone()[0]
    transaction.on_commit(zoekindex_versie_bump)
    return aantal


def termfacetten_clear() -> None:
    """Forget the frequent words (before a bulk load; searches then read the matches)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM publicaties_frequente_term")
