"""The coordinator's overview of a team: what needs attention now, in a few small queries."""

from django.utils import timezone

from .models import Bijeenkomst, Leerdoel, Leeropbrengst, Verslagpunt, Werkteam
from .selectors import ontbrekende_sectoren_op

MAX_REGELS = 5


def werkteam_overzicht(werkteam: Werkteam) -> dict:
    """Next meeting, open actions, goals in progress, missing sectors and recent outcomes."""
    vandaag = timezone.localdate()
    volgende = (
        Bijeenkomst.objects.filter(werkteam=werkteam, start__gte=timezone.now())
        .exclude(status=Bijeenkomst.Status.GEANNULEERD)
        .order_by("start")
        .first()
    )
    acties = list(
        Verslagpunt.objects.filter(
            bijeenkomst__werkteam=werkteam, soort=Verslagpunt.Soort.ACTIE, gedaan=False
        )
        .select_related("eigenaar")
        .order_by("deadline", "pk")[:MAX_REGELS]
    )
    leerdoelen = list(
        Leerdoel.objects.filter(
            bijeenkomst__werkteam=werkteam,
            resultaat__in=[Leerdoel.Resultaat.OPEN, Leerdoel.Resultaat.DEELS],
        ).order_by("-bijeenkomst__start", "pk")[:MAX_REGELS]
    )
    opbrengsten = list(
        Leeropbrengst.objects.filter(werkteam=werkteam).order_by("-datum", "-pk")[:MAX_REGELS]
    )
    return {
        "volgende_bijeenkomst": volgende,
        "open_acties": acties,
        "leerdoelen_lopend": leerdoelen,
        "ontbrekende_sectoren": ontbrekende_sectoren_op(werkteam, vandaag),
        "gewenst_maar_afwezig": list(werkteam.gewenst_maar_afwezig),
        "recente_opbrengsten": opbrengsten,
    }
