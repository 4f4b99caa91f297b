"""The suite really uses PostgreSQL, Redis and Chromium; production settings are safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_cache_is_redis():
    assert settings.CACHES["default"]["BACKEND"] == "werkplaats.kern.cache.WerkplaatsRedisCache"
    cache.set("infra-probe", "ja", 10)
    assert cache.get("infra-probe") == "ja"
    client = cache._cache.get_client()
    assert client.ping() is True


def test_celery_broker_is_redis():
    from werkplaats.celery import app

    assert app.conf.broker_url.startswith("redis://")
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)


@pytest.mark.browser
def test_chromium_is_debians_and_renders(browser):
    browser.get(browser.live_server_url + "/")
    assert (
        "chromium" in browser.capabilities["browserName"].lower()
        or browser.capabilities["browserName"] == "chrome"
    )
    assert browser.execute_script("return document.documentElement.lang") == "nl"


def run_manage(*args, env_extra: dict, zonder=frozenset()) -> subprocess.CompletedProcess:
    """manage.py in a fresh process, without SECRET_KEY, ALLOWED_HOSTS and `zonder`."""
    weg = {"SECRET_KEY", "ALLOWED_HOSTS", *zonder}
    env = {k: v for k, v in os.environ.items() if k not in weg}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _run_production(env_extra: dict) -> subprocess.CompletedProcess:
    return run_manage("check", env_extra={"DEBUG": "0", **env_extra})


def test_production_without_secret_key_exits_with_clear_message():
    result = _run_production({"ALLOWED_HOSTS": "werkplaats.example"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Production mode" in result.stderr


def test_production_without_allowed_hosts_exits_with_clear_message():
    result = _run_production({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_passes_in_production_mode():
    result = _run_production(
        {
            "SECRET_KEY": "a-very-long-and-random-production-secret-key-for-the-check-0123456789",
            "ALLOWED_HOSTS": "werkplaats.example",
            "CSRF_TRUSTED_ORIGINS": "https://werkplaats.example",
        }
    )
    assert result.returncode == 0, result.stderr
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items()},
            "DEBUG": "0",
            "SECRET_KEY": "a-very-long-and-random-production-secret-key-for-the-check-0123456789",
            "ALLOWED_HOSTS": "werkplaats.example",
            "CSRF_TRUSTED_ORIGINS": "https://werkplaats.example",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
