#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def _ontwikkelomgeving() -> bool:
    """A checkout without production secrets (no SECRET_KEY in the environment or .env)."""
    if "SECRET_KEY" in os.environ:
        return False
    env_bestand = Path(__file__).resolve().parent / ".env"
    return not (env_bestand.exists() and "SECRET_KEY=" in env_bestand.read_text())


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")
    if _ontwikkelomgeving():
        # Commands such as makemigrations work in a bare checkout. Production always has a
        # SECRET_KEY, so there DEBUG stays off unless it is set; the served site (wsgi.py,
        # gunicorn) and the Celery processes never get this default.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
