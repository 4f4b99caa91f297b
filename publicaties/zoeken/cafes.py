"""Café search: the published knowledge cafés that match the words of a kennisbank search."""

from django.db import connection
from django.db.models import Q

from kenniscafes.models import Kenniscafe

from ..tekst import woorden
from .sqlite import _eenvoudige_stam


def kenniscafe_search(q: str, limit: int = 3) -> list:
    """Published knowledge cafés matching the words (title, theme, description), newest first."""
    if not q.strip():
        return []
    qs = Kenniscafe.objects.gepubliceerd()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Few rows: the vector is computed on the fly, with the kennisbank's configuration.
        qs = qs.annotate(
            zoekvector=SearchVector("titel", "thema", "beschrijving", config="dutch_unaccent")
        ).filter(zoekvector=SearchQuery(q, config="dutch_unaccent", search_type="websearch"))
    else:
        for term in [_eenvoudige_stam(w) for w in woorden(q, minimum=2)][:8]:
            qs = qs.filter(
                Q(titel__icontains=term)
                | Q(thema__icontains=term)
                | Q(beschrijving__icontains=term)
            )
    return list(qs.only("id", "titel", "slug", "start", "type").order_by("-start")[:limit])
