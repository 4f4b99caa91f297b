"""The Dutch catalogues are complete: no untranslated or fuzzy entries anywhere."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/nl/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)


def _entries(path: Path):
    """Yield (msgid, msgstr_values, flags) for each entry of a .po file."""
    entry = {"flags": "", "msgid": None, "msgstr": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry["msgid"] is not None:
                yield entry
            entry = {"flags": "", "msgid": None, "msgstr": []}
            current = None
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            entry["msgid"] = line[6:].strip('"')
            current = "msgid"
        elif line.startswith("msgid_plural"):
            current = None
        elif line.startswith("msgstr"):
            entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            current = "msgstr"
        elif line.startswith('"'):
            if current == "msgid":
                entry["msgid"] += line.strip('"')
            elif current == "msgstr":
                entry["msgstr"][-1] += line.strip('"')


def test_there_are_catalogues():
    assert CATALOGUES, "no nl catalogue found"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_untranslated_or_fuzzy_entries(path):
    problems = []
    for entry in _entries(path):
        if entry["msgid"] == "":
            continue
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']}")
        elif not all(entry["msgstr"]):
            problems.append(f"untranslated: {entry['msgid']}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_compiled_and_current(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run make messages"
    assert mo.stat().st_mtime >= path.stat().st_mtime - 1, f"{mo} is older than its .po"


# The formal "u" and "uw" as whole words; "u" never stands alone in informal Dutch.
FORMEEL = re.compile(r"(?<![\w%(])(?:u|uw|U|Uw)(?![\w)])")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_speaks_to_the_reader_as_je(path):
    """One form of address in every page and mail: je, never the formal u or uw."""
    formeel = [
        waarde
        for entry in _entries(path)
        if entry["msgid"]
        for waarde in entry["msgstr"]
        if FORMEEL.search(waarde)
    ]
    assert not formeel, f"formal address in {path.name}: {formeel}"
