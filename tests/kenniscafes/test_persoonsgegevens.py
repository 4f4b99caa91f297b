"""Personal data leaves when it should: erasure, retention, tokens, online link, invites."""

import base64
import datetime
import zlib

import pytest
from django.apps import apps
from django.core import signing
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kenniscafes import links, services
from kenniscafes.models import Aanmelding, Abonnee, Evaluatie, Uitnodiging, UitnodigingsRonde
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory, gegevens
from werkplaats.kern.models import Bericht
from werkplaats.kern.services import bericht_claim, bericht_send, berichten_due_ids

pytestmark = pytest.mark.django_db

EMAIL = "Wisser.Fictief@fictief.example"
NAAM = "Wiske Wisser-Fictief"


def _overal_gevonden(*woorden: str) -> list[str]:
    """Every table, every text, char and JSON field: where one of the words still occurs."""
    gevonden = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.CharField | models.TextField):
                waarde = veld.name
                qs = model._default_manager.all()
            elif isinstance(veld, models.JSONField):
                waarde = f"_{veld.name}_tekst"
                qs = model._default_manager.annotate(
                    **{waarde: Cast(veld.name, models.TextField())}
                )
            else:
                continue
            for woord in woorden:
                if qs.filter(**{f"{waarde}__icontains": woord}).exists():
                    gevonden.append(f"{model._meta.label}.{veld.name}: {woord}")
    return gevonden


