"""The outbox under failure: any error in a send is retried then shown to beheerders; the
sweeper re-queues lost messages but not ones still waiting in the broker."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import BeheerderFactory, CoordinatorFactory, SiteInstellingenFactory
from werkplaats.kern import services
from werkplaats.kern.models import Bericht
from werkplaats.kern.tasks import bericht_send_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site():
    return SiteInstellingenFactory()


def _bericht(sleutel="robuust:1", **velden) -> Bericht:
    return Bericht.objects.create(
        sleutel=sleutel,
        aan="deelnemer@voorbeeld.example",
        onderwerp="Onderwerp",
        tekst="x",
        **velden,
    )


def _queue(sleutel="robuust:1"):
    return services.bericht_queue(
        sleutel=sleutel,
        aan="deelnemer@voorbeeld.example",
        template_prefix="emails/test",
        context={"naam": "Fictieve Deelnemer"},
    )


@pytest.fixture
def broker(monkeypatch):
    """Send tasks land in a list instead of running: the worker has not got to them yet."""
    wachtrij = []
    monkeypatch.setattr(bericht_send_task, "delay", lambda bericht_id: wachtrij.append(bericht_id))
    return wachtrij


# --- any exception in a send --------------------------------------------------------------


def test_a_value_error_in_a_send_is_recorded_and_retried_later(mailoutbox, monkeypatch):
    bericht = _bericht()

    def kapot(self, fail_silently=False):
        raise ValueError("onverwachte fout in de mailbibliotheek")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", kapot)
    assert services.bericht_send(bericht.pk) is False
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.WACHTEND
    assert bericht.pogingen == 1
    assert "onverwachte fout" in bericht.laatste_fout
    assert bericht.volgende_poging > timezone.now() + timedelta(seconds=20)


def test_a_header_with_a_line_break_fails_the_attempt_not_the_worker(mailoutbox):
    bericht = _bericht(headers={"List-Unsubscribe": "<https://x.example>\r\nBcc: a@b.example"})
    assert services.bericht_send(bericht.pk) is False
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.WACHTEND
    assert bericht.laatste_fout
    assert mailoutbox == []


def test_a_broken_attachment_fails_the_attempt_not_the_worker(mailoutbox):
    bericht = _bericht(bijlagen=[{"naam": "uitnodiging.ics"}])
    assert services.bericht_send(bericht.pk) is False
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.WACHTEND
    assert "inhoud" in bericht.laatste_fout


def test_backoff_grows_with_every_attempt(monkeypatch):
    bericht = _bericht()
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(RuntimeError("stuk")),
    )
    wachttijden = []
    for _ in range(3):
        Bericht.objects.filter(pk=bericht.pk).update(volgende_poging=timezone.now())
        begin = timezone.now()
        services.bericht_send(bericht.pk)
        bericht.refresh_from_db()
        wachttijden.append((bericht.volgende_poging - begin).total_seconds())
    assert wachttijden[0] < wachttijden[1] < wachttijden[2]
    assert bericht.pogingen == 3


def test_after_the_last_attempt_any_error_marks_the_message_failed(monkeypatch):
    bericht = _bericht(pogingen=services.MAX_POGINGEN - 1)
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(TypeError("kapot")),
    )
    services.bericht_send(bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert bericht.pogingen == services.MAX_POGINGEN
    assert "kapot" in bericht.laatste_fout
    # Failed rows are not picked up again by the sweeper; a beheerder decides.
    Bericht.objects.filter(pk=bericht.pk).update(volgende_poging=timezone.now())
    assert services.berichten_due_ids() == []


# --- the sweeper and messages still in the broker -----------------------------------------


def test_a_freshly_queued_message_is_not_queued_again_by_the_sweeper(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _queue()
    assert broker == [bericht.pk]
    bericht.refresh_from_db()
    assert bericht.ingepland_op is not None
    assert services.berichten_sweep() == 0
    assert broker == [bericht.pk]


def test_a_message_queued_long_ago_and_never_claimed_is_queued_again(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _queue()
    lang_geleden = timezone.now() - services.CLAIM_VERLOOPT_NA - timedelta(minutes=1)
    Bericht.objects.filter(pk=bericht.pk).update(ingepland_op=lang_geleden)
    assert services.berichten_sweep() == 1
    assert broker == [bericht.pk, bericht.pk]
    bericht.refresh_from_db()
    assert bericht.ingepland_op > lang_geleden
    # Marked queued again: the next sweep a minute later leaves it alone.
    assert services.berichten_sweep() == 0


def test_a_message_whose_enqueue_never_happened_is_queued_by_the_next_sweep(broker):
    bericht = _queue()  # committed, but the process died before the task reached the broker
    assert broker == []
    assert services.berichten_sweep() == 1
    assert broker == [bericht.pk]


def test_a_failed_attempt_is_retried_by_the_sweeper_once_its_wait_is_over(
    broker, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = _queue()
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(OSError("verbinding geweigerd")),
    )
    services.bericht_send(bericht.pk)
    assert services.berichten_sweep() == 0  # still waiting for its backoff
    Bericht.objects.filter(pk=bericht.pk).update(volgende_poging=timezone.now())
    assert services.berichten_sweep() == 1
    assert broker == [bericht.pk, bericht.pk]


# --- the page for beheerders --------------------------------------------------------------

URL = "/beheer-berichten/"


def _mislukt(n=1, **velden):
    return [
        _bericht(
            f"mislukt:{i}",
            status=Bericht.Status.MISLUKT,
            pogingen=services.MAX_POGINGEN,
            laatste_fout="550 mailbox onbekend",
            **velden,
        )
        for i in range(n)
    ]


def test_beheerder_sees_failed_mails_with_recipient_subject_attempts_and_error(client):
    [bericht] = _mislukt()
    _bericht("verzonden:1", status=Bericht.Status.VERZONDEN)
    client.force_login(BeheerderFactory())
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mislukte e-mails" in html
    assert bericht.aan in html and bericht.onderwerp in html
    assert "550 mailbox onbekend" in html
    assert f">{services.MAX_POGINGEN}<" in html
    assert "Opnieuw proberen" in html
    assert html.count('<tr id="bericht-') == 1


def test_failed_mail_page_is_refused_to_coordinators_and_asks_anonymous_to_log_in(client):
    [bericht] = _mislukt()
    response = client.get(URL)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    client.force_login(CoordinatorFactory())
    assert client.get(URL).status_code == 403
    assert client.post(reverse("bericht_retry", args=[bericht.pk])).status_code == 403
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT


def test_retry_sends_a_failed_mail_again(client, mailoutbox, django_capture_on_commit_callbacks):
    [bericht] = _mislukt()
    client.force_login(BeheerderFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bericht_retry", args=[bericht.pk]))
    assert response.status_code == 302
    assert [m.to[0] for m in mailoutbox] == [bericht.aan]
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERZONDEN
    assert bericht.pogingen == 1
    assert bericht.laatste_fout == ""


def test_retry_over_htmx_swaps_the_row(client, broker, django_capture_on_commit_callbacks):
    [bericht] = _mislukt()
    client.force_login(BeheerderFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bericht_retry", args=[bericht.pk]), headers={"HX-Request": "true"}
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="bericht-{bericht.pk}"')
    assert "<html" not in html
    assert "wordt opnieuw verstuurd" in html
    assert broker == [bericht.pk]


def test_retry_of_a_mail_that_did_not_fail_changes_nothing(client, broker):
    bericht = _bericht("verzonden:1", status=Bericht.Status.VERZONDEN, pogingen=1)
    client.force_login(BeheerderFactory())
    client.post(reverse("bericht_retry", args=[bericht.pk]))
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERZONDEN and bericht.pogingen == 1
    assert broker == []


def test_failed_mail_page_queries_stay_constant_when_failures_grow(
    client, django_assert_num_queries
):
    client.force_login(BeheerderFactory())
    _mislukt(2)
    # failed mails, failed jobs (the session and the site settings come from the cache, the
    # user as kept per content version)
    client.get(URL)
    with django_assert_num_queries(2):
        client.get(URL)
    Bericht.objects.all().delete()
    _mislukt(20)
    client.get(URL)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(2):
        response = client.get(URL)
    assert response.content.decode().count('<tr id="bericht-') == 20


# --- failed background jobs on the same page ---------------------------------------------


def _mislukte_opdracht():
    from werkplaats.kern.models import Opdracht

    return Opdracht.objects.create(
        taak="kenniscafes.tasks.aanmelding_mail_task",
        argumenten=[1, "bevestiging", ""],
        pogingen=8,
        mislukt_op=timezone.now(),
        laatste_fout="TemplateSyntaxError",
    )


def test_job_retry_is_refused_to_coordinators(client):
    opdracht = _mislukte_opdracht()
    client.force_login(CoordinatorFactory())
    assert client.post(reverse("opdracht_retry", args=[opdracht.pk])).status_code == 403
    opdracht.refresh_from_db()
    assert opdracht.mislukt_op is not None and opdracht.pogingen == 8


def test_job_retry_over_htmx_swaps_the_row(client, monkeypatch):
    from werkplaats.kern.tasks import opdracht_run_task

    wachtrij = []
    monkeypatch.setattr(opdracht_run_task, "delay", wachtrij.append)
    opdracht = _mislukte_opdracht()
    client.force_login(BeheerderFactory())
    response = client.post(
        reverse("opdracht_retry", args=[opdracht.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="opdracht-{opdracht.pk}"')
    assert "<html" not in html
    opdracht.refresh_from_db()
    assert opdracht.mislukt_op is None and opdracht.pogingen == 0


def test_job_retry_of_an_unknown_job_is_404(client):
    client.force_login(BeheerderFactory())
    assert client.post(reverse("opdracht_retry", args=[999999])).status_code == 404
