"""Landelijk beheer on the portal: the national summary with its exports, adding a werkplaats."""

import datetime

import pytest
from django.urls import reverse
from django.urls.base import set_urlconf
from django.utils import translation

from tests.factories import (
    AanmeldingFactory,
    ActiviteitFactory,
    BeheerderFactory,
    BijeenkomstFactory,
    GebruikerFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    PublicatieFactory,
    WerkplaatsFactory,
    WerkteamFactory,
    moment,
)
from tests.querytelling import gemeten_voor_en_na_groei
from tests.verantwoording.lezers import csv_tabellen, pdf_tekst, xlsx_tabellen
from werkplaats.kern.huidig import in_werkplaats
from werkplaats.kern.models import Bericht, Gebruiker, Werkplaats, WerkplaatsHost, WerkplaatsRol
from werkplaats.verantwoording import selectors as rapport_selectors
from werkplaats.verantwoording import services as rapport_services
from werkplaats.verantwoording.landelijk import overzicht_get
from werkplaats.verantwoording.models import LandelijkeExport
from werkplaats.verantwoording.rapport import Verslagperiode

from .conftest import PORTAAL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_host")]

D = datetime.date


def portaal_url(naam, *args, **kwargs) -> str:
    set_urlconf("werkplaats.portaal.urls")
    try:
        return reverse(naam, args=args, kwargs=kwargs)
    finally:
        set_urlconf(None)


OVERZICHT = "landelijk:overzicht"


@pytest.fixture
def landelijk(db):
    return GebruikerFactory(username="landelijk", landelijk_beheerder=True)


@pytest.fixture
def ingelogd(client, landelijk):
    client.force_login(landelijk)
    return client


def haal(client, naam, *args, data=None, **extra):
    return client.get(portaal_url(naam, *args), data or {}, HTTP_HOST=PORTAAL, **extra)


def post(client, naam, data, **extra):
    return client.post(portaal_url(naam), data, HTTP_HOST=PORTAAL, **extra)


def activiteit_in(jaar: int, aantal: int):
    """A werkteam with members, meetings, a café with registrations, a publication and a
    guest lesson in `jaar`, in the werkplaats the block acts in; `aantal` scales it."""
    team = WerkteamFactory()
    for _ in range(aantal):
        LidmaatschapFactory(werkteam=team, start=D(jaar - 1, 1, 1))
        BijeenkomstFactory(werkteam=team, start=moment(f"{jaar}-03-10", 14))
    cafe = KenniscafeFactory(start=moment(f"{jaar}-05-12"))
    for nummer in range(aantal + 1):
        AanmeldingFactory(kenniscafe=cafe, aanwezig=nummer % 2 == 0, rol="student")
    PublicatieFactory(jaar=jaar, datum=D(jaar, 6, 1))
    ActiviteitFactory(werkteam=team, soort="gastles", start=D(jaar, 9, 1), aantal_studenten=aantal)
    return cafe


@pytest.fixture
def twee(werkplaats):
    """The test's own werkplaats and a second one, each with its own figures in 2021."""
    tweede = WerkplaatsFactory(naam="Werkplaats Tweede Regio", slug="tweede")
    activiteit_in(2021, 2)
    with in_werkplaats(tweede):
        cafe = activiteit_in(2021, 3)
    return werkplaats, tweede, cafe


def eigen_kerncijfers(werkplaats, periode) -> list:
    """The "now" column of the comparison table in the werkplaats's own report."""
    with in_werkplaats(werkplaats):
        rapport = rapport_selectors.rapport_get(periode, None)
    tabel = rapport.sectie("vergelijking").tabel("vergelijking")
    return [rij[tabel.kolom_index("nu")] for rij in tabel.rijen]


