"""The "Done when" journeys of issue #12, end to end in Debian's Chromium, axe on every page.

1. A beheerder adds period 2023-2026, invites a coordinator and starts a team in that period.
2. That coordinator accepts the invitation from the mail, plans a series, records attendance on
   a 390 px screen and opens the attendance matrix.
3. An organiser checks in three registered visitors and a walk-in on a 390 px screen.
4. A visitor registers for a kenniscafé and sees their place, and on a full café their
   position on the waiting list.

Factories make the starting data only; after that every step goes through the pages. After
each click the test waits for what the click brings (htmx swaps race the driver), ignoring
stale nodes and transient driver errors while it waits.
"""

import datetime
import re

import pytest
from django.utils import timezone
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kenniscafes.models import Aanmelding
from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import (
    AanmeldingFactory,
    AanwezigheidFactory,
    BeheerderFactory,
    BijeenkomstFactory,
    CoordinatorFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    PeriodeFactory,
    PersoonFactory,
    SiteInstellingenFactory,
    WerkteamFactory,
)
from werkplaats.kern.beheer import gebruikers
from werkplaats.kern.models import Bericht, Gebruiker
from werkteams.models import Aanwezigheid, Bijeenkomst, Werkteam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "Een-lang-en-sterk-wachtwoord-42"
UITNODIGINGSLINK = re.compile(r"https?://\S+?(/uitnodiging/[^/\s]+/)")
TELEFOON = (390, 844)


# --- waiting helpers (every click is followed by one of these) -----------------------------


def wacht(browser, conditie, seconden=15):
    """Wait for `conditie`, retrying while htmx replaces the nodes it reads."""
    return WebDriverWait(
        browser,
        seconden,
        ignored_exceptions=[StaleElementReferenceException, WebDriverException],
    ).until(conditie)


def wacht_op_tekst(browser, tekst):
    """Wait until the main element shows `tekst` (pick a text the old page did not show)."""
    wacht(browser, lambda d: tekst in d.find_element(By.TAG_NAME, "main").text)


def wacht_op_pad(browser, pad):
    """Wait until the page a click loads is at `pad` and has its main element."""
    wacht(
        browser,
        lambda d: (
            re.split(r"[?#]", d.current_url)[0].endswith(pad)
            and d.execute_script("return document.readyState") == "complete"
            and d.find_element(By.TAG_NAME, "main")
        ),
    )


def klik(browser, by, selector):
    """Click an element that a swap may be replacing: retry on a fresh node."""
    wacht(browser, lambda d: d.find_element(by, selector).click() or True)


def _zoek(veld):
    """A field by id, or by a (By, selector) pair (werkteam forms prefix their ids)."""
    return veld if isinstance(veld, tuple) else (By.ID, veld)


def vul_in(browser, veld_id, waarde):
    """Type into a field and check it holds the value (retry on a node a swap replaced)."""

    def gevuld(driver):
        veld = driver.find_element(*_zoek(veld_id))
        veld.clear()
        veld.send_keys(waarde)
        return veld.get_attribute("value") == waarde

    wacht(browser, gevuld)


def zet_datum(browser, veld_id, datum):
    """Set a date input (typing into it depends on the browser's locale)."""
    wacht(
        browser,
        lambda d: (
            d.execute_script(
                "const v = arguments[0]; v.value = arguments[1];"
                "v.dispatchEvent(new Event('change', {bubbles: true})); return v.value;",
                d.find_element(*_zoek(veld_id)),
                datum.isoformat(),
            )
            == datum.isoformat()
        ),
    )


def geen_zijwaarts_scrollen(browser):
    breedte = browser.execute_script("return document.documentElement.scrollWidth")
    assert breedte <= TELEFOON[0], f"{browser.current_url} scrolls sideways ({breedte} px)"


@pytest.fixture
def telefoon(browser):
    """The same browser on a 390 px wide window, restored afterwards."""
    grootte = browser.get_window_size()
    browser.set_window_size(*TELEFOON)
    yield browser
    browser.set_window_size(grootte["width"], grootte["height"])


# --- 1. the beheerder ------------------------------------------------------------------------


