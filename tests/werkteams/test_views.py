"""Views of werkteams: permissions on every URL, HTMX fragments, happy paths, query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import BeheerderFactory, CoordinatorFactory, OrganisatieFactory
from werkteams.models import (
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Verslagpunt,
    Werkteam,
)

from .conftest import vul_team
from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
    na_commit,
)

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def team_urls(team, lid, bijeenkomst, punt):
    """Every management URL of a team, with the team's own nested ids."""
    s, b = team.slug, bijeenkomst.pk
    return [
        reverse("werkteams:werkteam_edit", args=[s]),
        reverse("werkteams:lid_list", args=[s]),
        reverse("werkteams:lid_create", args=[s]),
        reverse("werkteams:lid_edit", args=[s, lid.pk]),
        reverse("werkteams:lid_end", args=[s, lid.pk]),
        reverse("werkteams:lid_handover", args=[s, lid.pk]),
        reverse("werkteams:lid_login", args=[s, lid.pk]),
        reverse("werkteams:samenstelling", args=[s]),
        reverse("werkteams:bijeenkomst_plan", args=[s]),
        reverse("werkteams:bijeenkomst_detail", args=[s, b]),
        reverse("werkteams:bijeenkomst_edit", args=[s, b]),
        reverse("werkteams:bijeenkomst_cancel", args=[s, b]),
        reverse("werkteams:aanwezigheid", args=[s, b]),
        reverse("werkteams:verslag", args=[s, b]),
        reverse("werkteams:verslag_publish", args=[s, b]),
        reverse("werkteams:verslagpunt_create", args=[s, b]),
        reverse("werkteams:verslagpunt_toggle", args=[s, b, punt.pk]),
        reverse("werkteams:leerdoelen", args=[s, b]),
        reverse("werkteams:leerdoel_create", args=[s, b]),
        reverse("werkteams:leeropbrengst_create", args=[s]),
        reverse("werkteams:activiteit_create", args=[s]),
    ]


@pytest.fixture
def twee_teams(team_a, team_b, coordinator_a):
    a = vul_team(team_a)
    b = vul_team(team_b)
    b["punt"] = Verslagpunt.objects.create(bijeenkomst=b["bijeenkomst"], soort="actie", tekst="B")
    a["punt"] = Verslagpunt.objects.create(bijeenkomst=a["bijeenkomst"], soort="actie", tekst="A")
    return a, b


def _staat(team):
    return (
        Lidmaatschap.objects.filter(werkteam=team).count(),
        list(Lidmaatschap.objects.filter(werkteam=team).values_list("eind", flat=True)),
        Bijeenkomst.objects.filter(werkteam=team, status="gepland").count(),
        Verslagpunt.objects.filter(bijeenkomst__werkteam=team, gedaan=False).count(),
        Leeropbrengst.objects.filter(werkteam=team).count(),
        Activiteit.objects.filter(werkteam=team).count(),
        Werkteam.objects.get(pk=team.pk).opgave,
    )


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("methode", ["get", "post"])
def test_coordinator_of_team_a_gets_403_or_404_on_every_url_of_team_b(
    client, twee_teams, team_a, team_b, coordinator_a, htmx, methode
):
    _, b = twee_teams
    client.force_login(coordinator_a)
    voor = _staat(team_b)
    for url in team_urls(team_b, b["leden"][0], b["bijeenkomst"], b["punt"]):
        response = getattr(client, methode)(url, **(HX if htmx else {}))
        assert response.status_code in (403, 404, 405), url
        if response.status_code == 405:  # POST-only URL asked with GET: try POST too
            assert client.post(url).status_code in (403, 404), url
    assert _staat(team_b) == voor


def test_team_b_ids_under_team_a_slug_give_404(client, twee_teams, team_a, team_b, coordinator_a):
    a, b = twee_teams
    client.force_login(coordinator_a)
    voor = _staat(team_b)
    eigen = team_urls(team_a, a["leden"][0], a["bijeenkomst"], a["punt"])
    vreemd = team_urls(team_a, b["leden"][0], b["bijeenkomst"], b["punt"])
    for url_eigen, url in zip(eigen, vreemd, strict=True):
        if url_eigen == url:
            continue  # URL without nested ids
        assert client.post(url, **HX).status_code == 404, url
    assert _staat(team_b) == voor


def test_anonymous_visitors_are_sent_to_login_for_management_urls(client, twee_teams, team_a):
    a, _ = twee_teams
    for url in team_urls(team_a, a["leden"][0], a["bijeenkomst"], a["punt"]):
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/inloggen/")


