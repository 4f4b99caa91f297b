"""A real Celery worker (no werkplaats active in it) mails in the name of the record's werkplaats."""

from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest

from kenniscafes import services as kenniscafes_services
from tests.factories import WerkplaatsFactory
from tests.integration.conftest import wait_for
from tests.kenniscafes.factories import KenniscafeFactory, gegevens
from werkplaats.kern.huidig import in_werkplaats

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _tekst(bericht) -> str:
    for deel in bericht.walk():
        if deel.get_content_type() == "text/plain":
            return deel.get_payload(decode=True).decode(deel.get_content_charset() or "utf-8")
    return ""


def test_the_worker_sends_a_registration_mail_from_the_cafes_own_werkplaats(
    celery_worker_process, smtp_sink
):
    oost = WerkplaatsFactory(
        naam="Werkplaats Sociaal Domein Oost", slug="oost", contact_email="info@oost.example"
    )
    with in_werkplaats(oost):
        kenniscafe = KenniscafeFactory(slug="wijkcafe")
        aanmelding, _ = kenniscafes_services.aanmelding_create(
            kenniscafe_id=kenniscafe.pk,
            gegevens=kenniscafes_services.AanmeldGegevens(**gegevens()),
        )
    sleutel = f"kenniscafes:bevestiging:{aanmelding.pk}"
    assert wait_for(lambda: smtp_sink.keys() == [sleutel]), smtp_sink.keys()
    [bericht] = smtp_sink.messages
    naam, _adres = parseaddr(str(make_header(decode_header(bericht["From"]))))
    assert naam == "Werkplaats Sociaal Domein Oost"
    assert parseaddr(bericht["Reply-To"])[1] == "info@oost.example"
    tekst = _tekst(bericht)
    assert "http://oost.testserver:8000/kenniscafes/wijkcafe/" in tekst
    assert "http://oost.testserver:8000/kenniscafes/aanmelding/" in tekst
