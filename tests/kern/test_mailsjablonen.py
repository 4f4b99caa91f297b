"""Every mail renders exactly as recorded: subject, text and HTML, in Dutch and in English.

The expected output lives in tests/kern/golden_mails/<taal>/<geval>.{onderwerp.txt,tekst.txt,html}
and is compared byte for byte (all three parts, no whitespace normalisation). The files were
written from the mail templates as they were before they became one file per mail; a change in
a mail template that changes what people receive must show up here as a diff.

To record a deliberate change: GOLDEN_MAILS_SCHRIJVEN=1 pytest tests/kern/test_mailsjablonen.py,
then read the diff of golden_mails/ before committing it.
"""

import datetime
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kenniscafes.models import Aanmelding, Kenniscafe
from tests.factories import GebruikerFactory, SiteInstellingenFactory
from tests.kenniscafes.factories import AanmeldingFactory, KenniscafeFactory
from tests.werkteams.factories import (
    AanwezigheidFactory,
    BijeenkomstFactory,
    LeerdoelFactory,
    PersoonFactory,
    WerkteamFactory,
)
from werkplaats.kern.models import WerkplaatsHost
from werkplaats.kern.services import bericht_render
from werkteams.models import Aanwezigheid, Bijeenkomst, Leerdoel, Verslagpunt

pytestmark = pytest.mark.django_db

PRODUCT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_PREFIX = re.compile(r'template_prefix="([^"]+)"')
GOLDEN = Path(__file__).resolve().parent / "golden_mails"
SCHRIJVEN = os.environ.get("GOLDEN_MAILS_SCHRIJVEN") == "1"
AMS = ZoneInfo("Europe/Amsterdam")
CAFE_START = datetime.datetime(2026, 3, 12, 19, 30, tzinfo=AMS)
BIJEENKOMST_START = datetime.datetime(2026, 4, 7, 14, 0, tzinfo=AMS)
BEHEER_URL = "https://werkplaats.example/kenniscafes/aanmelding/vaste-sleutel/"


# --- kenniscafés ------------------------------------------------------------------------


def _kenniscafe(**velden) -> Kenniscafe:
    return KenniscafeFactory(
        **{
            "titel": "Armoede & schulden",
            "slug": "armoede-en-schulden",
            "start": CAFE_START,
            "eind": CAFE_START + datetime.timedelta(hours=2),
            "locatie": "Buurthuis <De Fictie>",
            "adres": "Voorbeeldstraat 1, Dordrecht",
            "beschrijving": "Een avond over 'rondkomen'.\n\nMet sprekers & vragen.",
            **velden,
        }
    )


def _cafe_context(soort: str, *, online_link: str = "", status=None, **cafe) -> dict:
    kenniscafe = _kenniscafe(**cafe)
    aanmelding = AanmeldingFactory(
        kenniscafe=kenniscafe,
        naam="Sean O'Brien",
        email="sean@fictief.example",
        status=status or Aanmelding.Status.BEVESTIGD,
    )
    return {
        "aanmelding": aanmelding,
        "kenniscafe": kenniscafe,
        "soort": soort,
        "beheer_url": BEHEER_URL,
        "evaluatie_url": "https://werkplaats.example/kenniscafes/evaluatie/vast/"
        if soort == "evaluatie"
        else "",
        "online_link": online_link,
        "start": CAFE_START,
        "eind": CAFE_START + datetime.timedelta(hours=2),
    }


def _cafe(soort: str, **kwargs):
    return f"kenniscafes/emails/{soort}", lambda: _cafe_context(soort, **kwargs)


def _cafe_uitnodiging(**cafe):
    def context():
        return {
            "kenniscafe": _kenniscafe(**cafe),
            "afmeld_url": "https://werkplaats.example/kenniscafes/afmelden/vast/",
            "start": CAFE_START,
            "eind": CAFE_START + datetime.timedelta(hours=2),
        }

    return "kenniscafes/emails/uitnodiging", context


