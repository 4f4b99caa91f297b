"""Stored jobs through a real Celery worker over Redis to a real SMTP sink."""

import pytest

from kenniscafes import services as kenniscafes_services
from tests.factories import SiteInstellingenFactory
from tests.integration.conftest import wait_for
from tests.kenniscafes.factories import KenniscafeFactory, gegevens
from werkplaats.kern.models import Bericht, Opdracht
from werkplaats.kern.tasks import opdrachten_sweep_task

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_registration_reaches_the_sink_through_its_stored_job(celery_worker_process, smtp_sink):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory()
    aanmelding, _ = kenniscafes_services.aanmelding_create(
        kenniscafe_id=kenniscafe.pk, gegevens=kenniscafes_services.AanmeldGegevens(**gegevens())
    )
    assert wait_for(lambda: smtp_sink.keys() == [f"kenniscafes:bevestiging:{aanmelding.pk}"]), (
        smtp_sink.keys()
    )
    assert wait_for(lambda: Opdracht.objects.filter(klaar_op__isnull=False).count() == 1)


def test_the_sweeper_on_the_worker_runs_a_job_whose_message_was_lost(
    celery_worker_process, smtp_sink
):
    SiteInstellingenFactory()
    kenniscafe = KenniscafeFactory()
    aanmelding, _ = kenniscafes_services.aanmelding_create(
        kenniscafe_id=kenniscafe.pk, gegevens=kenniscafes_services.AanmeldGegevens(**gegevens())
    )
    assert wait_for(lambda: Bericht.objects.filter(status="verzonden").count() == 1)
    # Lost: a job stored with its change whose Celery message never reached the worker.
    opdracht = Opdracht.objects.create(
        taak="kenniscafes.tasks.aanmelding_mail_task", argumenten=[aanmelding.pk, "afmelding", ""]
    )
    opdrachten_sweep_task.delay()
    sleutel = f"kenniscafes:afmelding:{aanmelding.pk}"
    ontvangen = smtp_sink.keys  # a list of X-Werkplaats-Sleutel values, not a dict
    assert wait_for(lambda: sleutel in ontvangen()), ontvangen()
    assert wait_for(lambda: Opdracht.objects.get(pk=opdracht.pk).klaar_op is not None)
