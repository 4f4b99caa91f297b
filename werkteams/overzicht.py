"""The coordinator's overview of a team: what needs attention now, in one round trip.

Raw SQL, deliberately (issue #13). The overview is five small reads of at most five rows
each. Through the ORM each cost ~0.5 ms of CPU to compile, four times what the database
needed to answer it, and a round trip each, which under load weighs more still: the
page's throughput followed its query count. Here the five are one UNION ALL, each part
in its own parenthesised subquery (ORDER BY and LIMIT per part; SQLite requires the
subquery) with ROW_NUMBER() for the order within a part (a UNION keeps none). NULLs are
cast to the column's type: PostgreSQL types an untyped NULL in a subquery as text, which
then clashes with the dates of another part. The SQL is plain enough for PostgreSQL and
SQLite alike (make run); every parameter goes through the backend's own adaptation, and
the few values SQLite returns as text (a UNION loses the column types) are parsed as the
ORM would. tests/_sqlite_teamoverzicht.py compares every demo team's overview with the
ORM reads it replaced, on SQLite and PostgreSQL.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from werkplaats.kern.models import Sector
from werkplaats.kern.rijen import keuze_labels

from .models import Bijeenkomst, Leerdoel, Leeropbrengst, Verslagpunt, Werkteam

# Columns of every part: soort, rang, id, tekst, keuze, tijdstip, datum, naam.
OVERZICHT = """
SELECT * FROM (
    SELECT 'volgende' AS soort, 1 AS rang, id, titel AS tekst, vorm AS keuze,
        start AS tijdstip, CAST(NULL AS DATE) AS datum, CAST(NULL AS VARCHAR(200)) AS naam
    FROM werkteams_bijeenkomst
    WHERE werkteam_id = %s AND start >= %s AND status <> %s
    ORDER BY start LIMIT 1
) AS volgende
UNION ALL SELECT * FROM (
    SELECT 'actie', ROW_NUMBER() OVER (ORDER BY v.deadline, v.id), v.id, v.tekst,
        CAST(NULL AS VARCHAR(20)), CAST(NULL AS TIMESTAMP WITH TIME ZONE), v.deadline, p.naam
    FROM werkteams_verslagpunt v
    INNER JOIN werkteams_bijeenkomst b ON b.id = v.bijeenkomst_id
    LEFT OUTER JOIN werkteams_persoon p ON p.id = v.eigenaar_id
    WHERE b.werkteam_id = %s AND v.soort = %s AND v.gedaan = %s
    ORDER BY v.deadline, v.id LIMIT 5
) AS acties
UNION ALL SELECT * FROM (
    SELECT 'leerdoel', ROW_NUMBER() OVER (ORDER BY b.start DESC, l.id), l.id, l.omschrijving,
        l.resultaat, CAST(NULL AS TIMESTAMP WITH TIME ZONE), CAST(NULL AS DATE), CAST(NULL AS VARCHAR(200))
    FROM werkteams_leerdoel l
    INNER JOIN werkteams_bijeenkomst b ON b.id = l.bijeenkomst_id
    WHERE b.werkteam_id = %s AND l.resultaat IN (%s, %s)
    ORDER BY b.start DESC, l.id LIMIT 5
) AS leerdoelen
UNION ALL SELECT * FROM (
    SELECT 'opbrengst', ROW_NUMBER() OVER (ORDER BY datum DESC, id DESC), id, wat, niveau,
        CAST(NULL AS TIMESTAMP WITH TIME ZONE), datum, CAST(NULL AS VARCHAR(200))
    FROM werkteams_leeropbrengst
    WHERE werkteam_id = %s
    ORDER BY datum DESC, id DESC LIMIT 5
) AS opbrengsten"""
# The sectors at the table on a day (selectors.lidmaatschappen_actief_op); a member without
# an organisation gives NULL ('overig'). In the overview only when the team wants sectors.
AANWEZIGE_SECTOREN = """
    SELECT DISTINCT o.sector AS sector FROM werkteams_lidmaatschap l
    INNER JOIN werkteams_persoon p ON p.id = l.persoon_id
    LEFT OUTER JOIN kern_organisatie o ON o.id = p.organisatie_id
    WHERE l.werkteam_id = %s AND l.start <= %s AND (l.eind IS NULL OR l.eind >= %s)"""
SECTOREN = """
UNION ALL SELECT 'sector', 0, 0, sector, CAST(NULL AS VARCHAR(20)),
    CAST(NULL AS TIMESTAMP WITH TIME ZONE), CAST(NULL AS DATE), CAST(NULL AS VARCHAR(200))
