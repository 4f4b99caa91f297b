"""Forms on their own page: every form that opens inline with htmx is also a page of its own.

Opened directly (bookmark, new tab, no JavaScript) it is a whole page with a back link;
saved without htmx it goes back to the `terug` it carries (never to another site) and says
what it did; an invalid post shows the whole page again with its errors.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import polib
import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from publicaties.models import Publicatie
from tests.factories import BeheerderFactory, CoordinatorFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.publicaties.factories import PublicatieFactory
from tests.werkteams.factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
)
from werkteams.models import Activiteit, Bijeenkomst, Leeropbrengst, Lidmaatschap

pytestmark = pytest.mark.django_db

# A page on this site the user came from (not the form's natural page, so the test can tell).
ELDERS = "/werkteams/mijn/?van=lijst"
KWAAD = ("https://evil.example/", "//evil.example/pad", "javascript:alert(1)")


@dataclass
class Geval:
    """One form: its URL, a valid and an invalid post, the message and its natural page."""

    url: str
    geldig: dict
    ongeldig: dict
    melding: str
    natuurlijk: str
    telling: object  # how many rows of what the form saves exist now (a callable)


@pytest.fixture
def wereld():
    SiteInstellingenFactory()
    team = WerkteamFactory(naam="Team Eigen Pagina", slug="team-eigen")
    coordinator = CoordinatorFactory(username="coord-eigen")
    team.coordinatoren.add(coordinator)
    persoon = PersoonFactory(naam="Fenna Fictief")
    lid = LidmaatschapFactory(werkteam=team, persoon=persoon, start=datetime.date(2020, 1, 1))
    bijeenkomst = BijeenkomstFactory(werkteam=team, titel="Voorjaarsoverleg")
    AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=lid)
    publicatie = PublicatieFactory(titel="Notitie over wijkteams")
    return {
        "team": team,
        "coordinator": coordinator,
        "beheerder": BeheerderFactory(username="beheer-eigen"),
        "lid": lid,
        "bijeenkomst": bijeenkomst,
        "publicatie": publicatie,
    }


def _publicatie_data(**wijzig) -> dict:
    data = {
        "titel": "Notitie over wijkteams, herzien",
        "type": "onderzoeksnotitie",
        "status": "gepubliceerd",
        "auteurs": "ter Avest, David",
        "jaar": "2024",
        "datum": "",
        "samenvatting": "Korte samenvatting.",
        "inhoud": "Tekst.",
        "verschenen_in": "",
        "externe_link": "",
        "taal": "nl",
        "licentie": "cc-by-4.0",
    }
    data.update(wijzig)
    return data


def geval(naam: str, w: dict) -> Geval:
    """The inventory: every form of werkteams and publicaties that htmx opens or posts inline."""
    team, lid, bijeenkomst = w["team"], w["lid"], w["bijeenkomst"]
    s = team.slug
    leden = reverse("werkteams:lid_list", args=[s])
    later = timezone.localdate() + datetime.timedelta(days=14)
    leden_tel = Lidmaatschap.objects.filter(werkteam=team).count
    if naam == "lid_create":
        return Geval(
            reverse("werkteams:lid_create", args=[s]),
            {"naam": "Nieuwe Fictief", "email": "nieuw@fictief.example", "rol": "student"}
            | {"start": "2021-02-01"},
            {"naam": "Nieuwe Fictief", "email": "geen-adres", "rol": "student", "start": ""},
            "Nieuwe Fictief is toegevoegd als lid.",
            f"{leden}#leden",
            leden_tel,
        )
    if naam == "lid_edit":
        return Geval(
            reverse("werkteams:lid_edit", args=[s, lid.pk]),
            {"rol": "student", "start": "2020-01-01"},
            {"rol": "onzin", "start": "geen datum"},
            "Het lidmaatschap van Fenna Fictief is opgeslagen.",
            f"{leden}#leden",
            Lidmaatschap.objects.filter(werkteam=team, rol="student").count,
        )
    if naam == "lid_end":
        return Geval(
            reverse("werkteams:lid_end", args=[s, lid.pk]),
            {"eind": "2021-01-01"},
            {"eind": "31-31-2021"},
            "Het lidmaatschap van Fenna Fictief is beëindigd.",
            f"{leden}#leden",
            Lidmaatschap.objects.filter(werkteam=team, eind__isnull=False).count,
        )
    if naam == "lid_handover":
        return Geval(
            reverse("werkteams:lid_handover", args=[s, lid.pk]),
            {"datum": "2021-06-01", "naam": "Opvolger Fictief", "email": "opv@fictief.example"},
            {"datum": "", "naam": "Opvolger Fictief", "email": "opv@fictief.example"},
            "De plek van Fenna Fictief is overgedragen aan Opvolger Fictief.",
            f"{leden}#leden",
            leden_tel,
        )
    if naam == "bijeenkomst_plan":
        return Geval(
            reverse("werkteams:bijeenkomst_plan", args=[s]),
            {"titel": "Ronde tafel", "eerste": later.isoformat(), "tijd": "15:00"}
            | {"duur_minuten": "120", "herhaling": "eenmalig", "vorm": "fysiek"}
            | {"locatie": "Lokaal 1", "herinnering_dagen": "2"},
            {"titel": "", "eerste": "gisteren", "tijd": "25:00", "duur_minuten": "5"},
            "Bijeenkomst ‘Ronde tafel’ is gepland en de leden zijn uitgenodigd.",
            reverse("werkteams:team_bijeenkomsten", args=[s]) + "#bijeenkomsten",
            Bijeenkomst.objects.filter(werkteam=team).count,
        )
    if naam == "bijeenkomst_edit":
        return Geval(
            reverse("werkteams:bijeenkomst_edit", args=[s, bijeenkomst.pk]),
            {"titel": "Najaarsoverleg", "dag": later.isoformat(), "tijd": "14:00"}
            | {"duur_minuten": "90", "vorm": "fysiek", "locatie": "Lokaal 2"},
            {"titel": "", "dag": later.isoformat(), "tijd": "14:00", "duur_minuten": "90"},
            "Bijeenkomst ‘Najaarsoverleg’ is gewijzigd en de leden zijn op de hoogte gebracht.",
            reverse("werkteams:bijeenkomst_detail", args=[s, bijeenkomst.pk]),
            Bijeenkomst.objects.filter(werkteam=team, titel="Najaarsoverleg").count,
        )
    if naam == "leeropbrengst_create":
        return Geval(
            reverse("werkteams:leeropbrengst_create", args=[s]),
            {"niveau": "individueel", "wat": "Beter doorverwijzen", "datum": "2021-05-01"},
            {"niveau": "individueel", "wat": "", "datum": "2999-01-01"},
            "De leeropbrengst van 1 mei 2021 is vastgelegd.",
            reverse("werkteams:team_leren", args=[s]) + "#leeropbrengsten",
            Leeropbrengst.objects.filter(werkteam=team).count,
        )
    if naam == "activiteit_create":
        return Geval(
            reverse("werkteams:activiteit_create", args=[s]),
            {"soort": "gastles", "titel": "Gastles schulden"},
            {"soort": "gastles", "titel": "", "aantal_studenten": "-3"},
            "Activiteit ‘Gastles schulden’ is vastgelegd.",
            reverse("werkteams:team_activiteiten", args=[s]) + "#activiteiten",
            Activiteit.objects.filter(werkteam=team).count,
        )
    if naam == "publicatie_update":
        publicatie = w["publicatie"]
        return Geval(
            reverse("publicaties:publicatie_update", kwargs={"slug": publicatie.slug}),
            _publicatie_data(),
            _publicatie_data(titel="", jaar="twintig"),
            "Publicatie ‘Notitie over wijkteams, herzien’ is opgeslagen.",
            publicatie.get_absolute_url(),
            Publicatie.objects.filter(titel="Notitie over wijkteams, herzien").count,
        )
    raise AssertionError(naam)


FORMULIEREN = [
    "lid_create",
    "lid_edit",
    "lid_end",
    "lid_handover",
    "bijeenkomst_plan",
    "bijeenkomst_edit",
    "leeropbrengst_create",
    "activiteit_create",
    "publicatie_update",
]


def _inloggen(client, w, naam):
    client.force_login(w["beheerder"] if naam.startswith("publicatie") else w["coordinator"])


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_opened_directly_the_form_is_a_whole_page_with_a_back_link(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    response = client.get(f"{g.url}?terug={quote(ELDERS)}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "<h1" in html and 'method="post"' in html
    assert f'name="terug" value="{ELDERS.replace("&", "&amp;")}"' in html
    assert f'href="{ELDERS}"' in html  # the back (or cancel) link goes where the user came from


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_saved_without_htmx_it_goes_back_and_says_what_happened(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    voor = g.telling()
    response = client.post(g.url, {**g.geldig, "terug": ELDERS})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == ELDERS
    assert g.melding in _meldingen(response)
    assert g.telling() == voor + 1


@pytest.mark.parametrize("naam", FORMULIEREN)
@pytest.mark.parametrize("kwaad", KWAAD)
def test_a_terug_to_another_site_is_ignored(client, wereld, naam, kwaad):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    pagina = client.get(g.url, {"terug": kwaad}).content.decode()
    # Neither a link nor the carried field takes it (the language switcher's own `next`
    # holds this page's address, percent-encoded, which is harmless).
    assert f'href="{kwaad}"' not in pagina and 'name="terug"' not in pagina
    assert 'action="https://evil' not in pagina
    response = client.post(g.url, {**g.geldig, "terug": kwaad})
    assert response.status_code == 302 and response["Location"] == g.natuurlijk


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_without_terug_it_goes_to_the_objects_natural_page(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    response = client.post(g.url, g.geldig)
    assert response.status_code == 302 and response["Location"] == g.natuurlijk
    assert g.melding in _meldingen(client.get(response["Location"]))


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_an_invalid_post_shows_the_whole_page_with_its_errors(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    voor = g.telling()
    response = client.post(g.url, {**g.ongeldig, "terug": ELDERS})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "foutsamenvatting" in html
    assert f'name="terug" value="{ELDERS.replace("&", "&amp;")}"' in html  # still carried
    assert g.telling() == voor


@pytest.mark.parametrize("naam", FORMULIEREN[:-1])
def test_with_htmx_the_form_is_still_a_fragment_that_posts_inline(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    html = client.get(g.url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "hx-post" in html and "<h2" in html


def test_someone_elses_team_form_is_not_a_page_for_them(client, wereld):
    client.force_login(CoordinatorFactory(username="ander"))
    g = geval("lid_create", wereld)
    assert client.get(g.url, {"terug": ELDERS}).status_code == 404
    assert client.post(g.url, {**g.geldig, "terug": ELDERS}).status_code == 404
    assert g.telling() == 1


def test_the_meeting_pages_outcome_link_returns_to_the_meeting(client, wereld):
    client.force_login(wereld["coordinator"])
    team, bijeenkomst = wereld["team"], wereld["bijeenkomst"]
    pagina = reverse("werkteams:bijeenkomst_detail", args=[team.slug, bijeenkomst.pk])
    html = client.get(pagina).content.decode()
    link = reverse("werkteams:leeropbrengst_create", args=[team.slug])
    assert f"{link}?bijeenkomst={bijeenkomst.pk}&amp;terug={quote(pagina)}" in html


def test_a_meeting_page_form_without_htmx_honours_terug(client, wereld):
    team, bijeenkomst = wereld["team"], wereld["bijeenkomst"]
    client.force_login(wereld["coordinator"])
    url = reverse("werkteams:leerdoel_create", args=[team.slug, bijeenkomst.pk])
    response = client.post(url, {"doel-omschrijving": "Signalen herkennen", "terug": ELDERS})
    assert response["Location"] == ELDERS
    response = client.post(url, {"doel-omschrijving": "Nog een doel", "terug": KWAAD[0]})
    assert response["Location"].startswith(
        reverse("werkteams:bijeenkomst_detail", args=[team.slug, bijeenkomst.pk])
    )


def test_query_count_of_a_form_page_is_pinned(client, wereld, django_assert_max_num_queries):
    client.force_login(wereld["coordinator"])
    url = reverse("werkteams:leeropbrengst_create", args=[wereld["team"].slug])
    # Session, user, the team and its coordinators (the permission check), the site
    # settings, and one query per choice list of the form (organisations, people, meetings,
    # activities, cafés, publications): the same with ten times the meetings.
    with django_assert_max_num_queries(11):
        assert client.get(url, {"terug": ELDERS}).status_code == 200
    BijeenkomstFactory.create_batch(10, werkteam=wereld["team"])
    with django_assert_max_num_queries(11):
        assert client.get(url, {"terug": ELDERS}).status_code == 200


def test_outcome_form_lists_meetings_by_date_and_title(client, wereld):
    team = wereld["team"]
    for dag in (datetime.date(2026, 3, 12), datetime.date(2026, 1, 8), datetime.date(2026, 5, 14)):
        start = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(15)))
        BijeenkomstFactory(werkteam=team, titel="Werkteambijeenkomst", start=start)
    client.force_login(wereld["coordinator"])
    html = client.get(reverse("werkteams:leeropbrengst_create", args=[team.slug])).content.decode()
    keuzes = re.findall(r'<option value="\d+">([^<]*Werkteambijeenkomst)</option>', html)
    # A series repeats its title: the date tells them apart, newest first.
    assert keuzes == [
        "14 mei 2026 — Werkteambijeenkomst",
        "12 mrt 2026 — Werkteambijeenkomst",
        "8 jan 2026 — Werkteambijeenkomst",
    ]


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_no_label_says_optional_twice(client, wereld, naam):
    g = geval(naam, wereld)
    _inloggen(client, wereld, naam)
    html = client.get(g.url).content.decode()
    # The template adds the marker; a label that says it itself shows it twice.
    assert not re.search(r"\((optioneel|verplicht)\)\s*<span class=\"veld__markering\">", html)
    assert html.count("(optioneel)") == html.count('veld__markering">(optioneel)')


def test_no_translated_label_carries_its_own_optional_marker():
    """The marker comes from the field template only; a msgstr that adds it doubles it."""
    basis = Path(settings.BASE_DIR)
    for plek in ("", "werkteams", "kenniscafes", "publicaties"):
        po = basis / plek / "locale/nl/LC_MESSAGES/django.po"
        for regel in polib.pofile(str(po)):
            if regel.msgid in ("(optional)", "(required)"):
                continue
            assert "(optioneel)" not in regel.msgstr, (po, regel.msgid)
            assert "(optional)" not in regel.msgid, (po, regel.msgid)


def test_cafe_attendance_without_htmx_names_the_person_and_goes_back(client, wereld):
    cafe = KenniscafeFactory()
    cafe.organisator_werkteams.add(wereld["team"])
    aanmelding = AanmeldingFactory(kenniscafe=cafe, naam="Pim Fictief")
    client.force_login(wereld["coordinator"])
    url = reverse("kenniscafes:aanmelding_attendance", args=[cafe.slug, aanmelding.pk])
    lijst = reverse("kenniscafes:aanmelding_list", args=[cafe.slug])
    html = client.get(lijst, {"zoek": "Pim"}).content.decode()
    assert f'name="terug" value="{lijst}?zoek=Pim"' in html  # the row's form carries the list
    response = client.post(url, {"aanwezig": "ja", "terug": f"{lijst}?zoek=Pim"})
    assert response["Location"] == f"{lijst}?zoek=Pim"  # the filtered list it came from
    assert _meldingen(response) == ["Pim Fictief staat nu op aanwezig."]
    response = client.post(url, {"aanwezig": "nee", "terug": KWAAD[0]})
    assert response["Location"] == lijst
    assert _meldingen(response)[-1] == "Pim Fictief staat nu op afwezig."
    response = client.post(url, {"aanwezig": ""})
    assert _meldingen(response)[-1] == "De aanwezigheid van Pim Fictief is gewist."


def test_check_in_tap_without_htmx_says_who_is_present(client, wereld):
    cafe = KenniscafeFactory()
    cafe.organisator_werkteams.add(wereld["team"])
    aanmelding = AanmeldingFactory(kenniscafe=cafe, naam="Pim Fictief")
    client.force_login(wereld["coordinator"])
    url = reverse("kenniscafes:inchecken_tik", args=[cafe.slug, aanmelding.pk])
    response = client.post(url, {"aanwezig": "1"})
    assert response["Location"] == reverse("kenniscafes:inchecken", args=[cafe.slug])
    assert _meldingen(response) == ["Pim Fictief staat nu op aanwezig."]
