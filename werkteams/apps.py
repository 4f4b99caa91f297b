from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkteamsConfig(AppConfig):
    name = "werkteams"
    verbose_name = _("Work teams")

    def ready(self):
        from werkplaats.kern.paginacache import paginacache_register

        paginacache_register("werkteams")
