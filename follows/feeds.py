"""The Atom feeds of an actor and of a plan: the latest published
conventions it is party to / that serve it, as the register's feed shows
them (conventions.feeds.ConventionsFeed). Queries: the actor (public,
decided for that row) or the plan; the entries: 2."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from actors.models import Actor
from conventions.feeds import ConventionsFeed
from plans.models import Plan

from .targets import actor_conventions, plan_conventions


class ActorConventionsFeed(ConventionsFeed):
    def get_object(self, request, slug):
        # An actor known only from drafts has no feed, as it has no page.
        return get_object_or_404(Actor.objects.public_each(), slug=slug)

    def selection(self, actor):
        return actor_conventions(actor)

    def title(self, actor):
        return gettext("Shiraka — conventions de %(actor)s") % {"actor": actor}

    def subtitle(self, actor):
        return gettext("Les dernières conventions publiées auxquelles %(actor)s est partie.") % {"actor": actor}

    def link(self, actor):
        return actor.get_absolute_url()


class PlanConventionsFeed(ConventionsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Plan, slug=slug)

    def selection(self, plan):
        return plan_conventions(plan)

    def title(self, plan):
        return gettext("Shiraka — conventions du plan %(plan)s") % {"plan": plan.name}

    def subtitle(self, plan):
        return gettext("Les dernières conventions publiées qui servent le plan %(plan)s.") % {"plan": plan.name}

    def link(self, plan):
        return plan.get_absolute_url()