def test_beheerder_adds_a_period_invites_a_coordinator_and_starts_a_team(browser):
    SiteInstellingenFactory()
    BeheerderFactory(username="beheerder-reis", first_name="Fictieve", last_name="Beheerder")
    browser_inloggen(browser, "beheerder-reis")

    # The beheer overview, then the periods.
    browser.get(browser.live_server_url + "/beheerder/")
    wacht_op_tekst(browser, "Werkplaats beheren")
    assert_accessible(browser)
    klik(browser, By.LINK_TEXT, "Periodes")
    wacht_op_pad(browser, "/beheerder/periodes/")
    assert_accessible(browser)
    klik(browser, By.LINK_TEXT, "Periode toevoegen")
    wacht_op_pad(browser, "/beheerder/periodes/nieuw/")
    assert_accessible(browser)
    vul_in(browser, "id_naam", "2023-2026")
    zet_datum(browser, "id_start", datetime.date(2023, 1, 1))
    zet_datum(browser, "id_eind", datetime.date(2026, 12, 31))
    klik(browser, By.XPATH, "//main//button[normalize-space()='Opslaan']")
    wacht_op_tekst(browser, "Periode 2023-2026 is opgeslagen")
    tabel = browser.find_element(By.CSS_SELECTOR, "main table").text
    assert "2023-2026" in tabel and "1 januari 2023" in tabel and "31 december 2026" in tabel
    assert_accessible(browser)

    # Invite a coordinator by e-mail.
    klik(browser, By.LINK_TEXT, "Werkplaats beheren")
    wacht_op_pad(browser, "/beheerder/")
    klik(browser, By.LINK_TEXT, "Gebruikers en rollen")
    wacht_op_pad(browser, "/beheerder/gebruikers/")
    assert_accessible(browser)
    vul_in(browser, "id_email", "noor.nieuw@fictief.example")
    vul_in(browser, "id_voornaam", "Noor")
    vul_in(browser, "id_achternaam", "Nieuwkomer")
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("coordinator")
    klik(browser, By.XPATH, "//button[contains(., 'Uitnodiging sturen')]")
    wacht_op_tekst(browser, "Er is een uitnodiging gestuurd naar noor.nieuw@fictief.example")
    assert "Noor" in browser.find_element(By.CSS_SELECTOR, "main table").text
    assert_accessible(browser)
    uitnodiging = Bericht.objects.get(aan="noor.nieuw@fictief.example")
    assert UITNODIGINGSLINK.search(uitnodiging.tekst)

    # Start a team in the new period; a start date outside it is refused with the reason.
    browser.get(browser.live_server_url + "/werkteams/")
    wacht_op_tekst(browser, "Nieuw werkteam")
    assert_accessible(browser)
    klik(browser, By.LINK_TEXT, "Nieuw werkteam")
    wacht_op_pad(browser, "/werkteams/nieuw/")
    assert_accessible(browser)
    vul_in(browser, (By.NAME, "naam"), "Schulden in de wijk (fictief)")
    Select(browser.find_element(By.NAME, "periode")).select_by_visible_text("2023-2026")
    zet_datum(browser, (By.NAME, "start"), datetime.date(2022, 6, 1))
    klik(
        browser,
        By.XPATH,
        "//label[contains(., 'noor.nieuw@fictief.example')]",
    )
    assert browser.find_element(
        By.XPATH, "//label[contains(., 'noor.nieuw@fictief.example')]//input"
    ).is_selected()
    klik(browser, By.XPATH, "//button[normalize-space()='Werkteam aanmaken']")
    wacht(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".foutsamenvatting").is_displayed())
    assert "2023-2026" in browser.find_element(By.CSS_SELECTOR, ".foutsamenvatting").text
    assert not Werkteam.objects.filter(naam="Schulden in de wijk (fictief)").exists()
    assert_accessible(browser)

    zet_datum(browser, (By.NAME, "start"), datetime.date(2023, 9, 1))
    klik(browser, By.XPATH, "//button[normalize-space()='Werkteam aanmaken']")
    wacht_op_tekst(browser, "is aangemaakt; de coördinatoren kunnen beginnen.")
    assert "Schulden in de wijk (fictief)" in browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser)
    team = Werkteam.objects.get(naam="Schulden in de wijk (fictief)")
    assert team.periode.naam == "2023-2026"
    assert list(team.coordinatoren.values_list("email", flat=True)) == [
        "noor.nieuw@fictief.example"
    ]


# --- 2. the invited coordinator -------------------------------------------------------------


