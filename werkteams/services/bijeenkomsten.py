"""Writes of meetings: planning one or a series, changing and cancelling them, reminders."""

import uuid
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.kern.selectors import site_instellingen_get

from ..models import Bijeenkomst, Herinnering, Leerdoel, Werkteam
from ..regels import WerkteamFout, serie_eind_check
from .uitnodigingen import bijeenkomst_uitnodigen, genodigden_mail, uitnodigingen_send

MAX_SERIE = 40


def _start_aware(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _nde_weekdag(jaar: int, maand: int, weekdag: int, n: int) -> date | None:
    eerste = date(jaar, maand, 1)
    dag = eerste + timedelta(days=(weekdag - eerste.weekday()) % 7 + 7 * (n - 1))
    return dag if dag.month == maand else None


def serie_data(eerste: date, herhaling: str, tot: date | None, overslaan: set[date]) -> list[date]:
    """The dates of a series: weekly, fortnightly or monthly on the same nth weekday."""
    if herhaling == "eenmalig" or tot is None:
        return [] if eerste in overslaan else [eerste]
    data = []
    if herhaling in ("wekelijks", "tweewekelijks"):
        stap = timedelta(weeks=1 if herhaling == "wekelijks" else 2)
        dag = eerste
        while dag <= tot and len(data) <= MAX_SERIE:
            data.append(dag)
            dag += stap
    else:  # maandelijks: same nth weekday (e.g. the 2nd Tuesday) of every month
        n = (eerste.day - 1) // 7 + 1
        jaar, maand = eerste.year, eerste.month
        while len(data) <= MAX_SERIE:
            dag = _nde_weekdag(jaar, maand, eerste.weekday(), n)
            if dag is None:
                dag = _nde_weekdag(jaar, maand, eerste.weekday(), 4)
            if dag > tot:
                break
            data.append(dag)
            maand += 1
            if maand > 12:
                jaar, maand = jaar + 1, 1
    return [dag for dag in data if dag not in overslaan]


def _vorm_check(vorm: str, locatie: str, online_link: str) -> None:
    if vorm in (Bijeenkomst.Vorm.ONLINE, Bijeenkomst.Vorm.HYBRIDE) and not online_link:
        raise WerkteamFout(_("An online or hybrid meeting needs an online link."), "online_link")
    if vorm in (Bijeenkomst.Vorm.FYSIEK, Bijeenkomst.Vorm.HYBRIDE) and not locatie:
        raise WerkteamFout(_("A meeting in person needs a location."), "locatie")


def _herinnering_plan(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.herinnering_dagen == 0:  # 0 means: no reminder for this meeting
        Herinnering.objects.filter(bijeenkomst=bijeenkomst, verstuurd_op__isnull=True).delete()
        return
    verstuur_op = bijeenkomst.start - timedelta(days=bijeenkomst.herinnering_dagen)
    Herinnering.objects.update_or_create(
        bijeenkomst=bijeenkomst, defaults={"verstuur_op": verstuur_op, "verstuurd_op": None}
    )


@transaction.atomic
def bijeenkomsten_plan(
    werkteam: Werkteam,
    *,
    titel: str,
    eerste: date,
    tijd: time,
    duur_minuten: int,
    vorm: str,
    herhaling: str = "eenmalig",
    tot: date | None = None,
    overslaan: set[date] | None = None,
    locatie: str = "",
    online_link: str = "",
    agenda: str = "",
    leerdoelen: list[str] | None = None,
    herinnering_dagen: int | None = None,
) -> list[Bijeenkomst]:
    """Plan one meeting or a series, with goals and reminders, and invite the members."""
    if herinnering_dagen is None:
        # Not given: the site's default at this moment, stored on each meeting from now on.
        herinnering_dagen = site_instellingen_get().herinnering_dagen_werkteam
    if _start_aware(eerste, tijd) <= timezone.now():
        raise WerkteamFout(_("A meeting cannot be planned in the past."), "eerste")
    if herhaling != "eenmalig":
        if tot is None:
            raise WerkteamFout(_("Give the last date of the series."), "tot")
        serie_eind_check(eerste, tot)
    _vorm_check(vorm, locatie, online_link)
    data = serie_data(eerste, herhaling, tot, overslaan or set())
    if not data:
        raise WerkteamFout(_("No dates are left after skipping."), "overslaan")
    if len(data) > MAX_SERIE:
        raise WerkteamFout(
            _("A series can have at most %(max)s meetings.") % {"max": MAX_SERIE}, "tot"
        )
    serie = uuid.uuid4() if len(data) > 1 else None
    bijeenkomsten = []
    for dag in data:
        bijeenkomst = Bijeenkomst.objects.create(
            werkteam=werkteam,
            serie=serie,
            serie_herhaling=herhaling if serie else "",
            serie_oorspronkelijk=_start_aware(dag, tijd) if serie else None,
            titel=titel,
            start=_start_aware(dag, tijd),
            duur_minuten=duur_minuten,
            vorm=vorm,
            locatie=locatie,
            online_link=online_link,
            agenda=agenda,
            herinnering_dagen=herinnering_dagen,
        )
        Leerdoel.objects.bulk_create(
            Leerdoel(bijeenkomst=bijeenkomst, omschrijving=doel) for doel in (leerdoelen or [])
        )
        _herinnering_plan(bijeenkomst)
        bijeenkomsten.append(bijeenkomst)
    # A series: one mail per member with every date; a single meeting: its own invitation.
    uitnodigingen_send(bijeenkomsten[0])
    return bijeenkomsten


@transaction.atomic
def bijeenkomst_update(
    bijeenkomst: Bijeenkomst,
    *,
    titel: str,
    dag: date,
    tijd: time,
    duur_minuten: int,
    vorm: str,
    locatie: str,
    online_link: str,
    agenda: str,
) -> Bijeenkomst:
    """Change a meeting and send every invitee a calendar update (SEQUENCE + 1)."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.is_geannuleerd:
        raise WerkteamFout(_("A cancelled meeting cannot be changed."))
    _vorm_check(vorm, locatie, online_link)
    nieuwe_start = _start_aware(dag, tijd)
    if nieuwe_start != bijeenkomst.start and nieuwe_start <= timezone.now():
        raise WerkteamFout(_("A meeting cannot be moved into the past."), "dag")
    bijeenkomst.titel, bijeenkomst.start, bijeenkomst.duur_minuten = (
        titel,
        nieuwe_start,
        duur_minuten,
    )
    bijeenkomst.vorm, bijeenkomst.locatie, bijeenkomst.online_link = vorm, locatie, online_link
    bijeenkomst.agenda = agenda
    bijeenkomst.volgnummer += 1
    bijeenkomst.save()
    if bijeenkomst.start > timezone.now():
        _herinnering_plan(bijeenkomst)
        bijeenkomst_uitnodigen(bijeenkomst)  # the update of this one date, also in a series
    return bijeenkomst


@transaction.atomic
def bijeenkomst_cancel(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    """Cancel a meeting: every invitee gets a calendar cancellation; no reminder follows."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.is_geannuleerd:
        return bijeenkomst
    bijeenkomst.status = Bijeenkomst.Status.GEANNULEERD
    bijeenkomst.volgnummer += 1
    bijeenkomst.save(update_fields=["status", "volgnummer"])
    Herinnering.objects.filter(bijeenkomst=bijeenkomst).delete()
    genodigden_mail(
        bijeenkomst.aanwezigheden.select_related("lidmaatschap__persoon"),
        sleutel=lambda a: f"werkteams:annulering:{bijeenkomst.pk}:{a.pk}:{bijeenkomst.volgnummer}",
        template_prefix="werkteams/emails/annulering",
        ics_methode="CANCEL",
    )
    return bijeenkomst
