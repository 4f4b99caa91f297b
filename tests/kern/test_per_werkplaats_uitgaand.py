"""What leaves the site names its own werkplaats: links, sender, calendar UIDs, files, jobs.

Background jobs run with no werkplaats active (a Celery worker, beat): each test here runs
the job or sweeper inside `in_werkplaats(None)` for records of a second werkplaats and
checks that the mail, its links and its sender are that werkplaats's.
"""

import datetime
import io
from email.utils import getaddresses

import pytest
from django.utils import timezone
from django.utils.functional import empty
from icalendar import Calendar
from openpyxl import load_workbook

from kenniscafes import ics as cafe_ics
from kenniscafes.models import Aanmelding, Herinnering
from kenniscafes.tasks import (
    aanmelding_mail_task,
    herinneringen_sweep_task,
    kenniscafe_wijziging_task,
)
from publicaties.models import Bijlage, Publicatie, bijlage_pad
from tests.factories import (
    AanmeldingFactory,
    BeheerderFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    PublicatieFactory,
    WerkplaatsFactory,
    WerkteamFactory,
    na_commit,
)
from werkplaats.kern.bestanden import bestandspad
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Bericht, WerkplaatsHost
from werkplaats.kern.services import bericht_queue
from werkplaats.kern.tasks import bewaartermijn_apply_task
from werkplaats.kern.uitgaand import site_url, werkplaats_basis_url
from werkplaats.verantwoording.models import Export, export_opslag
from werkplaats.verantwoording.tasks import export_run_task
from werkteams import services as werkteam_services
from werkteams.models import Herinnering as WerkteamHerinnering
from werkteams.models import Leeropbrengst, bewijs_pad
from werkteams.tasks import herinneringen_sweep_task as werkteam_herinneringen_task

pytestmark = pytest.mark.django_db

OOST = "http://oost.testserver:8000"


@pytest.fixture
def oost():
    """A second werkplaats, with its own name, contact address and host."""
    return WerkplaatsFactory(
        naam="Werkplaats Sociaal Domein Oost", slug="oost", contact_email="info@oost.example"
    )


def _afzender(mail) -> tuple[str, str]:
    [(naam, adres)] = getaddresses([mail.message()["From"]])
    return naam, adres


def _reply_to(mail) -> list[str]:
    return [adres for _naam, adres in getaddresses([mail.message()["Reply-To"] or ""])]


def _vevent(mail):
    [bijlage] = [b for b in mail.attachments if b[2].startswith("text/calendar")]
    return Calendar.from_ical(bijlage[1]).walk("VEVENT")[0]


# --- the base of every link -----------------------------------------------------------------


def test_site_url_is_the_werkplaats_host_with_the_scheme_and_port_of_site_url(oost, settings):
    # The test werkplaats serves 127.0.0.1, SITE_URL's own host: SITE_URL as it stands.
    assert settings.SITE_URL == "http://127.0.0.1:8000"
    assert site_url() == "http://127.0.0.1:8000"
    with in_werkplaats(oost):
        assert site_url() == OOST
    with in_werkplaats(None):
        assert site_url() == "http://127.0.0.1:8000"
    settings.SITE_URL = "https://werkplaatsen.example/sub"
    assert site_url() == "https://testserver/sub"
    with in_werkplaats(oost):
        assert site_url() == "https://oost.testserver/sub"


def test_site_url_follows_a_new_primary_host(oost):
    WerkplaatsHost.objects.filter(werkplaats=oost).update(primair=False)
    WerkplaatsHost.objects.create(werkplaats=oost, host="oost.example", primair=True)
    assert werkplaats_basis_url(oost) == "http://oost.example:8000"


# --- the sender -----------------------------------------------------------------------------


