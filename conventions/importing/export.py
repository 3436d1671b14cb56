"""A selection of conventions in the import format: exported, edited, and
imported back, a row updates its convention (the « identifiant » column)."""

from django.db.models import Prefetch

from core import numbers
from core.dates import format_partial_iso

from ..models import FollowUpAction, Party
from .cells import action_text, objective_text, party_text, source_text


def convention_rows(queryset):
    """One row per convention, in CONVENTION_COLUMNS order."""
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
        yield [
            convention.slug,
            convention.title_fr or convention.title,
            convention.title_ar or "",
            convention.title_en or "",
            convention.reference,
            convention.get_kind_display(),
            convention.get_status_display(),
            format_partial_iso(convention.signed_on, convention.signed_on_precision),
            convention.signed_on_note,
            convention.place,
            convention.event,
            convention.start_on.isoformat() if convention.start_on else "",
            convention.end_on.isoformat() if convention.end_on else "",
            numbers.plain(convention.amount),
            convention.currency,
            convention.get_scope_display(),
            convention.summary_fr or "",
            convention.summary_ar or "",
            convention.summary_en or "",
            "; ".join(party_text(party) for party in convention.parties.all()),
            "; ".join(sector.slug for sector in convention.sectors.all()),
            "; ".join(region.slug for region in convention.regions.all()),
            "; ".join(plan.slug for plan in convention.plans.all()),
            "; ".join(objective_text(objective) for objective in convention.objectives.all()),
            "; ".join(action_text(action) for action in convention.actions.all()),
            "; ".join(source_text(source) for source in convention.sources.all()),
            "",
        ]
