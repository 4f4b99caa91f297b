"""The outbox: one row per message, claimed before sending, sent at most once, retried."""

import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.gelijktijdig import parallel
from werkplaats.kern import services
from werkplaats.kern.models import Bericht

pytestmark = pytest.mark.django_db


def _queue(sleutel="test:1", aan="iemand@voorbeeld.example"):
    return services.bericht_queue(
        sleutel=sleutel,
        aan=aan,
        template_prefix="emails/test",
        context={"naam": "Fictieve Deelnemer"},
        bijlagen=[
            {
                "naam": "uitnodiging.ics",
                "inhoud": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                "mimetype": "text/calendar; method=REQUEST",
            }
        ],
    )


def test_queue_sends_after_commit_with_text_html_and_attachment(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _queue()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["iemand@voorbeeld.example"]
    assert mail.subject == "Testbericht voor Fictieve Deelnemer"
    assert "Fictieve Deelnemer" in mail.body
    assert mail.alternatives[0][1] == "text/html"
    assert mail.attachments[0][0] == "uitnodiging.ics"
    assert mail.extra_headers[services.SLEUTEL_HEADER] == "test:1"
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERZONDEN
    assert bericht.pogingen == 1


def test_same_key_twice_sends_once(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        eerste = _queue()
        tweede = _queue()
    assert eerste.pk == tweede.pk
    assert len(mailoutbox) == 1


def test_sending_a_sent_message_again_does_nothing(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _queue()
    assert services.bericht_send(bericht.pk) is False
    assert len(mailoutbox) == 1


def test_smtp_failure_schedules_retry_with_backoff(mailoutbox, monkeypatch):
    bericht = _queue()

    def kapot(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("verbinding verbroken")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", kapot)
    assert services.bericht_send(bericht.pk) is False
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.WACHTEND
    assert bericht.volgende_poging > timezone.now() + timedelta(seconds=20)
    assert "verbinding verbroken" in bericht.laatste_fout
    # Not due yet: the sweeper leaves it alone.
    assert services.berichten_due_ids() == []


def test_after_max_attempts_the_message_is_marked_failed(monkeypatch):
    bericht = _queue()
    Bericht.objects.filter(pk=bericht.pk).update(pogingen=services.MAX_POGINGEN - 1)
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(smtplib.SMTPException("nee")),
    )
    services.bericht_send(bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT


def test_sweeper_picks_due_and_stale_claims_only(mailoutbox):
    due = _queue("test:due")
    later = _queue("test:later")
    stale = _queue("test:stale")
    Bericht.objects.filter(pk=later.pk).update(volgende_poging=timezone.now() + timedelta(hours=1))
    Bericht.objects.filter(pk=stale.pk).update(
        status=Bericht.Status.BEZIG, geclaimd_op=timezone.now() - timedelta(hours=1)
    )
    assert sorted(services.berichten_due_ids()) == sorted([due.pk, stale.pk])
    assert services.berichten_sweep() == 2
    assert sorted(m.extra_headers[services.SLEUTEL_HEADER] for m in mailoutbox) == [
        "test:due",
        "test:stale",
    ]


@pytest.mark.django_db(transaction=True)
def test_parallel_claims_let_exactly_one_sender_win():
    bericht = Bericht.objects.create(
        sleutel="test:race", aan="a@voorbeeld.example", onderwerp="x", tekst="x"
    )
    results = parallel([lambda: services.bericht_claim(bericht.pk)] * 8)
    assert results.count(True) == 1