def test_invited_coordinator_plans_a_series_records_attendance_on_a_phone_and_sees_the_matrix(
    telefoon,
):
    browser = telefoon
    SiteInstellingenFactory()
    vandaag = timezone.localdate()
    periode = PeriodeFactory(
        naam=f"{vandaag.year - 1}-{vandaag.year + 2}",
        start=datetime.date(vandaag.year - 1, 1, 1),
        eind=datetime.date(vandaag.year + 2, 12, 31),
    )
    beheerder = BeheerderFactory(username="beheerder-nodigt")
    noor = gebruikers.gebruiker_invite(
        email="noor.reis@fictief.example",
        voornaam="Noor",
        achternaam="Reiziger",
        rol=Gebruiker.Rol.COORDINATOR,
        door=beheerder,
    )
    team = WerkteamFactory(
        naam="Wijkteams en jongeren (fictief)",
        slug="wijkteams-jongeren",
        periode=periode,
        start=vandaag - datetime.timedelta(days=90),
    )
    team.coordinatoren.add(noor)
    namen = ["Anouk Aanwezig", "Bram Afwezig", "Chaima Afgemeld"]
    leden = [
        LidmaatschapFactory(
            werkteam=team,
            persoon=PersoonFactory(naam=naam),
            start=vandaag - datetime.timedelta(days=90),
        )
        for naam in namen
    ]
    # The meeting of last week, not yet recorded.
    vorige = BijeenkomstFactory(
        werkteam=team,
        titel="Casusoverleg (fictief)",
        start=timezone.now() - datetime.timedelta(days=7),
    )
    for lid in leden:
        AanwezigheidFactory(bijeenkomst=vorige, lidmaatschap=lid)

    # The invitation link from the mail: set a password, land logged in.
    uitnodiging = Bericht.objects.get(aan="noor.reis@fictief.example")
    pad = UITNODIGINGSLINK.search(uitnodiging.tekst).group(1)
    browser.get(browser.live_server_url + pad)
    wacht(browser, lambda d: d.find_element(By.ID, "id_new_password1"))
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)
    vul_in(browser, "id_new_password1", WACHTWOORD)
    vul_in(browser, "id_new_password2", WACHTWOORD)
    klik(browser, By.XPATH, "//button[normalize-space()='Wachtwoord instellen en inloggen']")
    wacht_op_tekst(browser, "Je wachtwoord is ingesteld; welkom.")
    wacht(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".kop__gebruiker"))
    assert_accessible(browser)

    # Plan a monthly series of three meetings on the team's meetings tab.
    browser.get(f"{browser.live_server_url}/werkteams/{team.slug}/bijeenkomsten/")
    wacht_op_tekst(browser, "Casusoverleg (fictief)")
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)
    klik(browser, By.LINK_TEXT, "Bijeenkomst of reeks plannen")
    wacht(browser, lambda d: d.find_element(By.NAME, "eerste").is_displayed())
    eerste = vandaag + datetime.timedelta(days=7)
    zet_datum(browser, (By.NAME, "eerste"), eerste)
    zet_datum(browser, (By.NAME, "tot"), eerste + datetime.timedelta(days=65))
    vul_in(browser, (By.NAME, "titel"), "Werkteamoverleg (fictief)")
    klik(browser, By.CSS_SELECTOR, "input[name=herhaling][value=maandelijks]")
    klik(browser, By.CSS_SELECTOR, "input[name=vorm][value=fysiek]")
    vul_in(browser, (By.NAME, "locatie"), "Wijkcentrum, zaal 2")
    assert_accessible(browser)
    klik(browser, By.XPATH, "//button[normalize-space()='Plannen en uitnodigen']")
    wacht_op_tekst(browser, "3 bijeenkomsten ‘Werkteamoverleg (fictief)’ zijn gepland")
    assert_accessible(browser)
    geplande = Bijeenkomst.objects.filter(werkteam=team, titel="Werkteamoverleg (fictief)")
    assert geplande.count() == 3
    assert len({b.serie for b in geplande}) == 1
    # One mail per member for the whole series.
    series_mails = Bericht.objects.filter(onderwerp__icontains="Werkteamoverleg")
    assert sorted(series_mails.values_list("aan", flat=True)) == sorted(
        lid.persoon.email for lid in leden
    )

    # Record last week's attendance with the segmented control, on the phone.
    browser.get(f"{browser.live_server_url}/werkteams/{team.slug}/bijeenkomsten/{vorige.pk}/")
    wacht_op_tekst(browser, "Aanwezigheid opslaan")
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)
    keuzes = dict(zip(namen, ["aanwezig", "afwezig", "afgemeld"], strict=True))
    for lid in leden:
        aanwezigheid = Aanwezigheid.objects.get(bijeenkomst=vorige, lidmaatschap=lid)
        rij = browser.find_element(
            By.XPATH,
            f"//table[contains(@class,'aanw-tabel')]//tr[th[contains(., '{lid.persoon.naam}')]]",
        )
        # The three segments sit side by side within the 390 px screen.
        segmenten = rij.find_elements(By.CSS_SELECTOR, "label.segment")
        assert [e.text for e in segmenten] == ["Aanwezig", "Afwezig", "Afgemeld"]
        assert len({round(e.rect["y"]) for e in segmenten}) == 1
        assert all(e.rect["x"] + e.rect["width"] <= TELEFOON[0] for e in segmenten)
        segment = rij.find_element(
            By.XPATH,
            f".//label[contains(@class, 'segment')][.//input[@value='{keuzes[lid.persoon.naam]}']]",
        )
        segment.click()
        wacht(
            browser,
            lambda d, a=aanwezigheid, k=keuzes[lid.persoon.naam]: d.find_element(
                By.CSS_SELECTOR, f"input[name=aanw-a{a.pk}][value={k}]"
            ).is_selected(),
        )
    klik(browser, By.XPATH, "//button[normalize-space()='Aanwezigheid opslaan']")
    wacht_op_tekst(browser, "De aanwezigheid is opgeslagen.")
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)
    opgeslagen = {
        a.lidmaatschap.persoon.naam: a.status
        for a in Aanwezigheid.objects.filter(bijeenkomst=vorige).select_related(
            "lidmaatschap__persoon"
        )
    }
    assert opgeslagen == keuzes

    # The matrix across meetings, for the year of last week's meeting.
    klik(browser, By.PARTIAL_LINK_TEXT, "Terug naar")
    wacht_op_pad(browser, f"/werkteams/{team.slug}/bijeenkomsten/")
    klik(browser, By.LINK_TEXT, "Aanwezigheid over bijeenkomsten")
    wacht_op_pad(browser, f"/werkteams/{team.slug}/aanwezigheid/")
    Select(browser.find_element(By.ID, "id_jaar")).select_by_value(str(vorige.start.year))
    klik(browser, By.XPATH, "//button[normalize-space()='Tonen']")
    # htmx swaps the matrix and pushes the filter into the address.
    wacht(browser, lambda d: f"jaar={vorige.start.year}" in d.current_url)

    def matrix_rijen(driver):
        matrix = driver.find_element(By.CSS_SELECTOR, "table.aanw-matrix")
        rijen = {
            r.find_element(By.TAG_NAME, "th").text: r.text
            for r in matrix.find_elements(By.CSS_SELECTOR, "tbody tr")
        }
        rijen["per bijeenkomst"] = matrix.find_element(By.TAG_NAME, "tfoot").text
        return rijen if "Anouk Aanwezig" in rijen else None

    rijen = wacht(browser, matrix_rijen)
    assert "100%" in rijen["Anouk Aanwezig"]
    assert "0%" in rijen["Bram Afwezig"] and "0%" in rijen["Chaima Afgemeld"]
    # The planned series lies ahead: only the held meeting is a column.
    assert "33%" in rijen["per bijeenkomst"]
    assert_accessible(browser)


