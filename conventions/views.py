import datetime

from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from config.pagination import Paginator, selection_key
from core import cache as register_cache
from plans.models import PlanComponent

from . import network
from .filters import ConventionFilterSet, facet_counts
from .models import (
    Commitment,
    Convention,
    ConventionRelation,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)


class ConventionListView(ListView):
    template_name = "conventions/list.html"
    paginate_by = 25
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset = ConventionFilterSet(self.request.GET or None, queryset=Convention.objects.published())
        return self.filterset.qs.with_list_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            # Over the whole selection: computed once per register version and
            # selection, and only when the template's fragment is not cached.
            facets=SimpleLazyObject(
                lambda: register_cache.remember(
                    "facets", selection_key(self.filterset.qs), lambda: facet_counts(self.filterset.qs)
                )
            ),
            querystring=query.urlencode(),
        )
        return context


CITED = ("source", "document__convention")


def published_relations(name: str, other: str) -> Prefetch:
    """A convention's relations, only those whose other end is published."""
    return Prefetch(
        name,
        queryset=ConventionRelation.objects.filter(
            **{f"{other}__in": Convention.objects.published().values("pk")}
        ).select_related(other),
    )


def related_conventions(convention: Convention, *, limit: int = 5):
    """Published conventions sharing an actor or a plan (directly or through a
    component) with `convention`, newest first: one query. Reads the
    convention's prefetched parties, plans and components."""
    actor_ids = [party.actor_id for party in convention.parties.all()]
    plan_ids = {plan.pk for plan in convention.plans.all()} | {c.plan_id for c in convention.components.all()}
    shares = Exists(Party.objects.filter(convention=OuterRef("pk"), actor_id__in=actor_ids))
    if plan_ids:
        shares |= Exists(Convention.plans.through.objects.filter(convention=OuterRef("pk"), plan_id__in=plan_ids))
        shares |= Exists(
            Convention.components.through.objects.filter(convention=OuterRef("pk"), plancomponent__plan_id__in=plan_ids)
        )
    return list(
        Convention.objects.published()
        .exclude(pk=convention.pk)
        .filter(shares)
        .order_by(F("signed_on").desc(nulls_last=True), "-pk")[:limit]
    )


def _due_order(action):
    return (action.due_on is None, action.due_on or datetime.date.min, action.position, action.pk)


class ConventionDetailView(DetailView):
    """Everything public about one published convention, fetched up front.

    Queries, whatever the number of parties, objectives or actions:
    the convention; parties with actor and representative; their commitments
    (with source and cited document); objectives (idem); their measurements
    (idem); actions with responsible (idem); sources; documents; sectors;
    regions; plans; components with their plan; outgoing and incoming relations
    to published conventions; related conventions. 15 in all.
    """

    template_name = "conventions/detail.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # 410 Gone: search engines drop the address, readers learn why.
            if Convention.objects.withdrawn().filter(slug=kwargs["slug"]).exists():
                return render(request, "conventions/withdrawn.html", status=410)
            raise

    def get_queryset(self):
        return Convention.objects.published().prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("actor", "representative").prefetch_related(
                    Prefetch("commitments", queryset=Commitment.objects.select_related(*CITED))
                ),
            ),
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related(*CITED).prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=Measurement.objects.select_related(*CITED).order_by("measured_on", "id"),
                    )
                ),
            ),
            Prefetch("actions", queryset=FollowUpAction.objects.select_related("responsible", *CITED)),
            Prefetch("sources", queryset=Source.objects.order_by(F("published_on").desc(nulls_last=True), "title")),
            "documents",
            "sectors",
            "regions",
            "plans",
            Prefetch("components", queryset=PlanComponent.objects.select_related("plan")),
            published_relations("outgoing_relations", "to_convention"),
            published_relations("incoming_relations", "from_convention"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        convention = self.object
        today = timezone.localdate()
        actions = sorted(convention.actions.all(), key=_due_order)
        for action in actions:
            action.overdue = action.is_overdue(today)
        context.update(
            actions=actions,
            overdue_count=sum(action.overdue for action in actions),
            related=related_conventions(convention),
        )
        return context


def network_view(request):
    filterset = ConventionFilterSet(request.GET or None, queryset=Convention.objects.published())
    # Built from every party of the selection (300 000 at 100 000 conventions):
    # once per register version and selection.
    graph = register_cache.remember("network", selection_key(filterset.qs), lambda: network.build(filterset.qs))
    return render(request, "conventions/network.html", {"filterset": filterset, "network": graph})
