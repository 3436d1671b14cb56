"""What a subscription follows, read as its feed reads it: the published
conventions of a search of the public list (the list's own FilterSet:
conventions.filters.published_matching), of an actor (party to them) or of
a plan (they serve it)."""

from django.http import QueryDict
from django.utils.translation import gettext

from actors.models import Actor
from conventions.filters import ConventionFilterSet, describe_filters, published_matching
from conventions.models import Convention, Party

# The list's filters a search is made of; its page and sort are not.
SEARCH_FIELDS = tuple(name for name in ConventionFilterSet.base_filters if name != "sort")


def normalized_search(params) -> str:
    """The list's filters of `params` (a QueryDict), non-empty, in a fixed
    order: two addresses of the same search make one subscription."""
    kept = QueryDict(mutable=True)
    for name in SEARCH_FIELDS:
        values = [value.strip() for value in params.getlist(name) if value.strip()]
        if values:
            kept[name] = values[0]
    return kept.urlencode()


def search_label(query: str) -> str:
    return describe_filters(QueryDict(query or "")) or gettext("toutes les conventions")


def actor_conventions(actor):
    return Convention.objects.published().filter(pk__in=Party.objects.filter(actor=actor).values("convention_id"))


def plan_conventions(plan):
    return Convention.objects.published().serving(plan)


def conventions_of(subscription):
    """The published conventions `subscription` follows (unordered); raises
    conventions.filters.FiltersRefused for a search the list now refuses
    (a sector since renamed)."""
    kind = subscription.Kind
    if subscription.kind == kind.ACTOR:
        return actor_conventions(subscription.actor)
    if subscription.kind == kind.PLAN:
        return plan_conventions(subscription.plan)
    return published_matching(QueryDict(subscription.query or ""))


def target_label(subscription, *, public: bool = True) -> str:
    """What `subscription` follows, in words, in the active language. An
    actor followed while it was public may since be known from drafts only:
    its name is then not said to the public (`public=False`: staff)."""
    kind = subscription.Kind
    if subscription.kind == kind.ACTOR:
        if public and not Actor.objects.public_each().filter(pk=subscription.actor_id).exists():
            return gettext("un acteur qui n'apparaît plus dans le registre public")
        return str(subscription.actor)
    if subscription.kind == kind.PLAN:
        return str(subscription.plan.name)
    return search_label(subscription.query)
