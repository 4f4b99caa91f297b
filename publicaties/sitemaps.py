"""Sitemap of the kennisbank: the list page and every published item (never concepts)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Publicatie


class PublicatieSitemap(Sitemap):
    """Published publications, with their last change."""

    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Publicatie.objects.gepubliceerd().only("id", "slug", "gewijzigd").order_by("id")

    def lastmod(self, item):
        return item.gewijzigd


class KennisbankSitemap(Sitemap):
    """The kennisbank's own page."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["publicaties:publicatie_list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"kennisbank": KennisbankSitemap, "publicaties": PublicatieSitemap}