def test_member_with_login_cannot_manage(client, twee_teams, team_a):
    a, _ = twee_teams
    lid = CoordinatorFactory(username="gewoon-lid", rol="lid")
    client.force_login(lid)
    assert client.get(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 404


def test_beheerder_manages_every_team(client, twee_teams, team_b):
    client.force_login(BeheerderFactory())
    # The members section moved to the members tab of the team page.
    response = client.get(reverse("werkteams:lid_list", args=[team_b.slug]))
    assert 'id="leden"' in response.content.decode()


def test_public_team_page_shows_theme_and_organisations_but_no_personal_data(client, team_a):
    org = OrganisatieFactory(naam="Stichting Voorbeeldwelzijn")
    lid = LidmaatschapFactory(
        werkteam=team_a,
        persoon=PersoonFactory(
            naam="Geheime Naam", email="geheim@fictief.example", organisatie=org
        ),
    )
    response = client.get(team_a.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert team_a.opgave in html and "Stichting Voorbeeldwelzijn" in html
    assert lid.persoon.naam not in html and lid.persoon.email not in html
    assert 'id="leden"' not in html


def test_other_coordinator_sees_only_the_public_page(client, team_a):
    LidmaatschapFactory(werkteam=team_a, persoon=PersoonFactory(naam="Geheime Naam"))
    client.force_login(CoordinatorFactory(username="ander"))
    html = client.get(team_a.get_absolute_url()).content.decode()
    assert "Geheime Naam" not in html


def test_list_page_groups_teams_by_period(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    html = client.get(reverse("werkteams:werkteam_list")).content.decode()
    assert "Team A" in html and "2020-2022" in html


# --- Happy paths with HTMX -----------------------------------------------------------------


def test_add_member_inline_returns_the_members_section(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    url = reverse("werkteams:lid_create", args=[team_a.slug])
    form = client.get(url, **HX)
    assert "<html" not in form.content.decode() and 'name="rol"' in form.content.decode()
    response = client.post(
        url,
        {
            "naam": "Nieuwe Fictief",
            "email": "nieuw@fictief.example",
            "rol": "student",
            "start": "2021-02-01",
        },
        **HX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#leden-vak"
    assert "Nieuwe Fictief" in response.content.decode()
    assert Lidmaatschap.objects.get(werkteam=team_a).persoon.email == "nieuw@fictief.example"


def _eigen_tweede_team(coordinator):
    team = WerkteamFactory()
    team.coordinatoren.add(coordinator)
    return team


def test_add_member_without_javascript_redirects(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    # The list offers people from the coordinator's own teams (see test_rechten.py).
    persoon = LidmaatschapFactory(werkteam=_eigen_tweede_team(coordinator_a)).persoon
    response = client.post(
        reverse("werkteams:lid_create", args=[team_a.slug]),
        {"persoon": persoon.pk, "rol": "lector", "start": "2021-02-01", "kerngroep": "on"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#leden")
    assert Lidmaatschap.objects.get(werkteam=team_a, persoon=persoon).kerngroep


def test_overlapping_membership_shows_the_error_at_the_field(client, team_a, coordinator_a):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_create", args=[team_a.slug]),
        {"persoon": lid.persoon.pk, "rol": "lector", "start": "2021-02-01"},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "foutsamenvatting" in html
    assert "al lid van dit team" in html
    assert Lidmaatschap.objects.count() == 1


def test_handover_inline(client, team_a, coordinator_a):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    opvolger = PersoonFactory(naam="Opvolger Fictief")
    LidmaatschapFactory(werkteam=_eigen_tweede_team(coordinator_a), persoon=opvolger)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_handover", args=[team_a.slug, lid.pk]),
        {"datum": "2021-03-01", "persoon": opvolger.pk},
        **HX,
    )
    assert response["HX-Retarget"] == "#leden-vak"
    lid.refresh_from_db()
    assert lid.overgedragen_aan.persoon == opvolger
    assert "Opvolger Fictief" in response.content.decode()


def test_handover_to_same_person_shows_error(client, team_a, coordinator_a):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:lid_handover", args=[team_a.slug, lid.pk]),
        {"datum": "2021-03-01", "persoon": lid.persoon.pk},
        **HX,
    )
    assert "dezelfde persoon" in response.content.decode()
    lid.refresh_from_db()
    assert lid.eind is None


def test_end_and_edit_membership(client, team_a, coordinator_a):
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    client.post(
        reverse("werkteams:lid_end", args=[team_a.slug, lid.pk]), {"eind": "2021-06-30"}, **HX
    )
    lid.refresh_from_db()
    assert lid.eind == datetime.date(2021, 6, 30)
    client.post(
        reverse("werkteams:lid_edit", args=[team_a.slug, lid.pk]),
        {"rol": "lector", "start": "2020-01-01", "eind": "2021-07-31", "kerngroep": "on"},
        **HX,
    )
    lid.refresh_from_db()
    assert (lid.rol, lid.kerngroep, lid.eind) == ("lector", True, datetime.date(2021, 7, 31))


def test_member_login_invite_and_read_only_overview(client, team_a, coordinator_a, mailoutbox):
    lid = LidmaatschapFactory(werkteam=team_a)
    bijeenkomst = BijeenkomstFactory(
        werkteam=team_a, verslag="Verslagtekst", verslag_gepubliceerd_op=timezone.now()
    )
    AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=lid)
    client.force_login(coordinator_a)
    with na_commit():
        client.post(reverse("werkteams:lid_login", args=[team_a.slug, lid.pk]), **HX)
    assert len(mailoutbox) == 1
    lid.persoon.refresh_from_db()
    client.force_login(lid.persoon.gebruiker)
    html = client.get(reverse("werkteams:mijn_werkteams")).content.decode()
    assert "Team A" in html and "Verslagtekst" in html
    assert client.get(reverse("werkteams:lid_create", args=[team_a.slug])).status_code == 404


def test_composition_fragment_at_a_date(client, team_a, coordinator_a):
    LidmaatschapFactory(
        werkteam=team_a, start=datetime.date(2020, 1, 1), eind=datetime.date(2020, 12, 31)
    )
    client.force_login(coordinator_a)
    url = reverse("werkteams:samenstelling", args=[team_a.slug])
    assert (
        "1 lid aan tafel"
        in client.get(url + "?samenstelling-datum=2020-06-01", **HX).content.decode()
    )
    assert (
        "0 leden aan tafel"
        in client.get(url + "?samenstelling-datum=2021-06-01", **HX).content.decode()
    )
    assert (
        client.get(url + "?samenstelling-datum=2021-06-01").status_code == 200
    )  # full page without JS


def test_plan_series_inline_invites_members(client, team_a, coordinator_a, mailoutbox):
    LidmaatschapFactory(werkteam=team_a, start=datetime.date(2020, 1, 1))
    client.force_login(coordinator_a)
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    with na_commit():
        response = client.post(
            reverse("werkteams:bijeenkomst_plan", args=[team_a.slug]),
            {
                "titel": "Werkteambijeenkomst",
                "eerste": eerste.isoformat(),
                "tijd": "15:00",
                "duur_minuten": "120",
                "herhaling": "wekelijks",
                "tot": (eerste + datetime.timedelta(days=21)).isoformat(),
                "overslaan": (eerste + datetime.timedelta(days=7)).strftime("%d-%m-%Y"),
                "vorm": "hybride",
                "locatie": "Lokaal 1",
                "online_link": "https://teams.example/x",
                "leerdoelen": "Doel een\nDoel twee",
                "herinnering_dagen": "2",
            },
            **HX,
        )
    assert response["HX-Retarget"] == "#bijeenkomsten-vak"
    assert Bijeenkomst.objects.filter(werkteam=team_a).count() == 3
    assert Leerdoel.objects.filter(bijeenkomst__werkteam=team_a).count() == 6
    assert len(mailoutbox) == 1  # one series invitation for the one member, not one per date


def test_meeting_page_edit_and_cancel(client, team_a, coordinator_a, mailoutbox):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    AanwezigheidFactory(bijeenkomst=bijeenkomst)
    client.force_login(coordinator_a)
    assert (
        client.get(
            reverse("werkteams:bijeenkomst_detail", args=[team_a.slug, bijeenkomst.pk])
        ).status_code
        == 200
    )
    dag = timezone.localdate() + datetime.timedelta(days=12)
    with na_commit():
        response = client.post(
            reverse("werkteams:bijeenkomst_edit", args=[team_a.slug, bijeenkomst.pk]),
            {
                "titel": "Verzet",
                "dag": dag.isoformat(),
                "tijd": "10:00",
                "duur_minuten": "90",
                "vorm": "fysiek",
                "locatie": "Elders",
            },
            **HX,
        )
    assert response.status_code == 204 and "HX-Redirect" in response
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.titel == "Verzet" and bijeenkomst.volgnummer == 1
    with na_commit():
        client.post(
            reverse("werkteams:bijeenkomst_cancel", args=[team_a.slug, bijeenkomst.pk]), **HX
        )
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.is_geannuleerd
    assert len(mailoutbox) == 2


def test_attendance_minutes_actions_goals_and_publish(client, team_a, coordinator_a, mailoutbox):
    bijeenkomst = BijeenkomstFactory(
        werkteam=team_a, start=timezone.now() - datetime.timedelta(hours=3)
    )
    aanwezig = AanwezigheidFactory(bijeenkomst=bijeenkomst)
    afwezig = AanwezigheidFactory(bijeenkomst=bijeenkomst)
    doel = Leerdoel.objects.create(bijeenkomst=bijeenkomst, omschrijving="Doel")
    client.force_login(coordinator_a)
    args = [team_a.slug, bijeenkomst.pk]

    r = client.post(
        reverse("werkteams:aanwezigheid", args=args),
        {f"aanw-a{aanwezig.pk}": "aanwezig", f"aanw-a{afwezig.pk}": "afwezig"},
        **HX,
    )
    assert r.status_code == 200 and 'id="aanwezigheid"' in r.content.decode()
    assert "<html" not in r.content.decode()
    aanwezig.refresh_from_db()
    assert aanwezig.status == "aanwezig"

    client.post(
        reverse("werkteams:verslag", args=args),
        {"verslag-incheck": "Rondje", "verslag-verslag": "Het verslag"},
        **HX,
    )
    r = client.post(
        reverse("werkteams:verslagpunt_create", args=args),
        {
            "punt-soort": "actie",
            "punt-tekst": "Bellen",
            "punt-eigenaar": aanwezig.lidmaatschap.persoon.pk,
            "punt-deadline": "2030-01-01",
        },
        **HX,
    )
    punt = Verslagpunt.objects.get(bijeenkomst=bijeenkomst)
    assert punt.eigenaar == aanwezig.lidmaatschap.persoon
    client.post(reverse("werkteams:verslagpunt_toggle", args=[*args, punt.pk]), **HX)
    punt.refresh_from_db()
    assert punt.gedaan
    client.post(reverse("werkteams:leerdoelen", args=args), {f"doelen-d{doel.pk}": "deels"}, **HX)
    doel.refresh_from_db()
    assert doel.resultaat == "deels"
    client.post(
        reverse("werkteams:leerdoel_create", args=args), {"doel-omschrijving": "Nieuw doel"}, **HX
    )
    assert bijeenkomst.leerdoelen.count() == 2

    with na_commit():
        r = client.post(reverse("werkteams:verslag_publish", args=args), **HX)
    assert "gemaild" in r.content.decode()
    assert {m.to[0] for m in mailoutbox} == {
        aanwezig.lidmaatschap.persoon.email,
        afwezig.lidmaatschap.persoon.email,
    }
    assert "Bellen" in mailoutbox[0].body


def test_action_owner_must_be_an_invitee(client, team_a, coordinator_a):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    vreemde = PersoonFactory()
    client.force_login(coordinator_a)
    r = client.post(
        reverse("werkteams:verslagpunt_create", args=[team_a.slug, bijeenkomst.pk]),
        {"punt-soort": "actie", "punt-tekst": "Bellen", "punt-eigenaar": vreemde.pk},
        **HX,
    )
    assert "foutsamenvatting" in r.content.decode()
    assert not Verslagpunt.objects.exists()


def test_absence_by_personal_link_without_login(client):
    aanwezigheid = AanwezigheidFactory()
    url = reverse("werkteams:afmelden", args=[aanwezigheid.sleutel])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reden": "Vakantie"})
    assert response.status_code == 200 and "Dank je" in response.content.decode()
    aanwezigheid.refresh_from_db()
    assert aanwezigheid.status == "afgemeld"
    assert client.get(reverse("werkteams:afmelden", args=["onbekend"])).status_code == 404


def test_learning_outcome_at_organisation_level_with_file(client, team_a, coordinator_a):
    org = OrganisatieFactory()
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:leeropbrengst_create", args=[team_a.slug]),
        {
            "niveau": "organisatie",
            "wat": "Werkwijze overgenomen",
            "datum": "2021-05-01",
            "organisatie": org.pk,
            "bewijs_bestand": SimpleUploadedFile(
                "bewijs.pdf", b"%PDF-1.4 test", content_type="application/pdf"
            ),
        },
        **HX,
    )
    assert response["HX-Retarget"] == "#leeropbrengsten-vak"
    opbrengst = Leeropbrengst.objects.get(werkteam=team_a)
    assert opbrengst.organisatie == org and opbrengst.bewijs_bestand.name.endswith(".pdf")
    opbrengst.bewijs_bestand.delete(save=False)


def test_activity_and_team_edit(client, team_a, coordinator_a):
    org = OrganisatieFactory()
    client.force_login(coordinator_a)
    client.post(
        reverse("werkteams:activiteit_create", args=[team_a.slug]),
        {
            "soort": "gastles",
            "titel": "Gastles schulden",
            "organisaties": [org.pk],
            "aantal_studenten": "25",
            "opleiding": "SJD",
        },
        **HX,
    )
    activiteit = Activiteit.objects.get(werkteam=team_a)
    assert list(activiteit.organisaties.all()) == [org] and activiteit.aantal_studenten == 25
    r = client.post(
        reverse("werkteams:werkteam_edit", args=[team_a.slug]),
        {
            "opgave": "Nieuwe opgave",
            "status": "actief",
            "gewenste_sectoren": ["wonen"],
            "gewenst_maar_afwezig": "huisartsen\nwoningcorporaties",
        },
        **HX,
    )
    assert r["HX-Retarget"] == "#over-vak"
    team_a.refresh_from_db()
    assert team_a.opgave == "Nieuwe opgave"
    assert team_a.gewenst_maar_afwezig == ["huisartsen", "woningcorporaties"]


def test_home_shows_the_teams_of_the_latest_period(client, team_a):
    assert "Team A" in client.get("/").content.decode()


# --- Query counts -------------------------------------------------------------------------


def _meer_data(team, keer):
    for _ in range(keer):
        vul_team(team, leden=3)


def test_team_page_query_count_is_constant(
    client, team_a, coordinator_a, django_assert_num_queries
):
    vul_team(team_a)
    client.force_login(coordinator_a)
    # The members table moved from the team page to its members tab: that page is measured.
    url = reverse("werkteams:lid_list", args=[team_a.slug])
    client.get(url)
    # team with the coordinator check, memberships with people and hand-overs (the other
    # sections' queries moved with them to their own tabs; see test_teampagina.py). The
    # session comes from the cache, the user as kept per content version.
    with django_assert_num_queries(2):
        client.get(url)
    _meer_data(team_a, 10)
    client.get(url)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.content.decode().count("<tr") > 30


def test_members_fragment_query_count_is_constant(
    client, team_a, coordinator_a, django_assert_num_queries
):
    vul_team(team_a)
    client.force_login(coordinator_a)
    url = reverse("werkteams:lid_list", args=[team_a.slug])
    client.get(url, **HX)  # warms the cached site settings
    # team with the coordinator check, memberships with people and hand-overs (the session
    # comes from the cache, the user as kept per content version).
    with django_assert_num_queries(2):
        client.get(url, **HX)
    _meer_data(team_a, 10)
    client.get(url, **HX)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(2):
        client.get(url, **HX)


def test_meeting_page_query_count_is_constant(
    client, team_a, coordinator_a, django_assert_num_queries
):
    data = vul_team(team_a)
    bijeenkomst = data["bijeenkomst"]
    client.force_login(coordinator_a)
    url = reverse("werkteams:bijeenkomst_detail", args=[team_a.slug, bijeenkomst.pk])
    client.get(url)  # warms the cached site settings
    # team with the coordinator check, meeting, attendance with people, goals,
    # decisions/actions with owners (the session comes from the cache, the user as kept per
    # content version).
    with django_assert_num_queries(5):
        client.get(url)
    for _ in range(30):
        AanwezigheidFactory(bijeenkomst=bijeenkomst)
        Leerdoel.objects.create(bijeenkomst=bijeenkomst, omschrijving="x")
        Verslagpunt.objects.create(bijeenkomst=bijeenkomst, soort="besluit", tekst="x")
    client.get(url)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(5):
        client.get(url)


def test_public_pages_query_count_is_constant(client, team_a, django_assert_num_queries):
    from django.core.cache import cache

    vul_team(team_a)
    lijst = reverse("werkteams:werkteam_list")

    def meten():
        # Measure a real render: empty the page cache (and with it the cached site settings).
        cache.clear()
        # site settings, team, activities, their organisations, kenniscafés, publications,
        # participating organisations, the teams it continued in.
        with django_assert_num_queries(8):
            client.get(team_a.get_absolute_url())
        cache.clear()
        # site settings, teams with their periods.
        with django_assert_num_queries(2):
            client.get(lijst)

    meten()
    _meer_data(team_a, 10)
    WerkteamFactory.create_batch(10)
    meten()


def test_anonymous_team_page_is_served_from_the_page_cache_until_data_changes(
    client, team_a, django_assert_num_queries
):
    client.get(team_a.get_absolute_url())
    with django_assert_num_queries(0):
        assert team_a.opgave in client.get(team_a.get_absolute_url()).content.decode()
    team_a.opgave = "Een nieuwe opgave"
    team_a.save()
    assert "Een nieuwe opgave" in client.get(team_a.get_absolute_url()).content.decode()


def _publicatie(team, titel, status="gepubliceerd"):
    from publicaties.models import Publicatie

    publicatie = Publicatie.objects.create(
        titel=titel, slug=titel.lower().replace(" ", "-"), type="blog", jaar=2021, status=status
    )
    publicatie.werkteams.add(team)
    return publicatie


def test_public_page_lists_the_teams_published_cafes_and_publications(client, team_a):
    from tests.kenniscafes.factories import KenniscafeFactory

    cafe = KenniscafeFactory(titel="Kenniscafe over schulden")
    cafe.organisator_werkteams.add(team_a)
    concept = KenniscafeFactory(titel="Nog geheim cafe", status="concept")
    concept.organisator_werkteams.add(team_a)
    _publicatie(team_a, "Blog over armoede")
    _publicatie(team_a, "Concept blog", status="concept")
    html = client.get(team_a.get_absolute_url()).content.decode()
    assert "Kenniscafe over schulden" in html and "Blog over armoede" in html
    assert "Nog geheim cafe" not in html and "Concept blog" not in html


def test_outcome_linked_to_a_cafe_and_the_teams_publication(client, team_a, coordinator_a):
    from tests.kenniscafes.factories import KenniscafeFactory

    cafe = KenniscafeFactory()
    publicatie = _publicatie(team_a, "Onze bundel")
    andere = _publicatie(WerkteamFactory(), "Andermans bundel")
    client.force_login(coordinator_a)
    url = reverse("werkteams:leeropbrengst_create", args=[team_a.slug])
    data = {"niveau": "team", "wat": "Geleerd", "datum": "2021-05-01", "kenniscafe": cafe.pk}
    response = client.post(url, {**data, "publicatie": andere.pk}, **HX)
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Leeropbrengst.objects.exists()
    response = client.post(url, {**data, "publicatie": publicatie.pk}, **HX)
    opbrengst = Leeropbrengst.objects.get()
    assert (opbrengst.kenniscafe, opbrengst.publicatie) == (cafe, publicatie)
    assert "Onze bundel" in response.content.decode()


def test_every_page_of_own_team_works_without_and_with_htmx(
    client, twee_teams, team_a, coordinator_a
):
    a, _ = twee_teams
    client.force_login(coordinator_a)
    for url in team_urls(team_a, a["leden"][0], a["bijeenkomst"], a["punt"]):
        pagina = client.get(url)
        if pagina.status_code == 405:
            continue  # POST-only actions are buttons inside the pages
        if pagina.status_code == 302:  # a fragment-only URL sends browsers to the team page
            assert pagina["Location"].startswith(team_a.get_absolute_url())
            continue
        assert pagina.status_code == 200, url
        assert "<html" in pagina.content.decode(), url
        fragment = client.get(url, **HX)
        assert fragment.status_code == 200, url
        if "bijeenkomsten/" in url and url.rstrip("/").split("/")[-1].isdigit():
            continue  # the meeting page itself is a page, not a fragment
        assert "<html" not in fragment.content.decode(), url


def test_outcome_form_from_a_meeting_has_the_meeting_filled_in(client, team_a, coordinator_a):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    client.force_login(coordinator_a)
    html = client.get(
        reverse("werkteams:leeropbrengst_create", args=[team_a.slug])
        + f"?bijeenkomst={bijeenkomst.pk}"
    ).content.decode()
    assert f'<option value="{bijeenkomst.pk}" selected>' in html
    # Another team's meeting in the URL is not offered.
    ander = BijeenkomstFactory()
    html = client.get(
        reverse("werkteams:leeropbrengst_create", args=[team_a.slug]) + f"?bijeenkomst={ander.pk}"
    ).content.decode()
    assert f'value="{ander.pk}"' not in html
