"""Writes of the kennisbank: create and edit publications, keep the search index current.

- opslaan: publicatie_create and publicatie_update, with authors, themes, teams and files;
- zoekindex: the search texts, vectors and facet codes, known words, frequent-word counts.
"""

from .opslaan import (
    GERESERVEERD,
    VELDEN,
    AuteurInvoer,
    PublicatieFout,
    PublicatieGegevens,
    PublicatieInvoer,
    publicatie_create,
    publicatie_update,
    slug_unique,
)
from .zoekindex import (
    ZOEKVECTOR_SQL,
    termfacetten_clear,
    termfacetten_rebuild,
    zoekindex_update,
    zoekvector_params,
    zoekwoorden_add,
)

__all__ = [
    "GERESERVEERD",
    "VELDEN",
    "ZOEKVECTOR_SQL",
    "AuteurInvoer",
    "PublicatieFout",
    "PublicatieGegevens",
    "PublicatieInvoer",
    "publicatie_create",
    "publicatie_update",
    "slug_unique",
    "termfacetten_clear",
    "termfacetten_rebuild",
    "zoekindex_update",
    "zoekvector_params",
    "zoekwoorden_add",
]
