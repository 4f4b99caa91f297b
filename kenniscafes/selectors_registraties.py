"""Reads of the organiser's registrations page: the list, its counts, the evaluations.

The callers already hold the café from selectors.kenniscafe_get_for_organisator (which
checks who may see it); these only read what belongs to it.
"""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from .models import Aanmelding, Evaluatie, Kenniscafe

B = Aanmelding.Status.BEVESTIGD


def aanmelding_list_organisator(
    kenniscafe: Kenniscafe, *, zoek: str = "", status: str = "", aanwezig: str = ""
) -> QuerySet:
    """Registrations of one café for its organisers, searched and filtered."""
    qs = Aanmelding.objects.filter(kenniscafe=kenniscafe)
    if zoek:
        qs = qs.filter(
            Q(naam__icontains=zoek) | Q(email__icontains=zoek) | Q(organisatie__icontains=zoek)
        )
    if status in Aanmelding.Status.values:
        qs = qs.filter(status=status)
    if aanwezig == "ja":
        qs = qs.filter(aanwezig=True)
    elif aanwezig == "nee":
        qs = qs.filter(aanwezig=False)
    elif aanwezig == "onbekend":
        qs = qs.filter(aanwezig__isnull=True, status=B)
    return qs.order_by("status", "aangemaakt", "pk")


def aanmelding_tellingen(kenniscafe: Kenniscafe) -> dict:
    """Counts for the registrations page, in one query; show-up rate of those with a place."""
    t = Aanmelding.objects.filter(kenniscafe=kenniscafe).aggregate(
        bevestigd=Count("pk", filter=Q(status=B)),
        wachtlijst=Count("pk", filter=Q(status=Aanmelding.Status.WACHTLIJST)),
        geannuleerd=Count("pk", filter=Q(status=Aanmelding.Status.GEANNULEERD)),
        aanwezigen=Count("pk", filter=Q(status=B, aanwezig=True)),
        afwezigen=Count("pk", filter=Q(status=B, aanwezig=False)),
        inloop=Count("pk", filter=Q(is_inloop=True)),
    )
    return _met_opkomst(t)


_TELLING = {
    B: "bevestigd",
    Aanmelding.Status.WACHTLIJST: "wachtlijst",
    Aanmelding.Status.GEANNULEERD: "geannuleerd",
}


def tellingen_uit(aanmeldingen) -> dict:
    """aanmelding_tellingen() counted from every registration of a café, already loaded as
    values() dicts with status, aanwezig and is_inloop."""
    t = dict.fromkeys(
        ("bevestigd", "wachtlijst", "geannuleerd", "aanwezigen", "afwezigen", "inloop"), 0
    )
    for a in aanmeldingen:
        if a["status"] in _TELLING:
            t[_TELLING[a["status"]]] += 1
        if a["status"] == B and a["aanwezig"] is not None:
            t["aanwezigen" if a["aanwezig"] else "afwezigen"] += 1
        t["inloop"] += a["is_inloop"]
    return _met_opkomst(t)


def _met_opkomst(t: dict) -> dict:
    t["opkomst"] = round(100 * t["aanwezigen"] / t["bevestigd"]) if t["bevestigd"] else None
    return t


def evaluatie_samenvatting(kenniscafe: Kenniscafe) -> dict:
    """Average score, count, and every answer to 'wat neem je mee?' for the organiser.

    One query: the answers are read anyway, so count and average come from them.
    """
    antwoorden = list(
        Evaluatie.objects.filter(aanmelding__kenniscafe=kenniscafe)
        .order_by("-aangemaakt")
        .values("score", "meenemen", "opmerking")
    )
    return _samenvatting(antwoorden)


def evaluatie_uit(aanmeldingen) -> dict:
    """evaluatie_samenvatting() from every registration of a café, already loaded as values()
    dicts with evaluatie__score, __meenemen, __opmerking and __aangemaakt (None: none given)."""
    gegeven = [a for a in aanmeldingen if a["evaluatie__aangemaakt"] is not None]
    gegeven.sort(key=lambda a: a["evaluatie__aangemaakt"], reverse=True)
    return _samenvatting(
        [
            {
                "score": a["evaluatie__score"],
                "meenemen": a["evaluatie__meenemen"],
                "opmerking": a["evaluatie__opmerking"],
            }
            for a in gegeven
        ]
    )


def _samenvatting(antwoorden: list[dict]) -> dict:
    scores = [a["score"] for a in antwoorden if a["score"] is not None]
    # Decimal, as PostgreSQL's AVG gives it: |floatformat rounds it half up, never a float.
    gemiddeld = Decimal(sum(scores)) / len(scores) if scores else None
    return {"aantal": len(antwoorden), "gemiddeld": gemiddeld, "antwoorden": antwoorden}
