from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KenniscafesConfig(AppConfig):
    name = "kenniscafes"
    verbose_name = _("Knowledge cafés")

    def ready(self):
        from werkplaats.kern import paginacache
        from werkplaats.kern.services import bewaarstap_register

        from . import services

        bewaarstap_register("kenniscafes.aanmeldingen", services.aanmeldingen_anonymise)

        # These rows never show on a public page: saving them need not empty the page
        # cache (a reminder row is written inside the registration lock).
        paginacache.paginacache_register(
            "kenniscafes", behalve=("herinnering", "uitnodiging", "uitnodigingsronde", "abonnee")
        )
