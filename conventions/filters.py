"""One FilterSet for conventions, shared by the public pages and the API, so a
filter means the same thing everywhere. Values are slugs; relations are
tested with EXISTS subqueries, so a convention never appears twice."""

from functools import partial

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from actors.models import Actor
from core import cache as register_cache
from core.filters import FilterSet
from core.pagination import selection_key
from plans.models import Plan, Region, Sector

from . import finder
from . import search as fulltext
from .models import Convention, FollowUpAction, Party, reads_every_state


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """An object named by its slug in the address, e.g. ?actor=amica."""


class DatalistInput(forms.TextInput):
    """A text box with its suggestions in a <datalist>: `options()` gives
    (value, label) pairs rendered with the page (plans, sectors: a few dozen);
    without, the list starts empty and static/js/filters.js fills it from
    `suggest` (an API address) as the reader types (actors: thousands)."""

    def __init__(self, *, options=None, suggest: str = "", attrs=None):
        super().__init__(attrs)
        self.options = options
        self.suggest = suggest

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-options"
        attrs.update(list=list_id, autocomplete="off")
        if self.suggest:
            attrs["data-suggest"] = str(self.suggest)
        options = format_html_join("", '<option value="{}">{}</option>', self.options() if self.options else [])
        return format_html(
            '{}<datalist id="{}">{}</datalist>', super().render(name, value, attrs, renderer), list_id, options
        )


