"""Demo loader for the ground floor: a werkplaats's texts, periods, organisations."""

from datetime import date

from django.utils import timezone

from werkplaats.kern.huidig import huidige_werkplaats
from werkplaats.kern.models import Organisatie, Periode, Sector

# The demo file names sectors in prose; map them onto our choices.
SECTOR_UIT_DEMO = {
    "gemeente": Sector.GEMEENTE,
    "zorg en welzijn": Sector.ZORG_WELZIJN,
    "hogeschool": Sector.HOGESCHOOL,
    "sociaal ondernemer": Sector.SOCIAAL_ONDERNEMER,
    "kunst en cultuur": Sector.KUNST_CULTUUR,
    "onderzoek en advies": Sector.ONDERZOEK_ADVIES,
    "cliëntvertegenwoordiging": Sector.CLIENTVERTEGENWOORDIGING,
    "gezondheid": Sector.GEZONDHEID,
    "financieel-juridisch": Sector.FINANCIEEL_JURIDISCH,
    "onderwijs (mbo)": Sector.ONDERWIJS_MBO,
    "wonen": Sector.WONEN,
    "overig": Sector.OVERIG,
}

PRIVACY = """Wij verwerken alleen de gegevens die nodig zijn om kenniscafés en werkteams te organiseren en om jaarlijks verantwoording af te leggen aan het ministerie van VWS en ons consortium: naam, e-mailadres, organisatie, rol of sector, regio en, als je die invult, je opmerkingen en je antwoorden op de evaluatie. In de verantwoording staan alleen aantallen, nooit namen.

Wat wij doorgeven: vul je bij je aanmelding een registratienummer in voor registerpunten (bijvoorbeeld SKJ of Registerplein), dan geven wij dat nummer met je naam en je aanwezigheid door aan dat register, zodat je punten worden bijgeschreven. Verder delen wij je gegevens met niemand buiten de Werkplaats.

Hoe lang wij bewaren: de persoonsgegevens van een aanmelding bewaren wij tot 24 maanden na het kenniscafé (de bewaartermijn in onze instellingen). Daarna wissen wij automatisch je naam, e-mailadres, organisatie, registratienummer, opmerkingen, evaluatieteksten, de e-mails die wij je stuurden en de ruwe exportbestanden met deelnemerslijsten. Alleen anonieme aantallen blijven over. Wie zich aanmeldt voor uitnodigingen per e-mail, geeft alleen een e-mailadres; dat bewaren wij tot je je afmeldt, en daarna alleen als aantekening dat je geen uitnodigingen meer wilt.

Zelf wissen: met de persoonlijke link in je bevestiging kun je je aanmelding annuleren en je gegevens meteen laten wissen, ook nadat het kenniscafé voorbij is. Dan verdwijnen ook de e-mails aan jou, en e-mail die nog klaarstond, wordt niet meer verstuurd. Elke uitnodiging heeft een link om je af te melden. Wil je weten welke gegevens wij van je hebben, of wil je iets anders laten wissen, mail dan naar het contactadres hieronder."""

TOEGANKELIJKHEID = """Wij willen dat iedereen deze website kan gebruiken. De site is gebouwd volgens de richtlijnen WCAG 2.1 niveau AA: alle formulieren zijn met het toetsenbord te bedienen, foutmeldingen worden voorgelezen en de kleuren hebben voldoende contrast. Elke wijziging wordt automatisch getest met axe-core.

Loop je toch ergens tegenaan? Laat het ons weten via het contactadres hieronder; we antwoorden binnen vijf werkdagen."""


def huidige_periode(vandaag: date | None = None) -> tuple[str, date, date]:
    """The demo's running subsidy period: four calendar years around today, after 2022."""
    vandaag = vandaag or timezone.localdate()
    start = date(max(2023, vandaag.year - 1), 1, 1)
    eind = date(start.year + 3, 12, 31)
    return f"{start.year}-{eind.year}", start, eind


ZHZ_SITE = {
    "korte_naam": "Werkplaats ZHZ",
    "regio": "Zuid-Holland Zuid",
    "contact_email": "info@werkplaats-zhz.example",
    "adres": "Werkplaats Sociaal Domein Zuid-Holland Zuid\nVoorbeeldstraat 1\n3300 AA Dordrecht",
    "intro": (
        "Hogescholen, gemeenten en zorg- en welzijnsorganisaties leren hier van en met elkaar: "
        "in werkteams rond een gezamenlijke opgave, in openbare kenniscafés en in onze kennisbank."
    ),
    "privacyverklaring": PRIVACY,
    "toegankelijkheidsverklaring": TOEGANKELIJKHEID,
}


def load(data: dict) -> dict:
    """The current werkplaats's texts, its periods and its partner organisations.

    Runs inside `in_werkplaats(...)`: the texts go to that werkplaats, the rows get its
    column. A site text the demo file leaves out is the one of Zuid-Holland Zuid."""
    werkplaats = data["werkplaats"]
    site = huidige_werkplaats()
    if site is None:
        raise RuntimeError("The demo loads into a werkplaats: call it inside in_werkplaats().")
    site.naam = werkplaats["naam"]
    site.gemeenten_in_regio = data.get("gemeenten_in_regio", [])
    site.sinds = werkplaats.get("sinds")
    site.subsidiegever = werkplaats.get("subsidiegever", "")
    site.trekkers = werkplaats.get("trekkers", [])
    site.website = werkplaats.get("website", "")
    for veld, standaard in ZHZ_SITE.items():
        setattr(site, veld, werkplaats.get(veld, standaard))
    site.save()

    for periode in data["periodes"]:
        Periode.objects.update_or_create(
            naam=periode["naam"],
            defaults={
                "start": date.fromisoformat(periode["start"]),
                "eind": date.fromisoformat(periode["eind"]),
            },
        )
    naam, start, eind = huidige_periode()
    Periode.objects.update_or_create(naam=naam, defaults={"start": start, "eind": eind})
    for organisatie in data["organisaties"]:
        Organisatie.objects.update_or_create(
            naam=organisatie["naam"],
            afdeling=organisatie.get("afdeling", ""),
            defaults={"sector": SECTOR_UIT_DEMO.get(organisatie["sector"], Sector.OVERIG)},
        )
    return {"periodes": Periode.objects.count(), "organisaties": Organisatie.objects.count()}
