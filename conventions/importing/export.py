"""A selection of conventions in the import format: exported, edited, and
imported back, a row updates its convention (the « identifiant » column)."""

from django.db.models import Prefetch

from ..models import FollowUpAction, Party
from .cells import CONVENTION_FILE


def convention_rows(queryset):
    """One row per convention, each cell written as its column says (cells.CONVENTION_FILE)."""
    # The admin's changelist queryset already prefetches parties its own way.
    queryset = queryset.prefetch_related(None).prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("actor").order_by("position", "id")),
        "sectors",
        "regions",
        "plans",
        "objectives",
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("responsible")),
        "sources",
    )
    for convention in queryset.iterator(chunk_size=500):
        yield [column.write(convention) for column in CONVENTION_FILE]
