"""The report page, its exports and downloads: who may see what, and the golden figures."""

import re
import uuid

import pytest
from django.urls import reverse

from tests.factories import AanmeldingFactory, GebruikerFactory, KenniscafeFactory, moment
from tests.verantwoording.conftest import GOUDEN
from tests.verantwoording.lezers import html_tabellen
from werkplaats.verantwoording.models import Export
from werkplaats.verantwoording.rapport import PROCENT, Verslagperiode
from werkplaats.verantwoording.selectors import rapport_get

pytestmark = pytest.mark.django_db

RAPPORT = reverse("verantwoording:rapport")
EXPORTS = reverse("verantwoording:export_list")
JAAR_2021 = {"soort": "kalenderjaar", "jaar": "2021"}


def zichtbaar(waarde, soort=None) -> str:
    """How the page shows a golden value (Dutch number format)."""
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        tekst = f"{waarde:.1f}".replace(".", ",")
        return f"{tekst} %" if soort == PROCENT else tekst
    return str(waarde)


def export_maken(client, uitvoer="csv", htmx=False):
    data = {**JAAR_2021, "uitvoer": uitvoer}
    return client.post(EXPORTS, data, headers={"HX-Request": "true"} if htmx else {})


def test_every_golden_figure_is_on_the_page(client, beheerder, wereld):
    client.force_login(beheerder)
    response = client.get(RAPPORT, JAAR_2021)
    assert response.status_code == 200
    tabellen = html_tabellen(response.content.decode())
    rapport = rapport_get(Verslagperiode.kalenderjaar(2021), None)
    for (sectie, tabel), rijen in GOUDEN.items():
        soorten = {k.sleutel: k.soort for k in rapport.sectie(sectie).tabel(tabel).kolommen}
        pagina = tabellen[f"tabel-{sectie}-{tabel}"]
        for rij, kolommen in rijen.items():
            for kolom, verwacht in kolommen.items():
                assert pagina[str(rij)][kolom] == zichtbaar(verwacht, soorten[kolom]), (
                    sectie,
                    tabel,
                    rij,
                    kolom,
                )


def test_the_page_has_an_svg_chart_with_a_text_alternative_per_chart(client, beheerder, wereld):
    client.force_login(beheerder)
    html = client.get(RAPPORT, JAAR_2021).content.decode()
    assert 'role="img"' in html
    assert 'aria-labelledby="grafiek-kenniscafes-per-type-titel' in html
    assert '<desc id="grafiek-kenniscafes-per-type-beschrijving">' in html
    # Coordinates are written with a decimal point, never a Dutch comma.
    assert 'y="5,0"' not in html


