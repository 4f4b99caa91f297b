"""Organiser pages: permissions, create/edit/publish/cancel, registrations, exports, invites."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kenniscafes.models import Aanmelding, Kenniscafe, UitnodigingsRonde
from tests.factories import BeheerderFactory, CoordinatorFactory, GebruikerFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.werkteams.factories import WerkteamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def eigen_cafe(coordinator):
    werkteam = WerkteamFactory()
    werkteam.coordinatoren.add(coordinator)
    kenniscafe = KenniscafeFactory()
    kenniscafe.organisator_werkteams.add(werkteam)
    return kenniscafe


def _url(naam, kenniscafe, **kwargs):
    return reverse(f"kenniscafes:{naam}", kwargs={"slug": kenniscafe.slug, **kwargs})


ORGANISATOR_PAGINAS = [
    "aanmelding_list",
    "kenniscafe_update",
    "kenniscafe_cancel",
    "aanmelding_walkin",
    "aanmelding_csv",
    "aanmelding_xlsx",
    "presentielijst",
    "uitnodiging",
]


@pytest.mark.parametrize("naam", ORGANISATOR_PAGINAS)
def test_organiser_pages_open_for_the_teams_coordinator_and_a_beheerder(
    client, site, coordinator, eigen_cafe, naam
):
    client.force_login(coordinator)
    assert client.get(_url(naam, eigen_cafe)).status_code == 200
    client.force_login(BeheerderFactory())
    assert client.get(_url(naam, eigen_cafe)).status_code == 200


@pytest.mark.parametrize("naam", ORGANISATOR_PAGINAS)
def test_organiser_pages_are_closed_to_others(client, site, eigen_cafe, naam):
    url = _url(naam, eigen_cafe)
    assert client.get(url).status_code == 302  # to the login
    client.force_login(CoordinatorFactory())  # a coordinator of another team
    assert client.get(url).status_code == 404
    client.force_login(GebruikerFactory())  # a member without a role
    assert client.get(url).status_code == 404


def test_members_cannot_open_the_organiser_list_or_create(client, site):
    client.force_login(GebruikerFactory())
    assert client.get(reverse("kenniscafes:organisator_list")).status_code == 403
    assert client.get(reverse("kenniscafes:kenniscafe_create")).status_code == 403


def test_state_changing_organiser_posts_are_refused_to_others(client, site, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe)
    client.force_login(CoordinatorFactory())
    for url in (
        _url("aanmelding_attendance", eigen_cafe, pk=aanmelding.pk),
        _url("aanmelding_promote", eigen_cafe, pk=aanmelding.pk),
        _url("kenniscafe_cancel", eigen_cafe),
        _url("kenniscafe_publish", eigen_cafe),
    ):
        assert client.post(url, {"aanwezig": "ja"}).status_code == 404
    aanmelding.refresh_from_db()
    eigen_cafe.refresh_from_db()
    assert aanmelding.aanwezig is None
    assert eigen_cafe.status == "gepubliceerd"


def test_organiser_list_shows_only_own_cafes(client, site, coordinator, eigen_cafe):
    KenniscafeFactory(titel="Van een ander team")
    client.force_login(coordinator)
    html = client.get(reverse("kenniscafes:organisator_list")).content.decode()
    assert eigen_cafe.titel in html
    assert "Van een ander team" not in html


def _nieuw(**extra):
    start = timezone.localtime() + datetime.timedelta(days=30)
    return {
        "titel": "Nieuw fictief kenniscafé",
        "slug": "",
        "type": "podium",
        "thema": "Armoede",
        "beschrijving": "Over armoede.",
        "start": start.strftime("%Y-%m-%dT15:00"),
        "eind": start.strftime("%Y-%m-%dT17:00"),
        "vorm": "hybride",
        "locatie": "Buurthuis",
        "adres": "Straat 1",
        "online_link": "https://meet.example/nieuw",
        "plaatsen_locatie": "20",
        "plaatsen_online": "30",
        "organisatoren_tekst": "Studenten Social Work",
        "herinnering_uren": "24",
        "programma-TOTAL_FORMS": "1",
        "programma-INITIAL_FORMS": "0",
        "programma-MIN_NUM_FORMS": "0",
        "programma-MAX_NUM_FORMS": "30",
        "programma-0-tijd": "15:00",
        "programma-0-titel": "Opening",
        "programma-0-spreker_naam": "Fictieve Spreker",
        **extra,
    }


def test_coordinator_creates_a_draft_and_publishes_it(client, site, coordinator):
    client.force_login(coordinator)
    form = client.get(reverse("kenniscafes:kenniscafe_create")).content.decode()
    assert "Metacognitieve kennis." in form  # each type shows its kind of knowledge
    response = client.post(reverse("kenniscafes:kenniscafe_create"), _nieuw())
    kenniscafe = Kenniscafe.objects.get()
    assert response.status_code == 302
    assert kenniscafe.slug == "nieuw-fictief-kenniscafe"
    assert kenniscafe.status == "concept"
    assert kenniscafe.programma.get().spreker_naam == "Fictieve Spreker"
    assert coordinator in kenniscafe.organisator_gebruikers.all()
    assert client.get(kenniscafe.get_absolute_url()).status_code == 200  # preview as organiser
    client.post(_url("kenniscafe_publish", kenniscafe))
    kenniscafe.refresh_from_db()
    assert kenniscafe.status == "gepubliceerd"


@pytest.mark.parametrize(
    "extra,veld,melding",
    [
        ({"titel": ""}, "titel", "Dit veld is verplicht."),
        ({"titel": "x" * 201}, "titel", "niet meer dan 200 tekens"),
        ({"titel": "<script>x</script>"}, "titel", "Laat de tekens"),
        ({"slug": "archief"}, "slug", "gereserveerd"),
        ({"slug": "met spaties!"}, "slug", "slug"),
        ({"type": "quiz"}, "type", "Selecteer een geldige keuze."),
        ({"eind": "2020-01-01T10:00"}, "eind", "Het einde moet na de start liggen."),
        ({"start": "gisteren"}, "start", "Voer een geldige datum/tijd in."),
        ({"plaatsen_locatie": "0"}, "plaatsen_locatie", "Geef het aantal plaatsen op locatie."),
        ({"plaatsen_online": "-3"}, "plaatsen_online", "minstens 0"),
        ({"online_link": "javascript:alert(1)"}, "online_link", "Voer een geldige URL in."),
        ({"organisatoren_tekst": ""}, "organisatoren_tekst", "Noem minstens één organisator"),
        ({"locatie": "\u202eomgekeerd"}, "locatie", "onzichtbare stuurtekens"),
    ],
)
def test_organiser_form_bad_input_stores_nothing(client, site, coordinator, extra, veld, melding):
    client.force_login(coordinator)
    response = client.post(reverse("kenniscafes:kenniscafe_create"), _nieuw(**extra))
    html = response.content.decode()
    assert response.status_code == 200
    assert "foutsamenvatting" in html
    assert melding in html
    assert f'href="#id_{veld}"' in html
    assert Kenniscafe.objects.count() == 0


def test_changing_the_date_notifies_registrants_with_a_new_sequence(
    client, site, coordinator, eigen_cafe, mailoutbox, django_capture_on_commit_callbacks
):
    AanmeldingFactory(kenniscafe=eigen_cafe)
    client.force_login(coordinator)
    data = _nieuw(titel=eigen_cafe.titel, slug=eigen_cafe.slug, vorm="fysiek", plaatsen_online="0")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("kenniscafe_update", eigen_cafe), data)
    assert response.status_code == 302
    eigen_cafe.refresh_from_db()
    assert eigen_cafe.ical_sequence == 1
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Gewijzigd"]


def test_cancelling_the_cafe_needs_a_confirm_step(
    client, site, coordinator, eigen_cafe, mailoutbox, django_capture_on_commit_callbacks
):
    AanmeldingFactory(kenniscafe=eigen_cafe)
    client.force_login(coordinator)
    assert (
        "Ja, annuleer het kenniscafé"
        in client.get(_url("kenniscafe_cancel", eigen_cafe)).content.decode()
    )
    eigen_cafe.refresh_from_db()
    assert eigen_cafe.status == "gepubliceerd"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("kenniscafe_cancel", eigen_cafe))
    eigen_cafe.refresh_from_db()
    assert eigen_cafe.status == "geannuleerd"
    assert mailoutbox[0].subject.startswith("Geannuleerd door de organisatie")


def _vul(kenniscafe, n):
    AanmeldingFactory.create_batch(n, kenniscafe=kenniscafe)
    AanmeldingFactory.create_batch(n, kenniscafe=kenniscafe, status="wachtlijst")
    AanmeldingFactory(kenniscafe=kenniscafe, status="geannuleerd", email="weg@fictief.example")


def test_registrations_page_counts_searches_and_keeps_its_query_count(
    client, site, coordinator, eigen_cafe, django_assert_num_queries
):
    _vul(eigen_cafe, 2)
    client.force_login(coordinator)
    url = _url("aanmelding_list", eigen_cafe)
    client.get(url)
    # 4 queries: café, may-manage check (2: listed organiser, coordinator of an organising
    # werkteam), the registrations (the counts are counted from them). The session comes
    # from the cache, the user and the café as kept per content version.
    with django_assert_num_queries(3):
        html = client.get(url).content.decode()
    assert "Aanmeldingen" in html
    _vul(eigen_cafe, 20)
    client.get(url)  # the new rows made the user kept per content version stale
    with django_assert_num_queries(3):
        client.get(url)
    # A search without JavaScript: the counts of the whole café take their own query.
    with django_assert_num_queries(4):
        gezocht = client.get(url, {"zoek": "weg@"}).content.decode()
    assert gezocht.count("<tr id=") == 2
    assert "<dd>22</dd>" in gezocht  # the waiting list of the whole café, not of the search
    # The htmx search swaps the table alone: no counts, no evaluations.
    with django_assert_num_queries(3):
        fragment = client.get(
            url, {"zoek": "weg@"}, headers={"HX-Request": "true"}
        ).content.decode()
    assert "<html" not in fragment
    assert "weg@fictief.example" in fragment
    assert fragment.count("<tr id=") == 2  # one cancelled per _vul


def test_marking_present_from_a_phone_swaps_one_row(client, site, coordinator, eigen_cafe):
    aanmelding = AanmeldingFactory(kenniscafe=eigen_cafe)
    client.force_login(coordinator)
    url = _url("aanmelding_attendance", eigen_cafe, pk=aanmelding.pk)
    response = client.post(url, {"aanwezig": "ja"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="aanmelding-{aanmelding.pk}"')
    assert 'aria-pressed="true"' in html
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is True
    client.post(url, {"aanwezig": "nee"})
    aanmelding.refresh_from_db()
    assert aanmelding.aanwezig is False


def test_organiser_gives_a_waiting_list_place_and_adds_a_walk_in(
    client, site, coordinator, eigen_cafe
):
    wachtend = AanmeldingFactory(kenniscafe=eigen_cafe, status="wachtlijst")
    client.force_login(coordinator)
    client.post(_url("aanmelding_promote", eigen_cafe, pk=wachtend.pk))
    wachtend.refresh_from_db()
    assert wachtend.status == "bevestigd"
    slecht = client.post(_url("aanmelding_walkin", eigen_cafe), {"naam": "<b>", "rol": "x"})
    assert "foutsamenvatting" in slecht.content.decode()
    client.post(
        _url("aanmelding_walkin", eigen_cafe),
        {"naam": "Fictieve Inloper", "rol": "student", "regio": "buiten"},
    )
    inloper = Aanmelding.objects.get(naam="Fictieve Inloper")
    assert inloper.is_inloop and inloper.aanwezig and inloper.status == "bevestigd"


def test_exports_hold_every_registration_with_registration_numbers(
    client, site, coordinator, eigen_cafe
):
    AanmeldingFactory(kenniscafe=eigen_cafe, naam="=HYPERLINK(1)", registratienummer="SKJ-123")
    AanmeldingFactory(kenniscafe=eigen_cafe, status="wachtlijst")
    client.force_login(coordinator)
    response = client.get(_url("aanmelding_csv", eigen_cafe))
    inhoud = b"".join(response.streaming_content)
    assert inhoud.startswith(b"\xef\xbb\xbf")  # the BOM: Dutch Excel reads UTF-8 then
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "Naam" and "Registratienummer" in rijen[0]
    assert len(rijen) == 3
    assert rijen[1][0] == "'=HYPERLINK(1)"  # formula injection neutralised
    assert "SKJ-123" in rijen[1]
    boek = load_workbook(io.BytesIO(client.get(_url("aanmelding_xlsx", eigen_cafe)).content))
    assert boek.active.max_row == 3
    lijst = client.get(_url("presentielijst", eigen_cafe)).content.decode()
    assert "SKJ-123" in lijst and "data-print" in lijst


def test_invitations_start_a_job_with_a_progress_fragment(
    client, site, coordinator, eigen_cafe, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    leeg = client.post(_url("uitnodiging", eigen_cafe), {})
    assert "Kies minstens één doelgroep." in leeg.content.decode()
    AanmeldingFactory(email="eerder@fictief.example", uitnodigingen_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("uitnodiging", eigen_cafe), {"eerdere_bezoekers": "on"})
    ronde = UitnodigingsRonde.objects.get()
    assert response["Location"] == _url("uitnodiging_ronde", eigen_cafe, pk=ronde.pk)
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "<progress" in fragment
    assert "1 van 1 adres verwerkt" in fragment
    assert "hx-trigger" not in fragment  # done: polling stops


@pytest.mark.parametrize(
    "extra,veld,melding",
    [
        ({"thema": "x" * 201}, "thema", "niet meer dan 200 tekens"),
        ({"thema": "<b>thema</b>"}, "thema", "Laat de tekens"),
        ({"adres": "x" * 301}, "adres", "niet meer dan 300 tekens"),
        ({"herinnering_uren": "morgen"}, "herinnering_uren", "Voer een geheel getal in."),
        ({"herinnering_uren": "-1"}, "herinnering_uren", "minstens 0"),
        ({"aanmelding_sluit": "2999-01-01T10:00"}, "aanmelding_sluit", "voor de start sluiten"),
        ({"aanmelding_open": "nooit"}, "aanmelding_open", "Voer een geldige datum/tijd in."),
        (
            {"organisator_werkteams": "999999"},
            "organisator_werkteams",
            "Selecteer een geldige keuze",
        ),
        (
            {"organisator_organisaties": "'; drop"},
            "organisator_organisaties",
            "is geen geldige waarde",
        ),
        ({"vorm": "teleport"}, "vorm", "Selecteer een geldige keuze."),
        ({"programma-0-titel": "<script>"}, "programma-0-titel", "Laat de tekens"),
        ({"programma-0-tijd": "25:99"}, "programma-0-tijd", "Voer een geldige tijd in."),
        ({"programma-0-spreker_naam": "x" * 201}, "programma-0-spreker_naam", "niet meer dan 200"),
    ],
)
def test_more_organiser_fields_refuse_bad_input(client, site, coordinator, extra, veld, melding):
    client.force_login(coordinator)
    response = client.post(reverse("kenniscafes:kenniscafe_create"), _nieuw(**extra))
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in html
    assert f'id="id_{veld}"' in html
    assert Kenniscafe.objects.count() == 0


@pytest.mark.parametrize(
    "data,melding",
    [
        ({"naam": "", "rol": "student", "regio": "binnen"}, "Dit veld is verplicht."),
        ({"naam": "x" * 201, "rol": "student", "regio": "binnen"}, "Gebruik maximaal 200 tekens."),
        ({"naam": "A", "email": "geen", "rol": "student", "regio": "binnen"}, "geldig e-mailadres"),
        (
            {"naam": "A", "organisatie": "<i>", "rol": "student", "regio": "binnen"},
            "Gebruik alleen",
        ),
        ({"naam": "A", "rol": "koning", "regio": "binnen"}, "Selecteer een geldige keuze."),
        ({"naam": "A", "rol": "student", "regio": ""}, "Dit veld is verplicht."),
        (
            {"naam": "A", "rol": "student", "regio": "binnen", "registratienummer": "<>"},
            "Gebruik alleen letters, cijfers",
        ),
    ],
)
def test_walk_in_form_refuses_bad_input(client, site, coordinator, eigen_cafe, data, melding):
    client.force_login(coordinator)
    response = client.post(_url("aanmelding_walkin", eigen_cafe), data)
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not Aanmelding.objects.filter(is_inloop=True).exists()


def test_walk_in_with_a_registered_address_is_refused(client, site, coordinator, eigen_cafe):
    AanmeldingFactory(kenniscafe=eigen_cafe, email="al@fictief.example")
    client.force_login(coordinator)
    response = client.post(
        _url("aanmelding_walkin", eigen_cafe),
        {"naam": "A", "email": "AL@fictief.example", "rol": "student", "regio": "binnen"},
    )
    assert "al aangemeld" in response.content.decode()
    assert not Aanmelding.objects.filter(is_inloop=True).exists()


def test_invitation_form_refuses_unknown_work_teams(client, site, coordinator, eigen_cafe):
    client.force_login(coordinator)
    response = client.post(_url("uitnodiging", eigen_cafe), {"werkteams": ["x"]})
    assert "is geen geldige waarde" in response.content.decode()
    response = client.post(_url("uitnodiging", eigen_cafe), {"werkteams": ["999999"]})
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not UitnodigingsRonde.objects.exists()


def test_beheerder_hands_a_cafe_to_a_coordinator_who_then_manages_it(client, site):
    beheerder = BeheerderFactory()
    coordinator = CoordinatorFactory()
    client.force_login(beheerder)
    response = client.post(
        reverse("kenniscafes:kenniscafe_create"),
        _nieuw(organisator_gebruikers=[str(coordinator.pk)]),
    )
    assert response.status_code == 302
    kenniscafe = Kenniscafe.objects.get()
    client.force_login(coordinator)
    assert client.get(_url("aanmelding_list", kenniscafe)).status_code == 200
    # A coördinator's own form has no say over who else organises.
    assert (
        'name="organisator_gebruikers"'
        not in client.get(_url("kenniscafe_update", kenniscafe)).content.decode()
    )
