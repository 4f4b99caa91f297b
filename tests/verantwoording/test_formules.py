"""No export carries a formula: a café title, a member's name and a registrant's name typed
as `=HYPERLINK(...)` come out as text in every CSV and XLSX, frozen year files included."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    AanmeldingFactory,
    AanwezigheidFactory,
    BijeenkomstFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    PersoonFactory,
    WerkteamFactory,
    moment,
)
from werkplaats.verantwoording import services
from werkplaats.verantwoording.models import Afsluiting, Export

pytestmark = pytest.mark.django_db

GEVAAR = '=HYPERLINK("http://x.example","klik")'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A negative number may start with "-"; any other cell starting so must have been quoted.
GETAL = re.compile(r"-\d+(,\d+)?")


def csv_controleren(inhoud: bytes) -> int:
    """Check one CSV file; returns how many cells hold the dangerous text (quoted)."""
    assert inhoud.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rijen[0]) > 1, "the first line must be split by ;"
    cellen = [cel for rij in rijen for cel in rij]
    assert GEVAAR not in cellen
    for cel in cellen:
        assert cel[:1] not in ("=", "+", "@", "\t", "\r"), cel
        assert not cel.startswith("-") or GETAL.fullmatch(cel), cel
    return cellen.count("'" + GEVAAR)


def xlsx_controleren(inhoud: bytes) -> dict[str, int]:
    """Check every sheet of a workbook; returns per sheet how many cells hold the text."""
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        for naam in z.namelist():
            if naam.startswith("xl/worksheets/sheet"):
                xml = z.read(naam)
                assert b"<f>" not in xml and b"<f " not in xml, naam
    per_blad = {}
    for ws in load_workbook(io.BytesIO(inhoud)).worksheets:
        per_blad[ws.title] = 0
        for rij in ws.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", (ws.title, cel.coordinate, cel.value)
                if cel.value == GEVAAR:
                    assert cel.data_type == "s"
                    per_blad[ws.title] += 1
    return per_blad


@pytest.fixture
def gevaar(wereld):
    """A café, a werkteam, a member and a registrant whose names are formulas, all in 2021."""
    cafe = KenniscafeFactory(titel=GEVAAR, start=moment("2021-04-14"))
    cafe.organisator_werkteams.add(wereld["wt1"])
    AanmeldingFactory(kenniscafe=cafe, naam=GEVAAR, opleiding=GEVAAR, aanwezig=True)
    team = WerkteamFactory(naam=GEVAAR, periode=wereld["periode"])
    lid = LidmaatschapFactory(werkteam=team, persoon=PersoonFactory(naam=GEVAAR))
    AanwezigheidFactory(
        bijeenkomst=BijeenkomstFactory(werkteam=team, start=moment("2021-04-01", 14)),
        lidmaatschap=lid,
        status="aanwezig",
    )
    return cafe


def _export_bestanden(client, beheerder, soort):
    export = Export.objects.create(
        soort=soort,
        periode_soort="kalenderjaar",
        periode_sleutel=2021,
        periode_label="2021",
        aangemaakt_door=beheerder,
    )
    assert services.export_run(export.pk) is True
    for bestand in export.bestanden.all():
        url = reverse("verantwoording:export_bestand", args=[export.pk, bestand.pk])
        yield bestand, b"".join(client.get(url).streaming_content)


def test_the_report_workbook_holds_the_names_as_text_on_every_sheet(client, beheerder, gevaar):
    client.force_login(beheerder)
    [(bestand, inhoud)] = _export_bestanden(client, beheerder, Export.Soort.XLSX)
    per_blad = xlsx_controleren(inhoud)
    assert per_blad["Kenniscafés"] >= 1  # the café's title
    assert per_blad["Werkteams"] >= 1  # the werkteam's name


def test_the_report_csv_files_quote_the_names(client, beheerder, gevaar):
    client.force_login(beheerder)
    gevonden = {
        bestand.naam: csv_controleren(inhoud)
        for bestand, inhoud in _export_bestanden(client, beheerder, Export.Soort.CSV)
    }
    assert len(gevonden) == 6
    assert gevonden["verantwoording-kalenderjaar-2021-kenniscafes.csv"] >= 1
    assert gevonden["verantwoording-kalenderjaar-2021-werkteams.csv"] >= 1


@pytest.mark.parametrize(
    ("soort", "lijst"),
    [
        (Export.Soort.RUW_AANMELDINGEN, "aanmeldingen"),  # café title and study programme
        (Export.Soort.RUW_AANWEZIGHEID, "aanwezigheid"),  # werkteam, member
        (Export.Soort.RUW_LIDMAATSCHAPPEN, "lidmaatschappen"),  # werkteam, member
    ],
)
def test_the_raw_lists_hold_the_names_as_text_in_xlsx_and_csv(
    client, beheerder, gevaar, soort, lijst
):
    client.force_login(beheerder)
    [(bestand, inhoud)] = _export_bestanden(client, beheerder, soort)
    assert bestand.mimetype == XLSX
    assert sum(xlsx_controleren(inhoud).values()) == 2
    response = client.get(
        reverse("verantwoording:ruw_csv", args=[lijst]), {"soort": "kalenderjaar", "jaar": 2021}
    )
    assert csv_controleren(b"".join(response.streaming_content)) == 2


def test_the_cafe_registrations_hold_the_name_as_text_in_csv_and_xlsx(client, beheerder, gevaar):
    client.force_login(beheerder)
    response = client.get(reverse("kenniscafes:aanmelding_csv", args=[gevaar.slug]))
    assert csv_controleren(b"".join(response.streaming_content)) == 2  # name, study programme
    response = client.get(reverse("kenniscafes:aanmelding_xlsx", args=[gevaar.slug]))
    assert xlsx_controleren(response.content) == {"Aanmeldingen": 2}


def test_the_files_frozen_when_a_year_is_closed_hold_the_names_as_text(beheerder, gevaar):
    services.jaar_afsluiten(beheerder, 2021)
    bestanden = Afsluiting.objects.get(jaar=2021).bestanden.all()
    in_csv = [csv_controleren(bytes(b.inhoud)) for b in bestanden if b.naam.endswith(".csv")]
    [werkboek] = [xlsx_controleren(bytes(b.inhoud)) for b in bestanden if b.naam.endswith(".xlsx")]
    assert len(in_csv) == 6 and sum(in_csv) >= 2
    assert werkboek["Kenniscafés"] >= 1 and werkboek["Werkteams"] >= 1
