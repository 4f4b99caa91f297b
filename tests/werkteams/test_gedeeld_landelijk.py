"""National projects (issue #14): a werkteam that several werkplaatsen run together.

The team belongs to its own werkplaats (A, the penvoerder) and to each participant (B):
it lives at /werkteams/<slug>/ on both sites, a third werkplaats (C) does not see it; its
coordinators and members come from A and B; each report counts it once; its public page
is on the portal.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.factories import (
    BeheerderFactory,
    CoordinatorFactory,
    PeriodeFactory,
    WerkplaatsFactory,
)
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.paginacache import inhoud_gewijzigd
from werkplaats.verantwoording.rapport import Verslagperiode, rapport_cijfers
from werkplaats.verantwoording.selectors import rapport_get
from werkteams import services
from werkteams.models import Aanwezigheid, Lidmaatschap, Werkteam
from werkteams.regels import WerkteamFout

from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
)

pytestmark = pytest.mark.django_db

PORTAAL = "portaal.testserver"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".testserver"]


@pytest.fixture
def b():
    return WerkplaatsFactory(naam="Werkplaats Regio B", slug="regio-b")


@pytest.fixture
def c():
    return WerkplaatsFactory(naam="Werkplaats Regio C", slug="regio-c")


@pytest.fixture
def team(b):
    """A's team "Landelijk armoede", shared with B."""
    team = WerkteamFactory(
        naam="Landelijk armoede", slug="landelijk-armoede", beschrijving="Samen tegen armoede."
    )
    team.deelnemende_werkplaatsen.add(b)
    return team


def _host(werkplaats) -> str:
    return f"{werkplaats.slug}.testserver"


def _client(werkplaats=None, gebruiker=None) -> Client:
    """A client on the site of `werkplaats` (None: A, the test's own) or on the portal."""
    client = Client(HTTP_HOST=_host(werkplaats) if werkplaats else "testserver")
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client


def _lid_in(werkplaats, team, naam):
    """A member of `team` who is a person of `werkplaats` (None: A's)."""
    with in_werkplaats(werkplaats or team.werkplaats):
        persoon = PersoonFactory(naam=naam)
    return LidmaatschapFactory(werkteam=team, persoon=persoon)


# --- who sees it -------------------------------------------------------------------------


def test_the_team_is_seen_on_owner_and_participant_sites_and_not_on_a_third(team, b, c):
    url = team.get_absolute_url()
    assert _client().get(url).status_code == 200
    assert _client(b).get(url).status_code == 200
    assert _client(c).get(url).status_code == 404
    assert "Landelijk armoede" in _client(b).get(reverse("werkteams:werkteam_list")).text
    assert "Landelijk armoede" not in _client(c).get(reverse("werkteams:werkteam_list")).text
    with in_werkplaats(b):
        assert list(Werkteam.objects.all()) == [team]
    with in_werkplaats(c):
        assert not Werkteam.objects.exists()


def test_its_meetings_and_attendance_keep_to_the_same_rule(team, b, c):
    lid = _lid_in(b, team, "Fictief Lid B")
    AanwezigheidFactory(bijeenkomst=BijeenkomstFactory(werkteam=team), lidmaatschap=lid)
    for werkplaats, aantal in ((b, 1), (c, 0)):
        with in_werkplaats(werkplaats):
            assert Aanwezigheid.objects.count() == aantal
            assert Lidmaatschap.objects.count() == aantal


def test_the_sites_mark_it_as_a_national_project_with_a_link_to_the_portal(team, b, settings):
    settings.PORTAAL_HOSTS = [PORTAAL]
    settings.SITE_URL = "http://testserver:8000"
    portaal = "http://portaal.testserver:8000/werkteams/test/landelijk-armoede/"
    for client in (_client(), _client(b)):
        for url in (team.get_absolute_url(), reverse("werkteams:werkteam_list")):
            assert portaal in client.get(url).text, url
    ander = WerkteamFactory(naam="Alleen hier")
    assert "/werkteams/test/" + ander.slug not in _client().get(ander.get_absolute_url()).text


# --- who manages it ----------------------------------------------------------------------


