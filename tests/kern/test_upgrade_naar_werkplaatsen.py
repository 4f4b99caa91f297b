"""Upgrading a database of one werkplaats: it becomes the first werkplaats, losing nothing.

The database is taken back to the migrations of the last single-werkplaats release, filled
through the historical models (site settings, a closed year with its frozen trigger, teams,
cafés, registrations, publications, roles), and migrated forward again.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

pytestmark = [pytest.mark.zonder_werkplaats, pytest.mark.django_db(transaction=True)]

VOOR = [
    ("kern", "0005_site_instellingen_herinnering_standaard"),
    ("werkteams", "0006_serie_als_terugkerende_afspraak"),
    ("kenniscafes", "0002_uitnodiging_sleutel"),
    ("publicaties", "0013_titelwoorden"),
    ("verantwoording", "0005_export_opslag_als_functie"),
]


def _migreer(doel=None):
    executor = MigrationExecutor(connection)
    doel = doel or executor.loader.graph.leaf_nodes()
    executor.migrate(doel)
    executor.loader.build_graph()
    return executor.loader.project_state(doel).apps


@pytest.fixture
def oud():
    apps = _migreer(VOOR)
    yield apps
    _migreer()


def _vul(apps) -> dict:
    """One old werkplaats's data; returns the pks to look for afterwards."""
    g = apps.get_model
    g("kern", "SiteInstellingen").objects.create(
        pk=1, naam="Werkplaats Sociaal Domein Oud-Regio", korte_naam="WSD Oud", regio="Oud"
    )
    beheerder = g("kern", "Gebruiker").objects.create(username="oud-beheer", rol="beheerder")
    organisatie = g("kern", "Organisatie").objects.create(
        naam="Hogeschool Oud", sector="hogeschool"
    )
    periode = g("kern", "Periode").objects.create(
        naam="2023-2026", start=datetime.date(2023, 1, 1), eind=datetime.date(2026, 12, 31)
    )
    team = g("werkteams", "Werkteam").objects.create(
        naam="Schulden in de wijk", slug="schulden-in-de-wijk", periode=periode
    )
    persoon = g("werkteams", "Persoon").objects.create(
        naam="Lid Oud (fictief)", email="lid@oud.example", organisatie=organisatie
    )
    g("werkteams", "Lidmaatschap").objects.create(
        werkteam=team, persoon=persoon, rol="lid", start=datetime.date(2024, 1, 1)
    )
    g("werkteams", "Activiteit").objects.create(soort="pilot", titel="Een proef zonder team")
    start = timezone.now() + datetime.timedelta(days=20)
    cafe = g("kenniscafes", "Kenniscafe").objects.create(
        titel="Armoede in gesprek",
        slug="armoede-in-gesprek",
        type="podium",
        vorm="fysiek",
        status="gepubliceerd",
        start=start,
        eind=start + datetime.timedelta(hours=2),
    )
    g("kenniscafes", "Aanmelding").objects.create(
        kenniscafe=cafe,
        naam="Bezoeker (fictief)",
        email="bezoeker@oud.example",
        rol="professional",
        regio="binnen",
        deelname="locatie",
        status="bevestigd",
    )
    g("kenniscafes", "Abonnee").objects.create(email="abonnee@oud.example")
    thema = g("publicaties", "Thema").objects.create(naam="Schulden", slug="schulden")
    publicatie = g("publicaties", "Publicatie").objects.create(
        titel="Wat de wijk leerde", slug="wat-de-wijk-leerde", type="artikel", jaar=2024
    )
    publicatie.themas.add(thema)
    g("verantwoording", "Afsluiting").objects.create(
        jaar=2024, cijfers={"teams": 1}, cijfers_sha256="0" * 64
    )
    return {"beheerder": beheerder.pk, "cafe": cafe.pk}


def test_an_old_database_becomes_the_first_werkplaats_with_all_its_data(oud, settings, client):
    settings.WERKPLAATS_HOSTS = ["oud.example.nl", "www.oud.example.nl"]
    settings.ALLOWED_HOSTS = [".example.nl"]
    pks = _vul(oud)
    _migreer()

    from kenniscafes.models import Aanmelding, Abonnee, Kenniscafe
    from publicaties.models import Publicatie, Thema
    from werkplaats.kern.huidig import in_werkplaats
    from werkplaats.kern.models import Gebruiker, Organisatie, Periode, Werkplaats
    from werkplaats.verantwoording.models import Afsluiting
    from werkteams.models import Activiteit, Lidmaatschap, Persoon, Werkteam

    werkplaats = Werkplaats.objects.get()
    assert (werkplaats.pk, werkplaats.naam, werkplaats.regio) == (
        1,
        "Werkplaats Sociaal Domein Oud-Regio",
        "Oud",
    )
    assert werkplaats.slug == "wsd-oud"
    assert list(werkplaats.hosts.values_list("host", "primair")) == [
        ("oud.example.nl", True),
        ("www.oud.example.nl", False),
    ]
    with in_werkplaats(None):
        for model in (Organisatie, Periode, Werkteam, Persoon, Activiteit, Kenniscafe, Abonnee):
            assert set(model.objects.values_list("werkplaats", flat=True)) == {werkplaats.pk}
        for model in (Thema, Publicatie, Afsluiting):
            assert set(model.objects.values_list("werkplaats", flat=True)) == {werkplaats.pk}
        assert Lidmaatschap.objects.count() == 1
        assert Aanmelding.objects.get().kenniscafe_id == pks["cafe"]
        # The closed year is still frozen after its one update by the migration.
        with pytest.raises(Exception, match="afgesloten jaar"):
            Afsluiting.objects.update(cijfers={})
    # The old beheerder is beheerder of the first werkplaats.
    beheerder = Gebruiker.objects.get(pk=pks["beheerder"])
    with in_werkplaats(werkplaats):
        assert beheerder.rol == "beheerder"

    # The site answers on its configured host, with its café; other hosts get nothing.
    pagina = client.get(
        reverse("kenniscafes:kenniscafe_detail", args=["armoede-in-gesprek"]),
        HTTP_HOST="oud.example.nl",
    )
    assert pagina.status_code == 200
    assert "Armoede in gesprek" in pagina.content.decode()
    onbekend = client.get("/", HTTP_HOST="elders.example.nl")
    assert onbekend.status_code in (400, 404)
    assert "Oud-Regio" not in onbekend.content.decode()
