"""Public pages: list, archive, detail, registration form, personal links, mailing list."""

import datetime

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kenniscafes import links
from kenniscafes.models import Aanmelding, Abonnee, Evaluatie, Uitnodiging
from tests.kenniscafes.factories import (
    AanmeldingFactory,
    KenniscafeFactory,
    ProgrammaOnderdeelFactory,
)
from tests.werkteams.factories import WerkteamFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("kenniscafes:kenniscafe_list")


def _aanmelden_url(kenniscafe):
    return reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug})


def _post(**extra):
    return {
        "naam": "Fictieve Bezoeker",
        "email": "bezoeker@fictief.example",
        "organisatie": "Gemeente Voorbeeld",
        "rol": "professional",
        "sector": "gemeente",
        "regio": "binnen",
        "opleiding": "",
        "registratienummer": "",
        "opmerkingen": "",
        "toestemming": "on",
        **extra,
    }


def _maak_cafes(n):
    werkteam = WerkteamFactory()
    for _ in range(n):
        kenniscafe = KenniscafeFactory()
        kenniscafe.organisator_werkteams.add(werkteam)
        AanmeldingFactory.create_batch(2, kenniscafe=kenniscafe)


# --- list, archive, detail ---------------------------------------------------------------


def test_list_shows_upcoming_published_cafes_only(client, site):
    KenniscafeFactory(titel="Komend fictief café")
    KenniscafeFactory(titel="Concept café", status="concept")
    KenniscafeFactory(
        titel="Voorbij café",
        start=timezone.now() - datetime.timedelta(days=3),
        eind=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    response = client.get(LIJST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Komend fictief café" in html
    assert "Concept café" not in html
    assert "Voorbij café" not in html
    assert "Nog 40 plaatsen" in html


def test_list_filters_by_type_and_htmx_gets_only_the_results(client, site):
    KenniscafeFactory(titel="Een klaslokaal", type="klaslokaal")
    KenniscafeFactory(titel="Een podium", type="podium")
    response = client.get(LIJST, {"type": "podium"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Een podium" in html
    assert "Een klaslokaal" not in html
    assert "HX-Request" in response["Vary"]


def test_list_filters_by_month_format_and_theme(client, site):
    start = timezone.now() + datetime.timedelta(days=40)
    KenniscafeFactory(
        titel="Later online",
        vorm="online",
        plaatsen_online=10,
        start=start,
        eind=start + datetime.timedelta(hours=2),
        thema="Gezond",
    )
    KenniscafeFactory(titel="Eerder fysiek")
    maand = timezone.localtime(start).strftime("%Y-%m")
    html = client.get(LIJST, {"maand": maand, "vorm": "online", "thema": "Gezond"}).content.decode()
    assert "Later online" in html
    assert "Eerder fysiek" not in html
    # Nonsense filters are ignored, not a 500.
    assert client.get(LIJST, {"maand": "x'; drop", "type": "<b>"}).status_code == 200


def _zonder_paginacache(client):
    # A session cookie makes the page cache step aside: these tests measure a real render.
    client.cookies["sessionid"] = "geen-echte-sessie"


def _met_sessie(client):
    """The session of a returning anonymous visitor: the page cache steps aside, the
    parts of the page that are the same for everyone come from the content cache."""
    sessie = SessionStore()
    sessie["terug"] = True
    sessie.create()
    client.cookies["sessionid"] = sessie.session_key


def test_anonymous_second_visit_comes_from_the_page_cache(
    client, site, django_assert_num_queries, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    for url in (LIJST, kenniscafe.get_absolute_url()):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
    # A registration changes the places left: the next visit renders afresh.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_aanmelden_url(kenniscafe), _post())
    assert "Nog 39 plaatsen" in client.get(kenniscafe.get_absolute_url()).content.decode()


def test_list_query_count_is_constant_at_1x_and_10x(client, site, django_assert_num_queries):
    _zonder_paginacache(client)
    _met_sessie(client)
    client.get(LIJST)  # fills the cached site settings
    _maak_cafes(2)
    # Rendered afresh after a change: 4 queries (cafés with place counts, their werkteams,
    # their organisations, themes); the next visit reads the list from the content cache.
    with django_assert_num_queries(4):
        client.get(LIJST)
    with django_assert_num_queries(0):
        client.get(LIJST)
    _maak_cafes(20)
    with django_assert_num_queries(4):
        response = client.get(LIJST)
    assert response.content.decode().count('class="kaart"') == 22
    with django_assert_num_queries(0):
        assert client.get(LIJST).content.decode().count('class="kaart"') == 22


def test_archive_lists_past_cafes_with_figures(client, site, django_assert_num_queries):
    def verleden(n):
        for i in range(n):
            start = timezone.now() - datetime.timedelta(days=30 + i)
            kenniscafe = KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))
            AanmeldingFactory.create_batch(3, kenniscafe=kenniscafe, aanwezig=True)
            AanmeldingFactory(kenniscafe=kenniscafe, aanwezig=False)

    _met_sessie(client)
    url = reverse("kenniscafes:kenniscafe_archive")
    client.get(url)  # fills the cached site settings
    verleden(1)
    # Rendered afresh after a change: 3 queries (cafés with figures, their werkteams, their
    # organisations); the next visit reads the archive from the content cache.
    with django_assert_num_queries(3):
        response = client.get(url)
    assert "1 kenniscafé, 4 aanmeldingen, 3 bezoekers." in response.content.decode()
    with django_assert_num_queries(0):
        client.get(url)
    verleden(10)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert "11 kenniscafés, 44 aanmeldingen, 33 bezoekers." in response.content.decode()


def test_detail_shows_programme_type_and_places_but_never_the_online_link(client, site):
    kenniscafe = KenniscafeFactory(vorm="hybride", plaatsen_online=5, type="dialoogtafel")
    ProgrammaOnderdeelFactory(
        kenniscafe=kenniscafe, titel="Dialoog", spreker_naam="Fictieve Lector"
    )
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Dialoog" in html and "Fictieve Lector" in html
    assert "Metacognitieve kennis." in html
    assert "Nog 40 plaatsen op locatie, 5 online" in html
    assert "geheim-kenniscafe" not in html
    assert 'name="deelname"' in html


def test_detail_query_count_is_constant(client, site, django_assert_num_queries):
    kenniscafe = KenniscafeFactory()
    ProgrammaOnderdeelFactory(kenniscafe=kenniscafe)
    AanmeldingFactory.create_batch(2, kenniscafe=kenniscafe)
    _met_sessie(client)
    url = kenniscafe.get_absolute_url()
    client.get(url)  # fills the cached site settings
    AanmeldingFactory(kenniscafe=kenniscafe)
    # Rendered afresh: 5 queries (café with counts, its werkteams, organisations, programme,
    # kennisbank items); the next visit reads café and page parts from the content cache.
    with django_assert_num_queries(5):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    AanmeldingFactory.create_batch(20, kenniscafe=kenniscafe)
    ProgrammaOnderdeelFactory.create_batch(10, kenniscafe=kenniscafe)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert "Nog 17 plaatsen" in response.content.decode()
    with django_assert_num_queries(0):
        client.get(url)


def test_draft_is_hidden_from_the_public(client, site):
    kenniscafe = KenniscafeFactory(status="concept")
    assert client.get(kenniscafe.get_absolute_url()).status_code == 404
    assert client.get("/kenniscafes/bestaat-niet/").status_code == 404


def test_full_cafe_offers_the_waiting_list(client, site):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=kenniscafe)
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Aanmelden voor de wachtlijst" in html
    assert "Vol – wachtlijst open" in html


def test_ics_download_and_feed_parse_and_hide_the_online_link(client, site):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=10)
    KenniscafeFactory()
    response = client.get(reverse("kenniscafes:kenniscafe_ics", kwargs={"slug": kenniscafe.slug}))
    assert response["Content-Type"] == "text/calendar"
    cal = Calendar.from_ical(response.content)
    assert len(cal.walk("VEVENT")) == 1
    assert b"geheim-kenniscafe" not in response.content
    feed = client.get(reverse("kenniscafes:kenniscafe_feed"))
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 2
    assert b"geheim-kenniscafe" not in feed.content


def test_home_shows_upcoming_cafes(client, site):
    KenniscafeFactory(titel="Op de voorpagina")
    assert "Op de voorpagina" in client.get("/").content.decode()


# --- registration form -------------------------------------------------------------------


def test_registration_without_javascript_redirects_to_the_thank_you_page(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_aanmelden_url(kenniscafe), _post())
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "kenniscafes:aangemeld", kwargs={"slug": kenniscafe.slug}
    )
    assert Aanmelding.objects.get().status == "bevestigd"
    assert client.get(response["Location"]).status_code == 200
    assert len(mailoutbox) == 1


