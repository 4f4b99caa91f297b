"""The coordinator's overview of a team: what needs attention now, in a few small queries.

Raw SQL, deliberately (issue #13): the overview is five small reads of at most five rows
each, and the ORM spent ~0.5 ms of CPU compiling each of them, four times what the
database needed to answer it (~0.12 ms). `Model.objects.raw()` keeps the field
conversions (dates, time zones) and gives model instances with just these columns; the
SQL is plain enough for PostgreSQL and SQLite alike, and every parameter goes through
the backend's own adaptation. tests/werkteams/test_teampagina.py and
test_overzicht_sectoren.py hold the answers, the query count and the absence of further
(deferred-field) queries.
"""

from datetime import date

from django.db import connection
from django.utils import timezone

from werkplaats.kern.models import Sector
from werkplaats.kern.rijen import keuze_labels

from .models import Bijeenkomst, Leerdoel, Leeropbrengst, Verslagpunt, Werkteam

VOLGENDE = """
    SELECT id, titel, start, vorm FROM werkteams_bijeenkomst
    WHERE werkteam_id = %s AND start >= %s AND status <> %s
    ORDER BY start LIMIT 1"""
# The owner's name comes along (LEFT JOIN): the template needs nothing else of the person.
# Each list shows at most five rows (LIMIT 5).
ACTIES = """
    SELECT v.id, v.tekst, v.deadline, p.naam AS eigenaar_naam
    FROM werkteams_verslagpunt v
    INNER JOIN werkteams_bijeenkomst b ON b.id = v.bijeenkomst_id
    LEFT OUTER JOIN werkteams_persoon p ON p.id = v.eigenaar_id
    WHERE b.werkteam_id = %s AND v.soort = %s AND v.gedaan = %s
    ORDER BY v.deadline, v.id LIMIT 5"""
LEERDOELEN = """
    SELECT l.id, l.omschrijving, l.resultaat FROM werkteams_leerdoel l
    INNER JOIN werkteams_bijeenkomst b ON b.id = l.bijeenkomst_id
    WHERE b.werkteam_id = %s AND l.resultaat IN (%s, %s)
    ORDER BY b.start DESC, l.id LIMIT 5"""
OPBRENGSTEN = """
    SELECT id, datum, niveau, wat FROM werkteams_leeropbrengst
    WHERE werkteam_id = %s ORDER BY datum DESC, id DESC LIMIT 5"""
# The sectors at the table on a day (selectors.lidmaatschappen_actief_op); a member without
# an organisation gives NULL, which counts as 'overig'.
SECTOREN = """
    SELECT DISTINCT o.sector FROM werkteams_lidmaatschap l
    INNER JOIN werkteams_persoon p ON p.id = l.persoon_id
    LEFT OUTER JOIN kern_organisatie o ON o.id = p.organisatie_id
    WHERE l.werkteam_id = %s AND l.start <= %s AND (l.eind IS NULL OR l.eind >= %s)"""


def werkteam_overzicht(werkteam: Werkteam) -> dict:
    """Next meeting, open actions, goals in progress, missing sectors and recent outcomes."""
    nu = connection.ops.adapt_datetimefield_value(timezone.now())
    volgende = Bijeenkomst.objects.raw(VOLGENDE, [werkteam.pk, nu, Bijeenkomst.Status.GEANNULEERD])
    acties = Verslagpunt.objects.raw(ACTIES, [werkteam.pk, Verslagpunt.Soort.ACTIE, False])
    leerdoelen = Leerdoel.objects.raw(
        LEERDOELEN, [werkteam.pk, Leerdoel.Resultaat.OPEN, Leerdoel.Resultaat.DEELS]
    )
    opbrengsten = Leeropbrengst.objects.raw(OPBRENGSTEN, [werkteam.pk])
    return {
        "volgende_bijeenkomst": next(iter(_met_label(volgende, "vorm", Bijeenkomst.Vorm)), None),
        "open_acties": list(acties),
        "leerdoelen_lopend": _met_label(leerdoelen, "resultaat", Leerdoel.Resultaat),
        "ontbrekende_sectoren": ontbrekende_sectoren_op(werkteam, timezone.localdate()),
        "gewenst_maar_afwezig": list(werkteam.gewenst_maar_afwezig),
        "recente_opbrengsten": _met_label(opbrengsten, "niveau", Leeropbrengst.Niveau),
    }


def _met_label(rijen, veld: str, keuzes) -> list:
    """The rows, each with `<veld>_label`: the labels looked up once (kern.rijen), not per
    get_FOO_display() in the template."""
    labels, rijen = keuze_labels(keuzes), list(rijen)
    for rij in rijen:
        waarde = getattr(rij, veld)
        setattr(rij, f"{veld}_label", labels.get(waarde, waarde))
    return rijen


def ontbrekende_sectoren_op(werkteam: Werkteam, datum: date) -> list[str]:
    """The wanted sectors without a member at the table on a date; none wanted, no query.

    The same answer as selectors.samenstelling_get()["ontbrekende_sectoren"] without loading
    every member, person and organisation.
    """
    if not werkteam.gewenste_sectoren:
        return []
    dag = connection.ops.adapt_datefield_value(datum)
    with connection.cursor() as cursor:
        cursor.execute(SECTOREN, [werkteam.pk, dag, dag])
        aanwezig = {sector or Sector.OVERIG for (sector,) in cursor.fetchall()}
    labels = keuze_labels(Sector)
    return [labels.get(code, code) for code in werkteam.gewenste_sectoren if code not in aanwezig]
