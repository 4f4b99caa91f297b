"""Erasure on the ground floor: outbox rows, the retention registry, tokens in access logs."""

import datetime
import logging
import runpy
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.functional import empty

from tests.factories import SiteInstellingenFactory
from werkplaats.kern import services
from werkplaats.kern.logboek import PersoonlijkeTokensFilter, token_redact
from werkplaats.kern.models import Bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return SiteInstellingenFactory()


ADRES = "Erased.Person@fictief.example"
TOKEN = "WzEyLCJhYmNkZWYwMTIzIl0:1tXyZa:Q2hlY2tzdW1IZXJlQW5kVGhlcmU"


def _bericht(sleutel, status=Bericht.Status.WACHTEND, aan=ADRES, **extra):
    return Bericht.objects.create(
        sleutel=sleutel,
        aan=aan,
        onderwerp=f"Hallo {aan}",
        tekst=f"Beste {aan}",
        html=f"<p>Beste {aan}</p>",
        bijlagen=[{"naam": "a.ics", "inhoud": f"mailto:{aan}", "mimetype": "text/calendar"}],
        headers={"List-Unsubscribe": f"<https://x.example/{aan}>"},
        status=status,
        laatste_fout=f"550 {aan} unknown",
        **extra,
    )


def _persoonlijk(bericht: Bericht) -> list[str]:
    bericht.refresh_from_db()
    tekst = " ".join(
        [
            bericht.aan,
            bericht.onderwerp,
            bericht.tekst,
            bericht.html,
            str(bericht.bijlagen),
            str(bericht.headers),
            bericht.laatste_fout,
        ]
    )
    return [w for w in ("erased.person", "fictief.example") if w in tekst.lower()]


def test_erase_blanks_every_personal_field_and_cancels_queued_mail(mailoutbox):
    verzonden = _bericht("a:1", Bericht.Status.VERZONDEN)
    wachtend = _bericht("a:2", aan=ADRES.lower())
    bezig = _bericht("a:3", Bericht.Status.BEZIG, geclaimd_op=timezone.now())
    ander = _bericht("a:4", aan="blijft@fictief.example")
    assert services.berichten_erase(email=ADRES.upper()) == 3
    for bericht in (verzonden, wachtend, bezig):
        assert _persoonlijk(bericht) == []
    assert verzonden.status == Bericht.Status.VERZONDEN
    assert (wachtend.status, bezig.status) == (Bericht.Status.GEANNULEERD,) * 2
    ander.refresh_from_db()
    assert ander.aan == "blijft@fictief.example" and ander.status == Bericht.Status.WACHTEND


def test_a_cancelled_message_is_never_claimed_swept_or_sent(mailoutbox):
    wachtend = _bericht("b:1")
    services.berichten_erase(email=ADRES)
    # Even a claim that went stale long ago does not bring it back.
    Bericht.objects.filter(pk=wachtend.pk).update(
        geclaimd_op=timezone.now() - datetime.timedelta(days=1)
    )
    assert wachtend.pk not in services.berichten_due_ids()
    assert not services.bericht_claim(wachtend.pk)
    assert not services.bericht_send(wachtend.pk)
    assert mailoutbox == []
    wachtend.refresh_from_db()
    assert wachtend.status == Bericht.Status.GEANNULEERD


def test_erase_by_key_matches_the_key_and_its_extensions_only():
    for sleutel in ("c:1", "c:1:x", "c:12", "d:1"):
        _bericht(sleutel)
    services.berichten_erase(email=ADRES, sleutels=["c:1"])
    statussen = dict(Bericht.objects.values_list("sleutel", "status"))
    assert statussen == {
        "c:1": "geannuleerd",
        "c:1:x": "geannuleerd",
        "c:12": "wachtend",
        "d:1": "wachtend",
    }


def test_retention_erases_outbox_rows_older_than_the_period(site):
    oud = _bericht("e:1", Bericht.Status.VERZONDEN)
    nieuw = _bericht("e:2", Bericht.Status.VERZONDEN)
    Bericht.objects.filter(pk=oud.pk).update(
        aangemaakt=timezone.now() - datetime.timedelta(days=800)
    )
    tellingen = services.bewaartermijn_apply()
    assert tellingen["berichten"] == 1
    assert _persoonlijk(oud) == []
    assert _persoonlijk(nieuw) != []
    # The key stays, so a retried task can never send the mail again.
    assert oud.sleutel == "e:1"


def test_retention_runs_every_registered_step_with_the_same_limit(site, monkeypatch):
    gezien = []
    monkeypatch.setitem(
        services.BEWAARSTAPPEN, "test", lambda *, grens, nu: gezien.append((grens, nu)) or 7
    )
    nu = timezone.now()
    tellingen = services.bewaartermijn_apply(nu=nu)
    assert tellingen["test"] == 7
    assert gezien == [(services.bewaartermijn_grens(nu), nu)]
    assert {"kenniscafes.aanmeldingen", "verantwoording.ruwe_exports"} <= set(tellingen)