def test_registration_with_htmx_returns_the_thank_you_fragment(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), _post(), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "kijk in je mail" in html
    assert "bezoeker@fictief.example" in html


def test_known_address_gets_the_same_answer_as_a_new_one(client, site):
    kenniscafe = KenniscafeFactory()
    AanmeldingFactory(kenniscafe=kenniscafe, email="bezoeker@fictief.example")
    bekend = client.post(_aanmelden_url(kenniscafe), _post(), headers={"HX-Request": "true"})
    nieuw = client.post(
        _aanmelden_url(kenniscafe),
        _post(email="nieuw@fictief.example"),
        headers={"HX-Request": "true"},
    )
    assert bekend.content.decode().replace("bezoeker@", "X@") == nieuw.content.decode().replace(
        "nieuw@", "X@"
    )
    assert Aanmelding.objects.count() == 2


def test_invalid_htmx_registration_returns_200_with_the_error_summary(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(
        _aanmelden_url(kenniscafe), _post(naam="", toestemming=""), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "foutsamenvatting" in html
    assert "Er zijn 2 problemen met dit formulier" in html
    assert "We kunnen je alleen aanmelden met je toestemming." in html
    assert Aanmelding.objects.count() == 0


def test_validation_on_change_stores_nothing(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(
        _aanmelden_url(kenniscafe) + "?valideren=1",
        _post(email="geen-adres"),
        headers={"HX-Request": "true", "HX-Trigger-Name": "email"},
    )
    assert response.status_code == 200
    assert 'id="id_email_veld"' in response.content.decode()
    assert "geldig e-mailadres" in response.content.decode()
    assert Aanmelding.objects.count() == 0


def test_honeypot_stores_nothing_and_answers_like_success(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), _post(website="http://spam.example"))
    assert response.status_code == 302
    assert Aanmelding.objects.count() == 0


def test_registration_is_rate_limited_per_ip(client, site, settings):
    settings.KENNISCAFE_AANMELD_RATE = "3/m"
    kenniscafe = KenniscafeFactory()
    for n in range(3):
        client.post(_aanmelden_url(kenniscafe), _post(email=f"p{n}@fictief.example"))
    response = client.post(_aanmelden_url(kenniscafe), _post(email="p9@fictief.example"))
    assert response.status_code == 429
    assert Aanmelding.objects.count() == 3


def test_closed_registration_shows_no_form_and_refuses_posts(client, site):
    kenniscafe = KenniscafeFactory(status="geannuleerd")
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "Dit kenniscafé is geannuleerd." in html
    assert 'name="toestemming"' not in html
    response = client.post(_aanmelden_url(kenniscafe), _post())
    assert response.status_code == 200
    assert Aanmelding.objects.count() == 0


LANG = "x" * 1001
BAD_INPUT = [
    ("naam", "", "Dit veld is verplicht."),
    ("naam", "x" * 201, "Gebruik maximaal 200 tekens."),
    ("naam", "<script>alert(1)</script>", "Gebruik alleen letters"),
    ("naam", "Robert'); DROP TABLE kenniscafes_aanmelding;--", "Gebruik alleen letters"),
    ("naam", "Fictief\u202eNaam", "onzichtbare stuurtekens"),
    ("naam", "Fictief\x00", "Null-tekens zijn niet toegestaan."),
    ("email", "", "Dit veld is verplicht."),
    ("email", "geen-adres", "Voer een geldig e-mailadres in."),
    ("email", "a" * 250 + "@fictief.example", "Gebruik maximaal 254 tekens."),
    ("email", "<b>@fictief.example", "Voer een geldig e-mailadres in."),
    ("organisatie", "x" * 201, "Gebruik maximaal 200 tekens."),
    ("organisatie", "<img src=x onerror=alert(1)>", "Gebruik alleen letters"),
    ("rol", "", "Dit veld is verplicht."),
    ("rol", "hacker", "Selecteer een geldige keuze."),
    ("sector", "'; --", "Selecteer een geldige keuze."),
    ("regio", "", "Dit veld is verplicht."),
    ("regio", "mars", "Selecteer een geldige keuze."),
    ("opleiding", "<i>SJD</i>", "Gebruik alleen letters"),
    ("registratienummer", "12345<>", "Gebruik alleen letters, cijfers, spaties, punten"),
    ("registratienummer", "1" * 41, "Gebruik maximaal 40 tekens."),
    ("opmerkingen", LANG, "Gebruik maximaal 1000 tekens."),
    ("opmerkingen", "<script>x</script>", "Laat de tekens < en > weg."),
    ("opmerkingen", "rolstoel\u200f", "onzichtbare stuurtekens"),
    ("toestemming", "", "We kunnen je alleen aanmelden met je toestemming."),
]


@pytest.mark.parametrize(
    "veld,waarde,melding", BAD_INPUT, ids=[f"{v}-{i}" for i, (v, _, _) in enumerate(BAD_INPUT)]
)
def test_bad_input_per_field_gives_a_dutch_message_and_stores_nothing(
    client, site, veld, waarde, melding
):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), _post(**{veld: waarde}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "foutsamenvatting" in html
    assert melding.replace("<", "&lt;").replace(">", "&gt;") in html or melding in html
    assert f'href="#id_{veld}"' in html
    assert Aanmelding.objects.count() == 0


def test_student_must_name_the_study_programme(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), _post(rol="student", opleiding=""))
    assert "Vul je opleiding in." in response.content.decode()
    assert Aanmelding.objects.count() == 0


def test_hybrid_cafe_needs_a_valid_way_of_taking_part(client, site):
    kenniscafe = KenniscafeFactory(vorm="hybride", plaatsen_online=5)
    for waarde in ("", "teleportatie"):
        response = client.post(_aanmelden_url(kenniscafe), _post(deelname=waarde))
        assert 'href="#id_deelname"' in response.content.decode()
    assert Aanmelding.objects.count() == 0
    client.post(_aanmelden_url(kenniscafe), _post(deelname="online"))
    assert Aanmelding.objects.get().deelname == "online"


def test_unicode_names_are_welcome(client, site):
    kenniscafe = KenniscafeFactory()
    client.post(
        _aanmelden_url(kenniscafe), _post(naam="Zoë Çelik-O'Brien", organisatie="Café Zuid")
    )
    assert Aanmelding.objects.get().naam == "Zoë Çelik-O'Brien"


# --- personal link -----------------------------------------------------------------------


def _beheer(aanmelding):
    return reverse(
        "kenniscafes:aanmelding_beheer", kwargs={"token": links.aanmelding_token(aanmelding)}
    )


def test_personal_link_shows_and_cancels_after_one_confirm_step(
    client, site, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory(plaatsen_locatie=1)
    aanmelding = AanmeldingFactory(kenniscafe=kenniscafe)
    wachtend = AanmeldingFactory(kenniscafe=kenniscafe, status="wachtlijst")
    url = _beheer(aanmelding)
    html = client.get(url).content.decode()
    assert aanmelding.naam in html and "Aanmelding annuleren" in html
    bevestig = client.get(url + "?stap=annuleren").content.decode()
    assert "Ja, annuleer mijn aanmelding" in bevestig
    aanmelding.refresh_from_db()
    assert aanmelding.status == "bevestigd"  # the GET changed nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"actie": "annuleren"}, follow=True)
    assert "Je aanmelding is geannuleerd." in response.content.decode()
    aanmelding.refresh_from_db()
    wachtend.refresh_from_db()
    assert aanmelding.status == "geannuleerd"
    assert wachtend.status == "bevestigd"


def test_personal_link_shows_the_online_link_to_an_online_registrant(client, site):
    kenniscafe = KenniscafeFactory(vorm="online", plaatsen_online=5)
    aanmelding = AanmeldingFactory(kenniscafe=kenniscafe, deelname="online")
    assert "geheim-kenniscafe" in client.get(_beheer(aanmelding)).content.decode()


def test_tampered_or_expired_link_does_not_work(client, site):
    aanmelding = AanmeldingFactory()
    token = links.aanmelding_token(aanmelding)
    url = reverse("kenniscafes:aanmelding_beheer", kwargs={"token": token[:-2] + "xx"})
    assert client.get(url).status_code == 404
    andere_sleutel = signing.dumps([aanmelding.pk, "0" * 32], salt=links.AANMELDING_SALT)
    url = reverse("kenniscafes:aanmelding_beheer", kwargs={"token": andere_sleutel})
    assert client.get(url).status_code == 404
    aanmelding.kenniscafe.start = timezone.now() - datetime.timedelta(days=2)
    aanmelding.kenniscafe.eind = timezone.now() - datetime.timedelta(days=1)
    aanmelding.kenniscafe.save()
    # After the café the link no longer cancels, but it still erases (issue 10).
    na_afloop = client.get(_beheer(aanmelding))
    assert na_afloop.status_code == 200
    assert "Aanmelding annuleren" not in na_afloop.content.decode()
    assert "Wis mijn gegevens nu" in na_afloop.content.decode()


def test_forget_me_erases_the_details(client, site):
    aanmelding = AanmeldingFactory()
    url = _beheer(aanmelding)
    assert "Ja, wis mijn gegevens" in client.get(url + "?stap=vergeten").content.decode()
    response = client.post(url, {"actie": "vergeten"})
    assert "Je gegevens zijn gewist" in response.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.email == "" and aanmelding.status == "geannuleerd"
    assert client.get(url).status_code == 404


# --- evaluation --------------------------------------------------------------------------


def test_evaluation_form_stores_once_and_validates(client, site):
    start = timezone.now() - datetime.timedelta(days=1)
    kenniscafe = KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))
    aanmelding = AanmeldingFactory(kenniscafe=kenniscafe, aanwezig=True)
    url = reverse("kenniscafes:evaluatie", kwargs={"token": links.evaluatie_token(aanmelding)})
    assert client.get(url).status_code == 200
    slecht = client.post(url, {"score": "11", "meenemen": "<b>x</b>"}).content.decode()
    assert "Selecteer een geldige keuze." in slecht
    assert "Laat de tekens &lt; en &gt; weg." in slecht
    assert Evaluatie.objects.count() == 0
    goed = client.post(url, {"score": "9", "meenemen": "De Doorbraakmethode"})
    assert "Dank je wel voor je evaluatie" in goed.content.decode()
    client.post(url, {"score": "2", "meenemen": "nogmaals"})
    assert list(Evaluatie.objects.values_list("score", flat=True)) == [9]


