"""What the home page shows. Each app adds its section here (top floor reads the apps)."""

from itertools import groupby

from kenniscafes.selectors import kenniscafe_list_home
from publicaties.selectors import publicatie_list_newest
from werkplaats.kern.models import Organisatie, Periode
from werkteams.selectors import werkteam_list_home


def home_context(request) -> dict:
    """Context for home.html: periods, partners by sector, and each app's section."""
    organisaties = list(Organisatie.objects.order_by("sector", "naam"))
    per_sector = [
        (organisaties_in_sector[0].get_sector_display(), organisaties_in_sector)
        for organisaties_in_sector in (
            list(groep) for _, groep in groupby(organisaties, key=lambda o: o.sector)
        )
    ]
    return {
        "periodes": list(Periode.objects.order_by("-start")),
        "partners_per_sector": per_sector,
        "aantal_partners": len(organisaties),
        "home_secties": [
            {"template": "kenniscafes/_home_sectie.html", "kenniscafes": kenniscafe_list_home()},
            {"template": "publicaties/_home_sectie.html", "publicaties": publicatie_list_newest()},
            {"template": "werkteams/_home_sectie.html", "werkteams": werkteam_list_home()},
        ],
    }
