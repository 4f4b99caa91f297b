"""What the café pages share: the honeypot field, the rate budgets, downloads."""

from werkplaats.kern.limieten import Limiet

HONEYPOT = "website"


# Budgets per client address (clientip.client_ip). Only valid submissions use up the
# first three, so a class can register together; floods of invalid posts have their own cap.
AANMELDINGEN_PER_CAFE = Limiet("kenniscafes.aanmelden", "KENNISCAFE_AANMELD_RATE")
AANMELDINGEN_PER_IP = Limiet("kenniscafes.registraties", "KENNISCAFE_AANMELD_IP_RATE")
ABONNEES_PER_IP = Limiet("kenniscafes.abonnee", "KENNISCAFE_ABONNEE_RATE")
ONGELDIG_PER_IP = Limiet("kenniscafes.ongeldig", "KENNISCAFE_ONGELDIG_RATE")


def _als_bijlage(response, bestandsnaam: str):
    """The response as a download named `bestandsnaam`."""
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