class NamedField(forms.CharField):
    """What a reader typed, resolved to one object by `resolve(typed)`, which
    raises ValidationError when nothing or several things go by that name."""

    def __init__(self, *, resolve, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.resolve = resolve

    def clean(self, value):
        value = super().clean(value)
        return self.resolve(value) if value else None


@extend_schema_field(OpenApiTypes.STR)
class NamedFilter(django_filters.Filter):
    """An object named by its slug (?actor=amica) or by any name a reader
    types (?actor=AMICA, a former name, accents and case aside)."""

    field_class = NamedField


AMBIGUOUS_SHOWN = 5


def _one(model, typed: str, pks: list[int], *, nothing: str, several: str):
    """The one object of `pks`, or a message naming the candidates."""
    if len(pks) == 1:
        return model.objects.get(pk=pks[0])
    if not pks:
        raise ValidationError(nothing, code="unknown", params={"typed": typed})
    candidates = model.objects.filter(pk__in=pks).order_by("pk")[:AMBIGUOUS_SHOWN]
    names = ", ".join(f"{obj} [{obj.slug}]" for obj in candidates)
    if len(pks) > AMBIGUOUS_SHOWN:
        names += ", …"
    raise ValidationError(several, code="ambiguous", params={"typed": typed, "names": names, "count": len(pks)})


def resolve_actor(typed: str, *, by_slug=None):
    """An actor by slug, else by its name, acronym or another name it went by
    (public actors only: one known only from a draft is nobody's to find,
    and its slug answers as an unknown one does). `by_slug`: the actors a
    reader of drafts may name by slug."""
    by_slug = Actor.objects.public_each() if by_slug is None else by_slug
    if actor := by_slug.filter(slug=typed).first():
        return actor
    return _one(
        Actor,
        typed,
        finder.exact(finder.index().actors, typed),
        nothing=_("Aucun acteur ne porte le nom ou le sigle « %(typed)s ». Choisissez un nom dans la liste proposée."),
        several=_(
            "« %(typed)s » désigne %(count)s acteurs : %(names)s. "
            "Choisissez un nom dans la liste, ou tapez l'identifiant indiqué entre crochets."
        ),
    )


def resolve_plan(typed: str):
    if plan := Plan.objects.filter(slug=typed).first():
        return plan
    return _one(
        Plan,
        typed,
        finder.exact(finder.index().plans, typed),
        nothing=_("Aucun plan ne porte le nom « %(typed)s ». Choisissez un plan dans la liste proposée."),
        several=_("« %(typed)s » désigne %(count)s plans : %(names)s. Choisissez-en un dans la liste."),
    )


def resolve_sector(typed: str):
    if sector := Sector.objects.filter(slug=typed).first():
        return sector
    wanted = fulltext.normalize(typed)
    # A few dozen sectors: read them all and compare their names in every language.
    pks = [
        sector.pk
        for sector in Sector.objects.all()
        if wanted in {fulltext.normalize(name) for name in finder.in_every_language(sector, "name")}
    ]
    return _one(
        Sector,
        typed,
        pks,
        nothing=_("Aucun secteur ne porte le nom « %(typed)s ». Choisissez un secteur dans la liste proposée."),
        several=_("« %(typed)s » désigne %(count)s secteurs : %(names)s. Choisissez-en un dans la liste."),
    )


def _plan_options():
    return [(plan.name, plan.short_name) for plan in Plan.objects.order_by("name")]


def _sector_options():
    return [(sector.name, "") for sector in Sector.objects.order_by("name")]


class ConventionFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Recherche"), method="filter_q", max_length=200)
    sector = NamedFilter(
        label=_("Secteur"),
        resolve=resolve_sector,
        method="filter_sector",
        widget=DatalistInput(options=_sector_options),
    )
    actor = NamedFilter(
        label=_("Acteur"),
        resolve=resolve_actor,
        method="filter_actor",
        # Actors run into the thousands: the suggestions come from the API as the reader types.
        widget=DatalistInput(
            suggest=reverse_lazy("v1:actor-list"), attrs={"placeholder": _("nom ou sigle, ex. AMICA")}
        ),
    )
    plan = NamedFilter(
        label=_("Plan"), resolve=resolve_plan, method="filter_plan", widget=DatalistInput(options=_plan_options)
    )
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
    # ?late=true: the conventions with at least one follow-up action past its
    # due date and not done (FollowUpAction.objects.overdue), as of today.
    late = django_filters.ChoiceFilter(
        label=_("Suivi"), choices=[("true", _("avec des actions en retard"))], method="filter_late"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Trier par"),
        method="filter_sort",
        empty_label=None,
        choices=[("date", _("date de signature")), ("title", _("intitulé")), ("relevance", _("pertinence"))],
    )

    class Meta:
        model = Convention
        fields = [
            "q",
            "sector",
            "actor",
            "plan",
            "region",
            "year",
            "since",
            "until",
            "updated_since",
            "status",
            "kind",
            "late",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if reads_every_state(getattr(self.request, "user", None)):
            # A writer reading drafts may filter them by an actor known from drafts only.
            self.form.fields["actor"].resolve = partial(resolve_actor, by_slug=Actor.objects.all())

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_sector(self, queryset, name, sector):
        through = Convention.sectors.through
        return queryset.filter(Exists(through.objects.filter(convention=OuterRef("pk"), sector=sector)))

    def filter_actor(self, queryset, name, actor):
        # IN, not EXISTS: most actors are party to a few conventions, and
        # EXISTS made SQLite walk the whole list in its order, probing each
        # convention, to find them (an actor in 16 of 100 000: 540 → 60 ms;
        # PostgreSQL 35 → 4 ms cold).
        return queryset.filter(pk__in=Party.objects.filter(actor=actor).values("convention_id"))

    def filter_plan(self, queryset, name, plan):
        return queryset.serving(plan)

    def filter_region(self, queryset, name, region):
        through = Convention.regions.through
        return queryset.filter(Exists(through.objects.filter(convention=OuterRef("pk"), region=region)))

    def filter_year(self, queryset, name, value):
        return queryset.filter(signed_on__year=int(value))

    def filter_late(self, queryset, name, value):
        overdue = FollowUpAction.objects.overdue(timezone.localdate()).values("convention_id")
        return queryset.filter(pk__in=overdue)

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


class FiltersRefused(ValueError):
    """A query string the list's FilterSet refuses: `errors` says why, by field."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__(str(errors))

    def __str__(self):
        return " ".join(f"{field} : {' '.join(messages)}" for field, messages in self.errors.items())


def published_matching(params):
    """The published conventions the public list shows for `params` (its
    query string, a QueryDict), unordered: for a feed or a subscription of a
    search, which must mean what the list means. FilterSet.filter_queryset
    rather than `qs`: the list's sort would count the matches to decide on
    ranking, and these are read newest first anyway. Raises FiltersRefused
    where the list would show its form's errors."""
    filterset = ConventionFilterSet(params or None, queryset=Convention.objects.published())
    if not filterset.is_bound:
        return filterset.queryset
    if not filterset.form.is_valid():
        raise FiltersRefused({name: [str(m) for m in messages] for name, messages in filterset.form.errors.items()})
    return filterset.filter_queryset(filterset.queryset.all())


def describe_filters(params) -> str:
    """The list's filters of `params` in words, in the active language
    (« Recherche : usine ; Statut : En exécution »); "" for none."""
    form = ConventionFilterSet(params).form
    parts = []
    for name, values in params.lists():
        field = form.fields.get(name)
        value = next((value for value in values if value.strip()), "")
        if field is None or name == "sort" or not value:
            continue
        # Fixed choices (status, kind) by their label; named objects as typed.
        plain_choices = isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField)
        label = dict(field.choices).get(value, value) if plain_choices else value
        parts.append(f"{field.label} : {label}")
    return " ; ".join(parts)


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


class FollowUpActionFilterSet(FilterSet):
    """The API's follow-up actions: by convention, responsible actor, state,
    and `overdue` (past their due date and not done, as of today)."""

    overdue = django_filters.BooleanFilter(label=_("En retard"), method="filter_overdue")

    class Meta:
        model = FollowUpAction
        fields = {"convention__slug": ["exact"], "responsible__slug": ["exact"], "state": ["exact"]}

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
