"""Public pages of actors. An actor is shown only when it is public (party to a
published convention, responsible for one of its actions, or owner of a
plan), and everything listed under it comes from published conventions."""

from collections import defaultdict

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.views.generic import DetailView, ListView

from conventions.models import Convention, FollowUpAction, Party

from .models import Actor, Mandate

PUBLISHED = Convention.PublicationState.PUBLISHED


class ActorListView(ListView):
    """Queries: count, page of actors with their number of published
    conventions: 2."""

    template_name = "actors/list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Actor.objects.public()
            .annotate(convention_count=Count("parties", filter=Q(parties__convention__publication_state=PUBLISHED)))
            .order_by("name", "pk")
        )


class ActorDetailView(DetailView):
    """Queries, whatever the number of conventions: the actor with its parent;
    the parent's publicness; former names; public child organisations;
    mandates with people; parties in published conventions (convention,
    representative); partners with shared counts; actions it answers for on
    published conventions; plans it owns: 9."""

    template_name = "actors/detail.html"

    def get_queryset(self):
        return (
            Actor.objects.public()
            .select_related("parent")
            .prefetch_related(
                "names",
                Prefetch("children", queryset=Actor.objects.public().order_by("name"), to_attr="public_children"),
                Prefetch("mandates", queryset=Mandate.objects.select_related("person").order_by("-start_on", "pk")),
                "plans",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.object
        published = Convention.objects.published()
        parties = list(
            Party.objects.filter(actor=actor, convention__in=published.values("pk"))
            .select_related("convention", "representative")
            .order_by(F("convention__signed_on").desc(nulls_last=True), "-convention__pk")
        )
        by_role = defaultdict(list)
        for party in parties:
            by_role[party.role].append(party)
        roles = [(label, by_role[value]) for value, label in Party.Role.choices if by_role[value]]

        # People: their mandates in this actor, and the titles under which they
        # signed or spoke for it in published conventions.
        people = {}
        for mandate in actor.mandates.all():
            people.setdefault(mandate.person.pk, {"person": mandate.person, "mandates": [], "acts": []})
            people[mandate.person.pk]["mandates"].append(mandate)
        for party in parties:
            if party.representative_id:
                entry = people.setdefault(
                    party.representative_id, {"person": party.representative, "mandates": [], "acts": []}
                )
                entry["acts"].append(party)

        conventions = published.filter(parties__actor=actor).values("pk")
        partners = (
            Actor.objects.filter(parties__convention__in=conventions)
            .exclude(pk=actor.pk)
            .annotate(shared=Count("parties__convention", distinct=True))
            .order_by("-shared", "name")
        )

        today = timezone.localdate()
        actions = list(
            FollowUpAction.objects.filter(responsible=actor, convention__in=published.values("pk"))
            .select_related("convention")
            .order_by("due_on", "pk")
        )
        for action in actions:
            action.overdue = action.is_overdue(today)
        scorecard = {
            "total": len(actions),
            "done": sum(a.state == FollowUpAction.State.DONE for a in actions),
            "in_progress": sum(a.state == FollowUpAction.State.IN_PROGRESS for a in actions),
            "planned": sum(a.state == FollowUpAction.State.PLANNED for a in actions),
            "overdue": sum(a.overdue for a in actions),
        }

        # The parent organisation, unless it is known only from drafts.
        parent = None
        if actor.parent_id and Actor.objects.public().filter(pk=actor.parent_id).exists():
            parent = actor.parent
        context.update(
            roles=roles,
            convention_count=len(parties),
            people=sorted(people.values(), key=lambda entry: (entry["person"].family_name, entry["person"].name)),
            partners=list(partners),
            actions=actions,
            scorecard=scorecard,
            parent=parent,
        )
        return context
