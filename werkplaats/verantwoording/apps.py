from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerantwoordingConfig(AppConfig):
    name = "werkplaats.verantwoording"
    label = "verantwoording"
    verbose_name = _("Annual report")

    def ready(self):
        from werkplaats.kern.services import bewaarstap_register

        from . import services

        bewaarstap_register("verantwoording.ruwe_exports", services.ruwe_exports_delete)
