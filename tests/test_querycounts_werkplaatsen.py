"""Query counts with one werkplaats and with fifteen: every page costs the same.

Each page is measured in werkplaats A with its own data; then fourteen more werkplaatsen get
the very same data set (the same slugs, titles and e-mail addresses) and the page is
measured again. The counts must be equal, and none of the other werkplaatsen's names may
show: the scope is one condition in each query, never an extra query or a leak.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AanmeldingFactory,
    BeheerderFactory,
    BijeenkomstFactory,
    CoordinatorFactory,
    KenniscafeFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    PeriodeFactory,
    PersoonFactory,
    PublicatieFactory,
    ThemaFactory,
    WerkplaatsFactory,
    WerkteamFactory,
)
from werkplaats.kern.huidig import in_werkplaats

pytestmark = pytest.mark.django_db

OVERIGE = 14


def _vul(nummer: int) -> None:
    """The same data set in the current werkplaats; `nummer` only varies e-mail addresses."""
    periode = PeriodeFactory(
        naam="2023-2026", start=datetime.date(2023, 1, 1), eind=datetime.date(2026, 12, 31)
    )
    organisatie = OrganisatieFactory(naam="Hogeschool Rivierstad")
    team = WerkteamFactory(naam="Schulden en wonen", slug="schulden-en-wonen", periode=periode)
    for i in range(3):
        persoon = PersoonFactory(
            email=f"lid{i}-{nummer}@voorbeeld.example", organisatie=organisatie
        )
        LidmaatschapFactory(werkteam=team, persoon=persoon)
    BijeenkomstFactory(werkteam=team)
    thema = ThemaFactory(naam="Schulden", slug="schulden")
    for i in range(3):
        PublicatieFactory(
            titel=f"Schulden in de wijk {i}",
            slug=f"schulden-in-de-wijk-{i}",
            samenvatting="Wat schuldhulp en wijkteams van elkaar leerden.",
            themas=[thema],
            werkteams=[team],
        )
    for i in range(3):
        cafe = KenniscafeFactory(titel=f"Armoede in gesprek {i}", slug=f"armoede-in-gesprek-{i}")
        for j in range(2):
            AanmeldingFactory(kenniscafe=cafe, email=f"bezoeker{j}-{nummer}@voorbeeld.example")
    KenniscafeFactory(
        titel="Terugblik",
        slug="terugblik",
        start=timezone.now() - datetime.timedelta(days=40),
        eind=timezone.now() - datetime.timedelta(days=40, hours=-2),
    )


PUBLIEK = [
    ("home", []),
    ("kenniscafes:kenniscafe_list", []),
    ("kenniscafes:kenniscafe_archive", []),
    ("kenniscafes:kenniscafe_detail", ["armoede-in-gesprek-0"]),
    ("kenniscafes:kenniscafe_feed", []),
    ("publicaties:publicatie_list", []),
    ("publicaties:publicatie_detail", ["schulden-in-de-wijk-0"]),
    ("werkteams:werkteam_list", []),
    ("werkteams:werkteam_detail", ["schulden-en-wonen"]),
    ("sitemap", []),
]
STAF = [
    ("beheer:overzicht", []),
    ("beheer:organisatie_list", []),
    ("beheer:periode_list", []),
    ("beheer:gebruiker_list", []),
    ("kenniscafes:organisator_list", []),
    ("kenniscafes:aanmelding_list", ["armoede-in-gesprek-0"]),
    ("publicaties:publicatie_beheer", []),
    ("werkteams:lid_list", ["schulden-en-wonen"]),
    ("werkteams:team_bijeenkomsten", ["schulden-en-wonen"]),
    ("verantwoording:rapport", []),
]


def _meet(client, url: str, query: str = "") -> tuple[int, str]:
    client.get(url + query)  # warm-up: what is kept per content version
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(url + query)
    assert response.status_code == 200, url
    return len(vastgelegd.captured_queries), response.content.decode(errors="replace")


def _url(naam: str, args: list) -> str:
    return reverse(naam, args=args)


@pytest.mark.parametrize("rol", ["publiek", "beheerder"])
def test_every_page_costs_the_same_with_one_and_with_fifteen_werkplaatsen(client, rol):
    _vul(0)
    paginas = [(n, a, "") for n, a in PUBLIEK] + [
        ("publicaties:publicatie_list", [], "?q=schulden")
    ]
    if rol == "beheerder":
        client.force_login(BeheerderFactory(username="beheerder-a"))
        paginas = [(n, a, "") for n, a in STAF]
    voor = {naam + q: _meet(client, _url(naam, args), q)[0] for naam, args, q in paginas}

    namen = []
    for nummer in range(1, OVERIGE + 1):
        anders = WerkplaatsFactory()
        namen.append(anders.naam)
        with in_werkplaats(anders):
            _vul(nummer)
            CoordinatorFactory(username=f"coordinator-{nummer}")

    for naam, args, q in paginas:
        na, html = _meet(client, _url(naam, args), q)
        assert na == voor[naam + q], f"{naam}{q}: {voor[naam + q]} queries with 1, {na} with 15"
        for ander in namen:
            assert ander not in html, f"{naam} shows {ander}"
        assert "coordinator-1" not in html