def test_anonymous_visitors_are_sent_to_the_login_page(client, wereld):
    for url in (RAPPORT, EXPORTS, reverse("verantwoording:ruw_csv", args=["aanmeldingen"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_members_without_a_coordinator_role_are_refused_everywhere(client, wereld):
    client.force_login(GebruikerFactory())
    assert client.get(RAPPORT).status_code == 403
    assert client.get(EXPORTS, HTTP_HX_REQUEST="true").status_code == 403
    assert export_maken(client).status_code == 403
    assert client.post(reverse("verantwoording:afsluiten"), {"jaar": 2021}).status_code == 403
    assert client.get(reverse("verantwoording:ruw_csv", args=["aanmeldingen"])).status_code == 403
    assert Export.objects.count() == 0


def test_a_coordinator_sees_only_the_sections_of_their_own_werkteam(client, wereld):
    client.force_login(wereld["coord1"])
    html = client.get(RAPPORT, JAAR_2021).content.decode()
    tabellen = html_tabellen(html)
    assert list(tabellen["tabel-werkteams-overzicht"]) == ["Armoede en schulden"]
    assert list(tabellen["tabel-kenniscafes-cafes"]) == ["Schulden en stress"]
    assert "Gezond-sociaal" not in html
    assert "tabel-werkplaats-partners" not in tabellen
    assert "Ruwe lijsten" not in html


def test_a_coordinator_may_not_close_a_year_or_stream_raw_lists(client, wereld):
    client.force_login(wereld["coord1"])
    assert client.post(reverse("verantwoording:afsluiten"), {"jaar": 2021}).status_code == 403
    for soort in ("aanmeldingen", "aanwezigheid", "lidmaatschappen"):
        url = reverse("verantwoording:ruw_csv", args=[soort])
        assert client.get(url, JAAR_2021).status_code == 403


def test_a_coordinator_cannot_request_a_raw_list_export(client, wereld):
    client.force_login(wereld["coord1"])
    response = export_maken(client, uitvoer="ruw-aanmeldingen", htmx=True)
    assert response.status_code == 200
    assert Export.objects.count() == 0


def test_an_export_runs_and_its_csv_can_be_downloaded(
    client, beheerder, wereld, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        response = export_maken(client, "csv")
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == Export.Status.KLAAR and export.voortgang == 100
    bestand = export.bestanden.get(naam__endswith="kenniscafes.csv")
    download = client.get(reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\xef\xbb\xbf")
    assert "attachment" in download["Content-Disposition"]


def test_the_export_list_fragment_is_served_to_htmx(client, beheerder, wereld):
    client.force_login(beheerder)
    response = client.get(EXPORTS, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="export-lijst"' in html
    assert "<html" not in html


def test_a_running_export_makes_the_fragment_poll(client, beheerder, wereld):
    client.force_login(beheerder)
    export_maken(client, "xlsx", htmx=True)  # the job waits for a commit
    html = client.get(EXPORTS, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "<progress" in html


def test_a_coordinator_cannot_download_someone_elses_export(
    client, beheerder, wereld, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        export_maken(client, "xlsx")
    export = Export.objects.get()
    bestand = export.bestanden.get()
    url = reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk])
    client.force_login(wereld["coord1"])
    assert client.get(url).status_code == 404
    client.force_login(GebruikerFactory())
    assert client.get(url).status_code == 403


def test_a_coordinator_downloads_their_own_export_only_while_they_coordinate_its_team(
    client, wereld, django_capture_on_commit_callbacks
):
    coord = wereld["coord1"]
    client.force_login(coord)
    with django_capture_on_commit_callbacks(execute=True):
        export_maken(client, "csv")
    export = Export.objects.get()
    assert export.werkteam_ids == [wereld["wt1"].pk]
    bestand = export.bestanden.first()
    url = reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk])
    assert client.get(url).status_code == 200
    wereld["wt1"].coordinatoren.remove(coord)
    assert client.get(url).status_code == 404


def test_an_unknown_export_is_not_found(client, beheerder, wereld):
    client.force_login(beheerder)
    url = reverse("verantwoording:export_bestand", args=[uuid.uuid4(), 1])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "jaar",
    ["", "abc", "99999", "1899", "<script>alert(1)</script>", "2021; DROP TABLE x", "9" * 500],
)
def test_a_wrong_year_gives_a_dutch_message_and_no_500(client, beheerder, wereld, jaar):
    client.force_login(beheerder)
    response = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": jaar})
    assert response.status_code == 200
    html = response.content.decode()
    assert "foutsamenvatting" in html
    assert "<script>alert(1)</script>" not in html
    assert any(
        tekst in html
        for tekst in ("Vul een jaar in", "Voer een geheel getal in", "hoogstens", "minstens")
    )


@pytest.mark.parametrize("soort", ["maandag", "<b>x</b>", "kalenderjaar' OR 1=1"])
def test_a_wrong_kind_of_period_gives_a_dutch_message(client, beheerder, wereld, soort):
    client.force_login(beheerder)
    response = client.get(RAPPORT, {"soort": soort, "jaar": "2021"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "foutsamenvatting" in html
    assert "<b>x</b>" not in html


@pytest.mark.parametrize("periode", ["", "0", "abc", "<i>1</i>", "99999999999999999999"])
def test_a_wrong_subsidy_period_gives_a_dutch_message(client, beheerder, wereld, periode):
    client.force_login(beheerder)
    response = client.get(RAPPORT, {"soort": "periode", "periode": periode})
    assert response.status_code == 200
    assert "foutsamenvatting" in response.content.decode()


@pytest.mark.parametrize("uitvoer", ["", "docx", "<script>", "x" * 300])
def test_a_wrong_export_kind_stores_nothing(client, beheerder, wereld, uitvoer):
    client.force_login(beheerder)
    response = export_maken(client, uitvoer, htmx=True)
    assert response.status_code == 200
    assert "foutsamenvatting" in response.content.decode()
    assert Export.objects.count() == 0


@pytest.mark.parametrize("params", [{"jaar": "2021"}, {"soort": "", "jaar": "2021"}])
def test_a_shared_link_with_only_a_year_shows_that_calendar_year(client, beheerder, wereld, params):
    client.force_login(beheerder)
    html = client.get(RAPPORT, params).content.decode()
    assert "foutsamenvatting" not in html
    assert re.search(r"<title>Verantwoording 2021\b", html)


def test_a_school_year_and_a_period_can_be_chosen(client, beheerder, wereld):
    client.force_login(beheerder)
    response = client.get(RAPPORT, {"soort": "schooljaar", "jaar": "2021"})
    assert "schooljaar 2021-2022" in response.content.decode()
    response = client.get(RAPPORT, {"soort": "periode", "periode": wereld["periode"].pk})
    assert "periode 2020-2022" in response.content.decode()


def test_the_raw_registrations_stream_as_csv_without_names(client, beheerder, wereld):
    client.force_login(beheerder)
    response = client.get(reverse("verantwoording:ruw_csv", args=["aanmeldingen"]), JAAR_2021)
    assert response.status_code == 200
    assert response.streaming
    inhoud = b"".join(response.streaming_content).decode("utf-8-sig")
    regels = inhoud.strip().split("\r\n")
    # K1 has 7 registrations, K2 two, the draft and the cancelled café one each.
    assert len(regels) == 1 + 11
    assert "Fictieve Bezoeker" not in inhoud and "@" not in inhoud


def test_an_unknown_raw_list_is_not_found(client, beheerder, wereld):
    client.force_login(beheerder)
    assert client.get(reverse("verantwoording:ruw_csv", args=["wachtwoorden"])).status_code == 404


def _groei(wereld, factor):
    for i in range(factor):
        cafe = KenniscafeFactory(start=moment(f"2021-04-{10 + i % 15:02d}"))
        cafe.organisator_werkteams.add(wereld["wt1"])
        AanmeldingFactory.create_batch(3, kenniscafe=cafe, aanwezig=True)


def test_the_report_query_count_does_not_grow_with_the_data(
    client, beheerder, wereld, django_assert_num_queries
):
    client.force_login(beheerder)
    client.get(RAPPORT, JAAR_2021)
    # 1 period choices + 2 werkplaats + 5 werkteams + 3 kenniscafés (per café, audience,
    # scores) + 1 kennisbank + 1 education + 4 + 5 comparison (this year reuses the café
    # totals) + 1 closed year + 1 export list (empty: no prefetch) = 24; the session comes
    # from the cache, the user as kept per content version.
    with django_assert_num_queries(24) as vooraf:
        client.get(RAPPORT, JAAR_2021)
    aantal = len(vooraf.captured_queries)  # the next request empties the query log
    _groei(wereld, 10)
    client.get(RAPPORT, JAAR_2021)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(aantal):
        client.get(RAPPORT, JAAR_2021)


def test_the_polled_export_list_has_a_constant_query_count(
    client, beheerder, wereld, django_assert_num_queries
):
    from werkplaats.verantwoording.models import ExportBestand

    def exports(n):
        for _ in range(n):
            export = Export.objects.create(
                soort="csv",
                periode_soort="kalenderjaar",
                periode_sleutel=2021,
                periode_label="2021",
                aangemaakt_door=beheerder,
                status="klaar",
            )
            ExportBestand.objects.create(export=export, naam="a.csv", titel="A", mimetype="x")

    client.force_login(beheerder)
    exports(1)
    client.get(EXPORTS, HTTP_HX_REQUEST="true")  # site settings are cached from here on
    # the exports (newest 20), their files (the session comes from the cache, the user as
    # kept per content version).
    with django_assert_num_queries(2):
        client.get(EXPORTS, HTTP_HX_REQUEST="true")
    exports(10)
    client.get(
        EXPORTS, HTTP_HX_REQUEST="true"
    )  # the new rows made the user kept per content version stale
    with django_assert_num_queries(2):
        html = client.get(EXPORTS, HTTP_HX_REQUEST="true").content.decode()
    assert html.count("Download") == 11


def test_the_page_works_in_english_and_still_compares_with_the_dutch_snapshot(
    client, beheerder, wereld
):
    from werkplaats.verantwoording import services

    services.jaar_afsluiten(beheerder, 2021)
    client.force_login(beheerder)
    client.post(reverse("set_language"), {"language": "en", "next": RAPPORT})
    html = client.get(RAPPORT, JAAR_2021).content.decode()
    assert "Annual report 2021" in html
    assert "Knowledge cafés" in html
    # The snapshot was taken in Dutch; an English page must not report every label as changed.
    assert "The live figures are the same as in the report that was sent." in html
