from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernConfig(AppConfig):
    name = "werkplaats.kern"
    label = "kern"
    verbose_name = _("Werkplaats")

    def ready(self):
        from . import paginacache

        paginacache.connect_signals()
        # An outgoing message never shows on a public page.
        paginacache.paginacache_register("kern", behalve=("bericht",))
