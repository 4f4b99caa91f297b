"""A coordinator's journey in Debian's Chromium, with axe on every page visited.

Plans a series, a member reports absence by link, attendance, minutes published (mails
arrive), a hand-over, and a learning outcome at organisation level.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import assert_accessible, browser_inloggen
from tests.factories import CoordinatorFactory, OrganisatieFactory
from werkteams.models import Aanwezigheid, Bijeenkomst, Leeropbrengst, Lidmaatschap, Werkteam

from .factories import LidmaatschapFactory, PersoonFactory, WerkteamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def zet(browser, element_id, waarde):
    """Set an input's value directly (date inputs take locale-specific keystrokes)."""
    browser.execute_script(
        "document.getElementById(arguments[0]).value = arguments[1];", element_id, waarde
    )


def wacht_op_tekst(wait, tekst):
    """Wait until the main element shows `tekst`. Read in the page itself: while htmx swaps,
    Chromium can answer for a node it has just removed ("does not belong to the document")."""
    wait.until(
        lambda d: (
            tekst
            in d.execute_script("return (document.querySelector('main') || {}).innerText || ''")
        )
    )


def test_coordinator_runs_a_team_in_the_browser(browser):
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    gemeente = OrganisatieFactory(naam="Gemeente Fictiefstad", sector="gemeente")
    team = WerkteamFactory(naam="Armoede en schulden (test)", slug="armoede-test")
    coordinator = CoordinatorFactory(
        username="coord-browser", first_name="Fictieve", last_name="Coördinator"
    )
    team.coordinatoren.add(coordinator)
    vertrekker = LidmaatschapFactory(
        werkteam=team,
        persoon=PersoonFactory(naam="Vera Vertrekt", organisatie=gemeente),
        start=datetime.date(2020, 1, 1),
    )
    afmelder = LidmaatschapFactory(
        werkteam=team, persoon=PersoonFactory(naam="Aad Afmelder"), start=datetime.date(2020, 1, 1)
    )

    # Log in.
    browser_inloggen(browser, "coord-browser")

    # The team page: its members now live on the members tab, meetings on the meetings tab.
    browser.get(browser.live_server_url + f"/werkteams/{team.slug}/leden/")
    wacht_op_tekst(wait, "Vera Vertrekt")
    assert_accessible(browser)
    browser.get(browser.live_server_url + f"/werkteams/{team.slug}/bijeenkomsten/")

    # Plan a monthly series, skipping the second date.
    browser.find_element(By.LINK_TEXT, "Bijeenkomst of reeks plannen").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_bijeenkomsten_eerste")))
    eerste = timezone.localdate() + datetime.timedelta(days=10)
    zet(browser, "id_bijeenkomsten_eerste", eerste.isoformat())
    zet(browser, "id_bijeenkomsten_tot", (eerste + datetime.timedelta(days=100)).isoformat())
    browser.find_element(By.CSS_SELECTOR, "input[name=herhaling][value=maandelijks]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=vorm][value=fysiek]").click()
    browser.find_element(By.ID, "id_bijeenkomsten_locatie").send_keys("Hogeschool, lokaal 1.01")
    browser.find_element(By.ID, "id_bijeenkomsten_leerdoelen").send_keys("We kiezen een casus")
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[normalize-space()='Plannen en uitnodigen']").click()
    wacht_op_tekst(wait, "zijn gepland en de leden zijn uitgenodigd")
    assert Bijeenkomst.objects.filter(werkteam=team).count() >= 3
    uitnodigingen = [m for m in mail.outbox if m.subject.startswith("Uitnodiging")]
    # One series invitation per member, with every date (issue #12).
    assert len(uitnodigingen) == 2
    assert_accessible(browser)

    # A member reports absence by the personal link in their invitation.
    eerste_bijeenkomst = Bijeenkomst.objects.filter(werkteam=team).order_by("start").first()
    uitnodiging = next(
        m
        for m in uitnodigingen
        if m.to == [afmelder.persoon.email] and eerste.strftime("%-d") in m.subject
    )
    link = re.search(r"https?://\S+/werkteams/afmelden/\S+/", uitnodiging.body).group(0)
    pad = link.split("/werkteams/", 1)[1]
    browser.get(f"{browser.live_server_url}/werkteams/{pad}")
    assert_accessible(browser)
    browser.find_element(By.ID, "id_reden").send_keys("Op vakantie")
    browser.find_element(By.XPATH, "//button[normalize-space()='Ik kan niet komen']").click()
    wacht_op_tekst(wait, "Je afmelding is doorgegeven")
    assert (
        Aanwezigheid.objects.get(bijeenkomst=eerste_bijeenkomst, lidmaatschap=afmelder).status
        == "afgemeld"
    )

    # Attendance, minutes, publish.
    browser.get(
        f"{browser.live_server_url}/werkteams/{team.slug}/bijeenkomsten/{eerste_bijeenkomst.pk}/"
    )
    wacht_op_tekst(wait, "Aad Afmelder heeft zich afgemeld")
    assert_accessible(browser)
    vera = Aanwezigheid.objects.get(bijeenkomst=eerste_bijeenkomst, lidmaatschap=vertrekker)
    browser.find_element(By.CSS_SELECTOR, f"input[name=aanw-a{vera.pk}][value=aanwezig]").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Aanwezigheid opslaan']").click()
    wacht_op_tekst(wait, "De aanwezigheid is opgeslagen")
    # The swap is announced to screen readers in the page's role="status" region.
    wait.until(
        EC.text_to_be_present_in_element((By.ID, "htmx-status"), "De aanwezigheid is opgeslagen")
    )
    vera.refresh_from_db()
    assert vera.status == "aanwezig"
    browser.find_element(By.ID, "id_verslag-verslag").send_keys(
        "We bespraken de casus van de maand."
    )
    browser.find_element(By.XPATH, "//button[normalize-space()='Verslag opslaan']").click()
    wacht_op_tekst(wait, "Het verslag is opgeslagen")
    browser.execute_script("window.confirm = function () { return true; };")
    browser.find_element(By.XPATH, "//button[contains(., 'Verslag publiceren')]").click()
    wacht_op_tekst(wait, "gepubliceerd en gemaild naar 2 leden")
    verslagen = [m for m in mail.outbox if m.subject.startswith("Verslag:")]
    assert {m.to[0] for m in verslagen} == {vertrekker.persoon.email, afmelder.persoon.email}
    assert_accessible(browser)

    # Hand Vera's place over to a colleague (on the members tab).
    browser.get(browser.live_server_url + f"/werkteams/{team.slug}/leden/")
    browser.find_element(
        By.XPATH, "//a[contains(., 'Overdragen') and contains(., 'Vera Vertrekt')]"
    ).click()
    wait.until(EC.presence_of_element_located((By.ID, "id_leden_datum")))
    zet(browser, "id_leden_datum", timezone.localdate().isoformat())
    browser.find_element(By.ID, "id_leden_naam").send_keys("Otto Opvolger")
    browser.find_element(By.ID, "id_leden_email").send_keys("otto@fictief.example")
    Select(browser.find_element(By.ID, "id_leden_organisatie")).select_by_visible_text(
        "Gemeente Fictiefstad"
    )
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[normalize-space()='Overdragen']").click()
    wacht_op_tekst(wait, "De plek van Vera Vertrekt is overgedragen aan Otto Opvolger")
    wait.until(EC.text_to_be_present_in_element((By.ID, "htmx-status"), "is overgedragen aan Otto"))
    wacht_op_tekst(wait, "nam de plek over van Vera Vertrekt")
    vertrekker.refresh_from_db()
    assert vertrekker.overgedragen_aan.persoon.naam == "Otto Opvolger"
    assert Lidmaatschap.objects.filter(werkteam=team).count() == 3

    # A learning outcome at organisation level (doorwerking), on the learning tab.
    browser.get(browser.live_server_url + f"/werkteams/{team.slug}/leren/")
    browser.find_element(By.LINK_TEXT, "Leeropbrengst vastleggen").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_leeropbrengsten_wat")))
    browser.find_element(By.CSS_SELECTOR, "input[name=niveau][value=organisatie]").click()
    browser.find_element(By.ID, "id_leeropbrengsten_wat").send_keys(
        "De gemeente werkt nu met een vaste contactpersoon."
    )
    # Without the organisation reached, the form says so at the field.
    browser.find_element(By.XPATH, "//button[normalize-space()='Leeropbrengst opslaan']").click()
    samenvatting = wait.until(
        EC.presence_of_element_located((By.CSS_SELECTOR, ".foutsamenvatting"))
    )
    assert "welke organisatie" in samenvatting.text
    wait.until(lambda d: d.switch_to.active_element == samenvatting)  # focus on the summary
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "id_leeropbrengsten_organisatie")).select_by_visible_text(
        "Gemeente Fictiefstad"
    )
    browser.find_element(By.XPATH, "//button[normalize-space()='Leeropbrengst opslaan']").click()
    wacht_op_tekst(wait, "is vastgelegd")
    opbrengst = Leeropbrengst.objects.get(werkteam=team)
    assert opbrengst.niveau == "organisatie" and opbrengst.organisatie == gemeente
    assert_accessible(browser)