def test_a_participants_coordinator_manages_it_on_their_own_site(team, b):
    with in_werkplaats(b):
        coordinator_b = CoordinatorFactory()
    team.coordinatoren.add(coordinator_b)
    leden = reverse("werkteams:lid_list", args=[team.slug])
    client_b = _client(b, coordinator_b)
    assert 'id="leden"' in client_b.get(leden).text
    response = client_b.post(
        reverse("werkteams:lid_create", args=[team.slug]),
        {"naam": "Nieuw Lid B", "email": "nieuw-b@fictief.example", "rol": "student"}
        | {"start": "2021-02-01"},
    )
    assert response.status_code == 302
    lid = Lidmaatschap.objects.get(werkteam=team)
    assert lid.persoon.werkplaats_id == b.pk  # B's person, in A's team
    # Their role is B's: on A's site they manage nothing.
    assert _client(None, coordinator_b).get(leden).status_code == 404


def test_members_of_both_werkplaatsen_show_and_can_be_managed_on_either_site(team, b):
    lid_a = _lid_in(None, team, "Fictief Lid A")
    lid_b = _lid_in(b, team, "Fictief Lid B")
    leden = reverse("werkteams:lid_list", args=[team.slug])
    for werkplaats in (None, b):
        with in_werkplaats(werkplaats or team.werkplaats):
            beheerder = BeheerderFactory()
        tekst = _client(werkplaats, beheerder).get(leden).text
        assert "Fictief Lid A" in tekst and "Fictief Lid B" in tekst
    # On A's site, B's member's membership changes like any other (their person is B's).
    services.lidmaatschap_update(
        lid_b, rol="lector", kerngroep=True, start=lid_b.start, eind=datetime.date(2021, 6, 30)
    )
    lid_b.refresh_from_db()
    assert (lid_b.rol, lid_b.eind) == ("lector", datetime.date(2021, 6, 30))
    with in_werkplaats(b):
        services.lidmaatschap_end(Lidmaatschap.objects.get(pk=lid_a.pk), datetime.date(2021, 1, 31))
    assert Lidmaatschap.objects.get(pk=lid_a.pk).eind == datetime.date(2021, 1, 31)


def test_each_werkplaats_names_its_own_coordinators_and_keeps_the_others(team, b):
    coordinator_a = CoordinatorFactory()
    with in_werkplaats(b):
        coordinator_b = CoordinatorFactory()
        beheerder_b = BeheerderFactory()
    team.coordinatoren.add(coordinator_a)
    with in_werkplaats(b):
        services.werkteam_coordinatoren_set(
            door=beheerder_b, werkteam=team, coordinatoren=[coordinator_b]
        )
    assert set(team.coordinatoren.all()) == {coordinator_a, coordinator_b}
    services.werkteam_coordinatoren_set(door=BeheerderFactory(), werkteam=team, coordinatoren=[])
    assert set(team.coordinatoren.all()) == {coordinator_b}


def test_only_the_owner_sets_who_takes_part(team, b, c):
    beheer = reverse("werkteams:werkteam_beheer", args=[team.slug])
    eigen = _client(None, BeheerderFactory()).get(beheer).text
    assert 'name="deelnemende_werkplaatsen"' in eigen and "Werkplaats Regio C" in eigen
    with in_werkplaats(b):
        beheerder_b = BeheerderFactory()
    bij_b = _client(b, beheerder_b).get(beheer)
    assert bij_b.status_code == 200 and 'name="deelnemende_werkplaatsen"' not in bij_b.text
    with in_werkplaats(b), pytest.raises(WerkteamFout):
        services.werkteam_beheer_update(
            door=beheerder_b,
            werkteam=team,
            periode=team.periode,
            voorganger=None,
            status=team.status,
            start=team.start,
            eind=None,
            deelnemers=[b, c],
        )
    assert list(team.deelnemende_werkplaatsen.all()) == [b]
    # Status and dates are theirs to set too, in the owner's period.
    response = _client(b, beheerder_b).post(
        beheer, {"status": "afgerond", "start": "2020-01-01", "eind": "2021-12-31"}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.status == "afgerond" and team.periode.werkplaats_id == team.werkplaats_id


# --- one address on every site -------------------------------------------------------------


def test_sharing_with_a_werkplaats_that_has_the_slug_is_refused(team, c):
    with in_werkplaats(c):
        WerkteamFactory(slug="landelijk-armoede")
    response = _client(None, BeheerderFactory()).post(
        reverse("werkteams:werkteam_beheer", args=[team.slug]),
        {
            "periode": team.periode_id,
            "status": team.status,
            "start": "2020-01-01",
            "deelnemende_werkplaatsen": [w.pk for w in team.deelnemende_werkplaatsen.all()]
            + [c.pk],
        },
    )
    assert response.status_code == 200
    assert "Werkplaats Regio C heeft al een werkteam op het adres" in response.text
    assert c not in team.deelnemende_werkplaatsen.all()


def test_a_new_team_does_not_take_a_shared_teams_slug(team, b):
    with in_werkplaats(b):
        nieuw = services.werkteam_create(
            door=BeheerderFactory(), naam="Landelijk armoede", periode=PeriodeFactory()
        )
    assert nieuw.werkplaats_id == b.pk and nieuw.slug == "landelijk-armoede-2"


def test_the_admin_refuses_a_slug_that_a_shared_team_has(team, b):
    with in_werkplaats(b):
        eigen = WerkteamFactory(slug="eigen-b")
        eigen.slug = "landelijk-armoede"
        with pytest.raises(ValidationError) as fout:
            eigen.full_clean()
    assert "slug" in fout.value.message_dict


# --- the portal --------------------------------------------------------------------------


@pytest.fixture
def portaal(settings):
    settings.PORTAAL_HOSTS = [PORTAAL]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".testserver"]
    settings.SITE_URL = "http://testserver"


