"""Public pages of plans. Plans are public by nature; the conventions listed
under them, and counted, are published ones only."""

from collections import Counter, defaultdict

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.views.generic import DetailView, ListView

from conventions.models import CITED, Convention, Measurement, Objective
from conventions.rollups import plan_rollup
from core import cache as register_cache
from core.charts import column_chart
from core.templatetags.shiraka import number
from plans.models import Plan, PlanComponent

# A national plan gathers hundreds of conventions: its page shows the latest
# and links to the whole list, filtered by the plan.
LATEST_CONVENTIONS = 20


def with_convention_count(plans):
    """Annotate `convention_count`: published conventions serving each plan,
    directly or through a component, each counted once (one subquery)."""
    count = (
        Convention.objects.published()
        .serving(OuterRef(OuterRef("pk")))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return plans.annotate(convention_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))


class PlanListView(ListView):
    """Queries: the plans with owner, parent and convention counts: 1."""

    template_name = "plans/list.html"

    def get_queryset(self):
        plans = Plan.objects.select_related("owner", "parent").order_by(
            F("start_year").desc(nulls_last=True), F("end_year").desc(nulls_last=True), "name"
        )
        return with_convention_count(plans)


class ComponentNode:
    """A component in the plan's tree, with its children and objectives."""

    def __init__(self, component):
        self.component = component
        self.children = []
        self.objectives = []
        self.conventions = 0


def component_tree(components) -> list[ComponentNode]:
    """Nest components (already in position order) by parent id, in Python:
    the page reads them with one query. A component whose parent is not in
    this plan is shown at the top level, and a cycle in bad data is cut
    rather than followed forever."""
    nodes = {component.pk: ComponentNode(component) for component in components}
    children = defaultdict(list)
    roots = []
    for node in nodes.values():
        parent_id = node.component.parent_id
        (children[parent_id] if parent_id in nodes else roots).append(node)
    placed = set()

    def attach(node):
        placed.add(node.component.pk)
        node.children = [child for child in children[node.component.pk] if child.component.pk not in placed]
        for child in node.children:
            attach(child)

    for root in roots:
        attach(root)
    for node in nodes.values():
        if node.component.pk not in placed:
            roots.append(node)
            attach(node)
    return roots


class PlanDetailView(DetailView):
    """Queries, whatever the size of the plan: the plan with owner, parent,
    predecessor and successor; components with region; sub-plans; objectives
    of the plan and its components; their measurements; the count of published
    conventions implementing it (once per register version, after reading the
    version) and the latest of them; their components in this plan; their
    parties with actors; sectors; sources: 12, then 11."""

    template_name = "plans/detail.html"

    def get_queryset(self):
        return Plan.objects.select_related("owner", "parent", "predecessor", "successor").prefetch_related(
            Prefetch("components", queryset=PlanComponent.objects.select_related("region")),
            Prefetch("subplans", queryset=Plan.objects.order_by(F("start_year").desc(nulls_last=True), "name")),
            "sectors",
            "sources",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        rtl = get_language_bidi()
        components = list(plan.components.all())
        order = {component.pk: index for index, component in enumerate(components)}
        nodes = component_tree(components)
        by_pk = {}
        stack = list(nodes)
        while stack:
            node = stack.pop()
            by_pk[node.component.pk] = node
            stack.extend(node.children)

        measurements = Measurement.objects.select_related(*CITED).order_by("measured_on", "id")
        objectives = (
            # The components' pks, not a join: an OR across a join reads every
            # objective (28 ms at 100 000 conventions on SQLite, 1.4 ms so).
            Objective.objects.filter(Q(plan=plan) | Q(component__in=[component.pk for component in components]))
            .select_related("component", *CITED)
            .prefetch_related(Prefetch("measurements", queryset=measurements))
            .order_by("position", "pk")
        )
        plan_objectives, component_objectives = [], []
        objectives_read = list(objectives)
        for objective in objectives_read:
            if objective.component_id is None:
                plan_objectives.append(objective)
            else:
                node = by_pk[objective.component_id]
                if not node.objectives:
                    component_objectives.append(node)
                node.objectives.append(objective)

        serving = Convention.objects.published().serving(plan)
        newest_first = (F("signed_on").desc(nulls_last=True), "title", "pk")
        # Finding them walks the register newest first until 20 serve the plan:
        # 30 000 rows for a plan whose conventions are old (120 ms at 100 000
        # on PostgreSQL). Their pks are kept per register version.
        latest_pks = register_cache.remember(
            "plan-latest",
            plan.pk,
            lambda: list(serving.order_by(*newest_first).values_list("pk", flat=True)[:LATEST_CONVENTIONS]),
        )
        latest = (
            Convention.objects.filter(pk__in=latest_pks)
            .with_list_data()
            .prefetch_related(
                Prefetch("components", queryset=PlanComponent.objects.filter(plan=plan), to_attr="plan_components")
            )
            .order_by(*newest_first)
        )
        today = timezone.localdate()
        # Grows with the plan: counted once per register version and day.
        rollup = register_cache.remember("plan-rollup", (plan.pk, today), lambda: plan_rollup(plan, today))
        for pk, node in by_pk.items():
            node.conventions = rollup.by_component.get(pk, 0)
        progress = Counter(objective.progress_reading(today, plan=plan).status for objective in objectives_read)
        try:
            successor = plan.successor
        except Plan.DoesNotExist:
            successor = None
        context.update(
            tree=nodes,
            plan_objectives=plan_objectives,
            component_objectives=sorted(component_objectives, key=lambda node: order[node.component.pk]),
            conventions=list(latest),
            convention_count=rollup.conventions,
            rollup=rollup,
            year_chart=column_chart([(str(year), n, number(n)) for year, n in rollup.by_year], rtl=rtl),
            objectives_by_status=[
                (code, label, progress[code]) for code, label in Objective.Progress.choices if progress.get(code)
            ],
            convention_objectives_by_status=[
                (code, label, rollup.objectives_by_status[code])
                for code, label in Objective.Progress.choices
                if rollup.objectives_by_status.get(code)
            ],
            today=today,
            successor=successor,
        )
        return context
