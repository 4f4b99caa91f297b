"""Evidence files of learning outcomes are downloaded through a permission check, never /media/."""

import pytest
from django.core.files.base import ContentFile

from tests.factories import CoordinatorFactory
from tests.werkteams.factories import LeeropbrengstFactory

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
    html = client.get(team_a.get_absolute_url()).content.decode()
    assert _url(team_a, opbrengst) in html
    assert "/media/" not in html


def test_anonymous_visitor_is_sent_to_login(client, team_a, opbrengst):
    response = client.get(_url(team_a, opbrengst))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_coordinator_of_another_team_is_refused(client, team_a, team_b, opbrengst):
    client.force_login(CoordinatorFactory())
    assert client.get(_url(team_a, opbrengst)).status_code == 403


def test_other_teams_outcome_id_under_own_team_is_404(
    client, coordinator_a, team_a, team_b, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    vreemd = LeeropbrengstFactory(werkteam=team_b)
    vreemd.bewijs_bestand.save("x.pdf", ContentFile(b"%PDF geheim"), save=True)
    client.force_login(coordinator_a)
    assert client.get(_url(team_a, vreemd)).status_code == 404
