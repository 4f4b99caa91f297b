"""gunicorn settings read by every `gunicorn` started from the project folder (Docker too).

The access log keeps the path of each request, but never the token of a personal link:
the same filter as Django's `django.server` log blanks it (werkplaats/kern/logboek.py).
"""

import logging

from werkplaats.kern.logboek import PersoonlijkeTokensFilter

_toegang = logging.getLogger("gunicorn.access")
# A config reload runs this file again: add the filter once.
if not any(isinstance(f, PersoonlijkeTokensFilter) for f in _toegang.filters):
    _toegang.addFilter(PersoonlijkeTokensFilter())
