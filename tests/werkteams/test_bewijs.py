"""Evidence files of learning outcomes are downloaded through a permission check, never /media/."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CoordinatorFactory
from tests.werkteams.factories import LeeropbrengstFactory
from werkteams import services
from werkteams.models import Leeropbrengst

pytestmark = pytest.mark.django_db


@pytest.fixture
def opbrengst(team_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    o = LeeropbrengstFactory(werkteam=team_a)
    o.bewijs_bestand.save("verslag.pdf", ContentFile(b"%PDF-1.4 fictief bewijs"), save=True)
    return o


def _url(team, o):
    return f"/werkteams/{team.slug}/leeropbrengsten/{o.pk}/bewijs/"


def test_coordinator_downloads_evidence(client, coordinator_a, team_a, opbrengst):
    client.force_login(coordinator_a)
    response = client.get(_url(team_a, opbrengst))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 fictief bewijs"
    assert "attachment" in response["Content-Disposition"]


def test_team_page_links_to_the_checked_download(client, coordinator_a, team_a, opbrengst):
    client.force_login(coordinator_a)
    # The learning outcomes moved to the learning tab of the team page.
    html = client.get(reverse("werkteams:team_leren", args=[team_a.slug])).content.decode()
    assert _url(team_a, opbrengst) in html
    assert "/media/" not in html


def test_anonymous_visitor_is_sent_to_login(client, team_a, opbrengst):
    response = client.get(_url(team_a, opbrengst))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_coordinator_of_another_team_is_refused(client, team_a, team_b, opbrengst):
    client.force_login(CoordinatorFactory())
    assert client.get(_url(team_a, opbrengst)).status_code == 404


def test_other_teams_outcome_id_under_own_team_is_404(
    client, coordinator_a, team_a, team_b, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    vreemd = LeeropbrengstFactory(werkteam=team_b)
    vreemd.bewijs_bestand.save("x.pdf", ContentFile(b"%PDF geheim"), save=True)
    client.force_login(coordinator_a)
    assert client.get(_url(team_a, vreemd)).status_code == 404


# --- uploads: judged by content, stored under a generated name -----------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HX = {"HTTP_HX_REQUEST": "true"}


def _upload(client, team, bestand):
    return client.post(
        reverse("werkteams:leeropbrengst_create", args=[team.slug]),
        {
            "niveau": "team",
            "wat": "Samen geleerd",
            "datum": "2021-05-01",
            "bewijs_bestand": bestand,
        },
        **HX,
    )


def _bestanden(map_):
    return sorted(p.name for p in map_.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "naam,inhoud",
    [
        ("verslag.pdf", PNG),  # an image called a PDF
        ("foto.png", b"%PDF-1.4 eigenlijk een pdf"),
        ("notities.txt", b"\x00\x01binair\xff\xfe" * 10),  # binary called text
        ("rapport.docx", b"PK\x03\x04 geen echt document"),
    ],
)
def test_a_file_whose_name_lies_about_its_content_is_refused(
    client, coordinator_a, team_a, settings, tmp_path, naam, inhoud
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator_a)
    html = _upload(client, team_a, SimpleUploadedFile(naam, inhoud)).content.decode()
    extensie = naam[naam.rindex(".") :]
    assert f"De inhoud van dit bestand past niet bij de naam ({extensie})" in html
    assert not Leeropbrengst.objects.exists() and _bestanden(tmp_path) == []


def test_the_service_refuses_a_lying_file_too(team_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(services.WerkteamFout) as fout:
        services.leeropbrengst_create(
            team_a,
            niveau="team",
            wat="Samen geleerd",
            datum="2021-05-01",
            bewijs_bestand=SimpleUploadedFile("verslag.pdf", PNG),
        )
    assert fout.value.veld == "bewijs_bestand"
    assert not Leeropbrengst.objects.exists() and _bestanden(tmp_path) == []


@pytest.mark.parametrize(
    "naam,inhoud",
    [
        ("Verslag Jansen 2021.pdf", b"%PDF-1.4 fictief verslag"),
        ("foto van het bord.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("aantekeningen.txt", "Één notitie over schuldhulp\n".encode()),
    ],
)
def test_evidence_is_stored_under_a_generated_name(
    client, coordinator_a, team_a, settings, tmp_path, naam, inhoud
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator_a)
    _upload(client, team_a, SimpleUploadedFile(naam, inhoud))
    opbrengst = Leeropbrengst.objects.get(werkteam=team_a)
    opgeslagen = opbrengst.bewijs_bestand.name
    stam = naam.rsplit(".", 1)[0]
    assert stam not in opgeslagen and stam.replace(" ", "_") not in opgeslagen
    # In the folder of the team's werkplaats (the test werkplaats's slug is "test").
    assert opgeslagen.startswith("test/werkteams/leeropbrengsten/")
    assert opbrengst.bewijs_naam == naam
    # the download still carries the name the coordinator knows
    response = client.get(_url(team_a, opbrengst))
    assert b"".join(response.streaming_content) == inhoud
    assert "attachment" in response["Content-Disposition"]
    assert stam.split(" ")[0] in response["Content-Disposition"]
