"""Cover art for the podcast feed, drawn from the Werkplaats's name.

Podcast apps show a square image next to the show and Apple Podcasts refuses a feed without
one of at least 1400 × 1400 pixels (JPEG or PNG). The image is drawn with Pillow in the
site's colours and cached; it changes when the Werkplaats is renamed.
"""

import hashlib
import io
import textwrap

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

ZIJDE = 1400
MARGE = 110
ACHTERGROND = "#0b4f6c"  # --kleur-primair
ACCENT = "#ffbf47"  # --kleur-focus
WIT = "#ffffff"
CACHE_SECONDS = 7 * 24 * 3600


def _regels(tekst: str, font, breedte: int, draw: ImageDraw.ImageDraw) -> list[str]:
    """Wrap `tekst` so each line fits `breedte` pixels (long words are left whole)."""
    for tekens in range(28, 4, -1):
        regels = textwrap.wrap(tekst, tekens, break_long_words=False) or [""]
        if all(draw.textlength(r, font=font) <= breedte for r in regels):
            return regels
    return textwrap.wrap(tekst, 5, break_long_words=True)


def _tekenen(naam: str, onderschrift: str) -> bytes:
    beeld = Image.new("RGB", (ZIJDE, ZIJDE), ACHTERGROND)
    draw = ImageDraw.Draw(beeld)
    breedte = ZIJDE - 2 * MARGE
    # The largest size at which the name fits in at most four lines.
    for grootte in range(150, 50, -10):
        font = ImageFont.load_default(size=grootte)
        regels = _regels(naam, font, breedte, draw)
        if len(regels) <= 4:
            break
    y = MARGE
    draw.rectangle([MARGE, y, MARGE + 220, y + 24], fill=ACCENT)
    y += 120
    for regel in regels:
        draw.text((MARGE, y), regel, font=font, fill=WIT)
        y += int(grootte * 1.2)
    klein = ImageFont.load_default(size=90)
    draw.text((MARGE, ZIJDE - MARGE - 110), onderschrift, font=klein, fill=ACCENT)
    uit = io.BytesIO()
    beeld.save(uit, format="PNG", optimize=True)
    return uit.getvalue()


def podcast_omslag_png(naam: str, onderschrift: str) -> bytes:
    """The PNG cover for this name and caption (cached per name and caption)."""
    sleutel = hashlib.sha256(f"{naam}\n{onderschrift}".encode()).hexdigest()[:24]
    return cache.get_or_set(
        f"publicaties:podcast-omslag:{sleutel}",
        lambda: _tekenen(naam, onderschrift),
        CACHE_SECONDS,
    )
