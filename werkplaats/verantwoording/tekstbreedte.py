"""How wide a chart label is drawn, estimated without the font file.

The advance widths of DejaVu Sans (the PDF's font, and the first choice on screen), in
em and rounded up to 0.05 em; a character not listed counts as 1 em, the widest there is.
"""

import math

_BREEDTES = {
    0.3: "ijlIJ'ÌÍÎÏìíîï",
    0.35: ",./:;\\| ‘’·",
    0.4: "ft()-[]",
    0.45: "r!",
    0.5: '"*_`–',
    0.55: "csz?ç“”",
    0.6: "kvxyFLýÿ•",
    0.65: "0123456789abdeghnopquEPSTY${}ÈÉÊËÝÞßàáâãäåèéêëðñòóôõöøùúûüþ€",
    0.7: "ABCKRVXZÀÁÂÃÄÅÇ",
    0.75: "NUÑÙÚÛÜ",
    0.8: "DGHOQ&ÐÒÓÔÕÖØ",
    0.85: "w#+<=>^~×÷",
    0.9: "M",
}
EM = {teken: breedte for breedte, tekens in _BREEDTES.items() for teken in tekens}
# Room for a fallback font a little wider than DejaVu Sans (Verdana) and for rounding.
MARGE = 1.1


def tekst_breedte(tekst: str, lettergrootte: int = 13) -> int:
    """A conservative width in pixels of `tekst` at `lettergrootte` pixels."""
    return math.ceil(sum(EM.get(teken, 1.0) for teken in tekst) * lettergrootte * MARGE)
