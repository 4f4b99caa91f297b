"""Load (or refresh) the demo Werkplaats and print a login for the demo admin."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from werkplaats.demo import demo_load


class Command(BaseCommand):
    help = "Loads the demo Werkplaats Zuid-Holland Zuid (idempotent) and resets the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--zonder-accounts", action="store_true", help="Do not touch logins.")

    def handle(self, *args, **options):
        if not options["zonder_accounts"]:
            wachtwoord = self.accounts_reset()
        samenvatting = demo_load()
        for naam, aantal in samenvatting.items():
            self.stdout.write(f"  {naam}: {aantal}")
        if options["zonder_accounts"]:
            return
        self.stdout.write(self.style.SUCCESS("Demo Werkplaats loaded."))
        self.stdout.write(
            f"Log in at /inloggen/ as 'beheerder' (administrator) or 'coordinator', "
            f"password '{wachtwoord}'."
        )

    def accounts_reset(self) -> str:
        """Create or reset the demo administrator and coordinator; return their password."""
        wachtwoord = os.environ.get("DEMO_PASSWORD", "werkplaats-demo")
        Gebruiker = get_user_model()
        accounts = [
            ("beheerder", Gebruiker.Rol.BEHEERDER, True, "Demo", "Beheerder (fictief)"),
            ("coordinator", Gebruiker.Rol.COORDINATOR, False, "Demo", "Coördinator (fictief)"),
        ]
        for username, rol, is_staff, voornaam, achternaam in accounts:
            gebruiker, _ = Gebruiker.objects.get_or_create(username=username)
            gebruiker.rol = rol
            gebruiker.is_staff = is_staff
            gebruiker.is_superuser = is_staff
            gebruiker.is_active = True
            gebruiker.first_name = voornaam
            gebruiker.last_name = achternaam
            gebruiker.email = f"{username}@werkplaats-zhz.example"
            gebruiker.set_password(wachtwoord)
            gebruiker.save()
        return wachtwoord
