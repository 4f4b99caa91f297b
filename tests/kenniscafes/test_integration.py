"""Reminders through a real Celery worker over Redis to a real SMTP sink."""

import datetime
from email.header import decode_header, make_header

import pytest
from django.utils import timezone

from kenniscafes.models import Herinnering
from kenniscafes.tasks import herinneringen_sweep_task
from tests.integration.conftest import celery_worker_process, smtp_sink, wait_for  # noqa: F401
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_due_reminders_reach_the_smtp_sink_once_even_when_swept_twice(
    celery_worker_process,  # noqa: F811
    smtp_sink,  # noqa: F811
):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=10)
    aanmeldingen = AanmeldingFactory.create_batch(3, kenniscafe=kenniscafe, deelname="online")
    later = AanmeldingFactory(kenniscafe=kenniscafe, deelname="online")
    for aanmelding in aanmeldingen:
        Herinnering.objects.create(
            aanmelding=aanmelding, soort="herinnering", verstuur_op=timezone.now()
        )
    Herinnering.objects.create(
        aanmelding=later,
        soort="herinnering",
        verstuur_op=timezone.now() + datetime.timedelta(hours=1),
    )
    herinneringen_sweep_task.delay()
    herinneringen_sweep_task.delay()  # a duplicated beat tick
    verwacht = sorted(f"kenniscafes:herinnering:{a.pk}" for a in aanmeldingen)
    assert wait_for(lambda: len(smtp_sink.messages) >= 3), smtp_sink.keys()
    assert wait_for(
        lambda: (
            not Herinnering.objects.filter(
                verwerkt_op__isnull=True, verstuur_op__lte=timezone.now()
            ).exists()
        )
    )
    assert sorted(smtp_sink.keys()) == verwacht
    mail = smtp_sink.messages[0]
    assert str(make_header(decode_header(mail["Subject"]))).startswith("Herinnering")
    tekst = "".join(
        deel.get_payload(decode=True).decode()
        for deel in mail.walk()
        if deel.get_content_type() == "text/plain"
    )
    assert "meet.example/geheim-kenniscafe" in tekst
