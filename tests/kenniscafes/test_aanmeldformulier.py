"""The registration form asks only what the yearly report needs; the rest is folded away."""

import re

import pytest
from django.urls import reverse

from kenniscafes.forms import AanmeldForm
from kenniscafes.models import Aanmelding
from tests.kenniscafes.factories import KenniscafeFactory

pytestmark = pytest.mark.django_db

# What the yearly report counts per registration (werkplaats/verantwoording: audience by
# role, sector and region, students and their programme) plus what the registration itself
# needs (name, address, way of taking part, consent).
VOORAAN = ["naam", "email", "rol", "opleiding", "sector", "regio", "deelname", "toestemming"]
OPGEVOUWEN = ["organisatie", "registratienummer", "opmerkingen", "uitnodigingen_ok"]

MINIMAAL = {
    "naam": "Fictieve Bezoeker",
    "email": "bezoeker@fictief.example",
    "rol": "professional",
    "regio": "binnen",
    "toestemming": "on",
}


def _aanmelden_url(kenniscafe, valideren=False):
    url = reverse("kenniscafes:aanmelden", kwargs={"slug": kenniscafe.slug})
    return url + "?valideren=1" if valideren else url


def _delen(html: str) -> tuple[str, str, str]:
    """The form split into before the fold, the fold, after the fold."""
    formulier = html[html.index('id="aanmeldformulier"') :]
    voor, rest = formulier.split('<details class="uitklap"', 1)
    vouw, na = rest.split("</details>", 1)
    return voor, vouw, na.split("</form>", 1)[0]


def _velden(deel: str) -> set[str]:
    return set(re.findall(r'id="id_(\w+?)_veld"', deel))


def _detail(client, **cafe):
    kenniscafe = KenniscafeFactory(**cafe)
    return kenniscafe, client.get(kenniscafe.get_absolute_url()).content.decode()


def test_report_fields_stand_outside_the_fold_and_the_rest_inside(client, site):
    _, html = _detail(client, vorm="hybride", plaatsen_online=5)
    voor, vouw, na = _delen(html)
    assert _velden(voor) == set(VOORAAN) - {"toestemming"}
    assert _velden(vouw) == set(OPGEVOUWEN)
    assert _velden(na) == {"toestemming"}
    assert "Meer over jou <span" in vouw and "(optioneel)" in vouw


def test_every_question_outside_the_fold_says_why_it_is_asked(site):
    form = AanmeldForm(kenniscafe=KenniscafeFactory(vorm="hybride", plaatsen_online=5))
    for naam in VOORAAN:
        assert str(form.fields[naam].help_text).strip(), naam
    # The report's own questions name the report as the reason.
    for naam in ("rol", "opleiding", "sector", "regio"):
        assert "jaarverslag" in str(form.fields[naam].help_text), naam


def test_everything_in_the_fold_is_optional(site):
    form = AanmeldForm(kenniscafe=KenniscafeFactory())
    assert [n for n in OPGEVOUWEN if form.fields[n].required] == []


def test_fold_is_closed_on_a_fresh_form(client, site):
    _, html = _detail(client)
    assert re.search(r'<details class="uitklap" id="form-meer">', html)


def test_fold_opens_when_one_of_its_fields_has_an_error(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), {**MINIMAAL, "registratienummer": "12345<>"})
    html = response.content.decode()
    assert '<details class="uitklap" id="form-meer" open>' in html
    assert 'href="#id_registratienummer"' in html
    assert Aanmelding.objects.count() == 0


def test_fold_opens_when_one_of_its_fields_has_a_value(client, site):
    kenniscafe = KenniscafeFactory()
    # An error outside the fold; the organisation typed inside it must stay in view.
    response = client.post(
        _aanmelden_url(kenniscafe),
        {**MINIMAAL, "naam": "", "organisatie": "Gemeente Voorbeeld"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert '<details class="uitklap" id="form-meer" open>' in html
    assert 'value="Gemeente Voorbeeld"' in html


def test_fold_stays_closed_when_only_a_field_outside_it_has_an_error(client, site):
    kenniscafe = KenniscafeFactory()
    html = client.post(_aanmelden_url(kenniscafe), {**MINIMAAL, "email": "x"}).content.decode()
    assert '<details class="uitklap" id="form-meer">' in html


def test_registration_without_any_optional_field_works(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    kenniscafe = KenniscafeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_aanmelden_url(kenniscafe), MINIMAAL)
    assert response.status_code == 302
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == "bevestigd"
    assert (aanmelding.organisatie, aanmelding.sector, aanmelding.opmerkingen) == ("", "", "")
    assert aanmelding.uitnodigingen_ok is False
    assert len(mailoutbox) == 1


def test_live_validation_of_a_folded_field_returns_its_wrapper(client, site):
    kenniscafe = KenniscafeFactory()
    _, html = _detail(client)
    _, vouw, _ = _delen(html)
    assert 'hx-target="#id_opmerkingen_veld"' in vouw
    response = client.post(
        _aanmelden_url(kenniscafe, valideren=True),
        {**MINIMAAL, "opmerkingen": "<b>rolstoel</b>"},
        headers={"HX-Request": "true", "HX-Trigger-Name": "opmerkingen"},
    )
    html = response.content.decode()
    assert 'id="id_opmerkingen_veld"' in html
    assert "Laat de tekens &lt; en &gt; weg." in html
    assert Aanmelding.objects.count() == 0


def test_no_label_is_marked_twice(client, site):
    _, html = _detail(client, vorm="hybride", plaatsen_online=5)
    formulier = html[html.index('id="aanmeldformulier"') : html.index("</form>")]
    labels = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", formulier, re.S)
    assert labels
    for label in labels:
        markeringen = re.findall(r"\((?:optioneel|verplicht|als je studeert)\)", label)
        assert len(markeringen) <= 1, label
    # The study programme is asked of students: its marker says so instead of "(optioneel)".
    assert re.search(r'for="id_opleiding"[^>]*>Opleiding <span[^>]*>\(als je studeert\)', html)


def test_a_student_still_names_the_programme(client, site):
    kenniscafe = KenniscafeFactory()
    response = client.post(_aanmelden_url(kenniscafe), {**MINIMAAL, "rol": "student"})
    assert "Vul je opleiding in." in response.content.decode()
    client.post(_aanmelden_url(kenniscafe), {**MINIMAAL, "rol": "student", "opleiding": "SJD"})
    assert Aanmelding.objects.get().opleiding == "SJD"