# --- mailing list ------------------------------------------------------------------------


def test_mailing_list_sign_up_confirm_and_one_click_unsubscribe(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("kenniscafes:abonnee")
    assert client.post(url, {"email": "geen-adres"}).status_code == 200
    assert Abonnee.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "lezer@fictief.example"})
    assert "Bijna klaar" in response.content.decode()
    abonnee = Abonnee.objects.get()
    assert not abonnee.is_actief
    bevestig = [r for r in mailoutbox[0].body.split() if "/nieuwsbrief/bevestigen/" in r][0]
    assert client.get(bevestig.replace("http://127.0.0.1:8000", "")).status_code == 200
    abonnee.refresh_from_db()
    assert abonnee.is_actief
    uitnodiging = Uitnodiging.objects.create(kenniscafe=KenniscafeFactory(), email=abonnee.email)
    afmelden = reverse("kenniscafes:afmelden", kwargs={"token": links.afmeld_token(uitnodiging)})
    from django.test import Client

    zonder_csrf = Client(enforce_csrf_checks=True)
    response = zonder_csrf.post(afmelden, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    abonnee.refresh_from_db()
    assert not abonnee.is_actief
    assert client.get("/kenniscafes/afmelden/vals/").status_code == 404


def test_detail_links_the_published_report_in_the_knowledge_base(client, site):
    from tests.publicaties.factories import PublicatieFactory

    start = timezone.now() - datetime.timedelta(days=20)
    kenniscafe = KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))
    PublicatieFactory(titel="Verslag van het fictieve café", kenniscafe=kenniscafe)
    PublicatieFactory(titel="Nog geheim concept", kenniscafe=kenniscafe, status="concept")
    html = client.get(kenniscafe.get_absolute_url()).content.decode()
    assert "In de kennisbank" in html
    assert "Verslag van het fictieve café" in html
    assert "Nog geheim concept" not in html


