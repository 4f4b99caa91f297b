"""The demo kennisbank tells the Werkplaats's story: every publication has a summary and a
body of several paragraphs, the three words a student tries first find them (PostgreSQL
here, SQLite in its own process as under `make run`), and the podcast feed's episodes have
audio a player can seek in."""

import json
import re
import subprocess
import wave
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse

from publicaties import demo_audio
from publicaties.demo import TEKSTEN_BESTAND, demo_teksten
from publicaties.forms import zoekvraag_from_request
from publicaties.models import Publicatie
from publicaties.zoeken import publicatie_search
from tests.conftest import missing
from tests.sqlite_proces import ROOT, sqlite_script_run
from werkplaats.demo import demo_data, demo_load, demo_zhz
from werkplaats.kern.huidig import in_werkplaats

pytestmark = pytest.mark.django_db

ZOEKWOORDEN = ["schulden", "armoede", "wijkteam"]
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture
def demo(settings, tmp_path, client):
    """The demo loaded; the test acts in Werkplaats Zuid-Holland Zuid, at its host."""
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    client.defaults["HTTP_HOST"] = "zhz.localhost"
    with in_werkplaats(demo_zhz()):
        yield tmp_path


def _alineas(html: str) -> list[str]:
    return [a for a in re.findall(r"<p>(.*?)</p>", html, re.S) if a.strip()]


def test_every_demo_publication_has_a_summary_and_a_body_of_paragraphs(client, demo):
    data = demo_data()
    verwacht = len(data["publicaties"]) + len(data["podcast"]["afleveringen"])
    publicaties = list(Publicatie.objects.order_by("titel"))
    assert len(publicaties) == verwacht
    # Every title of the demo file has its own text: none falls back to an empty body.
    assert {p.titel for p in publicaties} == set(demo_teksten())
    for p in publicaties:
        assert len(p.samenvatting) >= 80, p.titel
        alineas = _alineas(p.inhoud_html)
        assert len(alineas) >= 3, p.titel
        assert all(len(a) >= 100 for a in alineas), p.titel
        assert p.inhoud_tekst  # indexed for the search
    # The page shows the body as paragraphs, after the summary.
    p = publicaties[0]
    pagina = client.get(p.get_absolute_url()).content.decode()
    inhoud = pagina.split('class="kb-inhoud"', 1)[1].split("</div>", 1)[0]
    assert _alineas(inhoud) == _alineas(p.inhoud_html)


def test_the_three_first_words_find_several_publications_on_postgresql(demo):
    for woord in ZOEKWOORDEN:
        resultaat = publicatie_search(zoekvraag_from_request(QueryDict(f"q={woord}")))
        assert resultaat.totaal >= 5, woord


def test_the_three_first_words_find_several_publications_on_sqlite(tmp_path):
    klaar = sqlite_script_run("_sqlite_demo_kennisbank.py", tmp_path, *ZOEKWOORDEN)
    gevonden = json.loads(klaar.stdout.strip().splitlines()[-1])
    for woord in ZOEKWOORDEN:
        assert gevonden[woord] >= 5, (woord, gevonden)


