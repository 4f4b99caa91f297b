"""`make run` runs on SQLite: twenty people registering at the same moment all get an answer."""

import json

from tests.sqlite_proces import sqlite_script_run


def test_twenty_simultaneous_registrations_on_sqlite(tmp_path):
    uitvoer = tmp_path / "uit.json"
    sqlite_script_run(
        "kenniscafes/_sqlite_gelijktijdig.py", tmp_path, uitvoer, KENNISCAFE_AANMELD_RATE="1000/m"
    )
    uit = json.loads(uitvoer.read_text())
    # no "database is locked" and no error page, through the service and through the form
    assert uit["service_fouten"] == []
    assert uit["view_fouten"] == []
    # nobody lost and the capacity (10 places) kept: ten places, ten on the waiting list
    for manier in ("service", "view"):
        assert uit[manier]["bevestigd"] == 10, uit[manier]
        assert uit[manier]["wachtlijst"] == 10, uit[manier]
