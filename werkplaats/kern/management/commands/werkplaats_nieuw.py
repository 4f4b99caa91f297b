"""Add a werkplaats to the installation, with the host names its site is found at."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http.request import validate_host

from werkplaats.kern.models import Werkplaats, WerkplaatsHost


def _host(tekst: str) -> str:
    """A host name as the table keeps it: lower case, no scheme, port or trailing dot."""
    host = tekst.strip().lower().removeprefix("https://").removeprefix("http://")
    return host.split("/", 1)[0].rsplit(":", 1)[0].rstrip(".")


class Command(BaseCommand):
    help = (
        "Adds a werkplaats with its host names (the first is the primary one, used in links "
        "in mails and feeds). Example: manage.py werkplaats_nieuw --naam 'Werkplaats Sociaal "
        "Domein Twente' --slug twente --host twente.example.nl --regio Twente "
        "--contact info@twente.example.nl"
    )

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True, help="Full name of the werkplaats.")
        parser.add_argument("--slug", required=True, help="Short unique name (letters, -).")
        parser.add_argument(
            "--host", required=True, action="append", help="Host name; repeat for more."
        )
        parser.add_argument("--regio", default="", help="Region the werkplaats serves.")
        parser.add_argument("--contact", default="", help="Contact e-mail address.")
        parser.add_argument("--korte-naam", default="", help="Short name for the header.")

    @transaction.atomic
    def handle(self, *args, **options):
        hosts = list(dict.fromkeys(_host(h) for h in options["host"]))
        werkplaats = Werkplaats(
            naam=options["naam"],
            slug=options["slug"],
            korte_naam=options["korte_naam"],
            regio=options["regio"],
            contact_email=options["contact"],
        )
        try:
            werkplaats.full_clean()
        except ValidationError as fout:
            raise CommandError(_fouten(fout)) from None
        for host in hosts:
            if not host or host in settings.PORTAAL_HOSTS:
                raise CommandError(f"Host '{host}' cannot serve a werkplaats (portal or empty).")
            bestaand = WerkplaatsHost.objects.filter(host=host).select_related("werkplaats")
            if bestaand.exists():
                raise CommandError(f"Host '{host}' already serves {bestaand[0].werkplaats}.")
        werkplaats.save()
        for volgorde, host in enumerate(hosts):
            WerkplaatsHost.objects.create(werkplaats=werkplaats, host=host, primair=volgorde == 0)
        self.stdout.write(
            self.style.SUCCESS(f"Werkplaats '{werkplaats.naam}' ({werkplaats.slug}) added.")
        )
        self.stdout.write(f"  Hosts: {', '.join(hosts)} (primary: {hosts[0]})")
        niet_toegestaan = [h for h in hosts if not validate_host(h, settings.ALLOWED_HOSTS)]
        if niet_toegestaan:
            self.stdout.write(
                self.style.WARNING(
                    "  Not in ALLOWED_HOSTS yet (add them, and to CSRF_TRUSTED_ORIGINS with "
                    f"https://, then restart): {', '.join(niet_toegestaan)}"
                )
            )
        self.stdout.write(
            "  Next: give an account the beheerder role there (admin, Users) and fill in its "
            "texts under Beheer, Site settings."
        )


def _fouten(fout: ValidationError) -> str:
    return "; ".join(
        f"{veld}: {' '.join(berichten)}" for veld, berichten in fout.message_dict.items()
    )
