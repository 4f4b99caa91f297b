"""Reads of the people pages of beheerders (the views check werkplaats_can_manage)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.formats import date_format

from .models import Aanwezigheid, Lidmaatschap, Persoon

PERSONEN_PER_PAGINA = 25
VOORBEELDEN = 10


def persoon_list_beheer(*, q: str = "") -> QuerySet[Persoon]:
    """People matching `q` in name, e-mail or organisation, with their team and membership counts."""
    personen = Persoon.objects.select_related("organisatie").annotate(
        aantal_teams=Count("lidmaatschappen__werkteam", distinct=True),
        aantal_lidmaatschappen=Count("lidmaatschappen", distinct=True),
    )
    for woord in q.split()[:8]:
        personen = personen.filter(
            Q(naam__icontains=woord)
            | Q(email__icontains=woord)
            | Q(organisatie__naam__icontains=woord)
            | Q(organisatie__afdeling__icontains=woord)
        )
    return personen.order_by("naam", "pk")


def persoon_kandidaten(*, persoon: Persoon, q: str) -> list[Persoon]:
    """People to merge `persoon` with: matches of `q`, without `persoon` itself (20 at most)."""
    if not q.strip():
        return []
    return list(persoon_list_beheer(q=q).exclude(pk=persoon.pk)[:20])


@dataclass
class Bezit:
    """What points at one person through one relation: its name, count and a few examples."""

    naam: str
    aantal: int
    voorbeelden: list[str] = field(default_factory=list)


def _voorbeeld(rij) -> str:
    """One row in words; a membership by its team and dates (its name is the person's own)."""
    if isinstance(rij, Lidmaatschap):
        eind = date_format(rij.eind, "SHORT_DATE_FORMAT") if rij.eind else "…"
        return f"{rij.werkteam} ({date_format(rij.start, 'SHORT_DATE_FORMAT')} – {eind})"
    return str(rij)


def persoon_bezit(persoon: Persoon) -> list[Bezit]:
    """Everything that points at `persoon`, one entry per relation (found generically)."""
    bezit = []
    for rel in Persoon._meta.related_objects:
        # The name of the field on the other model works for foreign keys and many-to-many.
        rijen = rel.related_model._default_manager.filter(**{rel.field.name: persoon})
        rijen = rijen.select_related()
        voorbeelden = [_voorbeeld(rij) for rij in rijen[:VOORBEELDEN]]
        aantal = len(voorbeelden) if len(voorbeelden) < VOORBEELDEN else rijen.count()
        bezit.append(Bezit(str(rel.related_model._meta.verbose_name_plural), aantal, voorbeelden))
    # Attendance hangs on the memberships, so it moves with them; shown because it counts.
    aanwezig = Aanwezigheid.objects.filter(lidmaatschap__persoon=persoon).count()
    bezit.append(Bezit(str(Aanwezigheid._meta.verbose_name_plural), aanwezig))
    return bezit


def naam_normaal(naam: str) -> str:
    """A name without accents, case, punctuation and word order: 'Jansen, Piët' = 'piet jansen'."""
    zonder = unicodedata.normalize("NFKD", naam)
    zonder = "".join(t for t in zonder if not unicodedata.combining(t)).casefold()
    woorden = re.findall(r"\w+", zonder)
    return " ".join(sorted(woorden))


def persoon_duplicaten(*, maximum: int = 200) -> list[tuple[Persoon, Persoon]]:
    """Pairs of people with the same normalised name or the same e-mail address (any case).

    The e-mail check is a safety net: the database already refuses two people with one
    address, but data loaded before that rule may still hold pairs.
    """
    personen = list(Persoon.objects.select_related("organisatie").order_by("pk"))
    paren: list[tuple[Persoon, Persoon]] = []
    gezien: set[tuple[int, int]] = set()
    for sleutel in (lambda p: naam_normaal(p.naam), lambda p: p.email.strip().casefold()):
        groepen: dict[str, list[Persoon]] = {}
        for persoon in personen:
            waarde = sleutel(persoon)
            if waarde:
                groepen.setdefault(waarde, []).append(persoon)
        for groep in groepen.values():
            for i, een in enumerate(groep):
                for ander in groep[i + 1 :]:
                    if (een.pk, ander.pk) not in gezien:
                        gezien.add((een.pk, ander.pk))
                        paren.append((een, ander))
    paren.sort(key=lambda paar: (paar[0].naam.casefold(), paar[0].pk, paar[1].pk))
    return paren[:maximum]