# --- who may see it --------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_portals_login(client):
    response = haal(client, OVERZICHT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/landelijk/")
    assert haal(client, "login").status_code == 200


@pytest.mark.parametrize("naam", [OVERZICHT, "landelijk:werkplaats_nieuw", "landelijk:export_list"])
def test_a_werkplaats_beheerder_gets_403_on_landelijk_beheer(client, naam):
    client.force_login(GebruikerFactory(rol="beheerder"))
    assert haal(client, naam).status_code == 403
    assert post(client, "landelijk:werkplaats_nieuw", {"naam": "X"}).status_code == 403


def test_a_werkplaats_beheerder_cannot_start_a_national_export(client):
    client.force_login(GebruikerFactory(rol="beheerder"))
    data = {"soort": "kalenderjaar", "jaar": 2021, "uitvoer": "csv"}
    assert post(client, "landelijk:export_list", data).status_code == 403
    assert not LandelijkeExport.objects.exists()


def test_only_a_landelijk_beheerder_sees_the_link_in_the_portal_menu(client, landelijk):
    assert "/landelijk/" not in haal(client, "portaal:home").content.decode()
    client.force_login(landelijk)
    assert 'href="/landelijk/"' in haal(client, "portaal:home").content.decode()


def test_a_landelijk_beheerder_logs_in_on_the_portal_and_lands_on_the_summary(client, landelijk):
    response = post(client, "login", {"username": "landelijk", "password": "geheim-wachtwoord-123"})
    assert response.status_code == 302
    assert response["Location"] == "/landelijk/"
    assert haal(client, OVERZICHT).status_code == 200


# --- the summary -----------------------------------------------------------------------------


def test_every_werkplaats_has_the_figures_of_its_own_report_and_the_total_adds_them(ingelogd, twee):
    eigen, tweede, _cafe = twee
    response = haal(ingelogd, OVERZICHT, data={"soort": "kalenderjaar", "jaar": 2021})
    assert response.status_code == 200
    samenvatting = response.context["overzicht"]
    periode = Verslagperiode.kalenderjaar(2021)
    per_naam = {r.werkplaats.slug: r.waarden for r in samenvatting.regels}
    assert per_naam["test"] == eigen_kerncijfers(eigen, periode)
    assert per_naam["tweede"] == eigen_kerncijfers(tweede, periode)
    assert per_naam["test"] != per_naam["tweede"]
    assert samenvatting.totalen == [a + b for a, b in zip(per_naam["test"], per_naam["tweede"])]
    html = response.content.decode()
    assert "Werkplaats Tweede Regio" in html and "Totaal" in html
    # Registrations (fourth figure): 3 in the own werkplaats, 4 in the second one.
    assert per_naam["test"][3] == 3 and per_naam["tweede"][3] == 4


def test_a_period_between_two_dates_counts_only_what_falls_in_it(ingelogd, twee):
    response = haal(
        ingelogd, OVERZICHT, data={"soort": "datums", "van": "2021-05-01", "tot": "2021-05-31"}
    )
    samenvatting = response.context["overzicht"]
    periode = samenvatting.periode
    assert (periode.start, periode.eind) == (D(2021, 5, 1), D(2021, 5, 31))
    for regel in samenvatting.regels:
        assert regel.waarden == eigen_kerncijfers(regel.werkplaats, periode)
        assert regel.waarden[1] == 0  # the meetings were in March


def test_a_closed_year_shows_the_frozen_figures_not_the_live_ones(ingelogd, twee):
    _eigen, tweede, cafe = twee
    periode = Verslagperiode.kalenderjaar(2021)
    with in_werkplaats(tweede):
        rapport_services.jaar_afsluiten(BeheerderFactory(werkplaats=tweede), 2021)
        gesloten = eigen_kerncijfers(tweede, periode)
        AanmeldingFactory(kenniscafe=cafe, aanwezig=True)  # a late registration
        live = eigen_kerncijfers(tweede, periode)
    assert live[3] == gesloten[3] + 1
    response = haal(ingelogd, OVERZICHT, data={"soort": "kalenderjaar", "jaar": 2021})
    regel = next(r for r in response.context["overzicht"].regels if r.werkplaats == tweede)
    assert regel.afsluiting is not None
    assert regel.waarden == gesloten
    html = response.content.decode()
    assert "afgesloten jaar (zoals verzonden)" in html
    assert 'id="afgesloten"' in html


def test_the_summary_counts_only_active_werkplaatsen(ingelogd, twee):
    _eigen, tweede, _cafe = twee
    Werkplaats.objects.filter(pk=tweede.pk).update(actief=False)
    samenvatting = overzicht_get(Verslagperiode.kalenderjaar(2021))
    assert [r.werkplaats.slug for r in samenvatting.regels] == ["test"]


# --- exports -------------------------------------------------------------------------------


@pytest.mark.parametrize("uitvoer", ["xlsx", "csv", "pdf"])
def test_an_export_runs_as_a_job_and_its_file_holds_the_summary(
    ingelogd, twee, uitvoer, django_capture_on_commit_callbacks
):
    data = {"soort": "kalenderjaar", "jaar": 2021, "uitvoer": uitvoer}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(ingelogd, "landelijk:export_list", data)
    assert response.status_code == 302
    export = LandelijkeExport.objects.get()
    assert export.status == LandelijkeExport.Status.KLAAR and export.voortgang == 100
    download = haal(ingelogd, "landelijk:export_bestand", export.pk)
    assert download.status_code == 200
    assert export.bestandsnaam in download["Content-Disposition"]
    inhoud = download.content
    with translation.override("nl"):
        verwacht = overzicht_get(Verslagperiode.kalenderjaar(2021))
    if uitvoer == "pdf":
        tekst = pdf_tekst(inhoud)
        assert "Werkplaats Tweede Regio" in tekst and "Landelijk overzicht" in tekst
        return
    if uitvoer == "xlsx":
        _blad, tabellen = next(iter(xlsx_tabellen(inhoud).values()))
        waarde = lambda cel: cel.value  # noqa: E731
    else:
        tabellen, waarde = csv_tabellen(inhoud), lambda cel: int(cel)  # noqa: E731
    tabel = tabellen["Kerncijfers per werkplaats"]
    regel = next(r for r in verwacht.regels if r.werkplaats.slug == "tweede")
    tweede = tabel["Werkplaats Tweede Regio"]
    assert [waarde(tweede[label]) for label in verwacht.labels] == regel.waarden
    assert [waarde(tabel["Totaal"][label]) for label in verwacht.labels] == verwacht.totalen


def test_the_export_list_is_a_fragment_for_htmx_and_polls_while_running(ingelogd, twee):
    post(
        ingelogd, "landelijk:export_list", {"soort": "kalenderjaar", "jaar": 2021, "uitvoer": "csv"}
    )
    html = haal(ingelogd, "landelijk:export_list", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="export-lijst"')
    assert 'hx-trigger="every 2s"' in html and "<progress" in html


def test_an_export_that_is_not_ready_cannot_be_downloaded(ingelogd, twee):
    post(
        ingelogd, "landelijk:export_list", {"soort": "kalenderjaar", "jaar": 2021, "uitvoer": "csv"}
    )
    export = LandelijkeExport.objects.get()
    assert export.status == LandelijkeExport.Status.WACHTEND
    assert haal(ingelogd, "landelijk:export_bestand", export.pk).status_code == 404


def test_national_exports_are_not_shown_on_a_werkplaats_report_page(
    client, ingelogd, twee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(
            ingelogd,
            "landelijk:export_list",
            {"soort": "kalenderjaar", "jaar": 2021, "uitvoer": "csv"},
        )
    client.force_login(BeheerderFactory())
    html = client.get(reverse("verantwoording:rapport")).content.decode()
    assert "landelijk-overzicht" not in html


# --- adding a werkplaats -------------------------------------------------------------------

NIEUW = {
    "naam": "Werkplaats Sociaal Domein Twente",
    "slug": "twente",
    "hosts": "twente.testserver\nwww.twente.testserver\n",
    "regio": "Twente",
    "contact_email": "info@twente.example",
    "beheerder_voornaam": "Fictieve",
    "beheerder_achternaam": "Beheerder",
    "beheerder_email": "beheer@twente.example",
}


def test_adding_a_werkplaats_creates_its_hosts_and_beheerder_and_mails_a_link_to_its_host(
    ingelogd, landelijk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(ingelogd, "landelijk:werkplaats_nieuw", NIEUW)
    assert response.status_code == 302, response.content.decode()
    twente = Werkplaats.objects.get(slug="twente")
    assert (twente.naam, twente.regio, twente.contact_email) == (
        NIEUW["naam"],
        "Twente",
        "info@twente.example",
    )
    hosts = list(twente.hosts.order_by("-primair", "host").values_list("host", "primair"))
    assert hosts == [("twente.testserver", True), ("www.twente.testserver", False)]
    beheerder = Gebruiker.objects.get(email="beheer@twente.example")
    assert WerkplaatsRol.objects.get(gebruiker=beheerder).werkplaats == twente
    assert beheerder.rollen == {twente.pk: Gebruiker.Rol.BEHEERDER}
    assert not beheerder.has_usable_password()
    bericht = Bericht.objects.get(aan="beheer@twente.example")
    assert "http://twente.testserver/uitnodiging/" in bericht.tekst
    assert "Werkplaats Sociaal Domein Twente" in bericht.onderwerp
    assert bericht.headers["Reply-To"] == "info@twente.example"
    # The invitation works on the new host: the beheerder chooses a password there.
    link = bericht.tekst.split("http://twente.testserver", 1)[1].split()[0]
    assert ingelogd.get(link, HTTP_HOST="twente.testserver").status_code == 200


def test_an_existing_account_gets_the_beheerder_role_in_the_new_werkplaats(ingelogd):
    bestaand = BeheerderFactory(email="beheer@twente.example")
    response = post(ingelogd, "landelijk:werkplaats_nieuw", NIEUW)
    assert response.status_code == 302
    twente = Werkplaats.objects.get(slug="twente")
    bestaand.refresh_from_db()
    assert bestaand.rollen[twente.pk] == Gebruiker.Rol.BEHEERDER
    assert Gebruiker.objects.filter(email="beheer@twente.example").count() == 1


@pytest.mark.parametrize(
    ("wijziging", "veld", "fout"),
    [
        ({"slug": "test"}, "slug", "wordt al gebruikt door een andere werkplaats"),
        ({"hosts": "nieuw.testserver\nlocalhost"}, "hosts", "hoort al bij Werkplaats"),
        ({"hosts": "https://twente.nl/"}, "hosts", "is geen hostnaam"),
        ({"hosts": "twente_oost.nl"}, "hosts", "is geen hostnaam"),
        ({"hosts": PORTAAL}, "hosts", "landelijke portaal"),
    ],
)
def test_a_taken_or_wrong_slug_or_host_gives_a_dutch_error_and_saves_nothing(
    ingelogd, wijziging, veld, fout
):
    aantal = (Werkplaats.objects.count(), WerkplaatsHost.objects.count(), Gebruiker.objects.count())
    response = post(ingelogd, "landelijk:werkplaats_nieuw", {**NIEUW, **wijziging})
    assert response.status_code == 200
    assert fout in " ".join(response.context["form"].errors[veld])
    assert "foutsamenvatting" in response.content.decode()
    nu = (Werkplaats.objects.count(), WerkplaatsHost.objects.count(), Gebruiker.objects.count())
    assert nu == aantal
    assert not Bericht.objects.exists()


def test_a_deactivated_account_as_beheerder_rolls_back_the_whole_werkplaats(ingelogd):
    GebruikerFactory(email="beheer@twente.example", is_active=False)
    response = post(ingelogd, "landelijk:werkplaats_nieuw", NIEUW)
    assert response.status_code == 200
    assert response.context["form"].errors["beheerder_email"]
    assert not Werkplaats.objects.filter(slug="twente").exists()
    assert not WerkplaatsHost.objects.filter(host="twente.testserver").exists()


def test_the_summary_reads_a_fixed_number_of_queries_per_werkplaats_whatever_the_data(
    ingelogd, twee, django_assert_num_queries
):
    _eigen, tweede, _cafe = twee

    def groei():
        for _ in range(3):
            activiteit_in(2021, 3)
            with in_werkplaats(tweede):
                activiteit_in(2021, 3)

    url = portaal_url(OVERZICHT) + "?soort=kalenderjaar&jaar=2021"
    # Per werkplaats five counts (members, meetings, cafés with registrations, publications,
    # education); plus the werkplaatsen, the closed years, the shared teams (none here: no
    # team's figures are read twice) and the export list. The session's user and the
    # portal's host are kept per version in the process.
    metingen = gemeten_voor_en_na_groei(
        ingelogd, url, groei, django_assert_num_queries, 14, {"HTTP_HOST": PORTAAL}
    )
    assert all(response.status_code == 200 for _n, response in metingen)


def test_a_team_that_two_werkplaatsen_run_counts_once_in_the_national_total(twee):
    eigen, tweede, _cafe = twee
    periode = Verslagperiode.kalenderjaar(2021)
    voor = overzicht_get(periode)
    gedeeld = WerkteamFactory(naam="Landelijk project schulden")
    for _ in range(4):
        LidmaatschapFactory(werkteam=gedeeld, start=D(2020, 1, 1))
    BijeenkomstFactory(werkteam=gedeeld, start=moment("2021-04-01", 14))
    ActiviteitFactory(werkteam=gedeeld, soort="gastles", start=D(2021, 9, 1), aantal_studenten=5)
    gedeeld.deelnemende_werkplaatsen.add(tweede)
    na = overzicht_get(periode)
    per_naam = {r.werkplaats.slug: r.waarden for r in na.regels}
    oud = {r.werkplaats.slug: r.waarden for r in voor.regels}
    # Each werkplaats's own report counts the team in full ...
    assert per_naam["test"] == eigen_kerncijfers(eigen, periode)
    assert per_naam["tweede"] == eigen_kerncijfers(tweede, periode)
    for slug in ("test", "tweede"):
        assert per_naam[slug][0] == oud[slug][0] + 4  # members
        assert per_naam[slug][1] == oud[slug][1] + 1  # meetings
        assert per_naam[slug][6] == oud[slug][6] + 1  # guest lessons
    # ... and the national total once.
    verschil = [n - v for n, v in zip(na.totalen, voor.totalen, strict=True)]
    assert verschil[0] == 4 and verschil[1] == 1 and verschil[6] == 1
    assert verschil[8] == 5  # students reached
