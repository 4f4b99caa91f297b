"""Beheerders search, change and merge people in the site (#12, people)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import BeheerderFactory, CoordinatorFactory, OrganisatieFactory
from tests.gelijktijdig import fouten, parallel
from werkplaats.kern.models import Bericht
from werkteams import services
from werkteams.models import Aanwezigheid, Leeropbrengst, Lidmaatschap, Persoon, Verslagpunt
from werkteams.regels import WerkteamFout
from werkteams.selectors_personen import naam_normaal, persoon_duplicaten

from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LeeropbrengstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def beheerder(client):
    gebruiker = BeheerderFactory()
    client.force_login(gebruiker)
    return gebruiker


def _samenvoegen(houden, weg, **keuzes):
    waarden = {v: keuzes.get(v, houden).pk for v in ("naam", "email", "organisatie", "functie")}
    return services.personen_merge(
        houden_id=houden.pk,
        weg_id=weg.pk,
        naam_van=waarden["naam"],
        email_van=waarden["email"],
        organisatie_van=waarden["organisatie"],
        functie_van=waarden["functie"],
    )


def _paginas():
    a, b = PersoonFactory(), PersoonFactory()
    return [
        reverse("werkteams:persoon_list"),
        reverse("werkteams:persoon_duplicaten"),
        reverse("werkteams:persoon_edit", args=[a.pk]),
        reverse("werkteams:persoon_merge_choose", args=[a.pk]),
        reverse("werkteams:persoon_merge", args=[a.pk, b.pk]),
    ]


# --- permissions -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in _paginas():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))


def test_coordinators_and_members_get_403_and_cannot_merge(client):
    a, b = PersoonFactory(), PersoonFactory()
    client.force_login(CoordinatorFactory())
    for url in _paginas():
        assert client.get(url).status_code == 403, url
    url = reverse("werkteams:persoon_merge", args=[a.pk, b.pk])
    keuzes = {"naam": a.pk, "email": a.pk, "organisatie": a.pk, "functie": a.pk}
    assert client.post(url, keuzes).status_code == 403
    assert Persoon.objects.filter(pk=b.pk).exists()


def test_the_beheer_overview_links_to_the_people_pages(client, beheerder):
    response = client.get(reverse("beheer:overzicht"))
    assert reverse("werkteams:persoon_list") in response.content.decode()


def test_the_people_pages_sit_under_manage_in_the_menu_and_search_is_a_plain_search_box(
    client, beheerder
):
    html = client.get(reverse("werkteams:persoon_list")).content.decode()
    # The menu marks "Werkplaats beheren", not "Werkteams", as the current section.
    assert 'aria-current="page">Werkplaats beheren<' in html
    assert 'aria-current="page">Werkteams<' not in html
    # A search box is a search box: type=search, and no "(optioneel)" after its label.
    assert 'type="search" name="q"' in html
    assert "(optioneel)" not in html


def test_the_django_admin_is_out_of_the_menu_and_linked_quietly_from_the_overview(
    client, beheerder
):
    overzicht = client.get(reverse("beheer:overzicht")).content.decode()
    menu = overzicht.split("</nav>")[0]
    assert reverse("admin:index") not in menu
    assert reverse("admin:index") in overzicht.split("</nav>", 1)[1]
    assert "voor noodgevallen" in overzicht


def test_personen_is_a_reserved_team_slug():
    assert "personen" in services.GERESERVEERDE_SLUGS


# --- search ------------------------------------------------------------------------------


def test_search_finds_by_name_email_and_organisation_and_shows_counts(client, beheerder):
    gemeente = OrganisatieFactory(naam="Gemeente Zoekstad")
    piet = PersoonFactory(naam="Piet Zoeker", email="pz@voorbeeld.example")
    anna = PersoonFactory(naam="Anna Ander", organisatie=gemeente)
    PersoonFactory(naam="Niemand Anders")
    LidmaatschapFactory(persoon=piet, start=D(2020, 1, 1), eind=D(2020, 12, 31))
    lid = LidmaatschapFactory(persoon=piet, start=D(2022, 1, 1))
    LidmaatschapFactory(
        persoon=piet, werkteam=lid.werkteam, start=D(2019, 1, 1), eind=D(2019, 6, 1)
    )
    url = reverse("werkteams:persoon_list")

    assert [p.pk for p in client.get(url, {"q": "zoeker"}).context["pagina"]] == [piet.pk]
    assert [p.pk for p in client.get(url, {"q": "PZ@voorb"}).context["pagina"]] == [piet.pk]
    assert [p.pk for p in client.get(url, {"q": "zoekstad"}).context["pagina"]] == [anna.pk]
    inhoud = client.get(url, {"q": "zoeker"}).content.decode()
    rij = inhoud[inhoud.index("Piet Zoeker") :]
    assert "<td>2</td><td>3</td>" in rij  # two teams, three memberships


def test_search_as_you_type_returns_only_the_results(client, beheerder):
    PersoonFactory(naam="Fragment Persoon")
    response = client.get(
        reverse("werkteams:persoon_list"), {"q": "fragment"}, HTTP_HX_REQUEST="true"
    )
    inhoud = response.content.decode()
    assert "Fragment Persoon" in inhoud
    assert "<html" not in inhoud and "<form" not in inhoud
    assert "HX-Request" in response["Vary"]


def test_the_list_is_paginated(client, beheerder):
    PersoonFactory.create_batch(30)
    url = reverse("werkteams:persoon_list")
    assert len(client.get(url).context["pagina"]) == 25
    tweede = client.get(url, {"pagina": 2})
    assert len(tweede.context["pagina"]) == 5
    assert "pagina 2 van 2" in tweede.content.decode()
    fragment = client.get(url, {"pagina": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-get="{url}?q=&amp;pagina=1"' in fragment


def test_hostile_search_text_is_harmless(client, beheerder):
    for q in ["<script>alert(1)</script>", "'; DROP TABLE werkteams_persoon; --", "é" * 500]:
        response = client.get(reverse("werkteams:persoon_list"), {"q": q})
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()


def test_the_list_needs_the_same_queries_for_ten_times_the_people(
    client, beheerder, django_assert_max_num_queries
):
    def vul(n):
        for _ in range(n):
            LidmaatschapFactory()

    url = reverse("werkteams:persoon_list")
    vul(3)
    client.get(url)  # the site settings are cached from the first page on
    # the paginator's count, one page of people with their organisation and counts (one
    # grouped query); nothing per person. The session comes from the cache, the user as kept
    # per content version.
    with django_assert_max_num_queries(2) as klein:
        client.get(url, {"q": "Fictief"})
    vul(30)
    client.get(url, {"q": "Fictief"})  # the new rows made the user kept per content version stale
    with django_assert_max_num_queries(2) as groot:
        client.get(url, {"q": "Fictief"})
    assert len(groot.captured_queries) == len(klein.captured_queries)


# --- change ------------------------------------------------------------------------------


def test_a_beheerder_changes_a_person_and_sees_what_changed(client, beheerder):
    persoon = PersoonFactory(naam="Oude Naam", functie="Wijkcoach")
    response = client.post(
        reverse("werkteams:persoon_edit", args=[persoon.pk]),
        {
            "naam": "Nieuwe Naam",
            "email": persoon.email,
            "organisatie": persoon.organisatie_id,
            "functie": "Wijkcoach",
        },
        follow=True,
    )
    persoon.refresh_from_db()
    assert persoon.naam == "Nieuwe Naam"
    melding = " ".join(str(m) for m in response.context["messages"])
    assert "Gewijzigd: naam" in melding
    assert "e-mail" not in melding


def test_the_page_says_a_login_keeps_its_own_address(client, beheerder):
    persoon = PersoonFactory(gebruiker=CoordinatorFactory(username="met-login"))
    inhoud = client.get(reverse("werkteams:persoon_edit", args=[persoon.pk])).content.decode()
    assert "logt in als met-login" in inhoud


def test_an_address_another_person_has_is_refused_in_any_case(client, beheerder):
    PersoonFactory(naam="Bestaande Bea", email="bea@voorbeeld.example")
    persoon = PersoonFactory(email="iemand@voorbeeld.example")
    response = client.post(
        reverse("werkteams:persoon_edit", args=[persoon.pk]),
        {"naam": persoon.naam, "email": "BEA@Voorbeeld.example", "organisatie": "", "functie": ""},
    )
    assert response.status_code == 200
    assert "Bestaande Bea heeft al het e-mailadres" in response.context["form"].errors["email"][0]
    persoon.refresh_from_db()
    assert persoon.email == "iemand@voorbeeld.example"


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [("naam", ""), ("naam", "x" * 201), ("email", "geen-adres"), ("functie", "a\x00b")],
)
def test_bad_input_is_refused_next_to_its_field(client, beheerder, veld, waarde):
    persoon = PersoonFactory(naam="Blijft Gelijk")
    data = {"naam": persoon.naam, "email": persoon.email, "organisatie": "", "functie": ""}
    data[veld] = waarde
    response = client.post(reverse("werkteams:persoon_edit", args=[persoon.pk]), data)
    assert response.status_code == 200
    assert veld in response.context["form"].errors
    persoon.refresh_from_db()
    assert persoon.naam == "Blijft Gelijk"


def test_archived_organisations_are_offered_only_as_the_current_value(client, beheerder):
    archief = OrganisatieFactory(naam="Oude Stichting", gearchiveerd=True)
    ander_archief = OrganisatieFactory(naam="Andere Oude", gearchiveerd=True)
    persoon = PersoonFactory(organisatie=archief)
    form = client.get(reverse("werkteams:persoon_edit", args=[persoon.pk])).context["form"]
    keuzes = set(form.fields["organisatie"].queryset)
    assert archief in keuzes and ander_archief not in keuzes
    with pytest.raises(WerkteamFout):
        services.persoon_update(
            persoon=PersoonFactory(),
            naam="X",
            email="x@voorbeeld.example",
            organisatie=ander_archief,
            functie="",
        )


# --- merge -------------------------------------------------------------------------------


def test_merging_moves_every_relation_and_deletes_the_other(beheerder, client):
    houden = PersoonFactory(naam="Piet Jansen", email="piet@werk.example", functie="")
    weg = PersoonFactory(naam="P. Jansen", email="piet@thuis.example", functie="Wijkcoach")
    lid = LidmaatschapFactory(persoon=weg, start=D(2021, 1, 1))
    aanwezig = AanwezigheidFactory(
        lidmaatschap=lid, bijeenkomst=BijeenkomstFactory(werkteam=lid.werkteam)
    )
    opbrengst = LeeropbrengstFactory(persoon=weg)
    actie = Verslagpunt.objects.create(
        bijeenkomst=aanwezig.bijeenkomst, soort="actie", tekst="Bellen", eigenaar=weg
    )
    response = client.post(
        reverse("werkteams:persoon_merge", args=[houden.pk, weg.pk]),
        {"naam": houden.pk, "email": houden.pk, "organisatie": weg.pk, "functie": weg.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not Persoon.objects.filter(pk=weg.pk).exists()
    houden.refresh_from_db()
    assert (houden.naam, houden.email, houden.organisatie_id, houden.functie) == (
        "Piet Jansen",
        "piet@werk.example",
        weg.organisatie_id,
        "Wijkcoach",
    )
    assert Lidmaatschap.objects.get(pk=lid.pk).persoon == houden
    assert Aanwezigheid.objects.get(pk=aanwezig.pk).lidmaatschap_id == lid.pk
    assert Leeropbrengst.objects.get(pk=opbrengst.pk).persoon == houden
    assert Verslagpunt.objects.get(pk=actie.pk).eigenaar == houden


def test_the_confirmation_shows_both_sides_found_through_the_relations(client, beheerder):
    a, b = PersoonFactory(naam="Links Lid"), PersoonFactory(naam="Rechts Lid")
    LeeropbrengstFactory(persoon=b, wat="Iets geleerds")
    LidmaatschapFactory(persoon=a, werkteam=WerkteamFactory(naam="Team Links"), start=D(2020, 3, 1))
    inhoud = client.get(reverse("werkteams:persoon_merge", args=[a.pk, b.pk])).content.decode()
    assert "Links Lid" in inhoud and "Rechts Lid" in inhoud
    assert b.gebruiker is None and "<td>—</td>" in inhoud  # neither has a login
    assert "Iets geleerds" in inhoud
    assert "Team Links (1-3-2020 – …)" in inhoud
    namen = {str(r.related_model._meta.verbose_name_plural) for r in Persoon._meta.related_objects}
    assert all(naam.lower() in inhoud.lower() for naam in ["leeropbrengsten", "lidmaatschappen"])
    assert len(namen) >= 3


def test_choosing_the_other_address_frees_it_without_a_clash():
    houden = PersoonFactory(email="oud@voorbeeld.example")
    weg = PersoonFactory(email="nieuw@voorbeeld.example")
    samen = _samenvoegen(houden, weg, email=weg)
    assert Persoon.objects.get(pk=samen.pk).email == "nieuw@voorbeeld.example"


def test_overlapping_memberships_of_one_team_become_one():
    team = WerkteamFactory()
    houden, weg = PersoonFactory(), PersoonFactory()
    eerste = LidmaatschapFactory(
        werkteam=team, persoon=houden, start=D(2020, 1, 1), eind=D(2021, 6, 30)
    )
    tweede = LidmaatschapFactory(
        werkteam=team, persoon=weg, start=D(2021, 1, 1), eind=None, kerngroep=True
    )
    los = LidmaatschapFactory(
        werkteam=team, persoon=houden, start=D(2018, 1, 1), eind=D(2018, 12, 31)
    )
    bijeenkomst = BijeenkomstFactory(werkteam=team)
    AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=eerste, status="onbekend")
    telt = AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=tweede, status="aanwezig")
    alleen = AanwezigheidFactory(bijeenkomst=BijeenkomstFactory(werkteam=team), lidmaatschap=tweede)

    _samenvoegen(houden, weg)

    leden = list(Lidmaatschap.objects.filter(persoon=houden).order_by("start"))
    assert [(m.pk, m.start, m.eind) for m in leden] == [
        (los.pk, D(2018, 1, 1), D(2018, 12, 31)),
        (eerste.pk, D(2020, 1, 1), None),
    ]
    assert leden[1].kerngroep
    rijen = Aanwezigheid.objects.filter(lidmaatschap=eerste)
    assert {(r.pk, r.status) for r in rijen} == {(telt.pk, "aanwezig"), (alleen.pk, "onbekend")}


def test_a_membership_bridging_two_others_folds_all_three():
    team = WerkteamFactory()
    houden, weg = PersoonFactory(), PersoonFactory()
    LidmaatschapFactory(werkteam=team, persoon=houden, start=D(2020, 1, 1), eind=D(2020, 12, 31))
    LidmaatschapFactory(werkteam=team, persoon=houden, start=D(2022, 1, 1), eind=D(2022, 12, 31))
    LidmaatschapFactory(werkteam=team, persoon=weg, start=D(2020, 6, 1), eind=D(2022, 6, 1))
    _samenvoegen(houden, weg)
    assert list(Lidmaatschap.objects.values_list("start", "eind")) == [
        (D(2020, 1, 1), D(2022, 12, 31))
    ]


def test_two_logins_are_refused_in_dutch_and_nothing_changes(client, beheerder):
    houden = PersoonFactory(gebruiker=CoordinatorFactory(username="login-een"))
    weg = PersoonFactory(gebruiker=CoordinatorFactory(username="login-twee"))
    lid = LidmaatschapFactory(persoon=weg)
    response = client.post(
        reverse("werkteams:persoon_merge", args=[houden.pk, weg.pk]),
        {"naam": weg.pk, "email": weg.pk, "organisatie": weg.pk, "functie": weg.pk},
    )
    assert response.status_code == 200
    assert "eigen login" in str(response.context["form"].non_field_errors())
    assert Persoon.objects.filter(pk=weg.pk).exists()
    assert Lidmaatschap.objects.get(pk=lid.pk).persoon_id == weg.pk
    houden.refresh_from_db()
    assert houden.naam != weg.naam


def test_one_login_moves_to_the_merged_person():
    gebruiker = CoordinatorFactory()
    houden, weg = PersoonFactory(), PersoonFactory(gebruiker=gebruiker)
    _samenvoegen(houden, weg)
    assert Persoon.objects.get(pk=houden.pk).gebruiker == gebruiker


def test_clashing_hand_overs_are_refused_and_nothing_is_half_done():
    team = WerkteamFactory()
    houden, weg = PersoonFactory(), PersoonFactory()
    a = LidmaatschapFactory(
        werkteam=team, persoon=houden, start=D(2020, 1, 1), eind=D(2020, 12, 31)
    )
    b = LidmaatschapFactory(werkteam=team, persoon=weg, start=D(2020, 6, 1), eind=D(2020, 12, 31))
    a.overgedragen_aan = LidmaatschapFactory(werkteam=team, start=D(2021, 1, 1))
    a.save()
    b.overgedragen_aan = LidmaatschapFactory(werkteam=team, start=D(2021, 1, 1))
    b.save()
    with pytest.raises(WerkteamFout, match="overgedragen"):
        _samenvoegen(houden, weg)
    assert Lidmaatschap.objects.get(pk=b.pk).persoon_id == weg.pk
    assert Persoon.objects.filter(pk=weg.pk).exists()


def test_merging_a_person_with_themself_or_a_missing_one_is_refused():
    persoon = PersoonFactory()
    with pytest.raises(WerkteamFout):
        _samenvoegen(persoon, persoon)
    with pytest.raises(WerkteamFout, match="bestaat niet meer"):
        services.personen_merge(
            houden_id=persoon.pk,
            weg_id=persoon.pk + 999,
            naam_van=persoon.pk,
            email_van=persoon.pk,
            organisatie_van=persoon.pk,
            functie_van=persoon.pk,
        )


def test_werkteam_mail_to_the_dropped_address_is_erased_but_cafe_mail_stays():
    houden = PersoonFactory(email="blijft@voorbeeld.example")
    weg = PersoonFactory(email="vervalt@voorbeeld.example")
    team = Bericht.objects.create(
        sleutel="werkteams:uitnodiging:1:2:1", aan=weg.email, onderwerp="Uitnodiging", tekst="x"
    )
    cafe = Bericht.objects.create(
        sleutel="kenniscafes:bevestiging:9", aan=weg.email, onderwerp="Bevestiging", tekst="x"
    )
    _samenvoegen(houden, weg)
    team.refresh_from_db()
    cafe.refresh_from_db()
    assert team.aan == "" and team.status == Bericht.Status.GEANNULEERD
    assert cafe.aan == weg.email


def test_the_merge_page_refuses_the_same_person_twice(client, beheerder):
    persoon = PersoonFactory()
    response = client.get(reverse("werkteams:persoon_merge", args=[persoon.pk, persoon.pk]))
    assert response.status_code == 302


def test_choosing_the_other_person_searches_as_you_type(client, beheerder):
    persoon = PersoonFactory(naam="Kees Eerst")
    ander = PersoonFactory(naam="Kees Tweede")
    url = reverse("werkteams:persoon_merge_choose", args=[persoon.pk])
    inhoud = client.get(url, {"q": "kees"}, HTTP_HX_REQUEST="true").content.decode()
    assert reverse("werkteams:persoon_merge", args=[persoon.pk, ander.pk]) in inhoud
    assert reverse("werkteams:persoon_merge", args=[persoon.pk, persoon.pk]) not in inhoud


# --- duplicates --------------------------------------------------------------------------


def test_names_are_normalised_for_accents_case_punctuation_and_order():
    assert naam_normaal("Jansen, Piët") == naam_normaal("piet  JANSEN") == "jansen piet"


def test_likely_duplicates_are_listed_in_pairs(client, beheerder):
    a = PersoonFactory(naam="Jansen, Piët")
    b = PersoonFactory(naam="Piet Jansen")
    PersoonFactory(naam="Piet Janssen")
    assert [(x.pk, y.pk) for x, y in persoon_duplicaten()] == [(a.pk, b.pk)]
    inhoud = client.get(reverse("werkteams:persoon_duplicaten")).content.decode()
    assert reverse("werkteams:persoon_merge", args=[a.pk, b.pk]) in inhoud


# --- at the same moment ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_beheerders_merging_the_same_pair_at_once_leave_one_person():
    a, b = PersoonFactory(), PersoonFactory()
    LidmaatschapFactory(persoon=a, start=D(2020, 1, 1))
    LidmaatschapFactory(
        persoon=b, werkteam=Lidmaatschap.objects.get().werkteam, start=D(2021, 1, 1)
    )

    uitkomsten = parallel([lambda: _samenvoegen(a, b), lambda: _samenvoegen(b, a)])

    geslaagd = [u for u in uitkomsten if isinstance(u, Persoon)]
    geweigerd = [u for u in uitkomsten if isinstance(u, WerkteamFout)]
    assert len(geslaagd) == 1 and len(geweigerd) == 1, fouten(uitkomsten)
    assert Persoon.objects.count() == 1
    assert Lidmaatschap.objects.count() == 1


# --- query counts of the other pages ------------------------------------------------------


def _vul_persoon(persoon, n):
    for _ in range(n):
        lid = LidmaatschapFactory(persoon=persoon)
        AanwezigheidFactory(lidmaatschap=lid, bijeenkomst=BijeenkomstFactory(werkteam=lid.werkteam))
        LeeropbrengstFactory(persoon=persoon)


def test_the_person_and_merge_pages_need_the_same_queries_for_ten_times_the_data(
    client, beheerder, django_assert_max_num_queries
):
    a, b = PersoonFactory(), PersoonFactory()
    _vul_persoon(a, 2)
    _vul_persoon(b, 2)
    pagina = reverse("werkteams:persoon_edit", args=[a.pk])
    samenvoegen = reverse("werkteams:persoon_merge", args=[a.pk, b.pk])
    client.get(pagina)  # the site settings are cached from the first page on
    # session + user + the person, the organisations on offer, and per relation of Persoon
    # its first rows (three relations today) plus the attendance count: 8.
    with django_assert_max_num_queries(8):
        client.get(pagina)
    # session + user + both people, then the same four reads per person: 12.
    with django_assert_max_num_queries(12):
        client.get(samenvoegen)
    _vul_persoon(a, 20)
    _vul_persoon(b, 20)
    with django_assert_max_num_queries(10) as groot_persoon:
        client.get(pagina)
    with django_assert_max_num_queries(16) as groot_samen:
        client.get(samenvoegen)
    # Past ten rows a relation adds one count query (memberships and outcomes here: +2 per
    # person), and no more however many rows follow.
    _vul_persoon(a, 10)
    with django_assert_max_num_queries(len(groot_persoon.captured_queries)):
        client.get(pagina)
    with django_assert_max_num_queries(len(groot_samen.captured_queries)):
        client.get(samenvoegen)


def test_the_duplicates_page_needs_the_same_queries_for_ten_times_the_people(
    client, beheerder, django_assert_max_num_queries
):
    def vul(n):
        for i in range(n):
            PersoonFactory(naam=f"Dubbel {i}")
            PersoonFactory(naam=f"dubbel, {i}")

    url = reverse("werkteams:persoon_duplicaten")
    vul(2)
    client.get(url)
    # every person with their organisation in one query (the session comes from the cache,
    # the user as kept per content version).
    with django_assert_max_num_queries(1) as klein:
        client.get(url)
    vul(20)
    client.get(url)  # the new rows made the user kept per content version stale
    with django_assert_max_num_queries(1) as groot:
        client.get(url)
    assert len(klein.captured_queries) == len(groot.captured_queries)


# --- the edges of a merge -----------------------------------------------------------------


def test_a_constraint_the_merge_does_not_know_becomes_a_message_not_a_500():
    """The savepoint around each generic move turns an IntegrityError into a WerkteamFout."""
    from django.db import transaction

    from werkteams.services.personen import _relatie_verhuizen

    team = WerkteamFactory()
    houden, weg = PersoonFactory(), PersoonFactory()
    LidmaatschapFactory(werkteam=team, persoon=houden, start=D(2020, 1, 1))
    lid = LidmaatschapFactory(werkteam=team, persoon=weg, start=D(2021, 1, 1))
    # Memberships moved generically (without their own rule) meet the exclusion constraint.
    rel = Persoon._meta.get_field("lidmaatschappen")
    with pytest.raises(WerkteamFout, match="botsen"), transaction.atomic():
        _relatie_verhuizen(rel, houden, weg)
    assert Lidmaatschap.objects.get(pk=lid.pk).persoon_id == weg.pk


def test_a_choice_outside_the_two_people_is_refused(client, beheerder):
    a, b, derde = PersoonFactory(), PersoonFactory(), PersoonFactory(naam="Derde Persoon")
    response = client.post(
        reverse("werkteams:persoon_merge", args=[a.pk, b.pk]),
        {"naam": derde.pk, "email": a.pk, "organisatie": a.pk, "functie": "<b>x</b>"},
    )
    assert response.status_code == 200
    assert {"naam", "functie"} <= set(response.context["form"].errors)
    assert Persoon.objects.count() == 3


def test_adding_a_merged_away_person_to_a_team_is_refused():
    team = WerkteamFactory()
    houden, weg = PersoonFactory(), PersoonFactory()
    verouderd = Persoon.objects.get(pk=weg.pk)  # the coordinator's form still holds this one
    _samenvoegen(houden, weg)
    with pytest.raises(WerkteamFout, match="bestaat niet meer"):
        services.lidmaatschap_create(
            werkteam=team, persoon=verouderd, rol="professional", start=D(2022, 1, 1)
        )


@pytest.mark.django_db(transaction=True)
def test_two_people_given_one_address_at_once_get_a_message_not_a_500():
    a, b = PersoonFactory(), PersoonFactory()

    def wijzig(persoon):
        return lambda: services.persoon_update(
            persoon=persoon,
            naam=persoon.naam,
            email="samen@voorbeeld.example",
            organisatie=None,
            functie="",
        )

    uitkomsten = parallel([wijzig(a), wijzig(b)])

    assert sum(isinstance(u, list) for u in uitkomsten) == 1, fouten(uitkomsten)
    assert sum(isinstance(u, WerkteamFout) for u in uitkomsten) == 1, fouten(uitkomsten)
    assert Persoon.objects.filter(email="samen@voorbeeld.example").count() == 1