def test_pages_without_javascript_flow_and_public_pages_are_accessible(browser):
    gemeente = OrganisatieFactory(naam="Gemeente Fictiefstad", sector="gemeente")
    team = WerkteamFactory(
        naam="Gezond-sociaal (test)", slug="gezond-test", gewenste_sectoren=["wonen"]
    )
    coordinator = CoordinatorFactory(username="coord-pagina")
    team.coordinatoren.add(coordinator)
    lid = LidmaatschapFactory(
        werkteam=team, persoon=PersoonFactory(organisatie=gemeente), start=datetime.date(2020, 1, 1)
    )
    lid.persoon.gebruiker = CoordinatorFactory(username="lid-pagina", rol="lid")
    lid.persoon.save()

    for pad in ["/werkteams/", team.get_absolute_url()]:  # anonymous, public
        browser.get(browser.live_server_url + pad)
        assert "Gezond-sociaal (test)" in browser.find_element(By.TAG_NAME, "main").text
        assert_accessible(browser)

    browser_inloggen(browser, "coord-pagina")
    for pad in [
        f"/werkteams/{team.slug}/bijeenkomsten/plannen/",
        f"/werkteams/{team.slug}/leden/toevoegen/",
        f"/werkteams/{team.slug}/leeropbrengsten/toevoegen/",
        f"/werkteams/{team.slug}/activiteiten/toevoegen/",
        f"/werkteams/{team.slug}/bewerken/",
        f"/werkteams/{team.slug}/samenstelling/?samenstelling-datum=2021-01-01",
    ]:
        browser.get(browser.live_server_url + pad)
        assert browser.find_elements(By.TAG_NAME, "h1") or browser.find_elements(By.TAG_NAME, "h2")
        assert_accessible(browser)
    # On its own page the form is a plain form: a POST with an error shows the summary on a
    # full page.
    browser.get(browser.live_server_url + f"/werkteams/{team.slug}/activiteiten/toevoegen/")
    assert not browser.find_elements(By.CSS_SELECTOR, "form[hx-post]")
    browser.find_element(By.XPATH, "//button[normalize-space()='Activiteit opslaan']").click()
    samenvatting = WebDriverWait(
        browser, 10, ignored_exceptions=(StaleElementReferenceException,)
    ).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".foutsamenvatting")))
    assert "Dit veld is verplicht" in samenvatting.text
    assert_accessible(browser)

    browser.delete_all_cookies()
    browser_inloggen(browser, "lid-pagina")
    browser.get(browser.live_server_url + "/werkteams/mijn/")
    assert "Gezond-sociaal (test)" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)