FROM (
    SELECT DISTINCT o.sector AS sector FROM werkteams_lidmaatschap l
    INNER JOIN werkteams_persoon p ON p.id = l.persoon_id
    LEFT OUTER JOIN kern_organisatie o ON o.id = p.organisatie_id
    WHERE l.werkteam_id = %s AND l.start <= %s AND (l.eind IS NULL OR l.eind >= %s)
) AS sectoren"""  # the same query as AANWEZIGE_SECTOREN


def werkteam_overzicht(werkteam: Werkteam) -> dict:
    """Next meeting, open actions, goals in progress, missing sectors and recent outcomes."""
    ops = connection.ops
    sql = OVERZICHT
    params = [
        *(
            werkteam.pk,
            ops.adapt_datetimefield_value(timezone.now()),
            Bijeenkomst.Status.GEANNULEERD,
        ),
        *(werkteam.pk, Verslagpunt.Soort.ACTIE, False),
        *(werkteam.pk, Leerdoel.Resultaat.OPEN, Leerdoel.Resultaat.DEELS),
        werkteam.pk,
    ]
    vandaag = timezone.localdate()
    if werkteam.gewenste_sectoren:
        dag = ops.adapt_datefield_value(vandaag)
        sql += SECTOREN
        params += [werkteam.pk, dag, dag]
    vormen, resultaten = keuze_labels(Bijeenkomst.Vorm), keuze_labels(Leerdoel.Resultaat)
    niveaus = keuze_labels(Leeropbrengst.Niveau)
    volgende, acties, leerdoelen, opbrengsten, aanwezig = [], [], [], [], set()
    with connection.cursor() as cursor:
        cursor.execute(sql + "\nORDER BY soort, rang", params)
        for soort, _rang, pk, tekst, keuze, tijdstip, datum, naam in cursor.fetchall():
            # Rows as dicts with the names the template reads (a dict lookup is its fastest).
            if soort == "volgende":
                volgende.append(
                    {
                        "pk": pk,
                        "titel": tekst,
                        "start": _tijdstip(tijdstip),
                        "vorm_label": vormen.get(keuze, keuze),
                    }
                )
            elif soort == "actie":
                acties.append(
                    {"pk": pk, "tekst": tekst, "deadline": _datum(datum), "eigenaar_naam": naam}
                )
            elif soort == "leerdoel":
                leerdoelen.append(
                    {
                        "pk": pk,
                        "omschrijving": tekst,
                        "resultaat_label": resultaten.get(keuze, keuze),
                    }
                )
            elif soort == "opbrengst":
                opbrengsten.append(
                    {
                        "pk": pk,
                        "wat": tekst,
                        "datum": _datum(datum),
                        "niveau_label": niveaus.get(keuze, keuze),
                    }
                )
            else:  # sector
                aanwezig.add(tekst or Sector.OVERIG)
    return {
        "volgende_bijeenkomst": volgende[0] if volgende else None,
        "open_acties": acties,
        "leerdoelen_lopend": leerdoelen,
        "ontbrekende_sectoren": _ontbrekend(werkteam, aanwezig),
        "gewenst_maar_afwezig": list(werkteam.gewenst_maar_afwezig),
        "recente_opbrengsten": opbrengsten,
    }


def _tijdstip(waarde):
    """A timestamp as the ORM gives it: SQLite answers text or a naive datetime in the
    connection's time zone (as its backend's convert_datetimefield_value reads it)."""
    if isinstance(waarde, str):
        waarde = parse_datetime(waarde)
    if waarde is not None and timezone.is_naive(waarde):
        waarde = timezone.make_aware(waarde, connection.timezone)
    return waarde


def _datum(waarde):
    """A date as the ORM gives it (SQLite answers a UNION's column in text)."""
    return parse_date(waarde) if isinstance(waarde, str) else waarde


def ontbrekende_sectoren_op(werkteam: Werkteam, datum: datetime.date) -> list[str]:
    """The wanted sectors without a member at the table on a date; none wanted, no query.

    The same answer as selectors.samenstelling_get()["ontbrekende_sectoren"] without loading
    every member, person and organisation (the overview asks it for today in its UNION).
    """
    if not werkteam.gewenste_sectoren:
        return []
    dag = connection.ops.adapt_datefield_value(datum)
    with connection.cursor() as cursor:
        cursor.execute(AANWEZIGE_SECTOREN, [werkteam.pk, dag, dag])
        return _ontbrekend(werkteam, {sector or Sector.OVERIG for (sector,) in cursor.fetchall()})


def _ontbrekend(werkteam: Werkteam, aanwezig: set[str]) -> list[str]:
    labels = keuze_labels(Sector)
    return [labels.get(code, code) for code in werkteam.gewenste_sectoren if code not in aanwezig]