@pytest.mark.parametrize(
    "data,melding",
    [
        ({"score": "", "meenemen": "iets"}, "Dit veld is verplicht."),
        ({"score": "0", "meenemen": "iets"}, "Selecteer een geldige keuze."),
        ({"score": "tien", "meenemen": "iets"}, "Selecteer een geldige keuze."),
        ({"score": "8", "meenemen": ""}, "Dit veld is verplicht."),
        ({"score": "8", "meenemen": "x" * 2001}, "Gebruik maximaal 2000 tekens."),
        ({"score": "8", "meenemen": "ok", "opmerking": "<script>"}, "Laat de tekens"),
        ({"score": "8", "meenemen": "ok\u202e"}, "onzichtbare stuurtekens"),
    ],
)
def test_evaluation_fields_refuse_bad_input(client, site, data, melding):
    start = timezone.now() - datetime.timedelta(days=1)
    kenniscafe = KenniscafeFactory(start=start, eind=start + datetime.timedelta(hours=2))
    aanmelding = AanmeldingFactory(kenniscafe=kenniscafe, aanwezig=True)
    url = reverse("kenniscafes:evaluatie", kwargs={"token": links.evaluatie_token(aanmelding)})
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        melding.replace("<", "&lt;") in response.content.decode()
        or melding in response.content.decode()
    )
    assert Evaluatie.objects.count() == 0