# --- werkteams ---------------------------------------------------------------------------


def _bijeenkomst(**velden) -> Bijeenkomst:
    werkteam = WerkteamFactory(naam="Schulden & armoede Drechtsteden", korte_naam="Schulden")
    return BijeenkomstFactory(
        **{
            "werkteam": werkteam,
            "titel": "Casus 'Ahmed'",
            "start": BIJEENKOMST_START,
            "duur_minuten": 90,
            "vorm": Bijeenkomst.Vorm.HYBRIDE,
            "locatie": "Stadskantoor <zaal 2>",
            "online_link": "https://meet.example/werkteam?a=1&b=2",
            **velden,
        }
    )


def _aanwezigheid(bijeenkomst: Bijeenkomst, **velden) -> Aanwezigheid:
    persoon = PersoonFactory(naam="Fatma O'Neill", email="fatma@fictief.example")
    return AanwezigheidFactory(
        bijeenkomst=bijeenkomst, lidmaatschap__persoon=persoon, sleutel="vast", **velden
    )


def _team(naam: str, **kwargs):
    return f"werkteams/emails/{naam}", lambda: _team_context(naam, **kwargs)


def _team_context(naam: str, *, bijeenkomst=None, **extra) -> dict:
    bijeenkomst = _bijeenkomst(**(bijeenkomst or {}))
    aanwezigheid = _aanwezigheid(bijeenkomst, **extra.pop("aanwezigheid", {}))
    context = {"bijeenkomst": bijeenkomst, "persoon": aanwezigheid.lidmaatschap.persoon}
    if naam in ("herinnering", "uitnodiging"):
        context["afmeld_url"] = "https://werkplaats.example/werkteams/afmelden/vast/"
    if extra.pop("met_leerdoelen", False):
        LeerdoelFactory(bijeenkomst=bijeenkomst, omschrijving="Inzicht in 'schuldhulp' & regels")
        LeerdoelFactory(
            bijeenkomst=bijeenkomst,
            omschrijving="Samen een aanpak kiezen",
            resultaat=Leerdoel.Resultaat.DEELS,
        )
        context["leerdoelen"] = list(bijeenkomst.leerdoelen.order_by("pk"))
    if naam == "verslag":
        context["aanwezigheid"] = aanwezigheid
        context.update(_verslagpunten(bijeenkomst, aanwezigheid, extra.pop("met_punten", False)))
    return context | extra


def _verslagpunten(bijeenkomst, aanwezigheid, met_punten: bool) -> dict:
    if not met_punten:
        return {"besluiten": [], "acties": []}
    persoon = aanwezigheid.lidmaatschap.persoon
    besluit = Verslagpunt.objects.create(
        bijeenkomst=bijeenkomst, soort=Verslagpunt.Soort.BESLUIT, tekst="We delen <casussen>"
    )
    acties = [
        Verslagpunt.objects.create(
            bijeenkomst=bijeenkomst,
            soort=Verslagpunt.Soort.ACTIE,
            tekst="Folder & poster maken",
            eigenaar=persoon,
            deadline=datetime.date(2026, 5, 1),
        ),
        Verslagpunt.objects.create(
            bijeenkomst=bijeenkomst,
            soort=Verslagpunt.Soort.ACTIE,
            tekst="Gemeente bellen",
            eigenaar=persoon,
        ),
        Verslagpunt.objects.create(
            bijeenkomst=bijeenkomst, soort=Verslagpunt.Soort.ACTIE, tekst="Zaal reserveren"
        ),
    ]
    return {"besluiten": [besluit], "acties": acties}


def _login():
    def context():
        return {
            "persoon": PersoonFactory(naam="Fatma O'Neill"),
            "werkteam": WerkteamFactory(naam="Schulden & armoede", korte_naam="Schulden"),
            "link": "https://werkplaats.example/wachtwoord/nieuw/MQ/vast-token/",
        }

    return "werkteams/emails/login", context


