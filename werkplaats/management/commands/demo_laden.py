"""Load (or refresh) the demo network and print the logins of the demo accounts."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from werkplaats.demo import DEMO_WERKPLAATSEN, demo_load
from werkplaats.kern.models import Gebruiker, Werkplaats, WerkplaatsRol

# The role of each demo account per demo werkplaats: 'beheerder' runs every one of them,
# 'coordinator' coordinates in Zuid-Holland Zuid; 'landelijk' is the national administrator.
DEMO_ROLLEN = {
    "beheerder": {demo.slug: Gebruiker.Rol.BEHEERDER for demo in DEMO_WERKPLAATSEN},
    "coordinator": {"zhz": Gebruiker.Rol.COORDINATOR},
}


class Command(BaseCommand):
    help = (
        "Loads the demo network (Zuid-Holland Zuid and two made-up werkplaatsen, idempotent) "
        "and resets the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--zonder-accounts", action="store_true", help="Do not touch logins.")

    def handle(self, *args, **options):
        if not options["zonder_accounts"]:
            wachtwoord = self.accounts_reset()
        samenvatting = demo_load()
        if not options["zonder_accounts"]:
            self.rollen_geven()
        for slug, per_werkplaats in samenvatting.items():
            self.stdout.write(f"{slug}:")
            for naam, aantal in per_werkplaats.items():
                self.stdout.write(f"  {naam}: {aantal}")
        if options["zonder_accounts"]:
            return
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
        self.stdout.write(
            f"Log in at /inloggen/ of a werkplaats as 'beheerder' (administrator of every demo "
            f"werkplaats) or 'coordinator' (Zuid-Holland Zuid), or on the portal as 'landelijk' "
            f"(national administrator); password '{wachtwoord}'."
        )

    def accounts_reset(self) -> str:
        """Create or reset the demo administrator and coordinator; return their password.
        Their roles come after the werkplaats is loaded (`rollen_geven`)."""
        wachtwoord = os.environ.get("DEMO_PASSWORD", "werkplaats-demo")
        Gebruiker = get_user_model()
        accounts = [
            ("beheerder", True, "Demo", "Beheerder (fictief)"),
            ("coordinator", False, "Demo", "Coördinator (fictief)"),
            ("landelijk", False, "Demo", "Landelijk beheerder (fictief)"),
        ]
        for username, is_staff, voornaam, achternaam in accounts:
            gebruiker, _ = Gebruiker.objects.get_or_create(username=username)
            gebruiker.is_staff = is_staff
            gebruiker.is_superuser = is_staff
            gebruiker.is_active = True
            gebruiker.landelijk_beheerder = username == "landelijk"
            gebruiker.first_name = voornaam
            gebruiker.last_name = achternaam
            gebruiker.email = f"{username}@werkplaats-zhz.example"
            gebruiker.set_password(wachtwoord)
            gebruiker.save()
        return wachtwoord

    def rollen_geven(self) -> None:
        """Give each demo account its role in each demo werkplaats (DEMO_ROLLEN)."""
        werkplaatsen = {
            w.slug: w for w in Werkplaats.objects.filter(slug__in=DEMO_ROLLEN["beheerder"])
        }
        for username, rollen in DEMO_ROLLEN.items():
            gebruiker = get_user_model().objects.get(username=username)
            for slug, rol in rollen.items():
                WerkplaatsRol.objects.update_or_create(
                    gebruiker=gebruiker, werkplaats=werkplaatsen[slug], defaults={"rol": rol}
                )
