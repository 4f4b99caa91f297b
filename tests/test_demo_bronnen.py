"""The demo texts are our own words: no sentence of the source documents appears in them.

The source documents are not part of the repository. tests/conftest.py collects this module
only when they are found (WERKPLAATS_BRONNEN, or shared/seeds next to the checkout).
"""

import json
import re

import pytest

from publicaties.demo import TEKSTEN_BESTAND
from tests.conftest import BRONNEN
from werkplaats.demo import DEMO_WERKPLAATSEN, MAP

if not (BRONNEN and BRONNEN.is_dir()):  # only when the module is named on the command line
    pytest.skip("the source documents are not on this machine", allow_module_level=True)

# A run of this many words shared with a source is a copied phrase, not a shared name.
RUN = 8


def _woorden(tekst: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", tekst.lower()).split()


def _teksten_in(waarde) -> list[str]:
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, dict):
        waarde = [*waarde.keys(), *waarde.values()]
    if isinstance(waarde, list):
        return [t for w in waarde for t in _teksten_in(w)]
    return []


def _demo_tekst() -> str:
    regels = TEKSTEN_BESTAND.read_text(encoding="utf-8").splitlines()
    teksten = [r for r in regels if not r.startswith(("#", "==="))]
    # The made-up werkplaatsen keep every text in their demo file (site texts, teams,
    # cafés, publications): all of it is ours.
    for demo in DEMO_WERKPLAATSEN:
        if demo.slug != "zhz":
            data = json.loads((MAP / demo.bestand).read_text(encoding="utf-8"))
            data.pop("_about")
            teksten.extend(_teksten_in(data))
    return "\n".join(teksten)


def _bronnen() -> str:
    teksten = [p.read_text(encoding="utf-8", errors="replace") for p in BRONNEN.glob("*.txt")]
    assert teksten, BRONNEN
    return " " + " ".join(_woorden(" ".join(teksten))) + " "


def test_no_sentence_of_the_sources_appears_in_the_demo_texts():
    bronnen = _bronnen()
    zinnen = re.split(r"(?<=[.?!:;])\s+", _demo_tekst())
    gekopieerd = [
        z for z in zinnen if len(_woorden(z)) >= 5 and f" {' '.join(_woorden(z))} " in bronnen
    ]
    assert gekopieerd == []


def test_no_run_of_eight_words_is_shared_with_the_sources():
    bronnen = _bronnen()
    woorden = _woorden(_demo_tekst())
    runs = {" ".join(woorden[i : i + RUN]) for i in range(len(woorden) - RUN + 1)}
    assert sorted(r for r in runs if f" {r} " in bronnen) == []
