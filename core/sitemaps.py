"""Sitemaps of the published register, in every language, in pages.

/sitemap.xml is an index of pages of at most `limit` addresses each
(/sitemap-conventions.xml?p=2 …). Django's i18n sitemaps build every
(object, language) pair of a section in memory on each request, and the
index reads every object for the latest change: at 100 000 conventions,
seconds and hundreds of megabytes per request. Here a page reads only its
own objects (LIMIT/OFFSET over the ordered queryset) and the latest change
is one aggregate."""

from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.core import paginator
from django.db.models import Max
from django.utils.functional import cached_property

from actors.models import Actor
from conventions.models import Convention
from plans.models import Plan


class LanguagePairs(Sequence):
    """(object, language) for every object of `queryset` and every language,
    read a slice at a time."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    @cached_property
    def _length(self):
        return self.queryset.count() * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        width = len(self.languages)
        first = start // width
        objects = list(self.queryset[first : -(-stop // width)])
        pairs = [(obj, language) for obj in objects for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class RegisterSitemap(Sitemap):
    i18n = True
    alternates = True
    # Addresses per page (an object counts once per language).
    limit = 5000

    @cached_property
    def paginator(self):
        return paginator.Paginator(LanguagePairs(self.items(), self._languages()), self.limit)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, item):
        return item.updated_at


class ConventionSitemap(RegisterSitemap):
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Convention.objects.published().order_by("pk")


class ActorSitemap(RegisterSitemap):
    changefreq = "monthly"

    def items(self):
        return Actor.objects.public().order_by("pk")


class PlanSitemap(RegisterSitemap):
    changefreq = "monthly"

    def items(self):
        return Plan.objects.order_by("pk")


SITEMAPS = {"conventions": ConventionSitemap, "actors": ActorSitemap, "plans": PlanSitemap}
