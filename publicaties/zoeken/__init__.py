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

One module per part:
- vraag: the query model (Zoekvraag, Zoekresultaat, facets, the index version);
- facetcodes: the integer codes of facet values, shared with services.ZOEKVECTOR_SQL;
- pg_facetten, pg_woorden: the PostgreSQL statement builder (browsing; searching words);
- sqlite: the SQLite engine;
- cafes: the café search shown above the results;
and here the entry point that chooses the engine.
"""

import dataclasses

from django.db import connection

from werkplaats.kern.huidig import huidige_werkplaats_id

from ..models import Zoekwoord
from .cafes import kenniscafe_search
from .pg_facetten import _pg_facetten, _pg_resultaten, _pg_rijen
from .pg_woorden import (
    _pg_analyse,
    _pg_suggestie,
    _pg_vraag_analyse,
    _pg_zoeken,
    _pg_zoeken_frequent,
)
from .sqlite import _simpel_zoeken
from .vraag import (
    FACET_MAX,
    FACETTEN,
    MAX_PAGINA,
    PER_PAGINA,
    SORTERINGEN,
    Facet,
    FacetWaarde,
    Zoekresultaat,
    Zoekvraag,
    _facetten_opbouwen,
    _totaal_uit_types,
    zoekindex_versie,
    zoekindex_versie_bump,
)

__all__ = [
    "FACETTEN",
    "FACET_MAX",
    "MAX_PAGINA",
    "PER_PAGINA",
    "SORTERINGEN",
    "Facet",
    "FacetWaarde",
    "Zoekresultaat",
    "Zoekvraag",
    "_pg_analyse",
    "kenniscafe_search",
    "publicatie_search",
    "zoekindex_versie",
    "zoekindex_versie_bump",
    "zoekwoorden_known",
]


def publicatie_search(zoekvraag: Zoekvraag) -> Zoekresultaat:
    """Published publications for a query with facets: one page, total, counts, suggestion."""
    werkplaats_id = huidige_werkplaats_id()
    if werkplaats_id is not None and zoekvraag.bereik != [werkplaats_id]:
        # The statements are raw SQL, which the manager does not scope: a werkplaats's site
        # searches its own publications only, whatever the caller passed.
        zoekvraag = dataclasses.replace(zoekvraag, bereik=[werkplaats_id])
    pagina = max(1, min(zoekvraag.pagina, MAX_PAGINA))
    if connection.vendor != "postgresql":
        return _simpel_zoeken(zoekvraag, pagina)
    if not zoekvraag.q.strip():
        facetten, totaal = _pg_facetten(zoekvraag)
        pagina = min(pagina, max(1, -(-totaal // PER_PAGINA)))
        items = _pg_resultaten(zoekvraag, pagina) if totaal else []
        return Zoekresultaat(zoekvraag, items, totaal, facetten, "", pagina)
    knopen, lexeem, uitgesloten, codes = _pg_vraag_analyse(zoekvraag)
    gezocht = dataclasses.replace(zoekvraag, codes=codes)
    if knopen == 0:
        # Only stop words ("de", "het") or signs: show the collection as when browsing.
        resultaat = publicatie_search(dataclasses.replace(zoekvraag, q=""))
        resultaat.zoekvraag = zoekvraag
        return resultaat

    def zoeken(pagina: int):
        # The stored counts of a frequent word hold every werkplaats: exact for a scope only
        # when it holds every werkplaats that has published anything.
        if lexeem and _telling_dekt(zoekvraag.bereik):
            return _pg_zoeken_frequent(gezocht, pagina, lexeem, uitgesloten)
        return _pg_zoeken(gezocht, pagina)

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


def _telling_dekt(bereik: list[int]) -> bool:
    """True when the stored counts of frequent words (over every published publication)
    are the counts of this scope: no scope, or an installation of one werkplaats. Read
    once per werkplaatsen version per process (no query after a content change)."""
    if not bereik:
        return True
    from werkplaats.kern.huidig import in_werkplaats
    from werkplaats.kern.models import Werkplaats
    from werkplaats.kern.paginacache import proces_memo, werkplaatsen_versie

    def maak():
        with in_werkplaats(None):
            return list(Werkplaats.objects.values_list("pk", flat=True)[:2])

    alle = proces_memo("werkplaats-ids", maak=maak, versie=werkplaatsen_versie())
    return set(alle) <= set(bereik)


def zoekwoorden_known(termen: list[str]) -> set[str]:
    """The words among `termen` that occur in the kennisbank (for tests and diagnostics)."""
    return set(Zoekwoord.objects.filter(woord__in=termen).values_list("woord", flat=True))
