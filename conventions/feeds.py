from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Convention


class PlainTextAtomFeed(Atom1Feed):
    """Atom with summaries as plain text (`type="text"`): Django writes them as
    `type="html"`, and a feed reader would then run whatever markup a summary
    holds. Titles are already plain text."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestConventionsFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("Shiraka — conventions nouvellement publiées")
    subtitle = _("Les dernières conventions de partenariat publiées dans le registre.")
    link = reverse_lazy("conventions:list")

    def items(self):
        return Convention.objects.published().order_by("-published_at", "-pk")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
