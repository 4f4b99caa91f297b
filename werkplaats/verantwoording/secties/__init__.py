"""The sections of the yearly report: each table is an aggregation in SQL.

The number of queries is fixed (one per table, plus the key figures of the previous
period for the comparison); it never grows with the number of teams, cafés or rows.

One module per section (werkplaats, werkteams, kenniscafes, kennisbank with education,
vergelijking); bouwstenen holds what counts in a period and the counting expressions.
"""

from .bouwstenen import ONDERWIJS_SOORTEN, actieve_lidmaatschappen, keuze_labels
from .kennisbank import sectie_kennisbank, sectie_onderwijs
from .kenniscafes import sectie_kenniscafes
from .vergelijking import sectie_vergelijking
from .werkplaats import sectie_werkplaats
from .werkteams import sectie_werkteams

__all__ = [
    "ONDERWIJS_SOORTEN",
    "actieve_lidmaatschappen",
    "keuze_labels",
    "sectie_kennisbank",
    "sectie_kenniscafes",
    "sectie_onderwijs",
    "sectie_vergelijking",
    "sectie_werkplaats",
    "sectie_werkteams",
]
