import datetime
from collections import Counter

from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_bidi

from actors.models import Actor
from conventions.models import Convention, FollowUpAction, Measurement, Objective
from core import cache as register_cache
from core.charts import bar_chart, column_chart
from core.templatetags.shiraka import number
from plans.models import Plan, Sector

UPCOMING_DAYS = 90
ACTIONS_SHOWN = 10


def key_figures() -> dict:
    """The register in four numbers, counting published conventions only."""
    published = Convention.objects.published()
    return {
        "conventions": published.count(),
        "actors": Actor.objects.filter(parties__convention__in=published.values("pk")).distinct().count(),
        "plans": Plan.objects.count(),
        "amounts": list(
            published.filter(amount__isnull=False)
            .values("currency")
            .annotate(total=Sum("amount"), conventions=Count("pk"))
            .order_by("-total")
        ),
    }


def register_totals():
    """What the home page counts over the whole register: computed once per
    register version (core.cache), not on every visit."""
    published = Convention.objects.published()
    per_year = list(
        published.filter(signed_on__isnull=False)
        .values_list("signed_on__year")
        .annotate(count=Count("pk"))
        .order_by("signed_on__year")
    )
    per_sector = list(
        Sector.objects.annotate(count=Count("conventions", filter=Q(conventions__in=published.values("pk"))))
        .filter(count__gt=0)
        .order_by("-count", "name")[:12]
    )
    return key_figures(), per_year, per_sector


def year_rows(counts) -> list[tuple[int, int]]:
    """(year, count) for every year from the first to the last, so the time
    axis has no silent gaps (up to 40 years; beyond, only years with data)."""
    counts = dict(counts)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    years = range(first, last + 1) if last - first < 40 else sorted(counts)
    return [(year, counts.get(year, 0)) for year in years]


def home(request):
    """The register at a glance.

    Everything on it is computed once per register version and day (an
    action falls due at midnight), then read from the shared cache: the
    register's version and 12 queries the first time after a write (totals:
    conventions per year and per sector, conventions, actors, plans, amounts
    by currency; upcoming and overdue actions with convention and
    responsible; the latest conventions and their parties with actors; the
    plans' objectives and their measurements), only the version after,
    whatever the register's size.
    """
    rtl = get_language_bidi()
    figures, per_year, per_sector = register_cache.remember("home-totals", None, register_totals)
    latest, upcoming, overdue, plan_statuses = register_cache.remember("home-news", timezone.localdate(), register_news)
    labels = dict(Objective.Progress.choices)
    return render(
        request,
        "shiraka/home.html",
        {
            "figures": figures,
            "latest": latest,
            "upcoming": upcoming,
            "overdue": overdue,
            "upcoming_days": UPCOMING_DAYS,
            "plan_objectives_by_status": [(code, labels[code], count) for code, count in plan_statuses],
            # Drawn when the charts' fragment is not kept yet (home.html).
            "year_chart": SimpleLazyObject(
                lambda: column_chart([(str(year), n, number(n)) for year, n in year_rows(per_year)], rtl=rtl)
            ),
            "sector_chart": SimpleLazyObject(
                lambda: bar_chart([(s.name, s.count, number(s.count)) for s in per_sector], rtl=rtl)
            ),
        },
    )


def register_news():
    """The latest conventions, and the actions falling due soon or overdue."""
    today = timezone.localdate()
    published = Convention.objects.published()
    latest = list(published.order_by("-published_at", "-pk").with_list_data()[:10])
    actions = FollowUpAction.objects.public().select_related("convention", "responsible")
    upcoming = actions.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS))
    overdue = actions.overdue(today)
    return (
        latest,
        list(upcoming.order_by("due_on", "pk")[:ACTIONS_SHOWN]),
        list(overdue.order_by("due_on", "pk")[:ACTIONS_SHOWN]),
        plan_objectives_by_status(today),
    )


def plan_objectives_by_status(today: datetime.date) -> list[tuple[str, int]]:
    """How the national plans' own objectives (and their components') stand
    today, by the rule of conventions.progress: [(status, count)] in the
    statuses' order. A few dozen objectives whatever the register's size
    (conventions' objectives are counted on each plan's page)."""
    measurements = Measurement.objects.order_by("measured_on", "id")
    objectives = (
        Objective.objects.filter(convention__isnull=True)
        .select_related("plan", "component__plan")
        .prefetch_related(Prefetch("measurements", queryset=measurements))
    )
    counts = Counter(objective.progress_reading(today).status for objective in objectives)
    return [(code, counts[code]) for code in Objective.Progress.values if counts.get(code)]
