from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicatiesConfig(AppConfig):
    name = "publicaties"
    verbose_name = _("Knowledge base")

    def ready(self):
        from django.db.models.signals import post_save

        from werkplaats.kern.paginacache import paginacache_register
        from werkteams.models import Werkteam

        from .signals import werkteam_saved

        post_save.connect(werkteam_saved, sender=Werkteam, dispatch_uid="publicaties-werkteam")
        paginacache_register("publicaties")