def test_the_podcast_feed_points_to_audio_that_plays_and_seeks(client, demo):
    rss = client.get(reverse("publicaties:podcast_feed"))
    assert rss.status_code == 200
    items = ElementTree.fromstring(rss.content).findall("./channel/item")
    assert len(items) == len(demo_data()["podcast"]["afleveringen"])
    for item in items:
        enclosure = item.find("enclosure")
        url, lengte, soort = (enclosure.get(k) for k in ("url", "length", "type"))
        publicatie = Publicatie.objects.get(slug=url.rstrip("/").split("/")[-2])
        pad = demo / publicatie.audio.name
        assert pad.is_file() and pad.stat().st_size == int(lengte) > 1000
        assert soort == publicatie.audio_mimetype
        assert soort in {"audio/mpeg", "audio/ogg", "audio/wav"}
        # The duration a podcast app shows, in h:mm:ss; a clip of a few seconds.
        uren, minuten, seconden = map(int, item.find(f"{ITUNES}duration").text.split(":"))
        assert uren == minuten == 0 and 1 <= seconden <= 30
        # Players ask for a range: 206 with that slice, the right type and the total length.
        antwoord = client.get(url, headers={"Range": "bytes=0-99"})
        assert antwoord.status_code == 206
        assert antwoord["Content-Type"] == soort
        assert antwoord["Content-Range"] == f"bytes 0-99/{lengte}"
        assert b"".join(antwoord.streaming_content) == pad.read_bytes()[:100]
        kop = pad.read_bytes()[:4]
        # Ogg, WAV, or MP3 (an ID3 tag or an MPEG-1 Layer III frame at 44.1 kHz, which every
        # podcast app plays).
        assert kop in {b"OggS", b"RIFF", b"ID3\x03", b"ID3\x04"} or kop[:2] == b"\xff\xfb", kop


def test_with_espeak_ng_and_sox_the_clip_is_spoken_dutch(demo):
    if not demo_audio.spraak_beschikbaar():
        missing("espeak-ng and sox are not installed (make test installs them as root)")
    p = Publicatie.objects.filter(type=Publicatie.Type.PODCASTAFLEVERING).first()
    assert p.audio_mimetype in {"audio/mpeg", "audio/ogg"}
    # Speech, not the fallback tone: a tone is exactly TOON_SECONDEN long and WAV.
    assert not p.audio.name.endswith(".wav")


def test_loading_twice_keeps_the_same_clips_and_leaves_no_old_files(demo):
    map_ = demo / demo_audio.MAP
    voor = {p.name: p.stat().st_mtime_ns for p in map_.iterdir()}
    namen = dict(Publicatie.objects.exclude(audio="").values_list("pk", "audio"))
    demo_load()
    assert {p.name: p.stat().st_mtime_ns for p in map_.iterdir()} == voor
    assert dict(Publicatie.objects.exclude(audio="").values_list("pk", "audio")) == namen
    assert len(voor) == len(demo_data()["podcast"]["afleveringen"])


def test_without_espeak_ng_or_sox_a_tone_stands_in_and_says_so(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(demo_audio, "spraak_beschikbaar", lambda: False)
    uit = StringIO()
    call_command("demo_laden", "--zonder-accounts", stdout=uit)
    regels = [r for r in uit.getvalue().splitlines() if "espeak-ng" in r]
    assert len(regels) == 1 and "apt-get install espeak-ng sox" in regels[0]
    with in_werkplaats(demo_zhz()):
        afleveringen = list(Publicatie.objects.filter(type=Publicatie.Type.PODCASTAFLEVERING))
    assert len(afleveringen) == len(demo_data()["podcast"]["afleveringen"])
    for p in afleveringen:
        assert p.audio_mimetype == "audio/wav" and p.audio_duur == demo_audio.TOON_SECONDEN
        with wave.open(str(tmp_path / p.audio.name)) as w:
            assert w.getnframes() == demo_audio.TOON_SECONDEN * w.getframerate()


def test_a_failing_speech_program_gives_the_tone_not_an_error(monkeypatch):
    monkeypatch.setattr(demo_audio, "spraak_beschikbaar", lambda: True)

    def kapot(*args, **kwargs):
        raise subprocess.CalledProcessError(1, args[0])

    monkeypatch.setattr(demo_audio.subprocess, "run", kapot)
    clip = demo_audio.clip_maken("Sociaal. Inspireert!")
    assert clip.extensie == ".wav" and clip.inhoud[:4] == b"RIFF"


def test_the_texts_live_in_the_repository():
    # `make run` and the tests need nothing outside the repository for the demo texts.
    assert TEKSTEN_BESTAND.is_file() and TEKSTEN_BESTAND.is_relative_to(ROOT)
