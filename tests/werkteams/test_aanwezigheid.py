"""Attendance per meeting (one table, one segmented control per member) and across meetings."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import BeheerderFactory, CoordinatorFactory
from werkteams import services
from werkteams.aanwezigheid import aanwezigheid_matrix
from werkteams.models import Aanwezigheid, Bijeenkomst

from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    PersoonFactory,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _op(jaar, maand, dag):
    return datetime.datetime(jaar, maand, dag, 15, 0, tzinfo=AMS)


@pytest.fixture
def bekende_set(team_a):
    """Three members and five meetings of which three count in 2025 (see the rates below)."""
    anna, bert, cor = (
        LidmaatschapFactory(werkteam=team_a, persoon=PersoonFactory(naam=naam))
        for naam in ("Anna", "Bert", "Cor")
    )
    b1, b2, b3 = (
        BijeenkomstFactory(werkteam=team_a, titel=f"Overleg {m}", start=_op(2025, m, 1))
        for m in (3, 4, 5)
    )
    geannuleerd = BijeenkomstFactory(
        werkteam=team_a, start=_op(2025, 6, 1), status=Bijeenkomst.Status.GEANNULEERD
    )
    vorig_jaar = BijeenkomstFactory(werkteam=team_a, start=_op(2024, 6, 1))
    for bijeenkomst, lid, status in [
        (b1, anna, "aanwezig"),
        (b2, anna, "aanwezig"),
        (b3, anna, "afgemeld"),
        (b1, bert, "afwezig"),
        (b2, bert, "aanwezig"),
        (b3, cor, "aanwezig"),  # Bert was not invited to b3, Cor only to b3
        (geannuleerd, anna, "aanwezig"),
        (vorig_jaar, anna, "afwezig"),
    ]:
        AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=lid, status=status)
    return {"leden": (anna, bert, cor), "bijeenkomsten": (b1, b2, b3)}


# --- Attendance per meeting ----------------------------------------------------------------


def test_table_shows_one_row_per_member_with_excused_by_link_prefilled(
    client, team_a, coordinator_a
):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    komt = AanwezigheidFactory(bijeenkomst=bijeenkomst)
    afmelder = AanwezigheidFactory(
        bijeenkomst=bijeenkomst, lidmaatschap__persoon=PersoonFactory(naam="Aad Afmelder")
    )
    services.aanwezigheid_afmelden(afmelder, "Op vakantie")
    client.force_login(coordinator_a)

    html = client.get(
        reverse("werkteams:bijeenkomst_detail", args=[team_a.slug, bijeenkomst.pk])
    ).content.decode()

    tabel = html.split('class="aanw-tabel"', 1)[1].split("</table>", 1)[0]
    assert tabel.count('<th scope="row">') == 2
    assert tabel.count('<fieldset class="segmenten"') == 2
    assert '<legend class="visueel-verborgen">Aad Afmelder</legend>' in tabel
    afgemeld = re.search(
        rf'<input[^>]*name="aanw-a{afmelder.pk}"[^>]*value="afgemeld"[^>]*>', tabel
    )
    assert afgemeld and "checked" in afgemeld.group(0)
    assert not re.search(rf'<input[^>]*name="aanw-a{komt.pk}"[^>]*checked', tabel)
    assert "via link" in tabel  # the label "excused by link"


def test_one_submit_saves_every_row_without_javascript(client, team_a, coordinator_a):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    rijen = AanwezigheidFactory.create_batch(3, bijeenkomst=bijeenkomst)
    client.force_login(coordinator_a)
    statussen = dict(zip((a.pk for a in rijen), ("aanwezig", "afwezig", "afgemeld"), strict=True))

    response = client.post(
        reverse("werkteams:aanwezigheid", args=[team_a.slug, bijeenkomst.pk]),
        {f"aanw-a{pk}": status for pk, status in statussen.items()},
    )

    assert response.status_code == 302 and response.url.endswith("#aanwezigheid")
    assert {a.pk: a.status for a in Aanwezigheid.objects.filter(bijeenkomst=bijeenkomst)} == (
        statussen
    )


def test_with_htmx_the_answer_is_the_table_again_with_the_saved_choices(
    client, team_a, coordinator_a
):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    rij = AanwezigheidFactory(bijeenkomst=bijeenkomst)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:aanwezigheid", args=[team_a.slug, bijeenkomst.pk]),
        {f"aanw-a{rij.pk}": "afwezig"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'class="aanw-tabel"' in html
    gekozen = re.search(rf'<input[^>]*name="aanw-a{rij.pk}"[^>]*value="afwezig"[^>]*>', html)
    assert gekozen and "checked" in gekozen.group(0)


def test_an_invalid_choice_shows_the_row_with_its_error(client, team_a, coordinator_a):
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    rij = AanwezigheidFactory(bijeenkomst=bijeenkomst)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("werkteams:aanwezigheid", args=[team_a.slug, bijeenkomst.pk]),
        {f"aanw-a{rij.pk}": "gehackt"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "foutsamenvatting" in html and "aanw-rij--fout" in html
    assert f'href="#id_aanw-a{rij.pk}_0"' in html
    rij.refresh_from_db()
    assert rij.status == "onbekend"


# --- Attendance across meetings ------------------------------------------------------------


def test_rates_per_member_and_per_meeting_on_a_known_set(bekende_set, team_a):
    matrix = aanwezigheid_matrix(team_a, jaar=2025)

    assert [k.bijeenkomst for k in matrix.kolommen] == list(bekende_set["bijeenkomsten"])
    assert [(r.naam, r.statussen, r.aanwezig, r.genodigd, r.percentage) for r in matrix.rijen] == [
        ("Anna", ["aanwezig", "aanwezig", "afgemeld"], 2, 3, 66.7),
        ("Bert", ["afwezig", "aanwezig", None], 1, 2, 50.0),
        ("Cor", [None, None, "aanwezig"], 1, 1, 100.0),
    ]
    assert [(k.aanwezig, k.genodigd, k.percentage) for k in matrix.kolommen] == [
        (1, 2, 50.0),
        (2, 2, 100.0),
        (1, 2, 50.0),
    ]


def test_a_series_filter_shows_only_that_series(team_a):
    eerste = timezone.now() - datetime.timedelta(days=30)
    serie = BijeenkomstFactory(werkteam=team_a, start=eerste, serie="0" * 31 + "1")
    BijeenkomstFactory(werkteam=team_a, start=eerste + datetime.timedelta(days=1))
    matrix = aanwezigheid_matrix(team_a, serie=serie.serie)
    assert [k.bijeenkomst.pk for k in matrix.kolommen] == [serie.pk]


def test_future_meetings_do_not_count(team_a):
    AanwezigheidFactory(bijeenkomst=BijeenkomstFactory(werkteam=team_a), status="afgemeld")
    assert aanwezigheid_matrix(team_a, jaar=timezone.localdate().year + 1).kolommen == []


def test_the_matrix_costs_two_queries_however_many_members_and_meetings(
    team_a, django_assert_num_queries
):
    def vul(leden, bijeenkomsten):
        lidmaatschappen = LidmaatschapFactory.create_batch(leden, werkteam=team_a)
        for m in range(bijeenkomsten):
            b = BijeenkomstFactory(werkteam=team_a, start=_op(2025, 1 + m, 10))
            for lid in lidmaatschappen:
                AanwezigheidFactory(bijeenkomst=b, lidmaatschap=lid, status="aanwezig")

    vul(2, 2)
    with django_assert_num_queries(2):
        klein = aanwezigheid_matrix(team_a, jaar=2025)
    vul(6, 5)
    with django_assert_num_queries(2):
        groot = aanwezigheid_matrix(team_a, jaar=2025)
    assert (len(klein.rijen), len(klein.kolommen)) == (2, 2)
    assert (len(groot.rijen), len(groot.kolommen)) == (8, 7)


def test_the_matrix_page_has_a_pinned_query_count_that_stays_when_data_grows_10x(
    client, bekende_set, team_a, coordinator_a, django_assert_num_queries
):
    client.force_login(coordinator_a)
    url = reverse("werkteams:aanwezigheid_matrix", args=[team_a.slug]) + "?jaar=2025"
    client.get(url)  # warm caches (site settings, ...)
    # 5: team with "is a coordinator of it", years, series, meetings, attendance (the session
    # comes from the cache, the user as kept per content version).
    with django_assert_num_queries(5):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "67%" in html and "(2/3)" in html and "Anna" in html

    leden = LidmaatschapFactory.create_batch(27, werkteam=team_a)
    for dag in range(1, 28):
        bijeenkomst = BijeenkomstFactory(werkteam=team_a, start=_op(2025, 7, dag))
        Aanwezigheid.objects.bulk_create(
            Aanwezigheid(bijeenkomst=bijeenkomst, lidmaatschap=lid, status="aanwezig")
            for lid in leden
        )
    client.get(url)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count('<th scope="row">') == 30 + 1  # + the totals row


def test_the_filter_answers_htmx_with_the_matrix_fragment(
    client, bekende_set, team_a, coordinator_a
):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("werkteams:aanwezigheid_matrix", args=[team_a.slug]),
        {"jaar": "2025"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'class="aanw-matrix"' in html
    assert "export/csv/?jaar=2025" in html
    assert "HX-Request" in response["Vary"]


def test_without_a_filter_the_matrix_shows_this_year_also_when_next_year_has_meetings(
    client, team_a, coordinator_a
):
    dit_jaar = timezone.localdate().year
    BijeenkomstFactory(werkteam=team_a, start=_op(dit_jaar + 1, 6, 1))
    client.force_login(coordinator_a)
    html = client.get(reverse("werkteams:aanwezigheid_matrix", args=[team_a.slug])).content.decode()
    assert f'<option value="{dit_jaar}" selected>' in html
    assert f'<option value="{dit_jaar + 1}">' in html


def test_the_team_page_links_to_the_matrix(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    # The meetings moved to the meetings tab of the team page.
    html = client.get(reverse("werkteams:team_bijeenkomsten", args=[team_a.slug])).content.decode()
    assert reverse("werkteams:aanwezigheid_matrix", args=[team_a.slug]) in html


def test_csv_export_holds_the_matrix(client, bekende_set, team_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("werkteams:aanwezigheid_export", args=[team_a.slug, "csv"]) + "?jaar=2025"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    regels = response.content.decode("utf-8-sig").split("\r\n")
    assert regels[0].split(";") == [
        "Lid",
        "01-03-2025 Overleg 3",
        "01-04-2025 Overleg 4",
        "01-05-2025 Overleg 5",
        "Aanwezig",
        "Uitgenodigd",
        "Percentage (%)",
    ]
    assert regels[1] == "Anna;Aanwezig;Aanwezig;Afgemeld;2;3;66,7"
    assert regels[2] == "Bert;Afwezig;Aanwezig;;1;2;50,0"
    assert regels[3] == "Cor;;;Aanwezig;1;1;100,0"
    assert regels[4] == "Percentage per bijeenkomst (%);50,0;100,0;50,0;4;6;66,7"


def test_xlsx_export_is_a_workbook(client, bekende_set, team_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("werkteams:aanwezigheid_export", args=[team_a.slug, "xlsx"]) + "?jaar=2025"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


@pytest.mark.parametrize("naam", ["aanwezigheid_matrix", "aanwezigheid_export"])
def test_only_the_teams_coordinators_and_beheerders_see_the_matrix(client, team_a, team_b, naam):
    args = [team_a.slug] if naam == "aanwezigheid_matrix" else [team_a.slug, "csv"]
    url = reverse(f"werkteams:{naam}", args=args)
    assert client.get(url).status_code == 302  # to the login page

    ander = CoordinatorFactory()
    team_b.coordinatoren.add(ander)
    client.force_login(ander)
    assert client.get(url).status_code == 404

    eigen = CoordinatorFactory()
    team_a.coordinatoren.add(eigen)
    client.force_login(eigen)
    assert client.get(url).status_code == 200

    client.force_login(BeheerderFactory())
    assert client.get(url).status_code == 200


def test_an_unknown_export_format_is_404(client, team_a, coordinator_a):
    client.force_login(coordinator_a)
    url = reverse("werkteams:aanwezigheid_export", args=[team_a.slug, "pdf"])
    assert client.get(url).status_code == 404


# --- In the browser, on a 390 px wide phone ------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_attendance_on_a_phone_of_390px_with_axe(browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.conftest import assert_accessible, browser_inloggen
    from tests.factories import WerkteamFactory

    team = WerkteamFactory(naam="Telefoonteam", slug="telefoonteam")
    coordinator = CoordinatorFactory(username="coord-telefoon")
    team.coordinatoren.add(coordinator)
    bijeenkomst = BijeenkomstFactory(werkteam=team)
    komt = AanwezigheidFactory(
        bijeenkomst=bijeenkomst,
        lidmaatschap__persoon=PersoonFactory(naam="Fictieve Deelnemer Met Een Lange Naam"),
    )
    afmelder = AanwezigheidFactory(
        bijeenkomst=bijeenkomst, lidmaatschap__persoon=PersoonFactory(naam="Aad Afmelder")
    )
    services.aanwezigheid_afmelden(afmelder, "")
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    browser.set_window_size(390, 844)
    try:
        browser_inloggen(browser, "coord-telefoon")
        browser.get(
            browser.live_server_url
            + reverse("werkteams:bijeenkomst_detail", args=[team.slug, bijeenkomst.pk])
        )
        breedte = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert breedte[0] <= breedte[1], breedte  # nothing scrolls sideways
        rij = browser.find_element(By.XPATH, f"//tr[.//input[@name='aanw-a{komt.pk}']]")
        naam = rij.find_element(By.TAG_NAME, "th").rect
        knoppen = rij.find_element(By.TAG_NAME, "fieldset").rect
        assert knoppen["y"] >= naam["y"] + naam["height"] - 1  # the control wraps under the name
        assert browser.find_element(
            By.CSS_SELECTOR, f"input[name=aanw-a{afmelder.pk}][value=afgemeld]"
        ).is_selected()
        assert_accessible(browser)

        browser.find_element(By.CSS_SELECTOR, f"label[for=id_aanw-a{komt.pk}_0]").click()
        browser.find_element(By.XPATH, "//button[normalize-space()='Aanwezigheid opslaan']").click()
        wait.until(
            EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "De aanwezigheid is opgeslagen")
        )
        komt.refresh_from_db()
        afmelder.refresh_from_db()
        assert (komt.status, afmelder.status) == ("aanwezig", "afgemeld")

        browser.get(
            browser.live_server_url + reverse("werkteams:aanwezigheid_matrix", args=[team.slug])
        )
        wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        assert_accessible(browser)
    finally:
        browser.set_window_size(1280, 1000)