def test_retention_deletes_raw_exports_older_than_the_period_with_their_files(
    site, settings, tmp_path, django_capture_on_commit_callbacks
):
    from werkplaats.verantwoording.models import Export, ExportBestand, export_opslag

    settings.VERANTWOORDING_EXPORT_MAP = tmp_path / "exports"
    export_opslag._wrapped = empty
    bestanden = {}
    for soort, dagen in (
        (Export.Soort.RUW_AANMELDINGEN, 800),
        (Export.Soort.RUW_AANMELDINGEN, 10),
        (Export.Soort.XLSX, 800),
    ):
        export = Export.objects.create(
            soort=soort, periode_soort="kalenderjaar", periode_sleutel=2021, periode_label="2021"
        )
        Export.objects.filter(pk=export.pk).update(
            aangemaakt=timezone.now() - datetime.timedelta(days=dagen)
        )
        bestand = ExportBestand.objects.create(
            export=export,
            naam="lijst.xlsx",
            titel="Lijst",
            mimetype="application/octet-stream",
            bestand=ContentFile(ADRES.encode(), name="lijst.xlsx"),
        )
        bestanden[(soort, dagen)] = Path(bestand.bestand.path)
    assert all(p.exists() for p in bestanden.values())
    from werkplaats.kern.tasks import bewaartermijn_apply_task

    with django_capture_on_commit_callbacks(execute=True):
        resultaat = bewaartermijn_apply_task.delay().get()
    assert resultaat["verantwoording.ruwe_exports"] == 1
    assert not bestanden[(Export.Soort.RUW_AANMELDINGEN, 800)].exists()
    assert bestanden[(Export.Soort.RUW_AANMELDINGEN, 10)].exists()
    assert bestanden[(Export.Soort.XLSX, 800)].exists()
    assert sorted(Export.objects.values_list("soort", flat=True)) == ["ruw-aanmeldingen", "xlsx"]
    export_opslag._wrapped = empty


# --- tokens in access logs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "pad",
    [
        f"/kenniscafes/aanmelding/{TOKEN}/",
        f"/kenniscafes/aanmelding/{TOKEN}/kenniscafe.ics",
        f"/kenniscafes/evaluatie/{TOKEN}/",
        f"/kenniscafes/afmelden/{TOKEN}/",
        f"/kenniscafes/nieuwsbrief/bevestigen/{TOKEN}/",
        f"/werkteams/afmelden/{TOKEN}/",
        f"/wachtwoord-herstellen/MQ/{TOKEN}/",
        f"/kenniscafes/aanmelding/{TOKEN}/?stap=vergeten",
    ],
)
def test_token_redact_blanks_the_token_of_every_personal_link(pad):
    regel = token_redact(f'"GET {pad} HTTP/1.1" 200 512')
    assert TOKEN not in regel and "[token]" in regel


def test_token_redact_leaves_other_paths_alone():
    regel = '"GET /kenniscafes/armoede-en-schulden/ HTTP/1.1" 200 512'
    assert token_redact(regel) == regel


def _vastleggen(logger_naam: str):
    logger = logging.getLogger(logger_naam)
    regels = []

    class Verzamelaar(logging.Handler):
        def emit(self, record):
            regels.append(record.getMessage())

    handler = Verzamelaar()
    logger.addHandler(handler)
    return logger, handler, regels


def test_runserver_access_log_has_no_usable_token():
    """django.server, configured in settings.LOGGING, logs the request line through the filter."""
    logger, handler, regels = _vastleggen("django.server")
    try:
        logger.info('"%s" %s %s', f"GET /kenniscafes/aanmelding/{TOKEN}/ HTTP/1.1", "200", "9")
    finally:
        logger.removeHandler(handler)
    assert regels and TOKEN not in regels[0]
    assert "/kenniscafes/aanmelding/[token]/" in regels[0]


def test_gunicorn_access_log_has_no_usable_token(capsys):
    """The project's gunicorn.conf.py puts the filter on gunicorn's real access logger."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    runpy.run_path(str(conf))
    runpy.run_path(str(conf))  # a config reload adds nothing twice
    toegang = logging.getLogger("gunicorn.access")
    filters = [f for f in toegang.filters if isinstance(f, PersoonlijkeTokensFilter)]
    assert len(filters) == 1
    cfg = Config()
    cfg.set("accesslog", "-")
    gunicorn_log = Logger(cfg)

    class Antwoord:
        status = "200 OK"
        sent = 512
        headers = ()

    class Verzoek:
        headers = [("REFERER", f"https://site.example/kenniscafes/evaluatie/{TOKEN}/")]

    omgeving = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/kenniscafes/afmelden/{TOKEN}/",
        "PATH_INFO": f"/kenniscafes/afmelden/{TOKEN}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://site.example/kenniscafes/evaluatie/{TOKEN}/",
    }
    gunicorn_log.access(Antwoord(), Verzoek(), omgeving, datetime.timedelta(seconds=0.01))
    uitvoer = capsys.readouterr().out
    assert "/kenniscafes/afmelden/[token]/" in uitvoer
    assert "/kenniscafes/evaluatie/[token]/" in uitvoer
    assert TOKEN not in uitvoer


def test_a_not_found_personal_link_is_logged_without_its_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/kenniscafes/aanmelding/{TOKEN}/").status_code == 404
    regels = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert regels and all(TOKEN not in r for r in regels)
    assert "/kenniscafes/aanmelding/[token]/" in regels[0]
