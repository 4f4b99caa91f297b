"""Fill a .po catalogue from a JSON file of translations, then report what is still missing.

    .venv/bin/python scripts/po_fill.py kenniscafes/locale/nl/LC_MESSAGES/django.po vertalingen.json

The JSON maps an English msgid to its Dutch text, or to [singular, plural] for plural
entries. Existing translations are overwritten only when the JSON has the msgid.
Fuzzy flags on filled entries are removed. Exits 1 when entries stay untranslated.
"""

import json
import shutil
import subprocess
import sys

import polib


def main(po_path: str, json_path: str | None = None) -> int:
    po = polib.pofile(po_path)
    vertalingen = {}
    if json_path:
        with open(json_path, encoding="utf-8") as f:
            vertalingen = json.load(f)
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in vertalingen:
            waarde = vertalingen[entry.msgid]
            if entry.msgid_plural:
                enkel, meer = waarde if isinstance(waarde, list) else (waarde, waarde)
                entry.msgstr_plural = {0: enkel, 1: meer}
            else:
                entry.msgstr = waarde
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
    po.save()
    if shutil.which("msgcat"):
        # Let gettext wrap the lines, as makemessages does, so re-extraction changes nothing.
        subprocess.run(["msgcat", "-o", po_path, po_path], check=True)
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for msgid in missing:
        print(json.dumps(msgid, ensure_ascii=False))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
