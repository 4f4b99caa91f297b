"""The outbox through a real Celery worker over Redis to a real SMTP server."""

import pytest

from tests.integration.conftest import wait_for
from werkplaats.kern import services
from werkplaats.kern.models import Bericht

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _queue(sleutel):
    return services.bericht_queue(
        sleutel=sleutel,
        aan="deelnemer@voorbeeld.example",
        template_prefix="emails/test",
        context={"naam": "Fictieve Deelnemer"},
    )


def test_worker_delivers_each_message_once_at_the_smtp_sink(celery_worker_process, smtp_sink):
    for n in range(5):
        _queue(f"integratie:{n}")
    _queue("integratie:0")  # same key again: no second message
    assert wait_for(lambda: len(smtp_sink.messages) >= 5), smtp_sink.keys()
    assert wait_for(lambda: Bericht.objects.filter(status=Bericht.Status.VERZONDEN).count() == 5)
    assert sorted(smtp_sink.keys()) == [f"integratie:{n}" for n in range(5)]
    assert smtp_sink.messages[0]["Subject"] == "Testbericht voor Fictieve Deelnemer"


def test_sweeper_task_on_the_worker_sends_due_messages(celery_worker_process, smtp_sink):
    Bericht.objects.create(sleutel="sweep:1", aan="a@voorbeeld.example", onderwerp="Een", tekst="x")
    Bericht.objects.create(
        sleutel="sweep:2", aan="b@voorbeeld.example", onderwerp="Twee", tekst="x"
    )
    from werkplaats.kern.tasks import berichten_sweep_task

    berichten_sweep_task.delay()
    assert wait_for(lambda: len(smtp_sink.messages) == 2), smtp_sink.keys()
    assert sorted(smtp_sink.keys()) == ["sweep:1", "sweep:2"]
