"""Closing a year: the figures and files are frozen; later changes show up as differences."""

import hashlib

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import AanmeldingFactory
from werkplaats.verantwoording import services
from werkplaats.verantwoording.models import Afsluiting, AfsluitingBestand

pytestmark = pytest.mark.django_db

AFSLUITEN = reverse("verantwoording:afsluiten")
RAPPORT = reverse("verantwoording:rapport")


def bestand_url(bestand):
    return reverse("verantwoording:afsluiting_bestand", args=[bestand.afsluiting.jaar, bestand.pk])


def test_a_beheerder_closes_a_year_and_its_figures_and_files_are_stored(client, beheerder, wereld):
    client.force_login(beheerder)
    response = client.post(AFSLUITEN, {"jaar": 2021})
    assert response.status_code == 302
    afsluiting = Afsluiting.objects.get(jaar=2021)
    kern = afsluiting.cijfers["secties"]["kenniscafes"]["kerncijfers"]["rijen"]
    assert ["Aanmeldingen", 6] in kern
    namen = sorted(b.naam for b in afsluiting.bestanden.all())
    # The workbook, one CSV per section and the print HTML; the PDF follows from a job.
    assert len(namen) == 8
    assert namen[0].endswith("afdrukversie.html")
    assert namen[1].endswith("alle-onderdelen.xlsx")
    html = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": 2021}).content.decode()
    assert "2021 is afgesloten op" in html
    assert "gelijk aan die in de verzonden verantwoording" in html


def test_a_later_change_leaves_the_snapshot_and_its_files_byte_identical(client, beheerder, wereld):
    client.force_login(beheerder)
    client.post(AFSLUITEN, {"jaar": 2021})
    afsluiting = Afsluiting.objects.get(jaar=2021)
    cijfers_voor = afsluiting.cijfers
    downloads_voor = {
        b.naam: client.get(bestand_url(b)).content for b in afsluiting.bestanden.all()
    }
    hashes_voor = {b.naam: b.sha256 for b in afsluiting.bestanden.all()}

    # A late registration at K1 that was present: the live figures change.
    AanmeldingFactory(kenniscafe=wereld["k1"], aanwezig=True, rol="student")

    afsluiting = Afsluiting.objects.get(jaar=2021)
    assert afsluiting.cijfers == cijfers_voor
    for bestand in afsluiting.bestanden.all():
        inhoud = client.get(bestand_url(bestand)).content
        assert inhoud == downloads_voor[bestand.naam]
        assert hashlib.sha256(inhoud).hexdigest() == hashes_voor[bestand.naam] == bestand.sha256

    html = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": 2021}).content.decode()
    assert "wijken op" in html and "afwijken" not in html
    assert 'id="verschillen"' in html
    # Registrations at K1: 4 as sent, 5 live; both are shown.
    assert (
        '<th scope="row">Schulden en stress</th><td>Aanmeldingen</td>'
        '<td class="getal" data-bevroren>4</td><td class="getal" data-live>5</td>'
    ) in html.replace("\n", "")


def test_the_database_refuses_to_change_a_closed_year(beheerder, wereld):
    afsluiting = services.jaar_afsluiten(beheerder, 2021)
    with pytest.raises(DatabaseError), transaction.atomic():
        Afsluiting.objects.filter(pk=afsluiting.pk).update(cijfers={})
    with pytest.raises(DatabaseError), transaction.atomic():
        AfsluitingBestand.objects.filter(afsluiting=afsluiting).update(inhoud=b"")
    with pytest.raises(DatabaseError), transaction.atomic():
        AfsluitingBestand.objects.filter(afsluiting=afsluiting).delete()


def test_a_year_cannot_be_closed_twice(client, beheerder, wereld):
    client.force_login(beheerder)
    client.post(AFSLUITEN, {"jaar": 2021})
    response = client.post(AFSLUITEN, {"jaar": 2021}, follow=True)
    assert "Het jaar 2021 is al afgesloten." in response.content.decode()
    assert Afsluiting.objects.count() == 1


def test_the_current_year_cannot_be_closed(client, beheerder, wereld):
    client.force_login(beheerder)
    jaar = timezone.localdate().year
    response = client.post(AFSLUITEN, {"jaar": jaar}, follow=True)
    assert "Alleen een jaar dat voorbij is" in response.content.decode()
    assert not Afsluiting.objects.exists()


@pytest.mark.parametrize("jaar", ["", "abc", "<script>x</script>", "1; DROP TABLE x", "9" * 200])
def test_a_wrong_year_to_close_stores_nothing(client, beheerder, wereld, jaar):
    client.force_login(beheerder)
    response = client.post(AFSLUITEN, {"jaar": jaar}, follow=True)
    assert response.status_code == 200
    assert "Dit is geen jaar dat kan worden afgesloten." in response.content.decode()
    assert not Afsluiting.objects.exists()


def test_a_coordinator_sees_that_a_year_is_closed_but_not_the_frozen_files(
    client, beheerder, wereld
):
    afsluiting = services.jaar_afsluiten(beheerder, 2021)
    client.force_login(wereld["coord1"])
    html = client.get(RAPPORT, {"soort": "kalenderjaar", "jaar": 2021}).content.decode()
    assert "2021 is afgesloten op" in html
    assert 'id="verschillen"' not in html
    bestand = afsluiting.bestanden.first()
    assert client.get(bestand_url(bestand)).status_code == 403


def test_an_unknown_frozen_file_is_not_found(client, beheerder, wereld):
    client.force_login(beheerder)
    url = reverse("verantwoording:afsluiting_bestand", args=[2019, 1])
    assert client.get(url).status_code == 404