def _serie_uitnodiging():
    def context():
        eerste = _bijeenkomst(agenda="1. Opening\n2. Casus <Ahmed> & vragen")
        tweede = BijeenkomstFactory(
            werkteam=eerste.werkteam,
            titel=eerste.titel,
            start=BIJEENKOMST_START + datetime.timedelta(weeks=2),
            duur_minuten=90,
            vorm=eerste.vorm,
        )
        persoon = PersoonFactory(naam="Fatma O'Neill", email="fatma@fictief.example")
        return {
            "persoon": persoon,
            "werkteam": eerste.werkteam,
            "eerste": eerste,
            "data": [
                {
                    "bijeenkomst": b,
                    "afmeld_url": f"https://werkplaats.example/werkteams/afmelden/vast{i}/",
                }
                for i, b in enumerate((eerste, tweede), start=1)
            ],
        }

    return "werkteams/emails/serie_uitnodiging", context


def _gebruiker_context(*, link: bool = False, soort: str = "") -> dict:
    gebruiker = GebruikerFactory(username="fatma", first_name="Fatma O'Neill", rol="coordinator")
    context = {"gebruiker": gebruiker, "door": GebruikerFactory(username="beheer"), "soort": soort}
    if link:
        context |= {"link": "https://werkplaats.example/uitnodiging/vast:token/", "dagen": 7}
    return context


# --- every mail, with the variants its template branches on ------------------------------

GEVALLEN = {
    **{
        f"kenniscafes_{soort}": _cafe(soort)
        for soort in (
            "afmelding",
            "annulering",
            "herinnering",
            "promotie",
            "wijziging",
            "evaluatie",
        )
    },
    "kenniscafes_bevestiging": _cafe("bevestiging"),
    "kenniscafes_bevestiging_online": _cafe(
        "bevestiging", online_link="https://meet.example/cafe?x=1&y=2", vorm="online"
    ),
    "kenniscafes_bevestiging_hybride_zonder_adres": _cafe(
        "bevestiging", online_link="https://meet.example/cafe", vorm="hybride", adres=""
    ),
    "kenniscafes_wachtlijst": _cafe("wachtlijst", status=Aanmelding.Status.WACHTLIJST),
    "kenniscafes_bekend": _cafe("bekend", status=Aanmelding.Status.WACHTLIJST),
    "kenniscafes_abonnee_bevestigen": (
        "kenniscafes/emails/abonnee_bevestigen",
        lambda: {"bevestig_url": "https://werkplaats.example/kenniscafes/abonnee/vast/?a=1&b=2"},
    ),
    "kenniscafes_uitnodiging": _cafe_uitnodiging(),
    "kenniscafes_uitnodiging_zonder_beschrijving": _cafe_uitnodiging(beschrijving="", adres=""),
    "werkteams_annulering": _team("annulering"),
    "werkteams_annulering_lid_af": _team("annulering", lid_af=True),
    "werkteams_herinnering": _team("herinnering"),
    "werkteams_herinnering_zonder_plaats": _team(
        "herinnering", bijeenkomst={"locatie": "", "online_link": ""}
    ),
    "werkteams_login": _login(),
    "werkteams_uitnodiging": _team(
        "uitnodiging",
        soort="uitnodiging",
        met_leerdoelen=True,
        bijeenkomst={"agenda": "1. Opening\n2. Casus <Ahmed> & vragen"},
    ),
    "werkteams_serie_uitnodiging": _serie_uitnodiging(),
    "werkteams_uitnodiging_wijziging": _team(
        "uitnodiging",
        soort="wijziging",
        leerdoelen=[],
        bijeenkomst={"vorm": Bijeenkomst.Vorm.FYSIEK, "online_link": ""},
    ),
    "werkteams_verslag": _team(
        "verslag",
        correctie=False,
        leerdoelen=[],
        aanwezigheid={"status": Aanwezigheid.Status.AANWEZIG},
        bijeenkomst={"verslag": "We bespraken de casus.\nIedereen deed mee & dacht mee."},
    ),
    "werkteams_verslag_correctie": _team(
        "verslag",
        correctie=True,
        met_leerdoelen=True,
        met_punten=True,
        aanwezigheid={"status": Aanwezigheid.Status.AFWEZIG},
        bijeenkomst={
            "incheck": "Hoe gaat het met 'iedereen'?",
            "verslag": "Verslag <met> tekens & regels.\nTweede regel.",
        },
    ),
    "registration_wachtwoord_reset": (
        "registration/wachtwoord_reset",
        lambda: {
            "uid": "MQ",
            "token": "vast-token",
            "protocol": "https",
            "domain": "werkplaats.example",
            "gebruiker_naam": "Fatma O'Neill",
        },
    ),
    "emails_test": ("emails/test", lambda: {"naam": "Sean O'Brien & co"}),
    "kern_uitnodiging": ("kern/emails/uitnodiging", lambda: _gebruiker_context(link=True)),
    "kern_account_gewijzigd": (
        "kern/emails/account_gewijzigd",
        lambda: _gebruiker_context(soort="rol"),
    ),
    "kern_account_gewijzigd_gedeactiveerd": (
        "kern/emails/account_gewijzigd",
        lambda: _gebruiker_context(soort="gedeactiveerd"),
    ),
}
# Mails rendered without a site settings row: the footer's default name, no address.
ZONDER_INSTELLINGEN = {"werkteams_login", "emails_test"}
DELEN = (("onderwerp", "onderwerp.txt"), ("tekst", "tekst.txt"), ("html", "html"))


