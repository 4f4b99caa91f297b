"""Production is the default: DEBUG is on only when make run or the tests ask for it."""

import os
import subprocess
import sys

from tests.test_infrastructure import ROOT, run_manage

LEES_DEBUG = (
    "shell",
    "--no-imports",
    "-c",
    "from django.conf import settings; print(settings.DEBUG)",
)
ZONDER_DEBUG = {"DEBUG", "WERKPLAATS_TESTING"}


def test_without_a_debug_variable_debug_is_off():
    result = run_manage(
        *LEES_DEBUG,
        env_extra={"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "werkplaats.example"},
        zonder=ZONDER_DEBUG,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_without_a_debug_variable_the_served_site_requires_the_secret_key():
    # What gunicorn loads (werkplaats.wsgi), in a fresh process without DEBUG or secrets.
    weg = {"SECRET_KEY", "ALLOWED_HOSTS", *ZONDER_DEBUG}
    env = {k: v for k, v in os.environ.items() if k not in weg}
    result = subprocess.run(
        [sys.executable, "-c", "import werkplaats.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_manage_py_in_a_bare_checkout_works_with_debug_on():
    """makemigrations and friends need no secrets on a developer's machine."""
    result = run_manage("makemigrations", "--check", "--dry-run", env_extra={}, zonder=ZONDER_DEBUG)
    assert result.returncode == 0, result.stderr
    assert run_manage(*LEES_DEBUG, env_extra={}, zonder=ZONDER_DEBUG).stdout.strip() == "True"


def test_make_run_and_the_tests_turn_debug_on():
    for aan in ({"DEBUG": "1"}, {"WERKPLAATS_TESTING": "1"}):
        assert run_manage(*LEES_DEBUG, env_extra=aan, zonder=ZONDER_DEBUG).stdout.strip() == "True"
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    database = subprocess.run(
        ["make", "-n", "-p", "run"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    assert "run: DEBUG = 1" in database  # Makefile: `run ...: export DEBUG ?= 1`
