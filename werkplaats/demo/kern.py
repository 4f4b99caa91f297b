"""Demo loader for the ground floor: site settings, periods, organisations."""

from datetime import date

from werkplaats.kern.models import Organisatie, Periode, Sector, SiteInstellingen

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
    "overig": Sector.OVERIG,
}

PRIVACY = """Wij verwerken alleen de gegevens die nodig zijn om kenniscafés en werkteams te organiseren en om jaarlijks verantwoording af te leggen aan het ministerie van VWS en ons consortium: naam, e-mailadres, organisatie, rol of sector en regio. Wij delen die gegevens met niemand buiten de Werkplaats.

U kunt uw aanmelding voor een kenniscafé altijd annuleren via de persoonlijke link in uw bevestiging. Wilt u dat wij al uw gegevens verwijderen, stuur dan een e-mail naar het contactadres hieronder."""

TOEGANKELIJKHEID = """Wij willen dat iedereen deze website kan gebruiken. De site is gebouwd volgens de richtlijnen WCAG 2.1 niveau AA: alle formulieren zijn met het toetsenbord te bedienen, foutmeldingen worden voorgelezen en de kleuren hebben voldoende contrast. Elke wijziging wordt automatisch getest met axe-core.

Loopt u toch ergens tegenaan? Laat het ons weten via het contactadres hieronder; wij antwoorden binnen vijf werkdagen."""


def load(data: dict) -> dict:
    """Site settings, the three periods and the partner organisations."""
    werkplaats = data["werkplaats"]
    site = SiteInstellingen.objects.filter(pk=1).first() or SiteInstellingen()
    site.naam = werkplaats["naam"]
    site.korte_naam = "Werkplaats ZHZ"
    site.regio = "Zuid-Holland Zuid"
    site.gemeenten_in_regio = data.get("gemeenten_in_regio", [])
    site.sinds = werkplaats.get("sinds")
    site.subsidiegever = werkplaats.get("subsidiegever", "")
    site.trekkers = werkplaats.get("trekkers", [])
    site.website = werkplaats.get("website", "")
    site.contact_email = "info@werkplaats-zhz.example"
    site.adres = "Werkplaats Sociaal Domein Zuid-Holland Zuid\nVoorbeeldstraat 1\n3300 AA Dordrecht"
    site.intro = (
        "Hogescholen, gemeenten en zorg- en welzijnsorganisaties leren hier van en met elkaar: "
        "in werkteams rond een gezamenlijke opgave, in openbare kenniscafés en in onze kennisbank."
    )
    site.privacyverklaring = PRIVACY
    site.toegankelijkheidsverklaring = TOEGANKELIJKHEID
    site.save()

    for periode in data["periodes"]:
        Periode.objects.update_or_create(
            naam=periode["naam"],
            defaults={
                "start": date.fromisoformat(periode["start"]),
                "eind": date.fromisoformat(periode["eind"]),
            },
        )
    for organisatie in data["organisaties"]:
        Organisatie.objects.update_or_create(
            naam=organisatie["naam"],
            afdeling=organisatie.get("afdeling", ""),
            defaults={"sector": SECTOR_UIT_DEMO.get(organisatie["sector"], Sector.OVERIG)},
        )
    return {"periodes": Periode.objects.count(), "organisaties": Organisatie.objects.count()}