# --- 3. the organiser at the door -----------------------------------------------------------


def test_organiser_checks_in_three_visitors_and_a_walk_in_on_a_phone(telefoon):
    browser = telefoon
    SiteInstellingenFactory()
    organisator = CoordinatorFactory(username="organisator-deur")
    team = WerkteamFactory()
    team.coordinatoren.add(organisator)
    kenniscafe = KenniscafeFactory(titel="Kenniscafé aan de deur (fictief)", plaatsen_locatie=10)
    kenniscafe.organisator_werkteams.add(team)
    namen = ["Fictieve Anouk", "Fictieve Bram", "Fictieve Chaima"]
    for naam in namen:
        AanmeldingFactory(kenniscafe=kenniscafe, naam=naam)
    browser_inloggen(browser, "organisator-deur")

    browser.get(f"{browser.live_server_url}/kenniscafes/{kenniscafe.slug}/inchecken/")
    wacht(browser, lambda d: d.find_element(By.ID, "inchecken-teller").text == "0 van 3 aanwezig")
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)

    for aantal, naam in enumerate(namen, start=1):
        # Search as you type until only this name is left, then one tap.
        vul_in(browser, "inchecken-zoek", naam.split()[-1].lower())
        wacht(
            browser,
            lambda d, naam=naam: (
                [r.text for r in d.find_elements(By.CSS_SELECTOR, ".inchecken__rij")]
                and all(naam in r.text for r in d.find_elements(By.CSS_SELECTOR, ".inchecken__rij"))
            ),
        )
        rij = browser.find_element(By.CSS_SELECTOR, ".inchecken__rij")
        knop = rij.find_element(By.TAG_NAME, "button")
        naam_el = rij.find_element(By.CLASS_NAME, "inchecken__naam")
        assert abs(knop.rect["y"] - naam_el.rect["y"]) < 30, "name and button share one row"
        knop.click()
        wacht(
            browser,
            lambda d, aantal=aantal: (
                d.find_element(By.ID, "inchecken-teller").text == f"{aantal} van 3 aanwezig"
            ),
        )
    assert_accessible(browser)

    # A walk-in from the same screen.
    klik(browser, By.CSS_SELECTOR, ".inchecken__inloop summary")
    wacht(browser, lambda d: d.find_element(By.ID, "id_naam").is_displayed())
    vul_in(browser, "id_naam", "Fictieve Inloper")
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("student")
    klik(browser, By.ID, "id_regio_0")
    klik(browser, By.CSS_SELECTOR, ".inchecken__inloop button[type=submit]")
    wacht(browser, lambda d: d.find_element(By.ID, "inchecken-teller").text == "4 van 4 aanwezig")
    assert "Fictieve Inloper" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    geen_zijwaarts_scrollen(browser)
    assert Aanmelding.objects.filter(kenniscafe=kenniscafe, aanwezig=True).count() == 4


