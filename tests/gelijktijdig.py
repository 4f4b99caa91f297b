"""The one helper for thread-parallel tests: real connections, released at the same moment.

Each thread opens its own database connection (Django gives every thread its own) and
closes it when done, so the test database can be flushed afterwards. Use it with
`pytest.mark.django_db(transaction=True)`: the threads must see the committed rows.
"""

import threading
import traceback

from django.db import connections

from werkplaats.kern.huidig import huidige_werkplaats, werkplaats_activeer


def parallel(functies, *, threads: int | None = None, timeout: float = 60) -> list:
    """Call every function in `functies` from `threads` threads (default: one each), all
    released together by a barrier; return the outcomes in the order of `functies`.

    An outcome is the function's return value, or the exception it raised: the test
    inspects both. With fewer threads than functions, thread t calls functions t,
    t + threads, t + 2 * threads, ... one after the other.
    """
    aantal = threads or len(functies)
    start = threading.Barrier(aantal)
    # Each thread acts in the werkplaats of the caller, as a request on its host would.
    werkplaats = huidige_werkplaats()
    uitkomsten: list = [None] * len(functies)

    def draai(eerste: int) -> None:
        werkplaats_activeer(werkplaats)
        try:
            start.wait()
            for index in range(eerste, len(functies), aantal):
                try:
                    uitkomsten[index] = functies[index]()
                except Exception as fout:  # the outcome is what the test inspects
                    uitkomsten[index] = fout
        finally:
            connections.close_all()

    draden = [threading.Thread(target=draai, args=(t,)) for t in range(aantal)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=timeout)
    return uitkomsten


def fouten(uitkomsten: list) -> list[str]:
    """The exceptions among `uitkomsten`, each as a short traceback (for a readable failure)."""
    return [
        "".join(traceback.format_exception(u, limit=3))
        for u in uitkomsten
        if isinstance(u, BaseException)
    ]
