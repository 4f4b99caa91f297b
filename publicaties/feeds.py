"""Feeds: an Atom feed of new publications and a podcast RSS feed with enclosures."""

import copy

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from werkplaats.kern.selectors import site_instellingen_get

from . import selectors


def _auteurs(item) -> str:
    return ", ".join(a.weergavenaam for a in item.auteurschappen.all())


class NieuwePublicatiesFeed(Feed):
    """The newest published items of the kennisbank (Atom)."""

    feed_type = Atom1Feed
    subtitle = _("New publications, blogs, podcast episodes and teaching material.")

    def title(self):
        return f"{site_instellingen_get().naam} – {_('Knowledge base')}"

    def link(self):
        return reverse("publicaties:publicatie_list")

    def items(self):
        return selectors.publicatie_list_feed()

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        return item.samenvatting or item.get_type_display()

    def item_author_name(self, item):
        return _auteurs(item) or None

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.gewijzigd

    def item_categories(self, item):
        return [item.get_type_display()]


ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 with the iTunes tags podcast apps look for."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:itunes"] = ITUNES
        return attrs

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        afbeelding = self.feed["afbeelding"]
        handler.startElement("image", {})
        handler.addQuickElement("url", afbeelding)
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")
        handler.addQuickElement("itunes:image", attrs={"href": afbeelding})
        handler.addQuickElement("itunes:author", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", self.feed["author_name"] or "")
        if self.feed["eigenaar_email"]:
            handler.addQuickElement("itunes:email", self.feed["eigenaar_email"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", attrs={"text": "Education"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:author", item.get("author_name") or "")
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:explicit", "false")
        if item.get("duur"):
            uren, rest = divmod(item["duur"], 3600)
            handler.addQuickElement("itunes:duration", f"{uren:d}:{rest // 60:02d}:{rest % 60:02d}")


class PodcastFeed(Feed):
    """Podcast episodes with audio, as an RSS feed with enclosures."""

    feed_type = PodcastRss

    def title(self):
        return f"{site_instellingen_get().naam} – {_('Podcast')}"

    def description(self):
        return str(_("Podcast episodes of the Werkplaats."))

    def author_name(self):
        return site_instellingen_get().naam

    def link(self):
        return reverse("publicaties:publicatie_list") + "?type=podcastaflevering"

    def feed_extra_kwargs(self, obj):
        return {
            "afbeelding": self._request.build_absolute_uri(reverse("publicaties:podcast_omslag")),
            "eigenaar_email": site_instellingen_get().contact_email,
        }

    def items(self):
        return selectors.podcast_list_feed()

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        return item.samenvatting or item.titel

    def item_author_name(self, item):
        return _auteurs(item) or None

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_guid(self, item):
        return f"publicatie-{item.pk}"

    item_guid_is_permalink = False

    def item_extra_kwargs(self, item):
        return {"duur": item.audio_duur}

    def item_enclosures(self, item):
        url = self._request.build_absolute_uri(
            reverse("publicaties:audio", kwargs={"slug": item.slug})
        )
        return [Enclosure(url, str(item.audio_grootte or 0), item.audio_mimetype or "audio/mpeg")]

    def __call__(self, request, *args, **kwargs):
        # The enclosure needs an absolute URL; keep the request on a per-request copy
        # (the instance in urls.py is shared between threads).
        feed = copy.copy(self)
        feed._request = request
        return Feed.__call__(feed, request, *args, **kwargs)
