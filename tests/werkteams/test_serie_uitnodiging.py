"""A series of meetings is one invitation per member: one mail, one calendar file, every date."""

import datetime
import re

import pytest
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


def test_a_series_of_five_for_23_members_sends_23_mails_each_with_every_date(mailoutbox):
    team = WerkteamFactory()
    leden = LidmaatschapFactory.create_batch(23, werkteam=team, start=D(2020, 1, 1))
    bijeenkomsten = _serie(team)
    assert len(bijeenkomsten) == 5
    assert len(mailoutbox) == 23
    assert sorted(m.to[0] for m in mailoutbox) == sorted(lid.persoon.email for lid in leden)
    verwacht = {f"bijeenkomst-{b.uid}@werkplaats": b for b in bijeenkomsten}
    for mail in mailoutbox:
        kalender = _kalender(mail)
        assert str(kalender["method"]) == "REQUEST"
        events = kalender.walk("VEVENT")
        assert len(events) == 5
        assert {str(e["uid"]) for e in events} == set(verwacht)
        for event in events:
            bijeenkomst = verwacht[str(event["uid"])]
            assert int(event["sequence"]) == bijeenkomst.volgnummer == 0
            assert event.decoded("dtstart") == bijeenkomst.start
            assert mail.to[0] in str(event["attendee"])
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
        assert str(event["uid"]) == f"bijeenkomst-{derde.uid}@werkplaats"
        assert int(event["sequence"]) == 1
    # Cancelling another date: the single cancel for that date, same UID, higher SEQUENCE.
    mailoutbox.clear()
    with na_commit():
        services.bijeenkomst_cancel(bijeenkomsten[4])
    assert len(mailoutbox) == 3
    kalender = _kalender(mailoutbox[0])
    assert str(kalender["method"]) == "CANCEL"
    (event,) = kalender.walk("VEVENT")
    assert str(event["uid"]) == f"bijeenkomst-{bijeenkomsten[4].uid}@werkplaats"
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
    assert len(_kalender(mailoutbox[0]).walk("VEVENT")) == len(bijeenkomsten)


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
    uids = {str(e["uid"]) for e in _kalender(mail).walk("VEVENT")}
    assert uids == {f"bijeenkomst-{b.uid}@werkplaats" for b in bijeenkomsten[:2]}
    assert len(re.findall(r"/werkteams/afmelden/", mail.body)) == 2
    assert len(mailoutbox) == 2
