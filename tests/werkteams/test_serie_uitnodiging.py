"""A series of meetings is one invitation per member: one mail, one calendar file, every date."""

import datetime
import re

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.utils import timezone
from icalendar import Calendar

from werkplaats.kern.models import Bericht
from werkteams import services
from werkteams.models import Aanwezigheid, Bijeenkomst

from .factories import LidmaatschapFactory, WerkteamFactory, na_commit

pytestmark = pytest.mark.django_db

D = datetime.date


def _serie(team, aantal=5):
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    with na_commit():
        return services.bijeenkomsten_plan(
            team,
            titel="Reeks",
            eerste=eerste,
            tijd=datetime.time(15, 0),
            duur_minuten=90,
            vorm="fysiek",
            locatie="Lokaal 1",
            herhaling="wekelijks",
            tot=eerste + datetime.timedelta(weeks=aantal - 1),
        )


def _kalender(mail) -> Calendar:
    (ics,) = [inhoud for naam, inhoud, _type in mail.attachments if naam.endswith(".ics")]
    return Calendar.from_ical(ics)


def _data(kalender: Calendar) -> list[datetime.datetime]:
    """The dates a calendar client shows: the master's rule minus its EXDATEs, with each
    override (RECURRENCE-ID) moved to its own start."""
    (master,) = [e for e in kalender.walk("VEVENT") if "recurrence-id" not in e]
    regels = rruleset()
    regels.rrule(rrulestr(master["rrule"].to_ical().decode(), dtstart=master.decoded("dtstart")))
    exdates = master.get("exdate", [])
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        for moment in exdate.dts:
            regels.exdate(moment.dt)
    verplaatst = {
        e.decoded("recurrence-id"): e.decoded("dtstart")
        for e in kalender.walk("VEVENT")
        if "recurrence-id" in e
    }
    return sorted(verplaatst.get(moment, moment) for moment in regels)


