"""One FilterSet for conventions, shared by the public pages and the API, so a
filter means the same thing everywhere. Values are slugs; relations are
tested with EXISTS subqueries, so a convention never appears twice."""

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from actors.models import Actor
from config.pagination import selection_key
from core import cache as register_cache
from plans.models import Plan, Region, Sector

from . import search as fulltext
from .models import Convention, Party


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """An object named by its slug in the address, e.g. ?actor=amica."""


class ConventionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Recherche"), method="filter_q", max_length=200)
    sector = SlugFilter(label=_("Secteur"), queryset=Sector.objects.all(), to_field_name="slug", method="filter_sector")
    actor = SlugFilter(
        label=_("Acteur"),
        queryset=Actor.objects.all(),
        to_field_name="slug",
        method="filter_actor",
        # Actors run into the thousands: a select would list them all on every page.
        widget=forms.TextInput(attrs={"placeholder": _("identifiant, ex. amica")}),
    )
    plan = SlugFilter(label=_("Plan"), queryset=Plan.objects.all(), to_field_name="slug", method="filter_plan")
    region = SlugFilter(label=_("Région"), queryset=Region.objects.all(), to_field_name="slug", method="filter_region")
    year = django_filters.NumberFilter(
        label=_("Année de signature"), method="filter_year", min_value=1950, max_value=2100
    )
    since = django_filters.NumberFilter(
        label=_("Signée à partir de"), field_name="signed_on", lookup_expr="year__gte", min_value=1950, max_value=2100
    )
    until = django_filters.NumberFilter(
        label=_("Signée jusqu'en"), field_name="signed_on", lookup_expr="year__lte", min_value=1950, max_value=2100
    )
    updated_since = django_filters.IsoDateTimeFilter(
        label=_("Modifiée depuis"), field_name="updated_at", lookup_expr="gte", widget=forms.HiddenInput
    )
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Convention.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Convention.Kind.choices)
    sort = django_filters.ChoiceFilter(
        label=_("Trier par"),
        method="filter_sort",
        empty_label=None,
        choices=[("date", _("date de signature")), ("title", _("intitulé")), ("relevance", _("pertinence"))],
    )

    class Meta:
        model = Convention
        fields = ["q", "sector", "actor", "plan", "region", "year", "since", "until", "updated_since", "status", "kind"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_sector(self, queryset, name, sector):
        through = Convention.sectors.through
        return queryset.filter(Exists(through.objects.filter(convention=OuterRef("pk"), sector=sector)))

    def filter_actor(self, queryset, name, actor):
        return queryset.filter(Exists(Party.objects.filter(convention=OuterRef("pk"), actor=actor)))

    def filter_plan(self, queryset, name, plan):
        return queryset.serving(plan)

    def filter_region(self, queryset, name, region):
        through = Convention.regions.through
        return queryset.filter(Exists(through.objects.filter(convention=OuterRef("pk"), region=region)))

    def filter_year(self, queryset, name, value):
        return queryset.filter(signed_on__year=int(value))

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in `qs`, after every filter, so relevance can see the search rank

    # Ranking reads every match's search vector: beyond this many matches a
    # common word would cost seconds at 100 000 conventions, so the matches
    # come newest first and the page says why (docs/benchmarks.md).
    RANKED_AT_MOST = 2000

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound and self.form.is_valid() else None
        searching = bool(self.form.cleaned_data.get("q")) if self.is_bound and self.form.is_valid() else False
        self.too_many_to_rank = False
        if sort == "title":
            return queryset.order_by("title", "pk")
        if searching and sort in (None, "relevance") and fulltext.ranks():
            if register_cache.remember("count", selection_key(queryset), queryset.count) <= self.RANKED_AT_MOST:
                return queryset.order_by("-rank", F("signed_on").desc(nulls_last=True), "pk")
            self.too_many_to_rank = sort == "relevance"
        return queryset.order_by(F("signed_on").desc(nulls_last=True), "title", "pk")


# Hundreds of actors take part in a large selection: the facet shows those
# in the most conventions; any other is one ?actor= away.
ACTOR_FACET_SIZE = 20


def facet_counts(queryset) -> dict[str, list]:
    """How many conventions of `queryset` fall under each sector, actor (the
    most frequent), plan, region, year, status and kind: one query per facet,
    whatever the size."""
    selection = queryset.order_by().values("pk")

    def by(model, relation="conventions"):
        return list(
            model.objects.annotate(count=Count(relation, filter=Q(**{f"{relation}__in": selection}), distinct=True))
            .filter(count__gt=0)
            .order_by("-count", "pk")
        )

    years = (
        Convention.objects.filter(pk__in=selection, signed_on__isnull=False)
        .values_list("signed_on__year")
        .annotate(count=Count("pk"))
        .order_by("-signed_on__year")
    )

    def choices(field, labels):
        rows = Convention.objects.filter(pk__in=selection).values_list(field).annotate(count=Count("pk"))
        return [(value, labels[value], count) for value, count in rows.order_by(field)]

    return {
        "sector": by(Sector),
        "actor": list(
            Actor.objects.annotate(count=Count("parties", filter=Q(parties__convention__in=selection)))
            .filter(count__gt=0)
            .order_by("-count", "name")[:ACTOR_FACET_SIZE]
        ),
        "plan": by(Plan),
        "region": by(Region),
        "year": list(years),
        "status": choices("status", dict(Convention.Status.choices)),
        "kind": choices("kind", dict(Convention.Kind.choices)),
    }
