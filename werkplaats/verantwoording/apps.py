from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerantwoordingConfig(AppConfig):
    name = "werkplaats.verantwoording"
    label = "verantwoording"
    verbose_name = _("Annual report")