def test_a_mail_goes_out_in_the_name_of_its_werkplaats(oost, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Werkplaats <noreply@werkplaats.example>"
    with in_werkplaats(oost), na_commit():
        bericht_queue(
            sleutel="test:oost",
            aan="a@fictief.example",
            template_prefix="emails/test",
            context={"naam": "A"},
        )
    with in_werkplaats(None), na_commit():
        bericht_queue(
            sleutel="test:geen",
            aan="b@fictief.example",
            template_prefix="emails/test",
            context={"naam": "B"},
        )
    oost_mail, algemeen = mailoutbox
    assert _afzender(oost_mail) == ("Werkplaats Sociaal Domein Oost", "noreply@werkplaats.example")
    assert _reply_to(oost_mail) == ["info@oost.example"]
    # The row holds the sender, so a later retry by a worker sends it the same way.
    assert Bericht.objects.get(sleutel="test:oost").headers["Reply-To"] == "info@oost.example"
    # Outside a werkplaats: DEFAULT_FROM_EMAIL as configured, no Reply-To.
    assert _afzender(algemeen) == ("Werkplaats", "noreply@werkplaats.example")
    assert algemeen.message()["Reply-To"] is None


def test_a_werkplaats_without_contact_address_gets_no_reply_to(mailoutbox, werkplaats):
    werkplaats.contact_email = ""
    werkplaats.save()
    with na_commit():
        bericht_queue(
            sleutel="test:x",
            aan="a@fictief.example",
            template_prefix="emails/test",
            context={"naam": "A"},
        )
    assert _afzender(mailoutbox[0])[0] == werkplaats.naam
    assert mailoutbox[0].message()["Reply-To"] is None


# --- kenniscafés: jobs with no werkplaats active ------------------------------------------


def test_a_registration_mail_job_acts_in_the_cafes_werkplaats(oost, mailoutbox):
    with in_werkplaats(oost):
        aanmelding = AanmeldingFactory(kenniscafe=KenniscafeFactory(slug="wijkcafe"))
    with in_werkplaats(None), na_commit():
        assert aanmelding_mail_task(aanmelding.pk, "bevestiging") is True
    [mail] = mailoutbox
    assert _afzender(mail)[0] == "Werkplaats Sociaal Domein Oost"
    assert _reply_to(mail) == ["info@oost.example"]
    assert "Werkplaats Sociaal Domein Oost" in mail.body
    assert f"{OOST}/kenniscafes/aanmelding/" in mail.body
    assert f"{OOST}/kenniscafes/wijkcafe/" in mail.body
    assert "127.0.0.1" not in mail.body
    event = _vevent(mail)
    assert str(event["uid"]) == f"kenniscafe-{aanmelding.kenniscafe.ical_uid}@oost.werkplaats"
    assert str(event["url"]) == f"{OOST}/kenniscafes/wijkcafe/"
    assert str(event["organizer"].params["cn"]) == "Werkplaats Sociaal Domein Oost"


def test_a_change_job_sends_the_update_under_the_same_uid(oost, mailoutbox):
    with in_werkplaats(oost):
        kenniscafe = KenniscafeFactory()
        AanmeldingFactory(kenniscafe=kenniscafe)
        eerste = cafe_ics._uid(kenniscafe)
    with in_werkplaats(None), na_commit():
        assert kenniscafe_wijziging_task(kenniscafe.pk, 1) == 1
    [mail] = mailoutbox
    assert (
        str(_vevent(mail)["uid"]) == eerste == f"kenniscafe-{kenniscafe.ical_uid}@oost.werkplaats"
    )
    assert _afzender(mail)[0] == "Werkplaats Sociaal Domein Oost"
    # The same café's UID is the same wherever it is made (request, job, portal).
    assert cafe_ics._uid(kenniscafe) == eerste


def test_the_reminder_sweeper_mails_each_registrant_from_their_own_werkplaats(
    oost, werkplaats, mailoutbox
):
    voorbij = timezone.now() - datetime.timedelta(minutes=1)
    eigen = AanmeldingFactory(kenniscafe=KenniscafeFactory(slug="hier"))
    with in_werkplaats(oost):
        ander = AanmeldingFactory(kenniscafe=KenniscafeFactory(slug="daar"))
    with in_werkplaats(None):
        for aanmelding in (eigen, ander):
            Herinnering.objects.create(
                aanmelding=aanmelding, soort="herinnering", verstuur_op=voorbij
            )
        with na_commit():
            assert herinneringen_sweep_task() == 2
        assert not Herinnering.objects.filter(verwerkt_op__isnull=True).exists()
    per_adres = {mail.to[0]: mail for mail in mailoutbox}
    assert set(per_adres) == {eigen.email, ander.email}
    oost_mail, eigen_mail = per_adres[ander.email], per_adres[eigen.email]
    assert _afzender(oost_mail)[0] == "Werkplaats Sociaal Domein Oost"
    assert f"{OOST}/kenniscafes/daar/" in oost_mail.body
    assert _afzender(eigen_mail)[0] == werkplaats.naam
    assert "http://127.0.0.1:8000/kenniscafes/hier/" in eigen_mail.body
    assert "oost" not in eigen_mail.body


# --- werkteams ------------------------------------------------------------------------------


def test_the_meeting_reminder_sweeper_acts_in_the_teams_werkplaats(oost, mailoutbox):
    with in_werkplaats(oost):
        team = WerkteamFactory(slug="team-oost")
        LidmaatschapFactory(werkteam=team, start=datetime.date(2020, 1, 1))
        with na_commit():
            [bijeenkomst] = werkteam_services.bijeenkomsten_plan(
                team,
                titel="Overleg",
                eerste=timezone.localdate() + datetime.timedelta(days=7),
                tijd=datetime.time(15, 0),
                duur_minuten=60,
                vorm="fysiek",
                locatie="Lokaal 1",
            )
        uitnodiging = mailoutbox[-1]
    # The invitation (made in a request of that werkplaats) names it too.
    assert _afzender(uitnodiging)[0] == "Werkplaats Sociaal Domein Oost"
    assert str(_vevent(uitnodiging)["uid"]) == f"bijeenkomst-{bijeenkomst.uid}@oost.werkplaats"
    mailoutbox.clear()
    with in_werkplaats(None):
        WerkteamHerinnering.objects.filter(bijeenkomst=bijeenkomst).update(
            verstuur_op=timezone.now() - datetime.timedelta(minutes=1)
        )
        with na_commit():
            assert werkteam_herinneringen_task() == 1
    [mail] = mailoutbox
    assert _afzender(mail)[0] == "Werkplaats Sociaal Domein Oost"
    assert f"{OOST}/werkteams/afmelden/" in mail.body
    assert "127.0.0.1" not in mail.body


# --- retention: each werkplaats at its own period -----------------------------------------


def test_retention_applies_each_werkplaats_its_own_period(oost, werkplaats):
    oost.bewaartermijn_maanden = 6
    oost.save()
    acht_maanden = timezone.now() - datetime.timedelta(days=240)
    eind = {"start": acht_maanden, "eind": acht_maanden + datetime.timedelta(hours=2)}
    eigen = AanmeldingFactory(kenniscafe=KenniscafeFactory(**eind))
    with in_werkplaats(oost):
        ander = AanmeldingFactory(kenniscafe=KenniscafeFactory(**eind))
    with in_werkplaats(None):
        bewaartermijn_apply_task()
        # Oost keeps registrations 6 months: erased. The test werkplaats keeps them 24.
        assert Aanmelding.objects.get(pk=ander.pk).geanonimiseerd_op is not None
        assert Aanmelding.objects.get(pk=eigen.pk).geanonimiseerd_op is None
        assert Aanmelding.objects.get(pk=eigen.pk).email == eigen.email


# --- the yearly report's export job --------------------------------------------------------


@pytest.fixture
def _exportmap(settings, tmp_path):
    settings.VERANTWOORDING_EXPORT_MAP = tmp_path / "exports"
    export_opslag._wrapped = empty
    yield
    export_opslag._wrapped = empty


def _cafe_2021():
    start = datetime.datetime(2021, 5, 1, 19, 0, tzinfo=datetime.UTC)
    return KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))


