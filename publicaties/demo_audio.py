"""Audio for the demo podcast: a short spoken Dutch intro per episode, made at load time.

espeak-ng speaks the text (voice `nl`) and sox converts it to a format browsers and podcast
apps play: MP3 when this sox can write it (Debian's libsox-fmt-mp3), otherwise Ogg Vorbis.
Without espeak-ng or sox (a machine where nobody installed them) a short tone made with
Python's `wave` module stands in, so loading the demo never fails for want of a program.
The storage name holds a fingerprint of the text and the kind of clip: loading twice
finds the file already there and makes nothing new.
"""

import hashlib
import math
import shutil
import struct
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

MAP = "publicaties/audio"
VERSIE = "1"  # raise when the way clips are made changes, so old demo clips are replaced
TOON_SECONDEN = 3
TOON_HZ = 440
SAMPLE_RATE = 22050


@dataclass
class Clip:
    """A made clip: its bytes, extension, MIME type and duration in whole seconds."""

    inhoud: bytes
    extensie: str
    mimetype: str
    duur: int
    naam: str = ""


@cache
def _sox_formaten() -> frozenset[str]:
    """The file formats this sox writes (the list `sox -h` prints)."""
    try:
        uitvoer = subprocess.run(
            ["sox", "-h"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    for regel in uitvoer.splitlines():
        if regel.startswith("AUDIO FILE FORMATS:"):
            return frozenset(regel.split(":", 1)[1].split())
    return frozenset()


def spraak_beschikbaar() -> bool:
    """Whether espeak-ng and sox are installed (then clips are spoken, not a tone)."""
    return bool(shutil.which("espeak-ng") and shutil.which("sox") and _sox_formaten())


def _doelformaat() -> tuple[str, str]:
    if "mp3" in _sox_formaten():
        return ".mp3", "audio/mpeg"
    return ".ogg", "audio/ogg"


def _wav_duur(pad: Path) -> int:
    with wave.open(str(pad), "rb") as w:
        return max(1, round(w.getnframes() / w.getframerate()))


def _gesproken(tekst: str) -> Clip:
    extensie, mimetype = _doelformaat()
    with tempfile.TemporaryDirectory() as map_:
        wav, uit = Path(map_) / "spraak.wav", Path(map_) / f"clip{extensie}"
        # The text goes in on stdin, never on the command line: no quoting to get wrong.
        subprocess.run(
            ["espeak-ng", "-v", "nl", "-s", "150", "-w", str(wav), "--stdin"],
            input=tekst.encode("utf-8"),
            capture_output=True,
            timeout=60,
            check=True,
        )
        subprocess.run(
            ["sox", str(wav), "-r", "44100", "-c", "1", str(uit)],
            capture_output=True,
            timeout=60,
            check=True,
        )
        return Clip(uit.read_bytes(), extensie, mimetype, _wav_duur(wav))


def toon_maken(seconden: int = TOON_SECONDEN) -> Clip:
    """A soft sine tone as WAV, made with the standard library only."""
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "toon.wav"
        with wave.open(str(pad), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SAMPLE_RATE)
            frames = bytearray()
            for i in range(seconden * SAMPLE_RATE):
                frames += struct.pack(
                    "<h", int(8000 * math.sin(2 * math.pi * TOON_HZ * i / SAMPLE_RATE))
                )
            w.writeframes(bytes(frames))
        return Clip(pad.read_bytes(), ".wav", "audio/wav", seconden)


def clip_maken(tekst: str) -> Clip:
    """The text spoken in Dutch, or a tone when espeak-ng/sox are missing or fail."""
    if spraak_beschikbaar():
        try:
            return _gesproken(tekst)
        except (OSError, subprocess.SubprocessError, wave.Error):
            pass
    return toon_maken()


def clip_naam(slug: str, tekst: str) -> str:
    """The storage name of an episode's clip: same text and kind of clip, same name."""
    soort = _doelformaat()[0] if spraak_beschikbaar() else ".wav"
    vingerafdruk = hashlib.sha256(f"{VERSIE}\n{soort}\n{tekst}".encode()).hexdigest()[:16]
    return f"{MAP}/demo-{slug[:60]}-{vingerafdruk}{soort}"


def clip_opslaan(naam: str, tekst: str) -> Clip:
    """Make the clip and store it under `naam` (replacing a file of that name)."""
    clip = clip_maken(tekst)
    if Path(naam).suffix != clip.extensie:  # speech failed after all: store the tone as such
        naam = f"{naam.rsplit('.', 1)[0]}{clip.extensie}"
    if default_storage.exists(naam):
        default_storage.delete(naam)
    opgeslagen = default_storage.save(naam, ContentFile(clip.inhoud))
    clip.naam = opgeslagen
    return clip
