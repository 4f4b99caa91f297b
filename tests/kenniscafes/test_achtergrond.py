"""Background work of kenniscafés never silently stops: a lost Celery message (a killed
worker, a flushed broker) still gets the mail queued and the invitation round run."""

import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from kenniscafes import services
from kenniscafes import tasks as kenniscafes_tasks
from kenniscafes.models import Uitnodiging, UitnodigingsRonde
from tests.kenniscafes.factories import KenniscafeFactory, gegevens
from tests.werkteams.factories import LidmaatschapFactory, WerkteamFactory
from werkplaats.kern import services as kern_services
from werkplaats.kern import tasks as kern_tasks
from werkplaats.kern.models import Bericht, Opdracht
from werkteams import tasks as werkteams_tasks

pytestmark = pytest.mark.django_db


@contextmanager
def berichten_verloren():
    """Every job message sent to Celery in this block vanishes (the worker died with it)."""
    with mock.patch.object(kern_tasks.opdracht_run_task, "delay") as delay:
        yield delay


def _verstreken():
    """Time passes beyond the window in which a queued job may still be waiting its turn."""
    Opdracht.objects.update(
        ingepland_op=timezone.now() - kern_services.CLAIM_VERLOOPT_NA - datetime.timedelta(1)
    )


def _sweep(vang_na_commit) -> int:
    """One beat tick of the job sweeper; the mail it queues is sent after its commit."""
    with vang_na_commit(execute=True):
        return kern_services.opdrachten_sweep()


def _registreer(kenniscafe, n):
    return services.aanmelding_create(
        kenniscafe_id=kenniscafe.pk,
        gegevens=services.AanmeldGegevens(
            **gegevens(naam=f"Fictief {n}", email=f"persoon{n}@fictief.example")
        ),
    )


# --- registration mail ---------------------------------------------------------------------