def test_a_series_of_five_for_23_members_sends_23_mails_each_with_every_date(mailoutbox):
    team = WerkteamFactory()
    leden = LidmaatschapFactory.create_batch(23, werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    assert len(bijeenkomsten) == 5
    assert len(mailoutbox) == 23
    assert sorted(m.to[0] for m in mailoutbox) == sorted(lid.persoon.email for lid in leden)
    for mail in mailoutbox:
        kalender = _kalender(mail)
        assert str(kalender["method"]) == "REQUEST"
        # One recurring event (one UID, as iTIP asks of a REQUEST) that adds all five dates.
        (event,) = kalender.walk("VEVENT")
        assert str(event["uid"]) == f"serie-{bijeenkomsten[0].serie}@test.werkplaats"
        assert int(event["sequence"]) == 0
        assert mail.to[0] in str(event["attendee"])
        assert _data(kalender) == [b.start for b in bijeenkomsten]
        # Each date's own absence link, and only this member's.
        links = re.findall(r"/werkteams/afmelden/(\S+)/", mail.body)
        eigen = Aanwezigheid.objects.filter(lidmaatschap__persoon__email=mail.to[0])
        assert sorted(links) == sorted(eigen.values_list("sleutel", flat=True))
        assert len(links) == 5
    assert Aanwezigheid.objects.count() == 5 * 23


def test_a_later_change_of_one_date_sends_the_single_update_with_the_same_uid(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory.create_batch(3, werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    mailoutbox.clear()
    derde = bijeenkomsten[2]
    with na_commit():
        services.bijeenkomst_update(
            derde,
            titel=derde.titel,
            dag=timezone.localdate(derde.start),
            tijd=datetime.time(16, 0),
            duur_minuten=derde.duur_minuten,
            vorm=derde.vorm,
            locatie="Ander lokaal",
            online_link="",
            agenda="",
        )
    assert len(mailoutbox) == 3
    for mail in mailoutbox:
        assert mail.subject.startswith("Gewijzigd")
        (event,) = _kalender(mail).walk("VEVENT")
        # The one occurrence of the series: its UID, its planned start, a higher SEQUENCE.
        assert str(event["uid"]) == f"serie-{derde.serie}@test.werkplaats"
        assert event.decoded("recurrence-id") == bijeenkomsten[2].start
        assert event.decoded("dtstart").hour == 16
        assert int(event["sequence"]) == 1
    # Cancelling another date: the single cancel for that date, same UID, higher SEQUENCE.
    mailoutbox.clear()
    with na_commit():
        services.bijeenkomst_cancel(bijeenkomsten[4])
    assert len(mailoutbox) == 3
    kalender = _kalender(mailoutbox[0])
    assert str(kalender["method"]) == "CANCEL"
    (event,) = kalender.walk("VEVENT")
    assert str(event["uid"]) == f"serie-{bijeenkomsten[4].serie}@test.werkplaats"
    assert event.decoded("recurrence-id") == bijeenkomsten[4].start
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_sending_the_series_twice_sends_nothing_new(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory.create_batch(4, werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    assert len(mailoutbox) == 4
    with na_commit():
        services.serie_uitnodigingen_send(team, bijeenkomsten[0].serie)
        for bijeenkomst in bijeenkomsten:
            services.uitnodigingen_send(bijeenkomst)
    assert len(mailoutbox) == 4
    assert Bericht.objects.count() == 4


def test_a_new_member_during_a_series_gets_one_mail_and_the_others_none(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory.create_batch(3, werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    mailoutbox.clear()
    with na_commit():
        nieuw = services.lidmaatschap_create(
            team,
            rol="lector",
            start=timezone.localdate(),
            nieuw={"naam": "Nina Nieuw", "email": "nina@fictief.example"},
        )
    assert [m.to for m in mailoutbox] == [[nieuw.persoon.email]]
    assert _data(_kalender(mailoutbox[0])) == [b.start for b in bijeenkomsten]


def test_a_single_meeting_keeps_its_own_invitation(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory.create_batch(2, werkteam=team, start=D(2020, 1, 1))
    with na_commit():
        (bijeenkomst,) = services.bijeenkomsten_plan(
            team,
            titel="Eenmalig",
            eerste=timezone.localdate() + datetime.timedelta(days=3),
            tijd=datetime.time(10, 0),
            duur_minuten=60,
            vorm="fysiek",
            locatie="Lokaal 2",
        )
    assert bijeenkomst.serie is None
    assert len(mailoutbox) == 2
    assert all(m.subject.startswith("Uitnodiging: Eenmalig") for m in mailoutbox)
    assert Bijeenkomst.objects.count() == 1


def test_a_member_who_leaves_mid_series_is_invited_to_their_own_dates_only(mailoutbox):
    team = WerkteamFactory()
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    vertrekker = LidmaatschapFactory(
        werkteam=team, start=D(2020, 1, 1), eind=eerste + datetime.timedelta(days=8)
    )
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    (mail,) = [m for m in mailoutbox if m.to == [vertrekker.persoon.email]]
    assert _data(_kalender(mail)) == [b.start for b in bijeenkomsten[:2]]
    assert len(re.findall(r"/werkteams/afmelden/", mail.body)) == 2
    assert len(mailoutbox) == 2


def test_a_new_member_after_a_move_and_a_cancel_gets_the_series_as_it_now_stands(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    tweede, vierde = bijeenkomsten[1], bijeenkomsten[3]
    with na_commit():
        services.bijeenkomst_update(
            tweede,
            titel="Verplaatst",
            dag=timezone.localdate(tweede.start) + datetime.timedelta(days=1),
            tijd=datetime.time(9, 30),
            duur_minuten=60,
            vorm="fysiek",
            locatie="Elders",
            online_link="",
            agenda="",
        )
        services.bijeenkomst_cancel(vierde)
    mailoutbox.clear()
    with na_commit():
        nieuw = services.lidmaatschap_create(
            team, rol="lector", start=timezone.localdate(), nieuw={"naam": "N", "email": "n@x.nl"}
        )
    (mail,) = mailoutbox
    kalender = _kalender(mail)
    tweede.refresh_from_db()
    verwacht = [b.start for b in bijeenkomsten if b.pk != vierde.pk]
    verwacht[1] = tweede.start
    assert _data(kalender) == sorted(verwacht)
    (override,) = [e for e in kalender.walk("VEVENT") if "recurrence-id" in e]
    assert str(override["summary"]).endswith("Verplaatst")
    assert str(override["location"]) == "Elders"
    assert nieuw.persoon.email in str(override["attendee"])


@pytest.mark.parametrize(
    ("eerste_dag", "byday"),
    [(D(2031, 1, 14), "2TU"), (D(2031, 1, 28), "4TU"), (D(2031, 1, 30), "-1TH")],
)
def test_a_monthly_series_is_the_same_nth_weekday_and_a_fifth_one_is_the_last(
    mailoutbox, eerste_dag, byday
):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    with na_commit():
        bijeenkomsten = services.bijeenkomsten_plan(
            team,
            titel="Maandelijks",
            eerste=eerste_dag,
            tijd=datetime.time(19, 0),
            duur_minuten=90,
            vorm="fysiek",
            locatie="Zaal",
            herhaling="maandelijks",
            tot=eerste_dag + datetime.timedelta(days=200),
        )
    kalender = _kalender(mailoutbox[0])
    (event,) = kalender.walk("VEVENT")
    assert event["rrule"]["BYDAY"] == [byday]
    # The client's expansion (over summer time too) equals the dates we stored.
    assert _data(kalender) == [b.start for b in bijeenkomsten]


def test_a_series_planned_before_the_rhythm_was_stored_keeps_a_uid_per_date(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team, aantal=3)
    Bijeenkomst.objects.filter(pk__in=[b.pk for b in bijeenkomsten]).update(
        serie_herhaling="", serie_oorspronkelijk=None
    )
    mailoutbox.clear()
    with na_commit():
        services.bijeenkomst_cancel(bijeenkomsten[1])
    (event,) = _kalender(mailoutbox[0]).walk("VEVENT")
    assert str(event["uid"]) == f"bijeenkomst-{bijeenkomsten[1].uid}@test.werkplaats"
    assert "recurrence-id" not in event
