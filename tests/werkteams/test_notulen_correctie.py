"""Publishing corrected minutes mails the correction to every member; a double click does not."""

import pytest

from werkplaats.kern.models import Bericht
from werkteams import services

from .factories import AanwezigheidFactory, BijeenkomstFactory, LeerdoelFactory, na_commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def bijeenkomst():
    bijeenkomst = BijeenkomstFactory(verslag="We spraken over schulden.")
    AanwezigheidFactory(bijeenkomst=bijeenkomst, status="aanwezig")
    AanwezigheidFactory(bijeenkomst=bijeenkomst, status="afwezig")
    return bijeenkomst


def _publiceer(bijeenkomst):
    with na_commit():
        return services.verslag_publish(bijeenkomst)


def test_republishing_corrected_minutes_mails_the_correction_to_every_member(
    bijeenkomst, mailoutbox
):
    _publiceer(bijeenkomst)
    assert len(mailoutbox) == 2
    services.verslag_update(bijeenkomst, incheck="", verslag="We spraken over schulden en wonen.")
    assert _publiceer(bijeenkomst) == 2
    assert len(mailoutbox) == 4
    correcties = mailoutbox[2:]
    assert {m.to[0] for m in correcties} == {m.to[0] for m in mailoutbox[:2]}
    for mail in correcties:
        assert mail.subject.startswith("Correctie: ")
        assert "gecorrigeerde verslag" in mail.body
        assert "schulden en wonen" in mail.body
    assert not mailoutbox[0].subject.startswith("Correctie")
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.verslag_versie == 2


def test_every_further_correction_is_mailed_once(bijeenkomst, mailoutbox):
    _publiceer(bijeenkomst)
    for n, tekst in enumerate(["Tweede versie.", "Derde versie."], start=2):
        services.verslag_update(bijeenkomst, incheck="", verslag=tekst)
        _publiceer(bijeenkomst)
        _publiceer(bijeenkomst)  # a double click on the same correction
        assert len(mailoutbox) == 2 * n
    assert Bericht.objects.filter(sleutel__startswith="werkteams:verslag:").count() == 6


def test_a_changed_decision_or_learning_goal_is_a_correction_too(bijeenkomst, mailoutbox):
    doel = LeerdoelFactory(bijeenkomst=bijeenkomst, omschrijving="Samen leren")
    _publiceer(bijeenkomst)
    services.leerdoelen_assess(bijeenkomst, {doel.pk: "bereikt"})
    _publiceer(bijeenkomst)
    assert len(mailoutbox) == 4
    services.verslagpunt_create(bijeenkomst, soort="besluit", tekst="We starten een pilot.")
    _publiceer(bijeenkomst)
    assert len(mailoutbox) == 6
    assert "We starten een pilot." in mailoutbox[-1].body


def test_ticking_an_action_done_is_not_a_correction(bijeenkomst, mailoutbox):
    punt = services.verslagpunt_create(bijeenkomst, soort="actie", tekst="Folder maken")
    _publiceer(bijeenkomst)
    services.verslagpunt_toggle(punt)
    _publiceer(bijeenkomst)
    assert len(mailoutbox) == 2


def test_the_coordinator_is_told_the_corrected_minutes_went_out(client, mailoutbox):
    from django.urls import reverse

    from tests.factories import CoordinatorFactory

    bijeenkomst = BijeenkomstFactory(verslag="Eerste versie.")
    AanwezigheidFactory(bijeenkomst=bijeenkomst, status="aanwezig")
    coordinator = CoordinatorFactory()
    bijeenkomst.werkteam.coordinatoren.add(coordinator)
    client.force_login(coordinator)
    url = reverse("werkteams:verslag_publish", args=[bijeenkomst.werkteam.slug, bijeenkomst.pk])
    hx = {"HTTP_HX_REQUEST": "true"}
    with na_commit():
        eerste = client.post(url, **hx).content.decode()
    assert "gepubliceerd" in eerste and "gecorrigeerde" not in eerste
    services.verslag_update(bijeenkomst, incheck="", verslag="Tweede versie.")
    with na_commit():
        tweede = client.post(url, **hx).content.decode()
    assert "gecorrigeerde verslag" in tweede
    assert len(mailoutbox) == 2
