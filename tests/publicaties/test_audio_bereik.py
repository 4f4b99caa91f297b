"""Podcast audio is streamed from disk in blocks: a seek in a 150 MB episode costs no 150 MB."""

import hashlib
import tracemalloc

import pytest
from django.urls import reverse

from publicaties.models import Publicatie
from tests.publicaties.factories import PublicatieFactory

pytestmark = pytest.mark.django_db

GROOTTE = 20 * 1024 * 1024


@pytest.fixture
def aflevering(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pad = tmp_path / "publicaties" / "audio" / "groot.mp3"
    pad.parent.mkdir(parents=True)
    with open(pad, "wb") as f:
        f.write(b"ID3")
        for i in range(GROOTTE // 4096):
            f.write(bytes([i % 251]) * 4096)
        f.truncate(GROOTTE)
    publicatie = PublicatieFactory(titel="Lange aflevering", type=Publicatie.Type.PODCASTAFLEVERING)
    publicatie.audio.name = "publicaties/audio/groot.mp3"
    publicatie.audio_mimetype = "audio/mpeg"
    publicatie.save()
    publicatie.pad = pad
    return publicatie


def _url(publicatie):
    return reverse("publicaties:audio", kwargs={"slug": publicatie.slug})


def _verwacht(pad, begin, eind) -> str:
    with open(pad, "rb") as f:
        f.seek(begin)
        return hashlib.sha256(f.read(eind - begin + 1)).hexdigest()


def _lees(response) -> tuple[str, int]:
    """Hash and length of a streamed body, read the way a server would, block by block."""
    teller, lengte = hashlib.sha256(), 0
    for blok in response.streaming_content:
        teller.update(blok)
        lengte += len(blok)
    return teller.hexdigest(), lengte


def test_a_range_of_a_large_file_streams_without_reading_it_whole(client, aflevering):
    begin, eind = 1_000_000, 19_000_000
    verwacht = _verwacht(aflevering.pad, begin, eind)
    # A first request outside the measurement: imports and caches are not the response.
    _lees(client.get(_url(aflevering), headers={"Range": "bytes=0-9"}))
    tracemalloc.start()
    try:
        response = client.get(_url(aflevering), headers={"Range": f"bytes={begin}-{eind}"})
        assert response.status_code == 206 and response.streaming
        inhoud, lengte = _lees(response)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert inhoud == verwacht and lengte == eind - begin + 1
    assert response["Content-Range"] == f"bytes {begin}-{eind}/{GROOTTE}"
    assert response["Content-Length"] == str(eind - begin + 1)
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "audio/mpeg"
    # 18 MB were sent; the process never held more than a few blocks of them at once.
    assert piek < 2 * 1024 * 1024, piek


def test_open_ended_and_suffix_ranges(client, aflevering):
    staart = client.get(_url(aflevering), headers={"Range": "bytes=-100"})
    assert staart.status_code == 206 and staart.streaming
    assert _lees(staart) == (_verwacht(aflevering.pad, GROOTTE - 100, GROOTTE - 1), 100)
    rest = client.get(_url(aflevering), headers={"Range": f"bytes={GROOTTE - 10}-"})
    assert rest["Content-Range"] == f"bytes {GROOTTE - 10}-{GROOTTE - 1}/{GROOTTE}"
    assert _lees(rest)[1] == 10


@pytest.mark.parametrize("bereik", [f"bytes={GROOTTE}-", "bytes=500-100", "bytes=-0"])
def test_unsatisfiable_ranges_are_416_with_the_size(client, aflevering, bereik):
    response = client.get(_url(aflevering), headers={"Range": bereik})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{GROOTTE}"


def test_without_range_the_whole_file_streams(client, aflevering):
    response = client.get(_url(aflevering))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Length"] == str(GROOTTE) and response["Accept-Ranges"] == "bytes"
    assert _lees(response) == (_verwacht(aflevering.pad, 0, GROOTTE - 1), GROOTTE)


def test_head_answers_like_get_without_a_body(client, aflevering):
    response = client.head(_url(aflevering))
    assert response.status_code == 200
    assert response["Content-Length"] == str(GROOTTE) and response["Accept-Ranges"] == "bytes"