def test_an_export_job_reads_and_stores_only_its_own_werkplaats(oost, _exportmap):
    beheerder = BeheerderFactory()
    AanmeldingFactory.create_batch(2, kenniscafe=_cafe_2021())
    with in_werkplaats(oost):
        AanmeldingFactory(kenniscafe=_cafe_2021())
        export = Export.objects.create(
            soort=Export.Soort.RUW_AANMELDINGEN,
            periode_soort="kalenderjaar",
            periode_sleutel=2021,
            periode_label="2021",
            aangemaakt_door=beheerder,
        )
    with in_werkplaats(None):
        assert export_run_task(str(export.pk)) is True
        export.refresh_from_db()
        assert export.status == Export.Status.KLAAR
        bestand = export.bestanden.get()
        assert bestand.bestand.name.startswith(f"oost/{export.pk}/")
        werkblad = load_workbook(io.BytesIO(bestand.bestand.read())).active
    assert werkblad.max_row == 1 + 1  # the heading and oost's one registration


# --- uploaded files -------------------------------------------------------------------------


def test_new_uploads_go_to_the_folder_of_the_records_werkplaats(oost):
    with in_werkplaats(oost):
        publicatie = PublicatieFactory()
        leeropbrengst = Leeropbrengst(werkteam=WerkteamFactory())
    # Made from the test werkplaats (or a job): the record's werkplaats decides.
    assert bijlage_pad(Bijlage(publicatie=publicatie), "Rapport.PDF").startswith(
        "oost/publicaties/bijlagen/"
    )
    assert bijlage_pad(Bijlage(publicatie=publicatie), "a.pdf").endswith(".pdf")
    assert Publicatie.audio.field.upload_to(publicatie, "x.mp3").startswith(
        "oost/publicaties/audio/"
    )
    assert bewijs_pad(leeropbrengst, "x.docx").startswith("oost/werkteams/leeropbrengsten/")
    assert bestandspad("map", "x.txt").startswith("test/map/")
    # Stored before its row exists (the kennisbank's forms): the werkplaats acted in.
    with in_werkplaats(oost):
        assert bijlage_pad(None, "x.pdf").startswith("oost/publicaties/bijlagen/")
    with in_werkplaats(None):
        assert bestandspad("map", "x.txt").startswith("map/")
