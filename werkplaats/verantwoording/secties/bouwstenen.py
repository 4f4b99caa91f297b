"""Building blocks of the sections: what counts in a period, and the counting expressions."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kenniscafes.models import Aanmelding, Kenniscafe
from publicaties.models import Publicatie
from werkteams.models import Activiteit, Bijeenkomst, Lidmaatschap, Werkteam

from ..rapport import PERIODE, Verslagperiode

ONDERWIJS_SOORTEN = [
    Activiteit.Soort.GASTLES,
    Activiteit.Soort.STUDENTENONDERZOEK,
    Activiteit.Soort.AFSTUDEERONDERZOEK,
    Activiteit.Soort.LESMATERIAAL,
    Activiteit.Soort.KEUZEVAK,
]


def keuze_labels(choices) -> dict:
    """The labels of a field's choices by value, as plain strings."""
    return {waarde: str(label) for waarde, label in choices}


# --- what counts in a period -------------------------------------------------------------


def werkteams_in_periode(p: Verslagperiode, scope):
    """Werkteams active in the period: their Periode and their own dates overlap it."""
    qs = Werkteam.objects.filter(
        Q(start__isnull=True) | Q(start__lte=p.eind),
        Q(eind__isnull=True) | Q(eind__gte=p.start),
        periode__start__lte=p.eind,
        periode__eind__gte=p.start,
    )
    if scope is not None:
        qs = qs.filter(pk__in=scope)
    return qs


def actieve_lidmaatschappen(p: Verslagperiode):
    """Memberships that run for at least one day of the period."""
    return Lidmaatschap.objects.filter(
        Q(eind__isnull=True) | Q(eind__gte=p.start), start__lte=p.eind
    )


def gehouden_bijeenkomsten(p: Verslagperiode):
    """Meetings held: not cancelled, starting in the period and already begun."""
    return Bijeenkomst.objects.filter(
        status=Bijeenkomst.Status.GEPLAND,
        start__date__gte=p.start,
        start__date__lte=p.eind,
        start__lt=timezone.now(),
    )


def kenniscafes_in_periode(p: Verslagperiode, scope):
    """Published (not cancelled, not draft) cafés on a date in the period."""
    qs = Kenniscafe.objects.gepubliceerd().filter(start__date__gte=p.start, start__date__lte=p.eind)
    return _van_werkteams(qs, Kenniscafe.organisator_werkteams.through, "kenniscafe", scope)


def publicaties_in_periode(p: Verslagperiode, scope):
    """Published items dated in the period; undated ones count in the years they name."""
    qs = Publicatie.objects.gepubliceerd().filter(
        Q(datum__gte=p.start, datum__lte=p.eind)
        | Q(datum__isnull=True, jaar__gte=p.start.year, jaar__lte=p.eind.year)
    )
    return _van_werkteams(qs, Publicatie.werkteams.through, "publicatie", scope)


def _van_werkteams(qs, koppeling, veld: str, scope):
    """`qs` limited to rows linked to a werkteam in scope through the m2m table `koppeling`
    (`veld` names the row's side of it); all rows when scope is None. EXISTS, not a join, so
    a row linked to two teams counts once."""
    if scope is None:
        return qs
    gekoppeld = koppeling.objects.filter(**{veld: OuterRef("pk")}, werkteam__in=scope)
    return qs.filter(Exists(gekoppeld))


def activiteiten_in_periode(p: Verslagperiode, scope):
    """Activities that started in the period; a period report also counts the undated
    activities of its own werkteams (they belong to that period, not to one year)."""
    in_periode = Q(start__gte=p.start, start__lte=p.eind)
    if p.soort == PERIODE:
        in_periode |= Q(start__isnull=True, werkteam__periode_id=p.sleutel)
    qs = Activiteit.objects.filter(in_periode)
    if scope is not None:
        qs = qs.filter(werkteam__in=scope)
    return qs


# --- counting ----------------------------------------------------------------------------


def tel_per_werkteam(qs, veld: str, expressie=None):
    """A correlated subquery counting rows of `qs` per werkteam (0 when there are none).

    A subquery per figure instead of joins: joining memberships, meetings and outcomes
    at once would multiply rows.
    """
    sub = (
        qs.filter(**{veld: OuterRef("pk")})
        .order_by()
        .values(veld)
        .annotate(n=expressie or Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def aanmelding_tellers(prefix: str = "") -> dict:
    """Conditional counts over registrations (prefix "aanmeldingen__" from a café)."""

    def f(**kwargs):
        return Q(**{prefix + k: v for k, v in kwargs.items()})

    veld = prefix.rstrip("_") or "pk"
    echte = f(status=Aanmelding.Status.BEVESTIGD, is_inloop=False)
    return {
        "n_aanmeldingen": Count(veld, filter=echte),
        "n_bezoekers": Count(veld, filter=f(aanwezig=True)),
        "n_opgekomen": Count(veld, filter=echte & f(aanwezig=True)),
        "n_studenten": Count(veld, filter=f(aanwezig=True, rol=Aanmelding.Rol.STUDENT)),
    }
