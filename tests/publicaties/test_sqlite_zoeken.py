"""`make run` runs on SQLite: the simpler search there still finds, filters and hides drafts."""

import json

from tests.sqlite_proces import sqlite_script_run


def test_the_sqlite_search_of_make_run(tmp_path):
    klaar = sqlite_script_run("publicaties/_sqlite_zoeken.py", tmp_path)
    uit = json.loads(klaar.stdout)
    # a crude plural rule: "schulden" finds "schuld" (title first, then the summary with
    # "schuldhulp"); drafts never appear
    assert uit["q=schulden"]["titels"] == ["Leven met schuld in de wijk", "Iets anders"]
    # without accents both ways
    assert uit["q=kenniscafe"]["titels"] == ["Verslag van het kenniscafé"]
    assert uit["q=cafe"]["totaal"] == 1
    # filters and facet counts that honour the other filters
    assert uit["q=schuld&type=blog"]["titels"] == ["Iets anders"]
    assert uit["q=schuld&type=blog"]["type"] == {"artikel": 1, "blog": 1}
    # authors and themes are searched and filtered too
    assert uit["q=jansen"]["totaal"] == 3
    assert sorted(uit["thema=armoede"]["titels"]) == ["Iets anders", "Leven met schuld in de wijk"]
