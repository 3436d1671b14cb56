from django.contrib.sitemaps import Sitemap

from actors.models import Actor
from conventions.models import Convention
from plans.models import Plan


class ConventionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Convention.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ActorSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        return Actor.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PlanSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        return Plan.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"conventions": ConventionSitemap, "actors": ActorSitemap, "plans": PlanSitemap}