# --- 4. the visitor -------------------------------------------------------------------------


def _aanmelden(browser, naam, email):
    """Fill in the public registration form as a visitor would and send it."""
    vul_in(browser, "id_naam", naam)
    vul_in(browser, "id_email", email)
    Select(browser.find_element(By.ID, "id_rol")).select_by_value("professional")
    klik(browser, By.ID, "id_regio_0")
    if not browser.find_element(By.ID, "id_toestemming").is_selected():
        klik(browser, By.ID, "id_toestemming")
    klik(browser, By.CSS_SELECTOR, "#aanmeldformulier button[type=submit]")


def test_visitor_registers_and_sees_a_place_or_the_waiting_list_position(browser):
    SiteInstellingenFactory()
    open_cafe = KenniscafeFactory(titel="Kenniscafé met plaats (fictief)", plaatsen_locatie=2)
    vol_cafe = KenniscafeFactory(titel="Vol kenniscafé (fictief)", plaatsen_locatie=1)
    AanmeldingFactory(kenniscafe=vol_cafe)

    # From the list to the café with places left.
    browser.get(browser.live_server_url + "/kenniscafes/")
    wacht_op_tekst(browser, "Kenniscafé met plaats (fictief)")
    assert_accessible(browser)
    klik(browser, By.LINK_TEXT, "Kenniscafé met plaats (fictief)")
    wacht_op_pad(browser, open_cafe.get_absolute_url())
    assert "Nog 2 plaatsen" in browser.find_element(By.ID, "plaatsen").text
    assert_accessible(browser)
    _aanmelden(browser, "Fictieve Bezoeker", "bezoeker@fictief.example")
    uitkomst = wacht(browser, lambda d: d.find_element(By.CSS_SELECTOR, "[data-focus-na-swap]"))
    wacht(browser, lambda d: "Je hebt een plaats." in d.find_element(By.TAG_NAME, "main").text)
    assert "Je staat op de wachtlijst" not in uitkomst.text
    assert "Zet in je agenda" in browser.find_element(By.TAG_NAME, "main").text
    wacht(browser, lambda d: "Nog 1 plaats" in d.find_element(By.ID, "plaatsen").text)
    assert_accessible(browser)

    # The full café: the answer says waiting list, and at which position.
    browser.get(browser.live_server_url + vol_cafe.get_absolute_url())
    wacht_op_tekst(browser, "Vol kenniscafé (fictief)")
    assert_accessible(browser)
    _aanmelden(browser, "Fictieve Wachtende", "wachtende@fictief.example")
    wacht(
        browser,
        lambda d: (
            "Je staat op de wachtlijst, op plaats 1." in d.find_element(By.TAG_NAME, "main").text
        ),
    )
    assert "Je hebt een plaats" not in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    assert Aanmelding.objects.get(email="wachtende@fictief.example").status == "wachtlijst"
