import datetime

from django.db.models import Exists, F, OuterRef, Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from core import cache as register_cache
from core.citations import SourceNotes
from core.pagination import Paginator, selection_key

from . import highlights, network, progress
from .filters import ConventionFilterSet, facet_counts
from .models import (
    LINK_FIELDS,
    Convention,
    ConventionRelation,
    FollowUpAction,
    Party,
)
from .publication import WithdrawnIsGone


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
            widen=widen_links(self.request.GET, self.filterset),
            q=self.request.GET.get("q", "").strip(),
            # Why each row of the page was found: one query, when first read.
            matches=highlights.for_rows(
                context["object_list"], getattr(self.filterset.form, "cleaned_data", {}).get("q") or ""
            ),
        )
        return context


def widen_links(params, filterset) -> list[tuple[str, str, str]]:
    """For each filter in use, (its label, the value given, the querystring
    without it): what an empty result offers to drop, one filter at a time."""
    links = []
    for name, filter_ in filterset.filters.items():
        value = params.get(name, "").strip()
        if name in ("sort", "updated_since") or not value:
            continue
        choices = getattr(filterset.form.fields[name], "choices", None)
        shown = dict(choices).get(value, value) if choices else value
        rest = params.copy()
        rest.pop(name, None)
        rest.pop("page", None)
        links.append((filter_.label, str(shown), rest.urlencode()))
    return links


def published_relations(name: str, other: str) -> Prefetch:
    """A convention's relations, only those whose other end is published."""
    return Prefetch(
        name,
        queryset=ConventionRelation.objects.filter(**{f"{other}__in": Convention.objects.published().values("pk")})
        .select_related(other)
        .only("kind", "from_convention", "to_convention", *(f"{other}__{name}" for name in LINK_FIELDS)),
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
    newest_first = (F("signed_on").desc(nulls_last=True), "title", "pk")
    # The list's order walks the list's index, but PostgreSQL first hashes
    # every convention of the actors concerned (33 000 for the ministry, 29 ms
    # at 100 000): the pks found are kept per register version.
    pks = register_cache.remember(
        "related",
        (convention.pk, limit),
        lambda: list(
            Convention.objects.published()
            .exclude(pk=convention.pk)
            .filter(shares)
            .order_by(*newest_first)
            .values_list("pk", flat=True)[:limit]
        ),
    )
    return list(Convention.objects.filter(pk__in=pks).as_links().order_by(*newest_first))


def _due_order(action):
    return (action.due_on is None, action.due_on or datetime.date.min, action.position, action.pk)


class ConventionDetailView(WithdrawnIsGone, DetailView):
    """Everything public about one published convention, fetched up front.

    Queries, whatever the number of parties, objectives or actions:
    the convention; parties with actor and representative; their commitments
    (with source and cited document); objectives (idem); their measurements
    (idem); actions with responsible (idem); sources; documents; sectors;
    regions; plans; components with their plan; outgoing and incoming relations
    to published conventions; related conventions. 15 in all. The summary
    block and the numbered source notes read these same rows.
    """

    template_name = "conventions/detail.html"

    def get_queryset(self):
        return (
            Convention.objects.published()
            .with_detail_data()
            .prefetch_related(
                published_relations("outgoing_relations", "to_convention"),
                published_relations("incoming_relations", "from_convention"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        convention = self.object
        today = timezone.localdate()
        # ?as_of=AAAA-MM-JJ: the objectives read as of that date (progress.read);
        # a date not understood is ignored, and the objectives say so.
        try:
            context["as_of"] = progress.parse_as_of(self.request.GET.get("as_of"))
        except ValueError as error:
            context["as_of"], context["as_of_notice"] = None, str(error)
        actions = sorted(convention.actions.all(), key=_due_order)
        for action in actions:
            action.overdue = action.is_overdue(today)
        parties = list(convention.parties.all())
        context.update(
            actions=actions,
            overdue_count=sum(action.overdue for action in actions),
            done_count=sum(action.state == FollowUpAction.State.DONE for action in actions),
            related=related_conventions(convention),
            # The summary block: who signed, and who only spoke (the register
            # never says more than the source).
            signers=[party for party in parties if party.signed_by],
            speakers=[party for party in parties if party.representative and not party.signed_by],
            source_notes=source_notes(convention, parties, actions),
        )
        return context


def source_notes(convention, parties, actions) -> SourceNotes:
    """The page's numbered notes, numbered in the order the page cites them
    (commitments, objectives with their latest measurement, actions), then the
    convention's other sources and documents. Reads prefetched rows only."""
    notes = SourceNotes()
    for party in parties:
        for commitment in party.commitments.all():
            notes.cite(commitment)
    for objective in convention.objectives.all():
        notes.cite(objective)  # beside its target, above its latest measurement
        latest = objective.latest_measurement()
        if latest is not None:
            notes.cite(latest)
    for action in actions:
        notes.cite(action)
    for source in convention.sources.all():
        notes.add_source(source)
    for document in convention.documents.all():
        notes.add_document(document)
    return notes


def network_view(request):
    filterset = ConventionFilterSet(request.GET or None, queryset=Convention.objects.published())
    # Built from every party of the selection (300 000 at 100 000 conventions):
    # once per register version and selection.
    selection = selection_key(filterset.qs)
    graph = SimpleLazyObject(lambda: register_cache.remember("network", selection, lambda: network.build(filterset.qs)))
    # The drawing and its tables (50 actors, up to 1 225 links: 375 KB at
    # 100 000 conventions) are rendered once per version and selection too.
    return render(
        request, "conventions/network.html", {"filterset": filterset, "network": graph, "selection": selection}
    )
