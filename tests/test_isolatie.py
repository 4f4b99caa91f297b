"""Issue #14: no beheerder or coordinator of one werkplaats sees or changes another's data.

Werkplaats A is the test's own (hosts testserver, …); werkplaats B gets a full data set in
which every text holds MERK. As A's beheerder and A's coordinator, every URL of the site is
asked for with B's ids, slugs and tokens (GET and POST): each answers exactly as it does
for a record that exists nowhere, and that is 404 for the beheerder. Every page without
parameters shows nothing of B, and B's rows are unchanged afterwards.
"""

import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.factories import (
    BeheerderFactory,
    CoordinatorFactory,
    PublicatieFactory,
    WerkplaatsFactory,
)
from tests.factories.kern import rol_geef
from tests.isolatie import (
    ADMIN_OBJECTEN,
    GEEN_WERKPLAATSDATA,
    MERK,
    URLS,
    admin_kwargs,
    data_b_maken,
    spook,
    url_patronen,
)
from werkplaats.kern.huidig import in_werkplaats

pytestmark = pytest.mark.django_db

APPS = ("kern", "werkteams", "kenniscafes", "publicaties", "verantwoording")


@pytest.fixture(autouse=True)
def _hosts(settings, tmp_path):
    settings.ALLOWED_HOSTS = ["testserver", ".testserver"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERANTWOORDING_EXPORT_MAP = tmp_path / "exports"


@pytest.fixture
def b(werkplaats):
    andere = WerkplaatsFactory(naam=f"Werkplaats {MERK}", regio=f"Regio {MERK}")
    with in_werkplaats(andere):
        data = data_b_maken()
    data["werkplaats"] = andere
    return data


@pytest.fixture
def a_gebruikers(werkplaats):
    """A's beheerder (a role in A, not a national superuser) and A's coordinator."""
    beheerder = BeheerderFactory(username="beheerder-a", is_superuser=False)
    coordinator = CoordinatorFactory(username="coordinator-a")
    return {"beheerder": beheerder, "coordinator": coordinator}


def _client(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _momentopname(werkplaats) -> dict:
    """Every row of every werkplaats model as B sees it (and the national outbox rows)."""
    rijen = {}
    with in_werkplaats(werkplaats):
        for model in apps.get_models():
            if model._meta.app_label not in APPS:
                continue
            velden = [v.attname for v in model._meta.concrete_fields]
            rijen[model._meta.label] = sorted(
                map(repr, model._default_manager.order_by("pk").values_list(*velden))
            )
    return rijen


def _inhoud(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _te_vullen():
    """(name, route) of every named URL with parameters."""
    for naam, route, _patroon in url_patronen():
        if naam and re.search(r"<|\(\?P<", route):
            yield naam, route


def test_elke_url_met_parameters_staat_in_de_tabel():
    ontbreekt = []
    for naam, _route in _te_vullen():
        if naam.startswith("admin:"):
            try:
                admin_kwargs(naam, _Overal())
            except KeyError:
                ontbreekt.append(naam)
        elif naam not in URLS and naam not in GEEN_WERKPLAATSDATA:
            ontbreekt.append(naam)
    assert ontbreekt == [], f"add these URLs to tests/isolatie.py: {ontbreekt}"


class _Overal(dict):
    """Every object name of the data set (test that a URL is in the tables)."""

    def __getitem__(self, sleutel):
        if sleutel not in set(ADMIN_OBJECTEN.values()) | {"kenniscafe"}:
            raise KeyError(sleutel)
        return type("Iets", (), {"pk": 1})()


def _vraag(client, methode, url):
    return getattr(client, methode)(url, HTTP_HOST="testserver")


@pytest.mark.parametrize("wie", ["beheerder", "coordinator"])
def test_elke_url_met_de_ids_van_een_andere_werkplaats_geeft_404(b, a_gebruikers, wie):
    client = _client(a_gebruikers[wie])
    voor = _momentopname(b["werkplaats"])
    fouten = []
    for naam, _route in _te_vullen():
        if naam.startswith("admin:"):
            kwargs = admin_kwargs(naam, b)
            if kwargs is None:
                continue
        elif naam in GEEN_WERKPLAATSDATA:
            continue
        else:
            kwargs = URLS[naam](b)
        spook_kwargs = spook(kwargs)
        url, nergens = reverse(naam, kwargs=kwargs), reverse(naam, kwargs=spook_kwargs)
        for methode in ("get", "post"):
            antwoord = _vraag(client, methode, url)
            ijk = _vraag(client, methode, nergens)
            status = antwoord.status_code
            if status != ijk.status_code or status not in (302, 403, 404, 405, 410):
                fouten.append(
                    f"{methode.upper()} {naam} {url}: {status}, nowhere {ijk.status_code}"
                )
            elif status == 302 and _zonder(antwoord["Location"], url, kwargs) != _zonder(
                ijk["Location"], nergens, spook_kwargs
            ):
                fouten.append(f"{methode.upper()} {naam}: to {antwoord['Location']}")
            elif wie == "beheerder" and status not in (404, 405) and not _gate_voor(naam):
                fouten.append(f"{methode.upper()} {naam} {url}: {status} for A's beheerder")
            elif MERK in _zonder(_inhoud(antwoord), url, kwargs).lower():
                fouten.append(f"{methode.upper()} {naam} {url}: shows B's data")
    assert not fouten, "\n".join(fouten)
    assert _momentopname(b["werkplaats"]) == voor


# Pages whose role gate stops A's beheerder before any record is read (the same answer as
# for a record that exists nowhere): the admin's pages.
NATIONAAL: set[str] = set()
# GET of the registration form's address sends to the café's page (its form) without reading
# the café: the same redirect as for a café that exists nowhere.
DOORVERWIJZING = {"kenniscafes:aanmelden"}


def _gate_voor(naam: str) -> bool:
    return naam in NATIONAAL | DOORVERWIJZING or naam.startswith("admin:")


def _zonder(inhoud: str, url: str, kwargs: dict) -> str:
    """A page without the address asked for (a 404 page may repeat it)."""
    for waarde in [url, *map(str, kwargs.values())]:
        inhoud = inhoud.replace(waarde, "").replace(quote(waarde, safe=""), "")
    return inhoud


def _pagina_urls():
    """Every page without parameters, and a few with a query string."""
    overslaan = {"logout", "set_language", "admin:logout"}
    for naam, route, _patroon in url_patronen():
        if not naam or naam in overslaan or re.search(r"<|\(\?P<|\$$", route):
            continue
        yield reverse(naam)
    yield f"/kennisbank/?q={MERK}"
    yield "/kennisbank/?q=gedeeldwoord"
    yield f"/kennisbank/?thema=thema-{MERK}"
    yield f"/kennisbank/?werkteam=team-{MERK}"
    yield "/kennisbank/?q=bbgeheimm"  # "did you mean" from B's words
    yield f"/kenniscafes/?q={MERK}"
    yield f"/werkteams/personen/?q={MERK}"
    yield f"/beheerder/gebruikers/?q={MERK}"
    yield f"/beheerder/organisaties/?q={MERK}"
    yield "/beheerder/organisaties/?archief=1"
    for soort in ("aanmeldingen", "aanwezigheid", "lidmaatschappen"):
        yield f"/verantwoording/ruw/{soort}.csv?periode_soort=kalenderjaar&jaar=2021"
    yield "/verantwoording/?periode_soort=kalenderjaar&jaar=2021"
    yield f"/beheer/kern/gebruiker/?q={MERK}"


def test_geen_pagina_toont_iets_van_een_andere_werkplaats(b, a_gebruikers):
    from publicaties.services import termfacetten_rebuild

    PublicatieFactory(titel="Eigen publicatie", samenvatting="gedeeldwoord")
    termfacetten_rebuild(minimum=1)
    client = _client(a_gebruikers["beheerder"])
    lekken = []
    for url in _pagina_urls():
        antwoord = client.get(url, HTTP_HOST="testserver")
        assert antwoord.status_code < 500, url
        gevraagd = {w for w in re.split(r"[?=&/]", url) if MERK in w}
        inhoud = _zonder(_inhoud(antwoord), url, dict(enumerate(sorted(gevraagd)))).lower()
        if MERK in inhoud:
            plek = inhoud.index(MERK)
            lekken.append(f"{url}: {inhoud[max(0, plek - 150) : plek + 50]!r}")
    assert not lekken, "\n".join(lekken)


def test_zoeken_telt_alleen_de_eigen_werkplaats(b):
    from publicaties.services import termfacetten_rebuild
    from publicaties.zoeken import Zoekvraag, publicatie_search

    PublicatieFactory(titel="Eigen publicatie", samenvatting="gedeeldwoord")
    for minimum in (1000, 1):  # the word searched, then the stored counts of a frequent word
        termfacetten_rebuild(minimum=minimum)
        resultaat = publicatie_search(Zoekvraag(q="gedeeldwoord"))
        assert resultaat.totaal == 1
        assert [p.titel for p in resultaat.items] == ["Eigen publicatie"]
        assert sum(w.aantal for f in resultaat.facetten if f.naam == "type" for w in f.waarden) == 1
    assert publicatie_search(Zoekvraag(q="")).totaal == 1


def test_paginacache_per_werkplaats(b):
    client = Client()
    for pad in ("/kenniscafes/", "/kennisbank/", "/"):
        eigen = client.get(pad, HTTP_HOST="testserver")
        ander = client.get(pad, HTTP_HOST=f"{b['werkplaats'].slug}.testserver")
        assert eigen.status_code == ander.status_code == 200, pad
        assert MERK not in _inhoud(eigen).lower(), pad
        assert MERK in _inhoud(ander).lower(), pad
        # And the other way round, now that B's copy is in the cache.
        assert MERK not in _inhoud(client.get(pad, HTTP_HOST="testserver")).lower(), pad


def test_limieten_per_werkplaats(b):
    client = Client()
    host_b = f"{b['werkplaats'].slug}.testserver"
    statussen = [
        client.get("/uitnodiging/vals/", HTTP_HOST="testserver").status_code for _ in range(40)
    ]
    assert statussen[0] == 410
    assert statussen[-1] == 429, "the limit was never reached"
    assert client.get("/uitnodiging/vals/", HTTP_HOST=host_b).status_code == 410


def test_sessie_geldt_niet_op_een_andere_werkplaats(b, a_gebruikers, settings):
    beheerder = a_gebruikers["beheerder"]
    rol_geef(beheerder, "beheerder", b["werkplaats"])
    client = Client()
    ingelogd = client.post(
        "/inloggen/",
        {"username": "beheerder-a", "password": "geheim-wachtwoord-123"},
        HTTP_HOST="testserver",
    )
    assert ingelogd.status_code == 302
    assert client.get("/beheerder/", HTTP_HOST="testserver").status_code == 200
    sessie_a = client.cookies[settings.SESSION_COOKIE_NAME].value
    op_b = client.get("/beheerder/", HTTP_HOST=f"{b['werkplaats'].slug}.testserver")
    assert op_b.status_code == 302 and "/inloggen/" in op_b["Location"]
    # A's session is left as it was (a browser keeps its cookie per host; this client
    # keeps one jar, so A's cookie is put back by hand).
    client.cookies[settings.SESSION_COOKIE_NAME] = sessie_a
    assert client.get("/beheerder/", HTTP_HOST="testserver").status_code == 200


def test_onbekende_host_toont_geen_werkplaats(b, werkplaats, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for pad in ("/", "/kennisbank/", f"/werkteams/{b['werkteam'].slug}/", "/sitemap.xml"):
        antwoord = Client().get(pad, HTTP_HOST="onbekend.testserver")
        assert antwoord.status_code == 404
        inhoud = _inhoud(antwoord)
        assert MERK not in inhoud.lower()
        assert werkplaats.naam not in inhoud