@pytest.mark.parametrize(
    "email,melding",
    [
        ("", "Dit veld is verplicht."),
        ("<script>@x.example", "Voer een geldig e-mailadres in."),
        ("a" * 250 + "@x.example", "Gebruik maximaal 254 tekens."),
        ("x'; DROP TABLE--@x", "Voer een geldig e-mailadres in."),
    ],
)
def test_mailing_list_email_refuses_bad_input(client, site, email, melding):
    response = client.post(reverse("kenniscafes:abonnee"), {"email": email})
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert Abonnee.objects.count() == 0


def test_validation_on_change_does_not_count_towards_the_rate_limit(client, site, settings):
    settings.KENNISCAFE_AANMELD_RATE = "2/m"
    kenniscafe = KenniscafeFactory()
    for _ in range(5):
        client.post(
            _aanmelden_url(kenniscafe) + "?valideren=1", _post(), headers={"HX-Request": "true"}
        )
    response = client.post(_aanmelden_url(kenniscafe), _post())
    assert response.status_code == 302
    assert Aanmelding.objects.count() == 1


def test_rate_limited_htmx_submit_gets_a_message_it_can_show(client, site, settings):
    settings.KENNISCAFE_AANMELD_RATE = "1/m"
    kenniscafe = KenniscafeFactory()
    client.post(_aanmelden_url(kenniscafe), _post(email="een@fictief.example"))
    response = client.post(
        _aanmelden_url(kenniscafe),
        _post(email="twee@fictief.example"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Te veel aanmeldingen vanaf dit adres" in response.content.decode()
    assert Aanmelding.objects.count() == 1


def test_history_restore_gets_the_whole_page(client, site):
    KenniscafeFactory()
    _zonder_paginacache(client)
    response = client.get(
        LIJST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_registrant_downloads_a_calendar_file_with_their_online_link(client, site):
    kenniscafe = KenniscafeFactory(vorm="hybride", plaatsen_online=5)
    online = AanmeldingFactory(kenniscafe=kenniscafe, deelname="online")
    op_locatie = AanmeldingFactory(kenniscafe=kenniscafe, deelname="locatie")

    def ics(aanmelding):
        url = reverse(
            "kenniscafes:aanmelding_ics", kwargs={"token": links.aanmelding_token(aanmelding)}
        )
        return client.get(url).content

    assert "kenniscafe.ics" in client.get(_beheer(online)).content.decode()
    assert len(Calendar.from_ical(ics(online)).walk("VEVENT")) == 1
    assert b"geheim-kenniscafe" in ics(online)
    assert b"geheim-kenniscafe" not in ics(op_locatie)
    vals = reverse("kenniscafes:aanmelding_ics", kwargs={"token": "vals"})
    assert client.get(vals).status_code == 404
