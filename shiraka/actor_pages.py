"""Public pages of actors. An actor is shown only when it is public (party to a
published convention, responsible for one of its actions, or owner of a
plan), and everything listed under it comes from published conventions."""

from collections import defaultdict

from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.views.generic import DetailView, ListView

from actors.models import Actor, Mandate, Person, public_actor_pks
from conventions.models import FollowUpAction, FollowUpActionQuerySet, Party
from core import cache as register_cache
from core.dates import passed_before
from core.pagination import Paginator, RowsByKey


class ActorListView(ListView):
    """Which actors are public is decided over the whole register (18 000
    actors at 100 000 conventions: 150 ms on PostgreSQL, 500 ms on SQLite),
    so their pks in name order are kept per register version and language,
    and a page reads its 50 rows by key. Queries: the version, then the page
    of actors with their number of published conventions: 2 (3 the first
    time in a version)."""

    template_name = "actors/list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        return RowsByKey(public_actor_pks(), self.page_rows)

    @staticmethod
    def page_rows(pks):
        # A subquery in the select list is computed for the page's 50 rows
        # only; a join and GROUP BY would count every actor's parties first.
        published_parties = (
            Party.objects.public()
            .filter(actor=OuterRef("pk"))
            .order_by()
            .values("actor")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Actor.objects.filter(pk__in=pks).annotate(convention_count=Coalesce(Subquery(published_parties), 0))


class ActorDetailView(DetailView):
    """Everything the page lists is bounded, whatever the number of the
    actor's conventions (the ministry is party to a third of the register):
    the latest conventions of each role, the main partners, the open actions
    due first, the people of the 5 latest mandates and the 5 who acted most
    for it, with a few acts each, each with its total from an aggregate.
    Queries: the actor with its parent; former names; public child
    organisations; plans it owns; the register's version; then, once per
    version and day (core.cache): conventions per role; the latest of each
    role; the people of the latest mandates; acts per person (the most
    active, those with a mandate); their latest acts; partners (the first,
    then their number); the action scorecard; the actions shown; the
    parent's publicness: 16, then 5."""

    template_name = "actors/detail.html"
    shown = 20  # partners, actions
    per_role = 10  # conventions of each role (signatory, witness, …), the latest
    # People: those of the latest mandates and those who acted most, a few
    # acts each. A page that grew with them (1 000 → 4 000 conventions: 47 →
    # 90 KB, 1.7× the time) failed CI's benchmark smoke.
    people_shown = 5
    acts_shown = 3

    def get_queryset(self):
        # One actor: its publicness decided for that row alone (public_each).
        return (
            Actor.objects.public_each()
            .select_related("parent")
            .prefetch_related(
                "names",
                Prefetch("children", queryset=Actor.objects.public_each().order_by("name"), to_attr="public_children"),
                "plans",
            )
        )

    def latest(self, parties, partition: str, limit: int):
        """The latest `limit` parties of each `partition` (role, representative), in one query."""
        latest_first = [F("convention__signed_on").desc(nulls_last=True), F("convention__pk").desc()]
        return list(
            parties.annotate(rank=Window(RowNumber(), partition_by=F(partition), order_by=latest_first))
            .filter(rank__lte=limit)
            .select_related("convention", "representative")
            .order_by(*latest_first)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.object
        today = timezone.localdate()
        # Its aggregates grow with the actor's activity (the ministry: a third
        # of the register): computed once per register version and day.
        context.update(register_cache.remember("actor-page", (actor.pk, today), lambda: self.summary(actor, today)))
        return context

    def summary(self, actor, today) -> dict:
        parties = Party.objects.public().filter(actor=actor)

        per_role = dict(parties.order_by().values_list("role").annotate(n=Count("pk")))
        shown = defaultdict(list)
        for party in self.latest(parties, "role", self.per_role):
            shown[party.role].append(party)
        roles = [(label, shown[value], per_role[value]) for value, label in Party.Role.choices if per_role.get(value)]

        # People: their mandates in this actor, and the titles under which they
        # signed or spoke for it in published conventions (the latest few). The
        # people who acted most for it, not all: a ministry has had hundreds.
        represented = parties.filter(representative__isnull=False)
        acts_count = dict(
            represented.order_by()
            .values_list("representative")
            .annotate(n=Count("pk"))
            .order_by("-n", "representative")[: self.people_shown]
        )
        people = {}
        # The people of the latest mandates (a ministry has had hundreds over
        # the years), with every mandate they held in this actor.
        with_mandates = (
            Mandate.objects.filter(actor=actor).order_by("-start_on", "-pk").values("person_id")[: self.people_shown]
        )
        mandates = Mandate.objects.filter(actor=actor, person__in=with_mandates).select_related("person")
        for mandate in mandates.order_by("-start_on", "pk"):
            people.setdefault(
                mandate.person.pk, {"person": mandate.person, "mandates": [], "acts": [], "acts_count": 0}
            )
            people[mandate.person.pk]["mandates"].append(mandate)
        acts_count.update(
            represented.filter(representative__in=with_mandates)
            .order_by()
            .values_list("representative")
            .annotate(n=Count("pk"))
        )
        acting = represented.filter(Q(representative__in=list(acts_count)) | Q(representative__in=with_mandates))
        for party in self.latest(acting, "representative", self.acts_shown):
            entry = people.setdefault(
                party.representative_id, {"person": party.representative, "mandates": [], "acts": [], "acts_count": 0}
            )
            entry["acts"].append(party)
        for pk, entry in people.items():
            entry["acts_count"] = acts_count.get(pk, 0)

        conventions = parties.values("convention_id")
        partners = (
            Actor.objects.filter(parties__convention__in=conventions)
            .exclude(pk=actor.pk)
            .annotate(shared=Count("parties__convention", distinct=True))
            .order_by("-shared", "name")
        )
        partner_count = (
            Actor.objects.filter(parties__convention__in=conventions).exclude(pk=actor.pk).distinct().count()
        )

        answered = FollowUpAction.objects.public().filter(responsible=actor)
        states = FollowUpAction.State
        scorecard = answered.aggregate(
            total=Count("pk"),
            done=Count("pk", filter=Q(state=states.DONE)),
            in_progress=Count("pk", filter=Q(state=states.IN_PROGRESS)),
            planned=Count("pk", filter=Q(state=states.PLANNED)),
            overdue=Count(
                "pk", filter=Q(state__in=FollowUpActionQuerySet.OPEN_STATES) & passed_before("due_on", today)
            ),
        )
        # The open actions first, the most pressing at the top; done ones after.
        actions = list(
            answered.select_related("convention")
            .annotate(open=Case(When(state__in=FollowUpActionQuerySet.OPEN_STATES, then=0), default=1))
            .order_by("open", F("due_on").asc(nulls_last=True), "pk")[: self.shown]
        )
        for action in actions:
            action.overdue = action.is_overdue(today)

        # The parent organisation, unless it is known only from drafts.
        parent = None
        if actor.parent_id and Actor.objects.public_each().filter(pk=actor.parent_id).exists():
            parent = actor.parent
        return {
            "roles": roles,
            "convention_count": sum(per_role.values()),
            "people": sorted(people.values(), key=lambda entry: (entry["person"].family_name, entry["person"].name)),
            "partners": list(partners[: self.shown]),
            "partner_count": partner_count,
            "actions": actions,
            "scorecard": scorecard,
            "parent": parent,
        }


class PersonDetailView(DetailView):
    """A person, as Popolo describes one: the positions they held in public
    actors, dated, and the published conventions at which they signed or
    spoke for a party, with the title they held that day (the latest
    `acts_shown`, with their total).
    Queries: the person (public, decided for that row); their mandates in
    public actors; their latest acts; the number of acts: 4."""

    template_name = "actors/person.html"
    context_object_name = "person"
    acts_shown = 20

    def get_queryset(self):
        return Person.objects.public_each()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        mandates = (
            Mandate.objects.filter(person=person, actor__in=Actor.objects.public_each())
            .select_related("actor")
            .order_by(F("end_on").desc(nulls_first=True), F("start_on").desc(nulls_last=True), "-pk")
        )
        acts = (
            Party.objects.public()
            .filter(representative=person)
            .order_by(F("convention__signed_on").desc(nulls_last=True), "-convention__pk")
        )
        shown = list(acts.select_related("convention", "actor")[: self.acts_shown])
        context.update(
            mandates=list(mandates),
            acts=shown,
            acts_count=acts.count(),
        )
        return context