def test_the_portal_page_shows_public_facts_and_links_to_each_site(portaal, team, b):
    coordinator = CoordinatorFactory(first_name="Geheime", last_name="Coordinator")
    team.coordinatoren.add(coordinator)
    _lid_in(b, team, "Fictief Lid B")
    response = Client(HTTP_HOST=PORTAAL).get("/werkteams/test/landelijk-armoede/")
    assert response.status_code == 200
    tekst = response.text
    assert "Landelijk armoede" in tekst and "Samen tegen armoede." in tekst
    assert "http://testserver/werkteams/landelijk-armoede/" in tekst
    assert "http://regio-b.testserver/werkteams/landelijk-armoede/" in tekst
    assert "Werkplaats Regio B" in tekst
    for persoonlijk in ("Fictief Lid B", "@fictief.example", "Geheime", coordinator.email):
        assert persoonlijk not in tekst


def test_the_portal_has_no_page_for_a_team_nobody_shares(portaal, team, b):
    WerkteamFactory(slug="alleen-a")
    portaal_client = Client(HTTP_HOST=PORTAAL)
    assert portaal_client.get("/werkteams/test/alleen-a/").status_code == 404
    # Addressed by its own werkplaats only.
    assert portaal_client.get("/werkteams/regio-b/landelijk-armoede/").status_code == 404


# --- reports -----------------------------------------------------------------------------


def _overzicht(werkplaats):
    with in_werkplaats(werkplaats):
        cijfers = rapport_cijfers(rapport_get(Verslagperiode.kalenderjaar(2021), None))
    return cijfers["secties"]["werkteams"]["overzicht"]


def test_each_participants_report_counts_the_team_once(team, b, c):
    _lid_in(None, team, "Fictief Lid A")
    _lid_in(b, team, "Fictief Lid B")
    for werkplaats in (team.werkplaats, b):
        tabel = _overzicht(werkplaats)
        rijen = [rij for rij in tabel["rijen"] if rij[0] == "Landelijk armoede"]
        assert len(rijen) == 1, werkplaats
        assert rijen[0][tabel["kolommen"].index("leden")] == 2
    assert not _overzicht(c)["rijen"]


# --- the same number of queries --------------------------------------------------------------


def test_sharing_adds_no_query_to_the_team_list_and_page(b, django_assert_max_num_queries):
    team = WerkteamFactory(slug="gaat-delen")
    LidmaatschapFactory(werkteam=team)
    beheerder = BeheerderFactory()
    urls = [reverse("werkteams:werkteam_list"), team.get_absolute_url()]
    urls.append(reverse("werkteams:lid_list", args=[team.slug]))

    def tellen():
        aantallen = []
        for url in urls:
            client = _client(None, beheerder)
            client.get(url)  # the session and the process memos
            inhoud_gewijzigd()  # the page is made anew, not taken from the cache
            with django_assert_max_num_queries(100) as gemeten:
                assert client.get(url).status_code == 200
            aantallen.append(len(gemeten.captured_queries))
        return aantallen

    apart = tellen()
    team.deelnemende_werkplaatsen.add(b)
    assert tellen() == apart
