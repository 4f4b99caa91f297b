"""Werkteams: a team of partner organisations learning together on one opgave.

One module per part: `team` (the team, its people and memberships, activities),
`bijeenkomsten` (meetings, goals, attendance, minutes, reminders) and `leeropbrengst`
(learning outcomes). Every model is imported here, so Django, the migrations
(`werkteams.models._nieuwe_sleutel`, `bewijs_pad`, `PostgresExclusionConstraint`) and other
apps find them at `werkteams.models`.
"""

from .bijeenkomsten import (
    Aanwezigheid,
    Bijeenkomst,
    Herinnering,
    Leerdoel,
    Verslagpunt,
    _nieuwe_sleutel,
)
from .leeropbrengst import Leeropbrengst, bewijs_pad
from .team import Activiteit, Lidmaatschap, Persoon, PostgresExclusionConstraint, Werkteam

__all__ = [
    "Aanwezigheid",
    "Activiteit",
    "Bijeenkomst",
    "Herinnering",
    "Leerdoel",
    "Leeropbrengst",
    "Lidmaatschap",
    "Persoon",
    "PostgresExclusionConstraint",
    "Verslagpunt",
    "Werkteam",
    "_nieuwe_sleutel",
    "bewijs_pad",
]