def test_administrator_starts_a_team_in_the_browser(browser):
    """The new-team form with htmx: a mistake shown inline, then the team page; axe on both."""
    from tests.factories import BeheerderFactory, PeriodeFactory

    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    PeriodeFactory(
        naam="2025-2028", start=datetime.date(2025, 1, 1), eind=datetime.date(2028, 12, 31)
    )
    BeheerderFactory(username="beheer-browser")
    CoordinatorFactory(username="coord-nieuw", first_name="Nieuwe", last_name="Coördinator")
    browser_inloggen(browser, "beheer-browser")

    browser.get(browser.live_server_url + "/werkteams/")
    browser.find_element(By.LINK_TEXT, "Nieuw werkteam").click()
    wait.until(EC.presence_of_element_located((By.NAME, "naam")))
    assert_accessible(browser)
    zet(browser, "id_nieuw-werkteam_start", "2025-03-01")
    zet(browser, "id_nieuw-werkteam_eind", "2025-01-01")
    browser.find_element(By.CSS_SELECTOR, "#nieuw-werkteam-actie button[type=submit]").click()
    wacht_op_tekst(wait, "De einddatum kan niet vóór de startdatum liggen.")
    assert "Dit veld is verplicht." in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)

    browser.find_element(By.NAME, "naam").send_keys("Werkteam Wonen (test)")
    zet(browser, "id_nieuw-werkteam_eind", "")
    browser.find_element(By.XPATH, "//label[contains(., 'Nieuwe Coördinator')]").click()
    browser.find_element(By.CSS_SELECTOR, "#nieuw-werkteam-actie button[type=submit]").click()
    wait.until(EC.url_contains("/werkteams/werkteam-wonen-test/"))
    wacht_op_tekst(wait, "is aangemaakt; de coördinatoren kunnen beginnen.")
    assert_accessible(browser)
    team = Werkteam.objects.get(slug="werkteam-wonen-test")
    assert [c.username for c in team.coordinatoren.all()] == ["coord-nieuw"]