def _sporen_maken(kenniscafe, django_capture_on_commit_callbacks) -> Aanmelding:
    """A registration whose details were copied everywhere they usually go."""
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = services.aanmelding_create(
            kenniscafe_id=kenniscafe.pk,
            gegevens=services.AanmeldGegevens(
                **gegevens(
                    naam=NAAM,
                    email=EMAIL,
                    opmerkingen=f"Graag een rolstoelplek voor {NAAM}",
                    registratienummer="SKJ-123456",
                    uitnodigingen_ok=True,
                )
            ),
        )
    # An invitation for another café (she opted in as an earlier visitor).
    ander = KenniscafeFactory()
    ronde = UitnodigingsRonde.objects.create(kenniscafe=ander, eerdere_bezoekers=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingsronde_run(ronde.pk)
    assert Uitnodiging.objects.filter(email__iexact=EMAIL).exists()
    # Her evaluation names her; a failed mail's error names her address.
    Evaluatie.objects.create(
        aanmelding=aanmelding, score=8, meenemen=f"{NAAM} neemt veel mee", opmerking=EMAIL
    )
    Bericht.objects.create(
        sleutel="test:mislukt",
        aan=EMAIL,
        onderwerp=f"Voor {NAAM}",
        tekst=NAAM,
        status=Bericht.Status.MISLUKT,
        laatste_fout=f"550 <{EMAIL.lower()}>: mailbox unavailable",
        headers={"Reply-To": EMAIL},
        bijlagen=[{"naam": "x.ics", "inhoud": f"ATTENDEE;CN={NAAM}:mailto:{EMAIL}"}],
    )
    # A reminder queued but not yet sent (its send task has not run).
    services.aanmelding_mail_queue(aanmelding.pk, "herinnering")
    assert Bericht.objects.filter(aan=EMAIL, status=Bericht.Status.WACHTEND).count() == 1
    assert _overal_gevonden(EMAIL, NAAM)
    return aanmelding


def test_erasure_through_the_personal_link_leaves_the_address_and_name_in_no_table(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    aanmelding = _sporen_maken(KenniscafeFactory(), django_capture_on_commit_callbacks)
    wachtend = Bericht.objects.get(aan=EMAIL, status=Bericht.Status.WACHTEND)
    verstuurd = len(mailoutbox)
    beheer = reverse(
        "kenniscafes:aanmelding_beheer", kwargs={"token": links.aanmelding_token(aanmelding)}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(beheer, {"actie": "vergeten"})
    assert "Je gegevens zijn gewist" in response.content.decode()
    assert _overal_gevonden(EMAIL, NAAM, "SKJ-123456") == []
    # The queued reminder is cancelled: never claimed, never sent, not picked by the sweeper.
    wachtend.refresh_from_db()
    assert wachtend.status == Bericht.Status.GEANNULEERD
    assert wachtend.pk not in berichten_due_ids()
    assert not bericht_claim(wachtend.pk)
    assert not bericht_send(wachtend.pk)
    assert len(mailoutbox) == verstuurd
    # Figures stay: the row, its role and the evaluation score.
    assert Aanmelding.objects.filter(pk=aanmelding.pk, rol="professional").exists()
    assert Evaluatie.objects.get(aanmelding=aanmelding).score == 8


def test_retention_job_leaves_the_address_and_name_in_no_table(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    from werkplaats.kern.tasks import bewaartermijn_apply_task

    kenniscafe = KenniscafeFactory()
    _sporen_maken(kenniscafe, django_capture_on_commit_callbacks)
    # An unconfirmed mailing-list sign-up whose confirmation link expired long ago.
    Abonnee.objects.create(
        email=EMAIL.upper(), aangemeld_op=timezone.now() - datetime.timedelta(days=40)
    )
    drie_jaar = datetime.timedelta(days=3 * 365)
    kenniscafe.start -= drie_jaar
    kenniscafe.eind -= drie_jaar
    kenniscafe.save()
    bewaartermijn_apply_task.delay()
    assert _overal_gevonden(EMAIL, NAAM, "SKJ-123456") == []
    assert not Bericht.objects.filter(status=Bericht.Status.WACHTEND).exists()


def test_erasure_keeps_mail_of_another_live_registration_of_the_same_address(
    site, django_capture_on_commit_callbacks
):
    eerste = AanmeldingFactory(email=EMAIL)
    tweede = AanmeldingFactory(email=EMAIL.lower())
    with django_capture_on_commit_callbacks(execute=False):
        services.aanmelding_mail_queue(eerste.pk, "herinnering")
        services.aanmelding_mail_queue(tweede.pk, "herinnering")
    services.aanmelding_forget(aanmelding_id=eerste.pk)
    statussen = dict(Bericht.objects.values_list("sleutel", "status"))
    assert statussen[f"kenniscafes:herinnering:{eerste.pk}"] == Bericht.Status.GEANNULEERD
    assert statussen[f"kenniscafes:herinnering:{tweede.pk}"] == Bericht.Status.WACHTEND
    tweede.refresh_from_db()
    assert tweede.email == EMAIL.lower()


# --- erasure after the café ----------------------------------------------------------------


def _voorbij(**extra):
    start = timezone.now() - datetime.timedelta(days=3)
    return KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2), **extra)


def test_after_the_cafe_the_personal_link_still_erases_but_no_longer_cancels(client, site):
    aanmelding = AanmeldingFactory(kenniscafe=_voorbij(), aanwezig=True)
    beheer = reverse(
        "kenniscafes:aanmelding_beheer", kwargs={"token": links.aanmelding_token(aanmelding)}
    )
    pagina = client.get(beheer)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Dit kenniscafé is voorbij" in html and "Aanmelding annuleren" not in html
    assert "Ja, wis mijn gegevens" in client.get(beheer + "?stap=vergeten").content.decode()
    geweigerd = client.post(beheer, {"actie": "annuleren"}, follow=True)
    assert "er valt niets meer te annuleren" in geweigerd.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == "bevestigd"
    assert "Je gegevens zijn gewist" in client.post(beheer, {"actie": "vergeten"}).content.decode()
    aanmelding.refresh_from_db()
    # Who was there stays counted; only the person is gone.
    assert (aanmelding.email, aanmelding.naam) == ("", "")
    assert (aanmelding.status, aanmelding.aanwezig) == ("bevestigd", True)
    assert client.get(beheer).status_code == 404


# --- tokens ----------------------------------------------------------------------------------


def _leesbaar(token: str) -> str:
    """Everything base64 in a signed token, decoded (and unzipped) as far as it goes."""
    delen = []
    for deel in token.split(":"):
        gecomprimeerd = deel.startswith(".")
        deel = deel.lstrip(".")
        try:
            ruw = base64.urlsafe_b64decode(deel + "=" * (-len(deel) % 4))
        except ValueError:
            continue
        if gecomprimeerd:
            ruw = zlib.decompress(ruw)
        delen.append(ruw.decode("latin-1"))
    return " ".join(delen)


def test_unsubscribe_token_in_an_invitation_does_not_carry_the_address(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    AanmeldingFactory(email="lezer.fictief@fictief.example", uitnodigingen_ok=True)
    ronde = UitnodigingsRonde.objects.create(kenniscafe=KenniscafeFactory(), eerdere_bezoekers=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingsronde_run(ronde.pk)
    [mail] = mailoutbox
    url = mail.extra_headers["List-Unsubscribe"].strip("<>")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert "lezer" not in _leesbaar(token) and "fictief.example" not in _leesbaar(token)
    # The same check catches the old kind of token, which carried the address.
    oud = signing.dumps("lezer.fictief@fictief.example", salt=links.AFMELD_SALT)
    assert "lezer.fictief@fictief.example" in _leesbaar(oud)
    pad = url.replace("http://127.0.0.1:8000", "")
    assert "lezer.fictief@fictief.example" in client.get(pad).content.decode()
    assert client.post(pad).status_code == 200
    assert not Aanmelding.objects.get().uitnodigingen_ok
    # Links mailed before the change still work.
    oud_pad = reverse("kenniscafes:afmelden", kwargs={"token": oud})
    assert client.post(oud_pad).status_code == 200


def test_personal_tokens_do_not_carry_the_address(site):
    aanmelding = AanmeldingFactory(email="persoon.fictief@fictief.example")
    abonnee = Abonnee.objects.create(email="persoon.fictief@fictief.example")
    for token in (
        links.aanmelding_token(aanmelding),
        links.evaluatie_token(aanmelding),
        links.abonnee_token(abonnee),
    ):
        assert "persoon" not in _leesbaar(token)


# --- the online link and calendar invites ------------------------------------------------------


def _ics(mail) -> Calendar | None:
    bijlagen = [a for a in mail.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(bijlagen[0][1]) if bijlagen else None


def _hybride():
    return KenniscafeFactory(vorm="hybride", plaatsen_locatie=1, plaatsen_online=1)


def test_online_link_only_for_confirmed_online_registrants_in_mail_and_ics(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = _hybride()
    with django_capture_on_commit_callbacks(execute=True):
        for n, deelname in enumerate(["locatie", "online", "online"]):
            services.aanmelding_create(
                kenniscafe_id=kenniscafe.pk,
                gegevens=services.AanmeldGegevens(
                    **gegevens(email=f"p{n}@fictief.example", deelname=deelname)
                ),
            )
    per_adres = {m.to[0]: m for m in mailoutbox}
    ter_plaatse, online, wachtend = (per_adres[f"p{n}@fictief.example"] for n in range(3))
    assert "geheim-kenniscafe" in online.body and "geheim-kenniscafe" in online.alternatives[0][0]
    assert "geheim-kenniscafe" in str(_ics(online).walk("VEVENT")[0]["DESCRIPTION"])
    for mail in (ter_plaatse, wachtend):
        assert "geheim-kenniscafe" not in mail.body
        assert "geheim-kenniscafe" not in mail.alternatives[0][0]
    assert "geheim-kenniscafe" not in str(_ics(ter_plaatse).walk("VEVENT")[0]["DESCRIPTION"])
    # The waiting list gets no calendar invite at all: nothing that looks accepted.
    assert _ics(wachtend) is None


def test_a_change_sends_no_invite_and_no_online_link_to_the_waiting_list(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=1, plaatsen_locatie=0)
    AanmeldingFactory(kenniscafe=kenniscafe, deelname="online", email="plaats@fictief.example")
    AanmeldingFactory(
        kenniscafe=kenniscafe, deelname="online", status="wachtlijst", email="wacht@fictief.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.kenniscafe_wijziging_mail(kenniscafe.pk, 1)
    per_adres = {m.to[0]: m for m in mailoutbox}
    assert _ics(per_adres["wacht@fictief.example"]) is None
    assert "geheim-kenniscafe" not in per_adres["wacht@fictief.example"].body
    kalender = _ics(per_adres["plaats@fictief.example"])
    assert kalender["METHOD"] == "REQUEST"
    deelnemer = kalender.walk("VEVENT")[0]["ATTENDEE"]
    assert deelnemer.params["PARTSTAT"] == "ACCEPTED"


def test_cancelling_ones_own_place_sends_a_calendar_cancel_with_a_higher_sequence(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = services.aanmelding_create(
            kenniscafe_id=kenniscafe.pk, gegevens=services.AanmeldGegevens(**gegevens())
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_cancel(aanmelding_id=aanmelding.pk)
    uitnodiging, afmelding = (_ics(m) for m in mailoutbox)
    assert (uitnodiging["METHOD"], afmelding["METHOD"]) == ("REQUEST", "CANCEL")
    voor, na = uitnodiging.walk("VEVENT")[0], afmelding.walk("VEVENT")[0]
    assert str(voor["UID"]) == str(na["UID"])
    assert int(na["SEQUENCE"]) > int(voor["SEQUENCE"])
    assert str(na["STATUS"]) == "CANCELLED"


def test_leaving_the_waiting_list_sends_no_calendar_file(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    aanmelding = AanmeldingFactory(status="wachtlijst")
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_cancel(aanmelding_id=aanmelding.pk)
    [mail] = mailoutbox
    assert _ics(mail) is None


def test_one_rule_decides_the_online_link(site):
    kenniscafe = KenniscafeFactory(vorm="hybride")
    regel = {
        (status, deelname): AanmeldingFactory.build(
            kenniscafe=kenniscafe, status=status, deelname=deelname
        ).krijgt_online_link
        for status in Aanmelding.Status.values
        for deelname in Aanmelding.Deelname.values
    }
    assert [k for k, ja in regel.items() if ja] == [("bevestigd", "online")]


# --- mailing-list confirmation ---------------------------------------------------------------


def _bevestig_pad(mail) -> str:
    url = [w for w in mail.body.split() if "/nieuwsbrief/bevestigen/" in w][0]
    return url.replace("http://127.0.0.1:8000", "")


def test_an_old_confirmation_link_never_undoes_an_unsubscribe(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.abonnee_subscribe(email="lezer@fictief.example")
    services.email_unsubscribe(email="lezer@fictief.example")
    response = client.get(_bevestig_pad(mailoutbox[0]))
    assert response.status_code == 200
    assert "Je hebt je afgemeld nadat deze link is verstuurd" in response.content.decode()
    assert not Abonnee.objects.get().is_actief
    # Signing up again is a new request: from then on the link confirms it.
    with django_capture_on_commit_callbacks(execute=True):
        services.abonnee_subscribe(email="lezer@fictief.example")
    assert client.get(_bevestig_pad(mailoutbox[-1])).status_code == 200
    assert Abonnee.objects.get().is_actief


def test_a_confirmation_link_expires_after_seven_days(client, site, monkeypatch):
    abonnee = Abonnee.objects.create(email="traag@fictief.example")
    acht_dagen_geleden = timezone.now().timestamp() - 8 * 24 * 3600
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: acht_dagen_geleden)
        oud = links.abonnee_token(abonnee)
    pad = reverse("kenniscafes:abonnee_confirm", kwargs={"token": oud})
    assert client.get(pad).status_code == 404
    abonnee.refresh_from_db()
    assert not abonnee.is_actief
    vers = reverse("kenniscafes:abonnee_confirm", kwargs={"token": links.abonnee_token(abonnee)})
    assert client.get(vers).status_code == 200


# --- privacy statement -----------------------------------------------------------------------


def test_demo_privacy_statement_says_registration_numbers_go_to_the_register(client, site):
    from werkplaats.demo import demo_data, kern

    kern.load(demo_data())
    tekst = client.get(reverse("privacy")).content.decode()
    assert "registerpunten" in tekst
    assert "geven wij dat nummer met je naam en je aanwezigheid door aan dat register" in tekst
    assert "Wij delen die gegevens met niemand" not in tekst
    assert "24 maanden" in tekst and "ook nadat het kenniscafé voorbij is" in tekst


def test_only_a_confirmed_registrant_downloads_a_calendar_file(client, site):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=1, plaatsen_locatie=0)
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, deelname="online", status="wachtlijst")
    bevestigd = AanmeldingFactory(kenniscafe=kenniscafe, deelname="online")

    def _ics_pad(aanmelding):
        token = links.aanmelding_token(aanmelding)
        return reverse("kenniscafes:aanmelding_ics", kwargs={"token": token})

    assert client.get(_ics_pad(wachtend)).status_code == 404
    response = client.get(_ics_pad(bevestigd))
    assert response.status_code == 200 and b"geheim-kenniscafe" in response.content


# Two savepoint pairs (the job's and the outbox's); the old registrations (the retention
# period is the current werkplaats's own, read with it: no query);
# blank them; their evaluations; addresses still in use (registrations, subscriptions); the
# freed addresses' mails (cancel the queued, blank the rest); their invitations and
# unconfirmed sign-ups (a SELECT each, nothing to delete here); evaluation texts of old
# cafés; invitations of old cafés and expired sign-ups (a SELECT each).
TELLING_BEWAREN = 16


def _oude_aanmeldingen(aantal: int) -> None:
    oud = timezone.now() - datetime.timedelta(days=3 * 365)
    kenniscafe = KenniscafeFactory(start=oud, eind=oud + datetime.timedelta(hours=2))
    for n in range(aantal):
        aanmelding = AanmeldingFactory(kenniscafe=kenniscafe, email=f"oud{n}@fictief.example")
        Evaluatie.objects.create(aanmelding=aanmelding, score=7, meenemen="veel")
        Bericht.objects.create(
            sleutel=f"kenniscafes:bevestiging:{aanmelding.pk}", aan=aanmelding.email, tekst="x"
        )


@pytest.mark.parametrize("aantal", [3, 30])
def test_retention_uses_the_same_statements_for_3_and_30_registrations(
    site, aantal, django_assert_num_queries
):
    _oude_aanmeldingen(aantal)
    # The same count for 3 and for 30: no statement per registration (see TELLING_BEWAREN).
    with django_assert_num_queries(TELLING_BEWAREN):
        services.aanmeldingen_anonymise()
    assert not Aanmelding.objects.exclude(email="").exists()
    assert not Bericht.objects.exclude(aan="").exists()
