"""Reads on the ground floor."""

from django.core.cache import cache

from .models import SITE_CACHE_KEY, SiteInstellingen


def site_instellingen_get() -> SiteInstellingen:
    """The site settings row, cached; an unsaved default when the database is still empty."""
    site = cache.get(SITE_CACHE_KEY)
    if site is None:
        site = SiteInstellingen.objects.filter(pk=1).first() or SiteInstellingen(
            naam="Werkplaats Sociaal Domein"
        )
        if site.pk:
            cache.set(SITE_CACHE_KEY, site, 300)
    return site


def bewaartermijn_grens(nu=None):
    """The moment before which personal data is past the retention period of the site."""
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone

    nu = nu or timezone.now()
    return nu - relativedelta(months=site_instellingen_get().bewaartermijn_maanden or 24)
