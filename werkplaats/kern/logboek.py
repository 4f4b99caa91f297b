"""Logging filter: personal-link tokens never reach the access logs in a usable form.

Whoever holds a personal link can cancel, erase or unsubscribe someone, so the token part
of those paths is replaced by a marker in every log record (request line, path, referer)
of `django.server` (runserver) and `gunicorn.access` (production).
"""

import logging
import re

VERVANGING = "[token]"

# The path prefix stays readable (which kind of link was used), the secret part goes.
PERSOONLIJKE_LINK = re.compile(
    r"(?P<pad>/kenniscafes/(?:aanmelding|evaluatie|afmelden|nieuwsbrief/bevestigen)/"
    r"|/werkteams/afmelden/"
    r"|/wachtwoord-herstellen/[^/\s?#\"']+/)"
    r"(?P<token>[^/\s?#\"']+)"
)


def token_redact(tekst: str) -> str:
    """The text with the token of every personal link replaced by a marker."""
    return PERSOONLIJKE_LINK.sub(lambda m: m.group("pad") + VERVANGING, tekst)


def _redact(waarde):
    return token_redact(waarde) if isinstance(waarde, str) else waarde


class PersoonlijkeTokensFilter(logging.Filter):
    """Rewrites a record's message and arguments so personal tokens do not survive."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redact(record.msg)
        if isinstance(record.args, dict):
            # gunicorn.access passes its atoms (request line, path, referer, ...) as a dict.
            record.args = {sleutel: _redact(w) for sleutel, w in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_redact(w) for w in record.args)
        return True
