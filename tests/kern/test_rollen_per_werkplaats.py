"""Roles are given per werkplaats (#14): one account can be beheerder in one werkplaats and
coördinator in another; the beheer pages list and change the roles of their own werkplaats;
the header says where you act; reading the role costs no query per request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import GebruikerFactory, SiteInstellingenFactory, WerkplaatsFactory
from tests.factories.kern import rol_geef
from werkplaats.kern.beheer import gebruikers
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Bericht, Gebruiker, Werkplaats, WerkplaatsRol
from werkplaats.kern.uitgaand import werkplaats_basis_url

pytestmark = pytest.mark.django_db
BEHEER = reverse("beheer:overzicht")
LIJST = reverse("beheer:gebruiker_list")


@pytest.fixture(autouse=True)
def _leeg():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def a(werkplaats):
    """The werkplaats the test acts in (host testserver)."""
    SiteInstellingenFactory(naam="Werkplaats Sociaal Domein Noord")
    return werkplaats


@pytest.fixture
def b(settings):
    settings.ALLOWED_HOSTS = ["testserver", ".testserver"]
    return WerkplaatsFactory(naam="Werkplaats Sociaal Domein Zuid", korte_naam="WSD Zuid")


def _host(werkplaats) -> str:
    return werkplaats.hosts.get(primair=True).host


def _ingelogd(gebruiker, werkplaats=None) -> Client:
    """A browser of its own on the site of `werkplaats` (default: the test's own)."""
    client = Client(HTTP_HOST=_host(werkplaats)) if werkplaats else Client()
    client.force_login(gebruiker)
    return client


def _beheerder(werkplaats=None, **velden) -> Gebruiker:
    """A beheerder who is no superuser (a superuser is beheerder everywhere)."""
    return GebruikerFactory(rol="beheerder", werkplaats=werkplaats, **velden)


# --- one account, two werkplaatsen ---------------------------------------------------------


def test_a_beheerder_here_and_coordinator_there_manages_only_here(a, b):
    lector = _beheerder()
    rol_geef(lector, "coordinator", b)
    assert lector.rollen == {a.pk: "beheerder", b.pk: "coordinator"}

    op_a = _ingelogd(lector)
    assert op_a.get(BEHEER).status_code == 200
    assert op_a.get(LIJST).status_code == 200

    op_b = _ingelogd(lector, b)
    assert op_b.get(BEHEER).status_code == 403
    assert op_b.get(LIJST).status_code == 403
    # ...but is coördinator there: the organiser's pages open.
    assert op_b.get(reverse("kenniscafes:organisator_list")).status_code == 200


def test_the_role_property_follows_the_current_werkplaats(a, b):
    lector = _beheerder()
    rol_geef(lector, "coordinator", b)
    lector = Gebruiker.objects.get(pk=lector.pk)
    assert (lector.rol, lector.is_beheerder, lector.is_coordinator) == ("beheerder", True, True)
    assert lector.get_rol_display() == "Beheerder"
    with in_werkplaats(b):
        assert (lector.rol, lector.is_beheerder, lector.is_coordinator) == (
            "coordinator",
            False,
            True,
        )
    with in_werkplaats(None):
        assert (lector.rol, lector.is_beheerder, lector.is_coordinator) == ("lid", False, False)
    anders = WerkplaatsFactory()
    with in_werkplaats(anders):
        assert lector.rol == "lid"


def test_a_superuser_is_beheerder_everywhere_and_the_national_role_stands_apart(a, b):
    baas = GebruikerFactory(is_superuser=True)
    with in_werkplaats(b):
        assert baas.is_beheerder and baas.is_landelijk_beheerder
    landelijk = GebruikerFactory(landelijk_beheerder=True)
    assert landelijk.is_landelijk_beheerder and not landelijk.is_beheerder
    assert not GebruikerFactory(rol="beheerder").is_landelijk_beheerder


# --- the user pages of a werkplaats --------------------------------------------------------


def test_the_list_shows_the_users_and_roles_of_this_werkplaats_only(a, b):
    beheerder_a = _beheerder(first_name="Anna")
    GebruikerFactory(rol="coordinator", first_name="Karel")
    beheerder_b = _beheerder(b, first_name="Bea")
    GebruikerFactory(rol="coordinator", werkplaats=b, first_name="Zelda")
    beide = GebruikerFactory(rol="beheerder", first_name="Dirk")
    rol_geef(beide, "coordinator", b)

    def namen_en_rollen(client, werkplaats):
        response = client.get(LIJST)
        assert response.status_code == 200
        with in_werkplaats(werkplaats):  # the role as the page shows it
            return {g.first_name: g.rol for g in response.context["gebruikers"]}

    assert namen_en_rollen(_ingelogd(beheerder_a), a) == {
        "Anna": "beheerder",
        "Karel": "coordinator",
        "Dirk": "beheerder",
    }
    op_b = _ingelogd(beheerder_b, b)
    assert namen_en_rollen(op_b, b) == {
        "Bea": "beheerder",
        "Zelda": "coordinator",
        "Dirk": "coordinator",
    }
    assert "Coördinator" in op_b.get(LIJST).content.decode()
    # Another werkplaats's user has no page here, and cannot be changed from here.
    karel = Gebruiker.objects.get(first_name="Karel")
    assert op_b.get(reverse("beheer:gebruiker_detail", args=[karel.pk])).status_code == 404
    op_b.post(reverse("beheer:gebruiker_active", args=[karel.pk]))
    karel.refresh_from_db()
    assert karel.is_active


def test_a_role_change_here_leaves_the_other_werkplaats_alone(a, b):
    door = _beheerder()
    beide = GebruikerFactory(rol="coordinator")
    rol_geef(beide, "coordinator", b)
    response = _ingelogd(door).post(
        reverse("beheer:gebruiker_detail", args=[beide.pk]), {"rol": "beheerder"}
    )
    assert response.status_code == 302
    assert dict(WerkplaatsRol.objects.filter(gebruiker=beide).values_list("werkplaats", "rol")) == {
        a.pk: "beheerder",
        b.pk: "coordinator",
    }


def test_inviting_an_existing_account_gives_it_a_role_here(a, b):
    door = _beheerder()
    lector = GebruikerFactory(rol="coordinator", werkplaats=b, email="lector@voorbeeld.example")
    aantal = Gebruiker.objects.count()
    response = _ingelogd(door).post(
        LIJST,
        {"email": "LECTOR@voorbeeld.example", "voornaam": "Lea", "rol": "beheerder"},
        follow=True,
    )
    assert response.status_code == 200
    assert "had al een account" in " ".join(str(m) for m in response.context["messages"])
    assert Gebruiker.objects.count() == aantal
    assert dict(lector.werkplaatsrollen.values_list("werkplaats", "rol")) == {
        a.pk: "beheerder",
        b.pk: "coordinator",
    }
    # The person is told by mail; no invitation link for an account that has a password.
    bericht = Bericht.objects.get(aan=lector.email)
    assert "/uitnodiging/" not in bericht.tekst and "beheerder" in bericht.tekst
    # Now the role here shows in the list of this werkplaats.
    lijst = _ingelogd(door).get(LIJST).context["gebruikers"]
    assert {g.pk: g.rol for g in lijst}[lector.pk] == "beheerder"


def test_inviting_an_account_that_never_chose_a_password_sends_a_fresh_link(a, b):
    door = _beheerder()
    with in_werkplaats(b):
        nieuw = gebruikers.gebruiker_invite(
            email="nina@voorbeeld.example",
            voornaam="Nina",
            achternaam="",
            rol="coordinator",
            door=_beheerder(b),
        )
    gebruikers.gebruiker_invite(
        email="nina@voorbeeld.example", voornaam="Nina", achternaam="", rol="coordinator", door=door
    )
    assert Gebruiker.objects.filter(email="nina@voorbeeld.example").count() == 1
    assert dict(nieuw.werkplaatsrollen.values_list("werkplaats", "rol")) == {
        a.pk: "coordinator",
        b.pk: "coordinator",
    }
    teksten = Bericht.objects.filter(aan="nina@voorbeeld.example").values_list("tekst", flat=True)
    assert len(teksten) == 2 and all("/uitnodiging/" in tekst for tekst in teksten)


def test_inviting_someone_who_already_has_a_role_here_is_refused(a, b):
    GebruikerFactory(rol="coordinator", email="karel@voorbeeld.example")
    with pytest.raises(gebruikers.DomeinFout, match="bestaat al"):
        gebruikers.gebruiker_invite(
            email="karel@voorbeeld.example",
            voornaam="Karel",
            achternaam="",
            rol="beheerder",
            door=_beheerder(),
        )
    assert not Bericht.objects.exists()


def test_the_last_beheerder_is_counted_per_werkplaats(a, b):
    lector = _beheerder()
    rol_geef(lector, "beheerder", b)
    collega = _beheerder()
    # In A a colleague remains: the lector can be made coördinator there.
    gebruikers.gebruiker_rol_change(gebruiker=lector, rol="coordinator", door=collega)
    # In B the lector is the only one: refused, even though A has a beheerder.
    with in_werkplaats(b), pytest.raises(gebruikers.DomeinFout, match="laatste"):
        gebruikers.gebruiker_rol_change(gebruiker=lector, rol="coordinator", door=collega)
    assert dict(lector.werkplaatsrollen.values_list("werkplaats", "rol")) == {
        a.pk: "coordinator",
        b.pk: "beheerder",
    }


def test_an_account_that_works_elsewhere_is_not_deactivated_from_here(a, b):
    door = _beheerder()
    lector = GebruikerFactory(rol="coordinator")
    rol_geef(lector, "coordinator", b)
    with pytest.raises(gebruikers.DomeinFout, match="andere werkplaats"):
        gebruikers.gebruiker_active_set(gebruiker=lector, actief=False, door=door)
    lector.refresh_from_db()
    assert lector.is_active
    rol_geef(lector, "lid", b)
    gebruikers.gebruiker_active_set(gebruiker=lector, actief=False, door=door)
    lector.refresh_from_db()
    assert not lector.is_active


def test_coordinators_to_choose_from_are_those_of_this_werkplaats(a, b):
    from werkteams.selectors import coordinatoren_kiesbaar

    hier = GebruikerFactory(rol="coordinator")
    GebruikerFactory(rol="coordinator", werkplaats=b)
    GebruikerFactory(rol="lid")
    assert list(coordinatoren_kiesbaar()) == [hier]


# --- the header ----------------------------------------------------------------------------


def test_the_header_names_the_werkplaats_and_links_to_the_others(a, b):
    lector = _beheerder()
    rol_geef(lector, "coordinator", b)
    html = _ingelogd(lector).get(BEHEER).content.decode()
    kop = html[html.index("kop__account") : html.index("</header>")]
    assert "in Werkplaats Sociaal Domein Noord" in kop
    assert f"//{_host(b)}" in kop and "WSD Zuid" in kop
    # On B's site: B is named, A is linked.
    html = _ingelogd(lector, b).get(reverse("home")).content.decode()
    kop = html[html.index("kop__account") : html.index("</header>")]
    assert "in WSD Zuid" in kop
    # A's site is at SITE_URL (its host 127.0.0.1 is one of A's, as on an upgraded install).
    assert f'href="{werkplaats_basis_url(a)}/"' in kop and "Werkplaats Sociaal Domein Noord" in kop


def test_the_header_of_someone_in_one_werkplaats_has_no_list(a, b):
    html = _ingelogd(_beheerder()).get(BEHEER).content.decode()
    kop = html[html.index("kop__account") : html.index("</header>")]
    assert "in Werkplaats Sociaal Domein Noord" in kop
    assert "kop__elders" not in kop
    # A member's row elsewhere gives no link: there is nothing to do there.
    lid_elders = _beheerder()
    rol_geef(lid_elders, "lid", b)
    html = _ingelogd(lid_elders).get(BEHEER).content.decode()
    assert "kop__elders" not in html


# --- no query for the role -----------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as vastgelegd:
        status = client.get(url).status_code
    return status, [q["sql"] for q in vastgelegd.captured_queries]


def test_the_role_comes_with_the_user_and_costs_nothing_after(a, b):
    lector = _beheerder()
    rol_geef(lector, "coordinator", b)
    client = _ingelogd(lector)
    status, eerste = _queries(client, BEHEER)
    rollen = [sql for sql in eerste if '"kern_werkplaatsrol"' in sql]
    # Read once, in the same query as the user.
    assert status == 200 and len(rollen) == 1 and '"kern_gebruiker"' in rollen[0]
    status, tweede = _queries(client, BEHEER)
    assert status == 200 and tweede == []


def test_a_changed_role_counts_on_the_next_request(a, b):
    lector = _beheerder()
    client = _ingelogd(lector)
    assert client.get(BEHEER).status_code == 200
    rol_geef(lector, "coordinator")
    assert client.get(BEHEER).status_code == 403
    WerkplaatsRol.objects.filter(gebruiker=lector).update(rol="beheerder")  # no signal
    WerkplaatsRol.objects.get(gebruiker=lector).save()
    assert client.get(BEHEER).status_code == 200
    WerkplaatsRol.objects.filter(gebruiker=lector).delete()
    assert client.get(BEHEER).status_code == 403


# --- the admin -----------------------------------------------------------------------------


def test_the_admin_edits_the_roles_per_werkplaats(a, b):
    baas = GebruikerFactory(is_superuser=True, is_staff=True)
    lector = GebruikerFactory(rol="coordinator")
    client = _ingelogd(baas)
    response = client.get(reverse("admin:kern_gebruiker_change", args=[lector.pk]))
    assert response.status_code == 200
    assert "werkplaatsrollen-0-werkplaats" in response.content.decode()
    lijst = client.get(
        reverse("admin:kern_gebruiker_changelist"),
        {"werkplaatsrollen__werkplaats__id__exact": b.pk},
    )
    assert lijst.status_code == 200


# --- the migration -------------------------------------------------------------------------

VOOR = [("kern", "0006_werkplaatsen")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_old_role_to_the_first_werkplaats(werkplaats):
    executor = MigrationExecutor(connection)
    na = [key for key in executor.loader.graph.leaf_nodes() if key[0] == "kern"]
    try:
        executor.migrate(VOOR)
        oud = MigrationExecutor(connection).loader.project_state(VOOR).apps
        OudeGebruiker = oud.get_model("kern", "Gebruiker")
        for naam, rol in (("bea", "beheerder"), ("cor", "coordinator"), ("lia", "lid")):
            OudeGebruiker.objects.create(username=naam, rol=rol)
        tweede = oud.get_model("kern", "Werkplaats").objects.create(naam="Later", slug="later")
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(na)
    rollen = WerkplaatsRol.objects.values_list("gebruiker__username", "werkplaats", "rol")
    assert sorted(rollen) == [
        ("bea", werkplaats.pk, "beheerder"),
        ("cor", werkplaats.pk, "coordinator"),
    ]
    assert werkplaats.pk < tweede.pk
    with in_werkplaats(Werkplaats.objects.get(pk=werkplaats.pk)):
        assert Gebruiker.objects.get(username="bea").is_beheerder
        assert Gebruiker.objects.get(username="lia").rol == "lid"
