import datetime

from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi

from actors.models import Actor
from conventions.models import Convention, FollowUpAction, Party
from plans.models import Plan, Sector

from .charts import bar_chart, column_chart
from .templatetags.shiraka import number

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

    Queries: conventions, actors, plans, amounts by currency (4); latest
    conventions and their parties with actors (2); upcoming and overdue actions
    with convention and responsible (2); conventions per year and per sector
    (2): 10 in all, whatever the size of the register.
    """
    today = timezone.localdate()
    published = Convention.objects.published()
    latest = published.order_by("-published_at", "-pk").prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("actor"))
    )[:10]
    actions = FollowUpAction.objects.filter(convention__in=published.values("pk")).select_related(
        "convention", "responsible"
    )
    upcoming = actions.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS))
    overdue = actions.overdue(today)

    rtl = get_language_bidi()
    per_year = (
        published.filter(signed_on__isnull=False)
        .values_list("signed_on__year")
        .annotate(count=Count("pk"))
        .order_by("signed_on__year")
    )
    per_sector = (
        Sector.objects.annotate(count=Count("conventions", filter=Q(conventions__in=published.values("pk"))))
        .filter(count__gt=0)
        .order_by("-count", "name")[:12]
    )
    return render(
        request,
        "core/home.html",
        {
            "figures": key_figures(),
            "latest": latest,
            "upcoming": list(upcoming.order_by("due_on", "pk")[:ACTIONS_SHOWN]),
            "overdue": list(overdue.order_by("due_on", "pk")[:ACTIONS_SHOWN]),
            "upcoming_days": UPCOMING_DAYS,
            "year_chart": column_chart([(str(year), n, number(n)) for year, n in year_rows(per_year)], rtl=rtl),
            "sector_chart": bar_chart([(s.name, s.count, number(s.count)) for s in per_sector], rtl=rtl),
        },
    )
