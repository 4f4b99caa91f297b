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
        from django.db.models.signals import post_delete, post_save

        from .models import Werkplaats, WerkplaatsHost

        for model in (Werkplaats, WerkplaatsHost):
            for signal in (post_save, post_delete):
                signal.connect(
                    paginacache.werkplaatsen_gewijzigd,
                    sender=model,
                    dispatch_uid=f"werkplaatsen-{model.__name__}-{signal!r}",
                )
