"""Sitemaps of the published register, in every language, in pages.

/sitemap.xml is an index of pages of at most `limit` addresses each
(/sitemap-conventions.xml?p=2 …). Django's i18n sitemaps build every
(object, language) pair of a section in memory on each request, and the
index reads every object for the latest change: at 100 000 conventions,
seconds and hundreds of megabytes per request. Here a page reads only its
own objects (LIMIT/OFFSET over the ordered queryset) and the latest change
is one aggregate."""

import re
from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.core import paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language

from actors.models import Actor, Person, public_actor_pks
from conventions.models import Convention
from core import cache as register_cache
from core.pagination import selection_key
from plans.models import Plan

# A slug that reads the same in a URL; any other is reversed in full.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_MARK = "shiraka-sitemap-slug-mark"


class LanguagePairs(Sequence):
    """(object, language) for every object of `queryset` and every language,
    read a slice at a time."""

    def __init__(self, queryset, languages, pks=None):
        self.queryset = queryset
        self.languages = list(languages)
        self.pks = pks  # the selection's pks in order, when they are kept already

    @cached_property
    def _length(self):
        if self.pks is not None:
            return len(self.pks) * len(self.languages)
        count = register_cache.remember("count", selection_key(self.queryset), self.queryset.count)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        width = len(self.languages)
        first = start // width
        # The page's ids first (an index-only scan), then its rows by key: an
        # OFFSET over whole rows read every row it skipped (4.5 s for page 20
        # at 100 000 conventions on SQLite).
        if self.pks is not None:
            ids = self.pks[first : -(-stop // width)]
        else:
            ids = list(self.queryset.values_list("pk", flat=True)[first : -(-stop // width)])
        rows = {obj.pk: obj for obj in self.queryset.filter(pk__in=ids).order_by()}
        pairs = [(rows[pk], language) for pk in ids if pk in rows for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class RegisterSitemap(Sitemap):
    i18n = True
    alternates = True
    # Addresses per page (an object counts once per language).
    # (each with its alternates in the other languages: 5 000 made a 5 MB
    # page taking 1.8 s to render at 100 000 conventions).
    limit = 1500

    @cached_property
    def paginator(self):
        return paginator.Paginator(LanguagePairs(self.items(), self._languages(), self.pks()), self.limit)

    def pks(self) -> list | None:
        """The section's pks in order, when they are kept per register version."""
        return None

    def get_latest_lastmod(self):
        # Over the whole section: once per register version.
        items = self.items()
        return register_cache.remember(
            "sitemap-lastmod", selection_key(items), lambda: items.aggregate(latest=Max("updated_at"))["latest"]
        )

    def lastmod(self, item):
        return item.updated_at

    # The detail page's URL name; its one argument is the object's slug.
    url_name: str

    def location(self, item):
        """The object's address in the language being written, from the
        address reversed once per language and page (a page writes each of
        its 500 objects in 3 languages, each with 3 alternates: reversing
        every one took a third of the page's time)."""
        if not _PLAIN_SLUG.fullmatch(item.slug):
            return item.get_absolute_url()
        head, tail = self._address_around_slug(get_language())
        return head + item.slug + tail

    def _address_around_slug(self, language):
        known = self.__dict__.setdefault("_addresses", {})
        if language not in known:
            address = reverse(self.url_name, kwargs={"slug": _SLUG_MARK})
            head, _mark, tail = address.rpartition(_SLUG_MARK)
            known[language] = head, tail
        return known[language]


class ConventionSitemap(RegisterSitemap):
    url_name = "conventions:detail"
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Convention.objects.published().order_by("pk").only("pk", "slug", "updated_at")


class ActorSitemap(RegisterSitemap):
    url_name = "actors:detail"
    changefreq = "monthly"

    def items(self):
        return Actor.objects.public().order_by("pk").only("pk", "slug", "updated_at")

    def pks(self):
        # Publicness decided once per version: a page reads its rows by key.
        return public_actor_pks()


class PlanSitemap(RegisterSitemap):
    url_name = "plans:detail"
    changefreq = "monthly"

    def items(self):
        return Plan.objects.order_by("pk")


class PersonSitemap(RegisterSitemap):
    url_name = "people:detail"
    changefreq = "monthly"

    def items(self):
        # Person.objects.public(): a person known only from a draft has no page.
        return Person.objects.public().order_by("pk").only("pk", "slug", "updated_at")


SITEMAPS = {
    "conventions": ConventionSitemap,
    "actors": ActorSitemap,
    "plans": PlanSitemap,
    "people": PersonSitemap,
}
