from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Convention


class LatestConventionsFeed(Feed):
    feed_type = Atom1Feed
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
