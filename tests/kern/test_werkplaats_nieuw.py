"""`manage.py werkplaats_nieuw`: a werkplaats with its host names, served at once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from werkplaats.kern.models import Werkplaats, WerkplaatsHost

pytestmark = pytest.mark.django_db


def nieuw(*args) -> str:
    uit = StringIO()
    call_command("werkplaats_nieuw", *args, stdout=uit)
    return uit.getvalue()


def test_adds_a_werkplaats_with_its_hosts_and_serves_it(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "twente.testserver"]
    uit = nieuw(
        "--naam", "Werkplaats Sociaal Domein Twente", "--slug", "twente",
        "--host", "HTTPS://Twente.testserver:443/", "--host", "www.twente.example",
        "--regio", "Twente", "--contact", "info@twente.example",
    )  # fmt: skip
    werkplaats = Werkplaats.objects.get(slug="twente")
    assert (werkplaats.naam, werkplaats.regio, werkplaats.contact_email) == (
        "Werkplaats Sociaal Domein Twente",
        "Twente",
        "info@twente.example",
    )
    assert list(werkplaats.hosts.values_list("host", "primair")) == [
        ("twente.testserver", True),
        ("www.twente.example", False),
    ]
    assert "www.twente.example" in uit.split("ALLOWED_HOSTS", 1)[1]
    assert "twente.testserver" not in uit.split("ALLOWED_HOSTS", 1)[1]
    antwoord = client.get("/", HTTP_HOST="twente.testserver")
    assert antwoord.status_code == 200
    assert "Werkplaats Sociaal Domein Twente" in antwoord.content.decode()


@pytest.mark.parametrize(
    "args, fout",
    [
        (["--slug", "test", "--host", "nieuw.testserver"], "slug"),
        (["--slug", "nieuw", "--host", "testserver"], "already serves"),
        (["--slug", "nieuw", "--host", "localhost"], "portal"),
        (["--slug", "geen slug", "--host", "nieuw.testserver"], "slug"),
        (["--slug", "nieuw", "--host", "n.testserver", "--contact", "geen-adres"], "contact"),
    ],
)
def test_refuses_a_taken_slug_or_host_and_adds_nothing(args, fout):
    voor = (Werkplaats.objects.count(), WerkplaatsHost.objects.count())
    with pytest.raises(CommandError, match=fout):
        nieuw("--naam", "Nieuw", *args)
    assert (Werkplaats.objects.count(), WerkplaatsHost.objects.count()) == voor
