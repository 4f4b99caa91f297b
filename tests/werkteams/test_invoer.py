"""Bad input on every form: a Dutch message at the field and in the summary, nothing stored, no 500."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisatieFactory
from werkteams.models import (
    Aanwezigheid,
    Activiteit,
    Bijeenkomst,
    Leerdoel,
    Leeropbrengst,
    Lidmaatschap,
    Persoon,
    Verslagpunt,
    Werkteam,
)

from .factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    LidmaatschapFactory,
    WerkteamFactory,
)

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
SQL = "'; DROP TABLE werkteams_lidmaatschap; --"
HTML = "<script>alert(1)</script>"
VERPLICHT = "Dit veld is verplicht"
DATUM = "Voer een geldige datum in"
KEUZE = "Selecteer een geldige keuze"
NUL = "Null-tekens zijn niet toegestaan"
STUURTEKEN = "tekens die niet zijn toegestaan"


def toekomst(dagen=7):
    return (timezone.localdate() + datetime.timedelta(days=dagen)).isoformat()


@pytest.fixture
def omgeving(team_a, coordinator_a, client):
    client.force_login(coordinator_a)
    lid = LidmaatschapFactory(werkteam=team_a, start=datetime.date(2021, 1, 1))
    bijeenkomst = BijeenkomstFactory(werkteam=team_a)
    aanwezigheid = AanwezigheidFactory(bijeenkomst=bijeenkomst, lidmaatschap=lid)
    doel = LeerdoelFactory(bijeenkomst=bijeenkomst)
    ander = BijeenkomstFactory(werkteam=WerkteamFactory())
    return {
        "team": team_a,
        "lid": lid,
        "bijeenkomst": bijeenkomst,
        "aanwezigheid": aanwezigheid,
        "doel": doel,
        "ander": ander,
        "org": OrganisatieFactory(),
    }


def staat():
    """Everything a bad post could have changed."""
    return (
        Persoon.objects.count(),
        list(Lidmaatschap.objects.order_by("pk").values_list("rol", "start", "eind", "kerngroep")),
        list(
            Bijeenkomst.objects.order_by("pk").values_list("titel", "start", "verslag", "incheck")
        ),
        list(Aanwezigheid.objects.order_by("pk").values_list("status", "afmelding_reden")),
        list(Leerdoel.objects.order_by("pk").values_list("omschrijving", "resultaat")),
        Verslagpunt.objects.count(),
        Leeropbrengst.objects.count(),
        Activiteit.objects.count(),
        list(
            Werkteam.objects.order_by("pk").values_list("opgave", "status", "gewenst_maar_afwezig")
        ),
    )


# (url name, url args, valid data, field, bad value, expected Dutch message)
def _gevallen():
    lid_nieuw = {
        "naam": "Nieuw Fictief",
        "email": "nieuw@fictief.example",
        "rol": "student",
        "start": "2021-02-01",
    }
    lid_edit = {"rol": "lector", "start": "2021-01-01", "eind": ""}
    plan = {
        "titel": "Bijeenkomst",
        "eerste": toekomst(),
        "tijd": "15:00",
        "duur_minuten": "120",
        "herhaling": "eenmalig",
        "vorm": "fysiek",
        "locatie": "Lokaal",
        "herinnering_dagen": "2",
    }
    edit = {
        "titel": "Bijeenkomst",
        "dag": toekomst(),
        "tijd": "15:00",
        "duur_minuten": "120",
        "vorm": "fysiek",
        "locatie": "Lokaal",
    }
    team = {"opgave": "Opgave", "status": "actief"}
    opbrengst = {"niveau": "team", "wat": "Geleerd", "datum": "2021-05-01"}
    activiteit = {"soort": "gastles", "titel": "Gastles"}
    punt = {"punt-soort": "actie", "punt-tekst": "Bellen"}
    g = [
        ("lid_create", "team", lid_nieuw, "naam", "", "Vul een naam in"),
        ("lid_create", "team", lid_nieuw, "naam", "x" * 201, "niet meer dan 200 tekens"),
        ("lid_create", "team", lid_nieuw, "naam", "a\x00b", NUL),
        ("lid_create", "team", lid_nieuw, "naam", "a\x07b", STUURTEKEN),
        ("lid_create", "team", lid_nieuw, "email", "", "Vul een e-mailadres in"),
        ("lid_create", "team", lid_nieuw, "email", HTML, "Voer een geldig e-mailadres in"),
        ("lid_create", "team", lid_nieuw, "email", SQL, "Voer een geldig e-mailadres in"),
        (
            "lid_create",
            "team",
            lid_nieuw,
            "email",
            "zoë@☃.example" + "x" * 300,
            "Voer een geldig e-mailadres in",
        ),
        ("lid_create", "team", lid_nieuw, "rol", "", VERPLICHT),
        ("lid_create", "team", lid_nieuw, "rol", "beheerder", KEUZE),
        ("lid_create", "team", lid_nieuw, "start", "", VERPLICHT),
        ("lid_create", "team", lid_nieuw, "start", "2021-13-45", DATUM),
        ("lid_create", "team", lid_nieuw, "start", SQL, DATUM),
        ("lid_create", "team", lid_nieuw, "eind", "2020-01-01", "niet vóór de startdatum"),
        ("lid_create", "team", lid_nieuw, "persoon", "99999999", KEUZE),
        ("lid_create", "team", lid_nieuw, "organisatie", HTML, KEUZE),
        ("lid_create", "team", lid_nieuw, "functie", "f" * 201, "niet meer dan 200 tekens"),
        ("lid_edit", "lid", lid_edit, "rol", SQL, KEUZE),
        ("lid_edit", "lid", lid_edit, "start", "", VERPLICHT),
        ("lid_edit", "lid", lid_edit, "eind", "2020-12-31", "niet vóór de startdatum"),
        ("lid_edit", "lid", lid_edit, "eind", "🚀", DATUM),
        ("lid_end", "lid", {"eind": "2021-06-01"}, "eind", "", VERPLICHT),
        ("lid_end", "lid", {"eind": "2021-06-01"}, "eind", HTML, DATUM),
        ("lid_end", "lid", {"eind": "2021-06-01"}, "eind", "2020-06-01", "niet vóór de startdatum"),
        (
            "lid_handover",
            "lid",
            {"datum": "2021-06-01", "naam": "Opvolger", "email": "op@fictief.example"},
            "datum",
            "",
            VERPLICHT,
        ),
        (
            "lid_handover",
            "lid",
            {"datum": "2021-06-01", "naam": "Opvolger", "email": "op@fictief.example"},
            "datum",
            "2021-01-01",
            "na het begin",
        ),
        (
            "lid_handover",
            "lid",
            {"datum": "2021-06-01", "naam": "Opvolger", "email": "op@fictief.example"},
            "naam",
            "",
            "Vul een naam in",
        ),
        (
            "lid_handover",
            "lid",
            {"datum": "2021-06-01", "naam": "Opvolger", "email": "op@fictief.example"},
            "email",
            SQL,
            "geldig e-mailadres",
        ),
        ("werkteam_edit", "team", team, "status", "gehackt", KEUZE),
        ("werkteam_edit", "team", team, "opgave", "o" * 5001, "niet meer dan 5000 tekens"),
        ("werkteam_edit", "team", team, "opgave", "a\x1bb", STUURTEKEN),
        ("werkteam_edit", "team", team, "gewenste_sectoren", "hacker", KEUZE),
        ("werkteam_edit", "team", team, "gewenst_maar_afwezig", "h" * 101, "korter dan 100 tekens"),
        ("werkteam_edit", "team", team, "start", "31-31-2031", DATUM),
        ("bijeenkomst_plan", "team", plan, "titel", "", VERPLICHT),
        ("bijeenkomst_plan", "team", plan, "titel", "t" * 201, "niet meer dan 200 tekens"),
        ("bijeenkomst_plan", "team", plan, "eerste", "2020-01-01", "niet in het verleden"),
        ("bijeenkomst_plan", "team", plan, "eerste", SQL, DATUM),
        ("bijeenkomst_plan", "team", plan, "tijd", "25:99", "Voer een geldige tijd in"),
        (
            "bijeenkomst_plan",
            "team",
            plan,
            "duur_minuten",
            "0",
            "hoogstens" if False else "minstens 15",
        ),
        ("bijeenkomst_plan", "team", plan, "duur_minuten", "9" * 30, "hoogstens 600"),
        ("bijeenkomst_plan", "team", plan, "herhaling", "dagelijks", KEUZE),
        (
            "bijeenkomst_plan",
            "team",
            {**plan, "herhaling": "maandelijks"},
            "tot",
            "",
            "laatste datum van de reeks",
        ),
        (
            "bijeenkomst_plan",
            "team",
            {**plan, "herhaling": "maandelijks"},
            "tot",
            toekomst(1),
            "niet eindigen vóór",
        ),
        ("bijeenkomst_plan", "team", plan, "overslaan", "morgen", "is geen datum"),
        ("bijeenkomst_plan", "team", plan, "vorm", HTML, KEUZE),
        (
            "bijeenkomst_plan",
            "team",
            {**plan, "vorm": "online", "locatie": ""},
            "online_link",
            "",
            "heeft een onlinelink nodig",
        ),
        (
            "bijeenkomst_plan",
            "team",
            plan,
            "online_link",
            "javascript:alert(1)",
            "Voer een geldige URL in",
        ),
        ("bijeenkomst_plan", "team", plan, "locatie", "", "heeft een locatie nodig"),
        ("bijeenkomst_plan", "team", plan, "agenda", "a" * 5001, "niet meer dan 5000 tekens"),
        ("bijeenkomst_plan", "team", plan, "leerdoelen", "d" * 501, "korter dan 500 tekens"),
        ("bijeenkomst_plan", "team", plan, "herinnering_dagen", "-1", "minstens 0"),
        ("bijeenkomst_edit", "bijeenkomst", edit, "titel", "", VERPLICHT),
        ("bijeenkomst_edit", "bijeenkomst", edit, "dag", "2020-01-01", "niet naar het verleden"),
        ("bijeenkomst_edit", "bijeenkomst", edit, "vorm", SQL, KEUZE),
        ("bijeenkomst_edit", "bijeenkomst", edit, "locatie", "", "heeft een locatie nodig"),
        (
            "verslag",
            "bijeenkomst",
            {"verslag-incheck": "", "verslag-verslag": "x"},
            "verslag-verslag",
            "v" * 50001,
            "niet meer dan 50000 tekens",
        ),
        (
            "verslag",
            "bijeenkomst",
            {"verslag-incheck": "", "verslag-verslag": "x"},
            "verslag-incheck",
            "a\x02b",
            STUURTEKEN,
        ),
        ("verslag_publish", "bijeenkomst", {}, "niets", "", "Schrijf het verslag"),
        ("verslagpunt_create", "bijeenkomst", punt, "punt-tekst", "", VERPLICHT),
        (
            "verslagpunt_create",
            "bijeenkomst",
            punt,
            "punt-tekst",
            "t" * 501,
            "niet meer dan 500 tekens",
        ),
        ("verslagpunt_create", "bijeenkomst", punt, "punt-soort", "hack", KEUZE),
        ("verslagpunt_create", "bijeenkomst", punt, "punt-deadline", HTML, DATUM),
        ("verslagpunt_create", "bijeenkomst", punt, "punt-eigenaar", "99999999", KEUZE),
        (
            "verslagpunt_create",
            "bijeenkomst",
            {**punt, "punt-soort": "besluit"},
            "punt-deadline",
            "2030-01-01",
            "Alleen een actie",
        ),
        (
            "leerdoel_create",
            "bijeenkomst",
            {"doel-omschrijving": "x"},
            "doel-omschrijving",
            "",
            VERPLICHT,
        ),
        (
            "leerdoel_create",
            "bijeenkomst",
            {"doel-omschrijving": "x"},
            "doel-omschrijving",
            "d" * 501,
            "niet meer dan 500 tekens",
        ),
        ("leerdoelen", "bijeenkomst", {}, "doel", SQL, KEUZE),
        ("aanwezigheid", "bijeenkomst", {}, "aanwezigheid", "gehackt", KEUZE),
        ("leeropbrengst_create", "team", opbrengst, "niveau", "", VERPLICHT),
        ("leeropbrengst_create", "team", opbrengst, "niveau", "universum", KEUZE),
        ("leeropbrengst_create", "team", opbrengst, "wat", "", VERPLICHT),
        ("leeropbrengst_create", "team", opbrengst, "wat", "w" * 5001, "niet meer dan 5000 tekens"),
        ("leeropbrengst_create", "team", opbrengst, "datum", toekomst(30), "niet in de toekomst"),
        ("leeropbrengst_create", "team", opbrengst, "datum", SQL, DATUM),
        (
            "leeropbrengst_create",
            "team",
            {**opbrengst, "niveau": "organisatie"},
            "organisatie",
            "",
            "welke organisatie",
        ),
        ("leeropbrengst_create", "team", opbrengst, "organisatie", "org", KEUZE),
        (
            "leeropbrengst_create",
            "team",
            opbrengst,
            "bewijs_link",
            "javascript:alert(1)",
            "Voer een geldige URL in",
        ),
        ("leeropbrengst_create", "team", opbrengst, "bijeenkomst", "ander", KEUZE),
        ("leeropbrengst_create", "team", opbrengst, "bewijs_bestand", "te-groot", "te groot"),
        ("leeropbrengst_create", "team", opbrengst, "bewijs_bestand", "exe", "niet geaccepteerd"),
        ("activiteit_create", "team", activiteit, "soort", "", VERPLICHT),
        ("activiteit_create", "team", activiteit, "titel", "", VERPLICHT),
        ("activiteit_create", "team", activiteit, "titel", "t" * 251, "niet meer dan 250 tekens"),
        (
            "activiteit_create",
            "team",
            {**activiteit, "start": "2022-01-01"},
            "eind",
            "2021-01-01",
            "niet vóór de startdatum",
        ),
        ("activiteit_create", "team", activiteit, "aantal_studenten", "-5", "minstens 0"),
        (
            "activiteit_create",
            "team",
            activiteit,
            "aantal_studenten",
            SQL,
            "Voer een geheel getal in",
        ),
        ("activiteit_create", "team", activiteit, "organisaties", "99999999", KEUZE),
    ]
    return g


@pytest.mark.parametrize(
    "naam,doel,data,veld,waarde,verwacht",
    _gevallen(),
    ids=[f"{g[0]}-{g[3]}-{i}" for i, g in enumerate(_gevallen())],
)
def test_bad_input_gives_a_dutch_message_and_stores_nothing(
    client, omgeving, naam, doel, data, veld, waarde, verwacht
):
    team = omgeving["team"]
    args = {
        "team": [team.slug],
        "lid": [team.slug, omgeving["lid"].pk],
        "bijeenkomst": [team.slug, omgeving["bijeenkomst"].pk],
    }[doel]
    data = dict(data)
    if veld == "bewijs_bestand":
        data[veld] = (
            SimpleUploadedFile("groot.pdf", b"0" * (10 * 1024 * 1024 + 1))
            if waarde == "te-groot"
            else SimpleUploadedFile("virus.exe", b"MZ")
        )
    elif veld == "bijeenkomst" and waarde == "ander":
        data[veld] = omgeving["ander"].pk
    elif veld == "doel":
        data[f"doelen-d{omgeving['doel'].pk}"] = waarde
    elif veld == "aanwezigheid":
        data[f"aanw-a{omgeving['aanwezigheid'].pk}"] = waarde
    elif veld != "niets":
        data[veld] = waarde
    voor = staat()
    response = client.post(reverse(f"werkteams:{naam}", args=args), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "foutsamenvatting" in html
    assert verwacht in html, html[:3000]
    assert staat() == voor


def test_hostile_text_is_stored_as_text_and_shown_escaped(client, omgeving):
    team = omgeving["team"]
    client.post(
        reverse("werkteams:lid_create", args=[team.slug]),
        {
            "naam": HTML + SQL + " Zoë 🚀",
            "email": "veilig@fictief.example",
            "rol": "student",
            "start": "2021-02-01",
        },
    )
    persoon = Persoon.objects.get(email="veilig@fictief.example")
    assert persoon.naam.startswith("<script>")
    # The members moved to the members tab of the team page.
    html = client.get(reverse("werkteams:lid_list", args=[team.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and HTML not in html
    assert "Zoë 🚀" in html


def test_bad_composition_date_shows_a_message_and_today(client, omgeving):
    response = client.get(
        reverse("werkteams:samenstelling", args=[omgeving["team"].slug])
        + "?samenstelling-datum="
        + SQL,
        **HX,
    )
    assert response.status_code == 200
    assert DATUM in response.content.decode()


def test_absence_reason_too_long_is_refused(client, omgeving):
    aanwezigheid = omgeving["aanwezigheid"]
    client.logout()
    response = client.post(
        reverse("werkteams:afmelden", args=[aanwezigheid.sleutel]), {"reden": "r" * 501}
    )
    assert "niet meer dan 500 tekens" in response.content.decode()
    aanwezigheid.refresh_from_db()
    assert aanwezigheid.status == "onbekend"
