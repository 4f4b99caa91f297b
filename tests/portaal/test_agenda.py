"""The national agenda and its calendars: every werkplaats's upcoming public cafés."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from kenniscafes import ics
from kenniscafes.models import Kenniscafe
from tests.factories import WerkplaatsFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.portaal.selectors import AGENDA_PER_PAGINA

from .conftest import haal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_host")]


def _over(dagen: int):
    return timezone.now() + datetime.timedelta(days=dagen)


@pytest.fixture
def cafes(regio):
    eigen = KenniscafeFactory(titel="Schulden in de wijk", slug="schulden", start=_over(10))
    KenniscafeFactory(titel="Geheim concept", status=Kenniscafe.Status.CONCEPT)
    KenniscafeFactory(
        titel="Al geweest", start=_over(-10), eind=_over(-10) + datetime.timedelta(hours=2)
    )
    with in_werkplaats(regio):
        ander = KenniscafeFactory(
            titel="Jongeren en werk",
            slug="jongeren",
            type=Kenniscafe.Type.PODIUM,
            thema="Jeugd",
            vorm=Kenniscafe.Vorm.ONLINE,
            start=_over(40),
        )
        KenniscafeFactory(titel="Concept in regio B", status=Kenniscafe.Status.CONCEPT)
    return eigen, ander


def test_agenda_shows_upcoming_public_cafes_of_every_werkplaats_linking_to_their_sites(
    client, cafes
):
    response = haal(client, "/agenda/")
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Schulden in de wijk" in inhoud and "Jongeren en werk" in inhoud
    assert "concept" not in inhoud.lower().replace("kennisconcept", "")
    assert "Al geweest" not in inhoud
    assert 'href="http://testserver/kenniscafes/schulden/"' in inhoud
    assert 'href="http://regio-b.testserver/kenniscafes/jongeren/"' in inhoud
    # No registration data: not even the online link of a café.
    assert "meet.example" not in inhoud


def test_agenda_leaves_out_cafes_of_an_inactive_werkplaats(client, cafes):
    slapend = WerkplaatsFactory(naam="Slapende werkplaats", actief=False)
    with in_werkplaats(slapend):
        KenniscafeFactory(titel="Slapend café")
    assert "Slapend café" not in haal(client, "/agenda/").content.decode()
    assert "Slapend café" not in haal(client, "/agenda.ics").content.decode()
    assert haal(client, f"/agenda/{slapend.slug}.ics").status_code == 404


@pytest.mark.parametrize(
    ("params", "verwacht", "niet"),
    [
        ("werkplaats=regio-b", "Jongeren en werk", "Schulden in de wijk"),
        ("werkplaats=test", "Schulden in de wijk", "Jongeren en werk"),
        ("type=podium", "Jongeren en werk", "Schulden in de wijk"),
        ("thema=Jeugd", "Jongeren en werk", "Schulden in de wijk"),
        ("vorm=fysiek", "Schulden in de wijk", "Jongeren en werk"),
    ],
)
def test_agenda_filters(client, cafes, params, verwacht, niet):
    inhoud = haal(client, f"/agenda/?{params}").content.decode()
    assert verwacht in inhoud and niet not in inhoud


def test_agenda_month_filter_and_htmx_fragment(client, cafes):
    maand = timezone.localtime(cafes[1].start).strftime("%Y-%m")
    response = haal(client, f"/agenda/?maand={maand}", HTTP_HX_REQUEST="true")
    inhoud = response.content.decode()
    assert "Jongeren en werk" in inhoud and "Schulden in de wijk" not in inhoud
    assert "<html" not in inhoud and 'id="resultaten"' in inhoud
    assert "HX-Request" in response["Vary"]


def test_agenda_pages(client, regio):
    with in_werkplaats(regio):
        for i in range(AGENDA_PER_PAGINA + 3):
            KenniscafeFactory(titel=f"Reeks {i:02d}", start=_over(5 + i))
    eerste = haal(client, "/agenda/?werkplaats=regio-b").content.decode()
    tweede = haal(client, "/agenda/?werkplaats=regio-b&pagina=2").content.decode()
    assert "Reeks 00" in eerste and "Reeks 22" not in eerste
    assert "Reeks 22" in tweede and "Reeks 00" not in tweede
    assert "werkplaats=regio-b&amp;pagina=2" in eerste


def test_agenda_query_count_does_not_grow_with_cafes_or_werkplaatsen(
    client, cafes, django_assert_num_queries
):
    def groei():
        for n in range(3):
            nieuw = WerkplaatsFactory()
            with in_werkplaats(nieuw):
                for _ in range(3):
                    cafe = KenniscafeFactory(thema=f"Thema {n}")
                    AanmeldingFactory(kenniscafe=cafe)

    # Before and after the growth: a page the page cache does not hold yet (the memos are
    # warm: another address first), then the same page again from the page cache.
    for stap in (None, groei):
        if stap:
            stap()
        client.get("/agenda/?w=1", HTTP_HOST="portaal.testserver")
        # werkplaatsen, count, page, hosts of the sites, themes
        with django_assert_num_queries(5):
            response = client.get("/agenda/?m=1", HTTP_HOST="portaal.testserver")
        with django_assert_num_queries(0):
            bewaard = client.get("/agenda/?m=1", HTTP_HOST="portaal.testserver")
        kaarten = response.content.decode().count('class="kaart"')
        assert bewaard.content.decode().count('class="kaart"') == kaarten
    assert response.content.decode().count('class="kaart"') == 2 + 9


def _kalender(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ics_holds_both_werkplaatsen_with_their_own_uids_and_sites(client, cafes, regio):
    eigen, ander = cafes
    events = {str(e["summary"]): e for e in _kalender(haal(client, "/agenda.ics")).walk("VEVENT")}
    assert set(events) == {"Kenniscafé: Schulden in de wijk", "Kenniscafé: Jongeren en werk"}
    b = events["Kenniscafé: Jongeren en werk"]
    with in_werkplaats(regio):
        assert str(b["uid"]) == ics._uid(ander)
    assert str(ander.ical_uid) in str(b["uid"])
    assert str(b["url"]) == "http://regio-b.testserver/kenniscafes/jongeren/"
    assert "Werkplaats Regio B" in str(b["organizer"].params["cn"])
    a = events["Kenniscafé: Schulden in de wijk"]
    assert str(a["uid"]) == ics._uid(eigen)
    assert str(eigen.ical_uid) in str(a["uid"])
    assert str(a["url"]) == "http://testserver/kenniscafes/schulden/"
    assert "meet.example" not in haal(client, "/agenda.ics").content.decode()


def test_ics_per_werkplaats_and_404_for_an_unknown_one(client, cafes):
    kalender = _kalender(haal(client, "/agenda/regio-b.ics"))
    assert [str(e["summary"]) for e in kalender.walk("VEVENT")] == ["Kenniscafé: Jongeren en werk"]
    assert haal(client, "/agenda/bestaat-niet.ics").status_code == 404
