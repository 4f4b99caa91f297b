"""The search hint holds on SQLite (`make run`): "phrases", -minus and OR, as on PostgreSQL."""

import json
import subprocess
import sys
import textwrap

import pytest

from publicaties.zoeken.sqlite import zoektekst_past, zoekvraag_ontleden
from tests.sqlite_proces import ROOT, sqlite_env

TEKSTEN = {
    "scoot": "met de scootmobiel naar de markt",
    "vlucht": "een vluchteling vindt werk in de wijk",
    "beide": "scootmobiel en vluchteling samen op pad",
    "schuld": "leven met schulden in de wijk",
}


def _gevonden(q: str) -> set[str]:
    groepen = zoekvraag_ontleden(q)
    return {naam for naam, tekst in TEKSTEN.items() if zoektekst_past(tekst, groepen)}


@pytest.mark.parametrize(
    ("q", "verwacht"),
    [
        ("scootmobiel", {"scoot", "beide"}),
        ("scootmobiel OR vluchteling", {"scoot", "vlucht", "beide"}),
        ("scootmobiel or vluchteling", {"scoot", "vlucht", "beide"}),
        ("scootmobiel vluchteling", {"beide"}),
        ("scootmobiel -vluchteling", {"scoot"}),
        ("-wijk", {"scoot", "beide"}),
        ('"in de wijk"', {"vlucht", "schuld"}),
        ('"de wijk in"', set()),
        ('"met schulden"', {"schuld"}),
        ('-"de wijk"', {"scoot", "beide"}),
        ("schuld OR markt -vluchteling", {"schuld", "scoot"}),
        ("schuld OR markt -scootmobiel", {"schuld"}),
        ("Scootmobiél", {"scoot", "beide"}),
        ("", set(TEKSTEN)),
    ],
)
def test_phrases_minus_and_or_on_the_sqlite_engine(q, verwacht):
    assert _gevonden(q) == verwacht


def test_and_binds_tighter_than_or_like_websearch_to_tsquery():
    assert zoekvraag_ontleden('aa bb OR cc -dd "ee ff"') == [
        [(("aa",), False), (("bb",), False)],
        [(("cc",), False), (("dd",), True), (("ee", "ff"), False)],
    ]


SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkplaats.settings"
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from urllib.parse import urlencode
    from django.http import QueryDict
    from publicaties.forms import zoekvraag_from_request
    from publicaties.services import AuteurInvoer, publicatie_create
    from publicaties.zoeken import publicatie_search
    from tests.factories import BeheerderFactory, PeriodeFactory
    from tests.sqlite_proces import werkplaats_inrichten

    call_command("migrate", verbosity=0)
    assert connection.vendor == "sqlite"
    werkplaats_inrichten()
    door = BeheerderFactory()
    PeriodeFactory()
    for titel in ["Met de scootmobiel op pad", "Een vluchteling in de wijk", "Iets anders"]:
        publicatie_create(
            door=door,
            gegevens={"titel": titel, "type": "artikel", "jaar": 2023,
                      "status": "gepubliceerd", "taal": "nl", "licentie": "cc-by-4.0"},
            auteurs=[AuteurInvoer("Jansen", "Pien")],
            themas=[],
        )
    uit = {}
    for q in sys.argv[1:]:
        r = publicatie_search(zoekvraag_from_request(QueryDict(urlencode({"q": q}))))
        uit[q] = sorted(i.titel for i in r.items)
    json.dump(uit, sys.stdout)
    """
)


def test_make_run_finds_either_word_with_or(tmp_path):
    script = tmp_path / "zoek.py"
    script.write_text(SCRIPT)
    vragen = ["scootmobiel OR vluchteling", '"in de wijk"', "pad -scootmobiel", "jansen -wijk"]
    klaar = subprocess.run(
        [sys.executable, str(script), *vragen],
        cwd=ROOT,
        env=sqlite_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    uit = json.loads(klaar.stdout)
    assert uit["scootmobiel OR vluchteling"] == [
        "Een vluchteling in de wijk",
        "Met de scootmobiel op pad",
    ]
    assert uit['"in de wijk"'] == ["Een vluchteling in de wijk"]
    assert uit["pad -scootmobiel"] == []
    assert uit["jansen -wijk"] == ["Iets anders", "Met de scootmobiel op pad"]
