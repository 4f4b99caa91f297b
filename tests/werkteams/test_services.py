"""Services of werkteams against real PostgreSQL: memberships, hand-overs, meetings, mail."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from tests.factories import OrganisatieFactory
from werkplaats.kern.models import Bericht
from werkteams import selectors, services
from werkteams.models import Aanwezigheid, Bijeenkomst, Herinnering, Lidmaatschap, Persoon

from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
    na_commit,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_database_refuses_overlapping_memberships_of_one_person_in_one_team():
    lid = LidmaatschapFactory(start=D(2020, 1, 1), eind=D(2020, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            werkteam=lid.werkteam, persoon=lid.persoon, rol="lector", start=D(2020, 12, 31)
        )
    # The day after the end is free again.
    Lidmaatschap.objects.create(
        werkteam=lid.werkteam, persoon=lid.persoon, rol="lector", start=D(2021, 1, 1)
    )


def test_same_person_may_sit_in_two_teams_at_once():
    lid = LidmaatschapFactory()
    LidmaatschapFactory(persoon=lid.persoon, start=lid.start)
    assert lid.persoon.lidmaatschappen.count() == 2


def test_create_refuses_overlap_with_a_clear_message_and_stores_nothing():
    lid = LidmaatschapFactory(start=D(2020, 1, 1))
    with pytest.raises(services.WerkteamFout) as fout:
        services.lidmaatschap_create(
            lid.werkteam, rol="lector", start=D(2021, 1, 1), persoon=lid.persoon
        )
    assert fout.value.veld == "start"
    assert Lidmaatschap.objects.count() == 1


def test_create_with_a_new_person_creates_the_person():
    team = WerkteamFactory()
    org = OrganisatieFactory()
    lid = services.lidmaatschap_create(
        team,
        rol="student",
        start=D(2021, 2, 1),
        nieuw={"naam": "Nieuw (fictief)", "email": "nieuw@fictief.example", "organisatie": org},
    )
    assert lid.persoon.naam == "Nieuw (fictief)" and lid.persoon.organisatie == org


def test_create_refuses_a_new_person_with_an_existing_email_case_insensitively():
    PersoonFactory(email="bestaand@fictief.example")
    with pytest.raises(services.WerkteamFout):
        services.lidmaatschap_create(
            WerkteamFactory(),
            rol="student",
            start=D(2021, 2, 1),
            nieuw={"naam": "X", "email": "BESTAAND@fictief.example"},
        )
    assert Persoon.objects.count() == 1


def test_end_before_start_is_refused():
    lid = LidmaatschapFactory(start=D(2021, 1, 1))
    with pytest.raises(services.WerkteamFout) as fout:
        services.lidmaatschap_end(lid, D(2020, 12, 1))
    assert fout.value.veld == "eind"
    lid.refresh_from_db()
    assert lid.eind is None


def test_handover_ends_one_starts_the_other_and_links_them():
    lid = LidmaatschapFactory(start=D(2020, 1, 1), kerngroep=True, rol="beleidsmedewerker")
    opvolger = PersoonFactory()
    nieuw = services.lidmaatschap_handover(lid, datum=D(2021, 3, 1), persoon=opvolger)
    lid.refresh_from_db()
    assert lid.eind == D(2021, 2, 28)
    assert lid.overgedragen_aan == nieuw
    assert nieuw.start == D(2021, 3, 1) and nieuw.eind is None
    assert nieuw.rol == "beleidsmedewerker" and nieuw.kerngroep
    assert nieuw.overgenomen_van == lid


def test_handover_to_the_same_person_is_refused_and_nothing_changes():
    lid = LidmaatschapFactory(start=D(2020, 1, 1))
    with pytest.raises(services.WerkteamFout) as fout:
        services.lidmaatschap_handover(lid, datum=D(2021, 3, 1), persoon=lid.persoon)
    assert fout.value.veld == "persoon"
    lid.refresh_from_db()
    assert lid.eind is None and Lidmaatschap.objects.count() == 1


def test_handover_to_someone_already_in_the_team_is_refused_without_half_saving():
    lid = LidmaatschapFactory(start=D(2020, 1, 1))
    al_lid = LidmaatschapFactory(werkteam=lid.werkteam, start=D(2020, 1, 1))
    with pytest.raises(services.WerkteamFout):
        services.lidmaatschap_handover(lid, datum=D(2021, 3, 1), persoon=al_lid.persoon)
    lid.refresh_from_db()
    assert lid.eind is None and lid.overgedragen_aan is None


def test_handover_on_or_before_the_start_is_refused():
    lid = LidmaatschapFactory(start=D(2021, 1, 1))
    with pytest.raises(services.WerkteamFout):
        services.lidmaatschap_handover(lid, datum=D(2021, 1, 1), persoon=PersoonFactory())


def test_handover_twice_is_refused():
    lid = LidmaatschapFactory(start=D(2020, 1, 1))
    services.lidmaatschap_handover(lid, datum=D(2021, 3, 1), persoon=PersoonFactory())
    with pytest.raises(services.WerkteamFout):
        services.lidmaatschap_handover(lid, datum=D(2021, 4, 1), persoon=PersoonFactory())


def test_composition_at_a_past_date_follows_hand_overs():
    team = WerkteamFactory(
        gewenste_sectoren=["wonen", "gemeente"], gewenst_maar_afwezig=["huisartsen"]
    )
    gemeente = OrganisatieFactory(naam="Gemeente Voorbeeld", sector="gemeente")
    welzijn = OrganisatieFactory(naam="Welzijn Voorbeeld", sector="zorg-welzijn")
    oud = LidmaatschapFactory(
        werkteam=team, persoon=PersoonFactory(organisatie=gemeente), start=D(2020, 1, 1)
    )
    LidmaatschapFactory(
        werkteam=team, persoon=PersoonFactory(organisatie=welzijn), start=D(2020, 1, 1)
    )
    # The gemeente place goes to a welzijn colleague on 1 March 2021.
    services.lidmaatschap_handover(
        oud, datum=D(2021, 3, 1), persoon=PersoonFactory(organisatie=welzijn)
    )

    voor = selectors.samenstelling_get(team, D(2021, 2, 28))
    na = selectors.samenstelling_get(team, D(2021, 3, 1))

    assert voor["aantal"] == 2 and na["aantal"] == 2
    assert {s["sector"]: s["aantal"] for s in voor["sectoren"]} == {
        "gemeente": 1,
        "zorg-welzijn": 1,
    }
    assert {s["sector"]: s["aantal"] for s in na["sectoren"]} == {"zorg-welzijn": 2}
    assert [str(x) for x in voor["ontbrekende_sectoren"]] == ["Wonen"]
    assert sorted(str(x) for x in na["ontbrekende_sectoren"]) == ["Gemeente", "Wonen"]
    assert na["gewenst_maar_afwezig"] == ["huisartsen"]
    assert selectors.samenstelling_get(team, D(2019, 12, 31))["aantal"] == 0


def _plan(team, **extra):
    """Plan through the service and run the after-commit mail tasks (the test holds one transaction)."""
    with na_commit():
        return _plan_zonder_commit(team, **extra)


def _plan_zonder_commit(team, **extra):
    morgen = timezone.localdate() + datetime.timedelta(days=7)
    data = {
        "titel": "Werkteambijeenkomst",
        "eerste": morgen,
        "tijd": datetime.time(15, 0),
        "duur_minuten": 120,
        "vorm": "fysiek",
        "locatie": "Voorbeeldlokaal",
    }
    data.update(extra)
    return services.bijeenkomsten_plan(team, **data)


def test_a_monthly_series_skips_chosen_dates_and_shares_a_series_id(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory.create_batch(2, werkteam=team, start=D(2020, 1, 1))
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    tot = eerste + datetime.timedelta(days=150)
    alle = services.serie_data(eerste, "maandelijks", tot, set())
    overslaan = {alle[2]}
    bijeenkomsten = _plan(
        team,
        eerste=eerste,
        herhaling="maandelijks",
        tot=tot,
        overslaan=overslaan,
        leerdoelen=["Doel 1"],
    )
    assert len(bijeenkomsten) == len(alle) - 1 >= 4
    assert alle[2] not in [timezone.localdate(b.start) for b in bijeenkomsten]
    assert len({b.serie for b in bijeenkomsten}) == 1 and bijeenkomsten[0].serie is not None
    # Same weekday every month.
    assert len({timezone.localdate(b.start).weekday() for b in bijeenkomsten}) == 1
    assert Herinnering.objects.count() == len(bijeenkomsten)
    # One series invitation per member (issue #12), not one mail per meeting.
    assert len(mailoutbox) == 2
    assert all(b.leerdoelen.count() == 1 for b in bijeenkomsten)


def test_planning_in_the_past_is_refused_and_nothing_is_stored():
    team = WerkteamFactory()
    with pytest.raises(services.WerkteamFout) as fout:
        _plan(team, eerste=timezone.localdate() - datetime.timedelta(days=1))
    assert fout.value.veld == "eerste"
    assert Bijeenkomst.objects.count() == 0


def test_online_meeting_needs_a_link():
    with pytest.raises(services.WerkteamFout) as fout:
        _plan(WerkteamFactory(), vorm="online", locatie="")
    assert fout.value.veld == "online_link"


def test_invitation_carries_a_calendar_request_with_stable_uid_and_absence_link(mailoutbox):
    team = WerkteamFactory()
    lid = LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    [bijeenkomst] = _plan(team)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [lid.persoon.email]
    naam, inhoud, mimetype = mail.attachments[0]
    assert mimetype.startswith("text/calendar")
    kalender = Calendar.from_ical(inhoud)
    assert str(kalender["method"]) == "REQUEST"
    event = kalender.walk("VEVENT")[0]
    assert str(event["uid"]) == f"bijeenkomst-{bijeenkomst.uid}@test.werkplaats"
    assert int(event["sequence"]) == 0
    aanwezigheid = Aanwezigheid.objects.get(bijeenkomst=bijeenkomst)
    assert f"/werkteams/afmelden/{aanwezigheid.sleutel}/" in mail.body


def test_members_who_left_before_the_date_are_not_invited(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1), eind=D(2020, 6, 1))
    _plan(team)
    assert mailoutbox == []


def test_update_sends_a_calendar_update_with_a_higher_sequence_and_same_uid(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    [bijeenkomst] = _plan(team)
    nieuwe_dag = timezone.localdate() + datetime.timedelta(days=9)
    with na_commit():
        services.bijeenkomst_update(
            bijeenkomst,
            titel="Verzet",
            dag=nieuwe_dag,
            tijd=datetime.time(10, 0),
            duur_minuten=90,
            vorm="fysiek",
            locatie="Ander lokaal",
            online_link="",
            agenda="",
        )
    assert len(mailoutbox) == 2
    event = Calendar.from_ical(mailoutbox[1].attachments[0][1]).walk("VEVENT")[0]
    assert int(event["sequence"]) == 1
    assert str(event["uid"]) == f"bijeenkomst-{bijeenkomst.uid}@test.werkplaats"
    herinnering = Herinnering.objects.get(bijeenkomst=bijeenkomst)
    assert timezone.localdate(herinnering.verstuur_op) == nieuwe_dag - datetime.timedelta(days=2)


def test_cancel_sends_a_calendar_cancel_and_removes_the_reminder(mailoutbox):
    team = WerkteamFactory()
    LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    [bijeenkomst] = _plan(team)
    with na_commit():
        services.bijeenkomst_cancel(bijeenkomst)
        services.bijeenkomst_cancel(bijeenkomst)  # twice: still one cancellation
    assert len(mailoutbox) == 2
    kalender = Calendar.from_ical(mailoutbox[1].attachments[0][1])
    assert str(kalender["method"]) == "CANCEL"
    assert int(kalender.walk("VEVENT")[0]["sequence"]) == 1
    assert not Herinnering.objects.filter(bijeenkomst=bijeenkomst).exists()


def test_reminder_sweep_sends_due_reminders_once_and_skips_excused_members(mailoutbox):
    team = WerkteamFactory()
    leden = LidmaatschapFactory.create_batch(3, werkteam=team, start=D(2020, 1, 1))
    [bijeenkomst] = _plan(team)
    mailoutbox.clear()
    Aanwezigheid.objects.filter(bijeenkomst=bijeenkomst, lidmaatschap=leden[0]).update(
        status="afgemeld"
    )
    assert services.herinneringen_sweep() == 0  # not due yet
    Herinnering.objects.update(verstuur_op=timezone.now() - datetime.timedelta(minutes=1))
    with na_commit():
        assert services.herinneringen_sweep() == 2
        assert services.herinneringen_sweep() == 0
    assert len(mailoutbox) == 2
    assert leden[0].persoon.email not in {m.to[0] for m in mailoutbox}


def test_absence_by_link_is_recorded_and_refused_after_the_meeting():
    aanwezigheid = AanwezigheidFactory()
    services.aanwezigheid_afmelden(aanwezigheid, "Ziek")
    aanwezigheid.refresh_from_db()
    assert aanwezigheid.status == "afgemeld" and aanwezigheid.afmelding_reden == "Ziek"
    voorbij = AanwezigheidFactory(
        bijeenkomst=BijeenkomstFactory(start=timezone.now() - datetime.timedelta(days=1))
    )
    with pytest.raises(services.WerkteamFout):
        services.aanwezigheid_afmelden(voorbij)


def test_publishing_minutes_mails_everyone_including_absentees_once(mailoutbox):
    bijeenkomst = BijeenkomstFactory(verslag="We spraken over schulden.")
    aanwezig = AanwezigheidFactory(bijeenkomst=bijeenkomst, status="aanwezig")
    afwezig = AanwezigheidFactory(bijeenkomst=bijeenkomst, status="afwezig")
    with na_commit():
        assert services.verslag_publish(bijeenkomst) == 2
        services.verslag_publish(bijeenkomst)
    assert len(mailoutbox) == 2
    ontvangers = {m.to[0] for m in mailoutbox}
    assert ontvangers == {aanwezig.lidmaatschap.persoon.email, afwezig.lidmaatschap.persoon.email}
    afwezig_mail = next(m for m in mailoutbox if m.to[0] == afwezig.lidmaatschap.persoon.email)
    assert "We spraken over schulden." in afwezig_mail.body
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.verslag_gepubliceerd_op is not None
    assert Bericht.objects.filter(sleutel__startswith="werkteams:verslag:").count() == 2


def test_publishing_empty_minutes_is_refused(mailoutbox):
    bijeenkomst = BijeenkomstFactory(verslag="  ")
    AanwezigheidFactory(bijeenkomst=bijeenkomst)
    with pytest.raises(services.WerkteamFout):
        services.verslag_publish(bijeenkomst)
    assert mailoutbox == []


def test_organisation_outcome_needs_the_organisation_reached():
    team = WerkteamFactory()
    with pytest.raises(services.WerkteamFout) as fout:
        services.leeropbrengst_create(team, niveau="organisatie", wat="x", datum=D(2021, 1, 1))
    assert fout.value.veld == "organisatie"
    with pytest.raises(services.WerkteamFout):
        services.leeropbrengst_create(
            team, niveau="team", wat="x", datum=D(2021, 1, 1), organisatie=OrganisatieFactory()
        )


def test_outcome_cannot_link_another_teams_meeting():
    team = WerkteamFactory()
    ander = BijeenkomstFactory()
    with pytest.raises(services.WerkteamFout):
        services.leeropbrengst_create(
            team, niveau="team", wat="x", datum=D(2021, 1, 1), bijeenkomst=ander
        )


def test_member_login_invitation_creates_a_read_only_account_and_mails_a_link(mailoutbox):
    lid = LidmaatschapFactory()
    with na_commit():
        services.lid_login_invite(lid)
    lid.persoon.refresh_from_db()
    gebruiker = lid.persoon.gebruiker
    assert gebruiker.rol == "lid" and not gebruiker.has_usable_password()
    assert not gebruiker.is_coordinator
    assert "/wachtwoord-herstellen/" in mailoutbox[0].body


def test_demo_loader_is_idempotent_and_fictional(settings, tmp_path):
    from werkplaats.demo import demo_load, demo_zhz
    from werkplaats.kern.huidig import in_werkplaats

    settings.MEDIA_ROOT = tmp_path  # the demo podcast's clips land here, not in media/
    demo_load()
    # The teams of Zuid-Holland Zuid, as at its host (the demo loads two more werkplaatsen).
    with in_werkplaats(demo_zhz()):
        _demo_zhz_telt(demo_load)


def _demo_zhz_telt(demo_load):
    tellingen = (
        Persoon.objects.count(),
        Lidmaatschap.objects.count(),
        Bijeenkomst.objects.count(),
        Aanwezigheid.objects.count(),
    )
    demo_load()
    assert tellingen == (
        Persoon.objects.count(),
        Lidmaatschap.objects.count(),
        Bijeenkomst.objects.count(),
        Aanwezigheid.objects.count(),
    )
    from werkteams.models import Leeropbrengst, Werkteam

    assert Werkteam.objects.count() == 9 + 2  # the nine of the demo file, two running today
    for team in Werkteam.objects.filter(periode__naam="2020-2022"):
        assert 10 <= team.lidmaatschappen.count() <= 25
        assert team.lidmaatschappen.filter(overgedragen_aan__isnull=False).exists()
        assert set(team.leeropbrengsten.values_list("niveau", flat=True)) == {
            "individueel",
            "team",
            "organisatie",
        }
    assert all(p.email.endswith("@fictief.example") for p in Persoon.objects.all())
    assert all("fictief" in p.functie for p in Persoon.objects.all())
    assert Leeropbrengst.objects.filter(niveau="organisatie", organisatie__isnull=True).count() == 0
    assert Bericht.objects.count() == 0


def test_ending_a_membership_withdraws_later_invitations_with_a_calendar_cancel(mailoutbox):
    team = WerkteamFactory()
    vertrekker = LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    blijver = LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    bijeenkomsten = _plan(
        team, eerste=eerste, herhaling="wekelijks", tot=eerste + datetime.timedelta(days=14)
    )
    mailoutbox.clear()
    with na_commit():
        services.lidmaatschap_end(vertrekker, eerste + datetime.timedelta(days=7))
    # Invited to the first two meetings still, no longer to the third.
    assert Aanwezigheid.objects.filter(lidmaatschap=vertrekker).count() == 2
    assert Aanwezigheid.objects.filter(lidmaatschap=blijver).count() == 3
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [vertrekker.persoon.email]
    kalender = Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert str(kalender["method"]) == "CANCEL"
    # The withdrawn date is the one occurrence of the series' recurring event.
    (event,) = kalender.walk("VEVENT")
    assert str(event["uid"]) == f"serie-{bijeenkomsten[2].serie}@test.werkplaats"
    assert event.decoded("recurrence-id") == bijeenkomsten[2].start


def test_hand_over_moves_future_invitations_to_the_successor(mailoutbox):
    team = WerkteamFactory()
    oud = LidmaatschapFactory(werkteam=team, start=D(2020, 1, 1))
    [bijeenkomst] = _plan(team)
    opvolger = PersoonFactory()
    with na_commit():
        services.lidmaatschap_handover(oud, datum=timezone.localdate(), persoon=opvolger)
    uitgenodigd = set(
        bijeenkomst.aanwezigheden.values_list("lidmaatschap__persoon__email", flat=True)
    )
    assert uitgenodigd == {opvolger.email}


def test_zero_days_means_no_reminder():
    team = WerkteamFactory()
    [bijeenkomst] = _plan(team, herinnering_dagen=0)
    assert not Herinnering.objects.filter(bijeenkomst=bijeenkomst).exists()