@pytest.fixture
def _vaste_omgeving(settings, werkplaats):
    # One werkplaats on its own installation: SITE_URL names one of its hosts, so every
    # link is SITE_URL's (a werkplaats of many would get its primary host instead).
    WerkplaatsHost.objects.create(werkplaats=werkplaats, host="werkplaats.example")
    settings.SITE_URL = "https://werkplaats.example"
    settings.TIME_ZONE = "Europe/Amsterdam"


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("geval", sorted(GEVALLEN))
def test_mail_renders_as_recorded(geval, taal, settings, _vaste_omgeving):
    # bericht_render writes every mail in the site's language; English is rendered here
    # too so that a changed English source string (a msgid) shows up as well.
    settings.LANGUAGE_CODE = taal
    if geval not in ZONDER_INSTELLINGEN:
        SiteInstellingenFactory(
            naam="Werkplaats Sociaal Domein 'Testregio' & omstreken",
            adres="Teststraat 1\n1234 AB Teststad",
            contact_email="info@werkplaats.example",
        )
    template_prefix, context = GEVALLEN[geval]
    onderwerp, tekst, html = bericht_render(template_prefix, context())
    gerenderd = {"onderwerp": onderwerp, "tekst": tekst, "html": html}
    for deel, extensie in DELEN:
        pad = GOLDEN / taal / f"{geval}.{extensie}"
        if SCHRIJVEN:
            pad.parent.mkdir(parents=True, exist_ok=True)
            pad.write_bytes(gerenderd[deel].encode())
        assert gerenderd[deel] == pad.read_bytes().decode(), f"{deel} of {geval} ({taal})"


def test_every_mail_the_code_sends_has_a_recorded_case():
    from kenniscafes.services import MAIL_TEMPLATES

    prefixen = set(MAIL_TEMPLATES.values())
    for pad in PRODUCT.glob("**/*.py"):
        if not {".venv", "node_modules", "tests"} & set(pad.relative_to(PRODUCT).parts):
            prefixen |= set(TEMPLATE_PREFIX.findall(pad.read_text(encoding="utf-8")))
    assert len(prefixen) >= 17
    assert prefixen <= {prefix for prefix, _ in GEVALLEN.values()}
