"""The thread helper itself: every function runs at the same time, outcomes keep their order."""

import threading

from tests.gelijktijdig import fouten, parallel


def test_every_function_runs_at_the_same_moment():
    # Four functions that each wait for the other three: only parallel threads get through.
    samen = threading.Barrier(4, timeout=10)
    assert sorted(parallel([samen.wait] * 4)) == [0, 1, 2, 3]


def test_outcomes_keep_the_order_of_the_functions_and_exceptions_are_collected():
    uitkomsten = parallel([lambda: 1, lambda: 1 / 0, lambda: 3, lambda: 4, lambda: 5], threads=2)
    assert uitkomsten[0] == 1 and uitkomsten[2:] == [3, 4, 5]
    assert isinstance(uitkomsten[1], ZeroDivisionError)
    [tekst] = fouten(uitkomsten)
    assert "ZeroDivisionError" in tekst