def test_lost_confirmation_message_is_queued_by_the_sweeper(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with berichten_verloren() as delay, django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = _registreer(kenniscafe, 1)
    assert delay.called  # it was sent to Celery, and lost
    assert mailoutbox == []
    # Within the window the message may still be waiting in the queue: left alone.
    assert _sweep(django_capture_on_commit_callbacks) == 0
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 1
    assert [m.to[0] for m in mailoutbox] == [aanmelding.email]
    assert mailoutbox[0].subject.startswith("Je bent aangemeld")
    assert Opdracht.objects.get().klaar_op is not None
    assert _sweep(django_capture_on_commit_callbacks) == 0


def test_confirmation_whose_message_was_never_sent_is_queued_by_the_next_sweep(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    # Committed, but the process died before its after-commit hook reached the broker.
    aanmelding, _ = _registreer(kenniscafe, 1)
    assert mailoutbox == []
    assert _sweep(django_capture_on_commit_callbacks) == 1
    assert Bericht.objects.filter(sleutel=f"kenniscafes:bevestiging:{aanmelding.pk}").exists()
    assert [m.to[0] for m in mailoutbox] == [aanmelding.email]


def test_lost_promotion_and_cancellation_mails_are_queued_by_the_sweeper(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(vorm="fysiek", plaatsen_locatie=1)
    with django_capture_on_commit_callbacks(execute=True):
        eerste, _ = _registreer(kenniscafe, 1)
        wachtende, status = _registreer(kenniscafe, 2)
    assert status == "wachtlijst"
    mailoutbox.clear()
    with berichten_verloren(), django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_cancel(aanmelding_id=eerste.pk)
    assert mailoutbox == []
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([eerste.email, wachtende.email])


# --- café changed or cancelled -------------------------------------------------------------


def test_lost_cancellation_of_a_cafe_still_reaches_every_registrant(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        aanmeldingen = [_registreer(kenniscafe, n)[0] for n in range(3)]
    mailoutbox.clear()
    with berichten_verloren(), django_capture_on_commit_callbacks(execute=True):
        services.kenniscafe_cancel(kenniscafe_id=kenniscafe.pk)
    assert mailoutbox == []
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(a.email for a in aanmeldingen)
    assert all(m.subject.startswith("Geannuleerd") for m in mailoutbox)


def test_lost_change_of_a_cafe_still_sends_the_updated_invite(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.kenniscafes.test_services import kenniscafe_save_uit, verplaats_formulieren

    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = _registreer(kenniscafe, 1)
    mailoutbox.clear()
    form, formset = verplaats_formulieren(kenniscafe)
    with berichten_verloren(), django_capture_on_commit_callbacks(execute=True):
        kenniscafe_save_uit(form, formset)
    assert mailoutbox == []
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 1
    assert [m.to[0] for m in mailoutbox] == [aanmelding.email]
    assert mailoutbox[0].subject.startswith("Gewijzigd")


# --- invitation rounds ---------------------------------------------------------------------


def _ronde(kenniscafe, werkteam):
    return services.uitnodigingsronde_create(
        kenniscafe=kenniscafe,
        werkteams=[werkteam],
        eerdere_bezoekers=False,
        abonnees=False,
        door=None,
    )


def _team_met_leden(n):
    werkteam = WerkteamFactory()
    for i in range(n):
        LidmaatschapFactory(werkteam=werkteam, persoon__email=f"lid{i}@fictief.example")
    return werkteam


def test_invitation_round_whose_message_was_lost_does_not_stay_waiting(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    werkteam = _team_met_leden(3)
    with berichten_verloren(), django_capture_on_commit_callbacks(execute=True):
        ronde = _ronde(kenniscafe, werkteam)
    ronde.refresh_from_db()
    assert ronde.status == UitnodigingsRonde.Status.WACHTEND
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 1
    ronde.refresh_from_db()
    assert (ronde.status, ronde.totaal, ronde.nieuw) == ("klaar", 3, 3)
    assert len(mailoutbox) == 3


def test_round_that_crashed_halfway_is_run_again_and_invites_each_address_once(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    werkteam = _team_met_leden(4)
    with berichten_verloren(), django_capture_on_commit_callbacks(execute=True):
        ronde = _ronde(kenniscafe, werkteam)
        # The worker got through one address, then it was killed.
        UitnodigingsRonde.objects.filter(pk=ronde.pk).update(status="bezig", totaal=4)
        services._uitnodiging_send(ronde, "lid0@fictief.example")
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 1
    ronde.refresh_from_db()
    assert (ronde.status, ronde.verwerkt) == ("klaar", 4)
    ontvangers = sorted(m.to[0] for m in mailoutbox)
    assert ontvangers == [f"lid{i}@fictief.example" for i in range(4)]
    assert Uitnodiging.objects.filter(kenniscafe=kenniscafe).count() == 4


def test_an_address_invited_before_in_other_letter_case_is_skipped_not_an_error(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    werkteam = _team_met_leden(1)
    Uitnodiging.objects.create(kenniscafe=kenniscafe, email="LID0@fictief.example")
    with django_capture_on_commit_callbacks(execute=True):
        ronde = _ronde(kenniscafe, werkteam)
    ronde.refresh_from_db()
    assert (ronde.status, ronde.nieuw) == ("klaar", 0)
    assert mailoutbox == []


# --- failing jobs: retried, then shown to beheerders -------------------------------------

POGINGEN = []


def kapotte_taak(waarde):
    """A job that always fails (stands in for a template or data problem)."""
    POGINGEN.append(waarde)
    raise ValueError(f"kapot: {waarde}")


def test_failing_job_is_recorded_retried_by_the_sweeper_then_marked_failed(
    site, django_capture_on_commit_callbacks
):
    POGINGEN.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opdracht = kern_services.opdracht_queue(f"{__name__}.kapotte_taak", 7)
    opdracht.refresh_from_db()
    # Recorded, not raised into the request that queued it (a worker retries it itself).
    assert opdracht.pogingen == len(POGINGEN) == 1
    assert "kapot: 7" in opdracht.laatste_fout
    assert opdracht.klaar_op is None and opdracht.mislukt_op is None
    while opdracht.mislukt_op is None:
        _verstreken()
        assert _sweep(django_capture_on_commit_callbacks) == 1
        opdracht.refresh_from_db()
    assert opdracht.pogingen == kern_services.OPDRACHT_MAX_POGINGEN
    _verstreken()
    assert _sweep(django_capture_on_commit_callbacks) == 0


def test_beheerder_sees_a_failed_job_and_runs_it_again(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.factories import BeheerderFactory

    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding, _ = _registreer(kenniscafe, 1)
    Bericht.objects.all().delete()
    mailoutbox.clear()
    opdracht = Opdracht.objects.get()
    Opdracht.objects.filter(pk=opdracht.pk).update(
        klaar_op=None, mislukt_op=timezone.now(), laatste_fout="TemplateSyntaxError"
    )
    client.force_login(BeheerderFactory())
    html = client.get("/beheer-berichten/").content.decode()
    assert "kenniscafes.tasks.aanmelding_mail_task" in html
    assert "TemplateSyntaxError" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opdracht_retry", args=[opdracht.pk]))
    opdracht.refresh_from_db()
    assert opdracht.klaar_op is not None and opdracht.mislukt_op is None
    assert [m.to[0] for m in mailoutbox] == [aanmelding.email]


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "taak",
    [
        kern_tasks.bericht_send_task,
        kern_tasks.opdracht_run_task,
        kenniscafes_tasks.aanmelding_mail_task,
        kenniscafes_tasks.kenniscafe_wijziging_task,
        kenniscafes_tasks.kenniscafe_annulering_task,
        kenniscafes_tasks.uitnodigingsronde_run_task,
        kenniscafes_tasks.herinneringen_sweep_task,
        werkteams_tasks.herinneringen_sweep_task,
    ],
    ids=lambda t: t.name,
)
def test_every_task_that_queues_mail_retries_with_backoff_and_is_acknowledged_late(taak):
    assert taak.autoretry_for == (Exception,)
    assert taak.retry_backoff is True
    assert taak.max_retries == kern_tasks.OPNIEUW["max_retries"]
    assert taak.acks_late is True


def test_beat_runs_the_job_and_outbox_sweepers_every_minute():
    schema = {v["task"]: v["schedule"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schema["kern.opdrachten_sweep_task"] == 60.0
    assert schema["kern.berichten_sweep_task"] == 60.0


def test_done_jobs_are_removed_after_a_week_failed_ones_stay(site):
    oud = timezone.now() - kern_services.OPDRACHT_BEWAREN - datetime.timedelta(hours=1)
    klaar = Opdracht.objects.create(taak="x", klaar_op=oud, ingepland_op=oud)
    recent = Opdracht.objects.create(taak="x", klaar_op=timezone.now(), ingepland_op=oud)
    mislukt = Opdracht.objects.create(taak="x", mislukt_op=oud, ingepland_op=oud)
    kern_services.opdrachten_sweep()
    assert set(Opdracht.objects.values_list("pk", flat=True)) == {recent.pk, mislukt.pk}
    assert not Opdracht.objects.filter(pk=klaar.pk).exists()
