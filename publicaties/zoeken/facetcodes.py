"""Facet codes: the contract between the index writer (services.ZOEKVECTOR_SQL) and the
PostgreSQL search, which counts all facets of a search with one unnest of these integers."""

from ..models import Publicatie

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
