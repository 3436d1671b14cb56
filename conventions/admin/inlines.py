"""The rows typed on a convention's page (parties with their commitments,
objectives with their measurements, actions, sources, documents, relations)
and the objectives inlines of plans and components (used by shiraka/admin.py)."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline
from nested_admin import NestedStackedInline, NestedStackedInlineMixin, NestedTabularInline, NestedTabularInlineMixin

from conventions.models import (
    Commitment,
    ConventionRelation,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)
from core.admin import COMPACT_TEXTAREAS, RightToLeftMixin
from core.numbers import localized

from .forms import DocumentForm, NestedRowsFormSet, PartyFormSet
from .mixins import CITATION, ChildInlineMixin, CitationMixin

# --- Objectives, on conventions, plans and components ------------------------


class ObjectiveInline(ChildInlineMixin, CitationMixin, RightToLeftMixin, TranslationStackedInline):
    model = Objective
    extra = 0
    # Measurements are one click away, on the objective's own page.
    show_change_link = True
    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXTAREAS
    fields = (
        "indicator",
        ("comparator", "target_value", "unit"),
        ("baseline_value", "baseline_year"),
        ("horizon_on", "horizon_on_precision"),
        "horizon_label",
        "note",
        CITATION,
        "position",
        "progress",
    )
    readonly_fields = ("progress",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id")))
        )

    @admin.display(description=_("avancement"))
    def progress(self, obj):
        if obj.pk is None:
            return _("Calculé à l'enregistrement, à partir des mesures.")
        return _progress_summary(obj)


def _progress_summary(objective) -> str:
    measurement = objective.latest_measurement()
    status = Objective.Progress(objective.progress_status(measurement)).label
    if measurement is None:
        return str(status)
    return f"{localized(measurement.value, None)} {objective.unit} ({measurement.measured_date_display}) — {status}"


class NestedMeasurementInline(ChildInlineMixin, CitationMixin, RightToLeftMixin, NestedStackedInline):
    """The measurements of an objective, typed under it on the convention's
    page (django-nested-admin); saved by services.child_save like every row.
    Stacked, in three lines: a table of eight columns inside an objective
    inside the page overflows a 1280 px screen."""

    model = Measurement
    formset = NestedRowsFormSet
    nested = True
    is_sortable = False
    extra = 0
    autocomplete_fields = ["source"]
    fields = (("value", "measured_on", "measured_on_precision"), "note", CITATION)


class ConventionObjectiveInline(NestedStackedInlineMixin, ObjectiveInline):
    fk_name = "convention"
    is_sortable = False
    inlines = [NestedMeasurementInline]

    def get_queryset(self, request):
        # The convention for the permission check of each objective's measurements.
        return super().get_queryset(request).select_related("convention")


class PlanObjectiveInline(ObjectiveInline):
    fk_name = "plan"


class ComponentObjectiveInline(ObjectiveInline):
    fk_name = "component"


# --- The convention page -----------------------------------------------------


class NestedCommitmentInline(
    ChildInlineMixin, CitationMixin, RightToLeftMixin, NestedStackedInlineMixin, TranslationStackedInline
):
    """What a party commits to, typed under the party on the convention's
    page (django-nested-admin), in three languages with its citation."""

    model = Commitment
    formset = NestedRowsFormSet
    nested = True
    is_sortable = False
    extra = 0
    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXTAREAS
    fields = ("description", ("amount", "currency"), "position", CITATION)


class PartyInline(ChildInlineMixin, RightToLeftMixin, NestedStackedInline):
    """A party with its commitments nested under it: a clerk enters the whole
    convention (parties, commitments, objectives, measurements) on one page,
    saved in one transaction through the service layer."""

    model = Party
    formset = PartyFormSet
    is_sortable = False
    extra = 0
    show_change_link = True
    autocomplete_fields = ["actor", "representative"]
    fields = (
        ("actor", "role", "position"),
        "name_as_written",
        ("representative", "representative_title", "representative_capacity"),
        ("joined_on", "withdrew_on"),
        "note",
    )
    inlines = [NestedCommitmentInline]

    def get_extra(self, request, obj=None, **kwargs):
        # A convention has at least two parties: offer both blanks on creation.
        return 2 if obj is None else 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "representative", "convention")


class FollowUpActionInline(
    ChildInlineMixin, CitationMixin, RightToLeftMixin, NestedStackedInlineMixin, TranslationStackedInline
):
    model = FollowUpAction
    is_sortable = False
    extra = 0
    autocomplete_fields = ["responsible", "source"]
    formfield_overrides = COMPACT_TEXTAREAS
    fields = (
        "title",
        "description",
        ("responsible", "responsible_note"),
        ("due_on", "due_on_precision"),
        ("state", "completed_on"),
        CITATION,
        "position",
    )


class ConventionSourceInline(ChildInlineMixin, RightToLeftMixin, NestedTabularInline):
    # The many-to-many is declared on Source (a source may back several
    # conventions); its through table gives the convention page an inline.
    model = Source.conventions.through
    is_sortable = False
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = _("source")
    verbose_name_plural = _("sources")


class DocumentInline(ChildInlineMixin, RightToLeftMixin, NestedTabularInlineMixin, TranslationTabularInline):
    model = Document
    is_sortable = False
    form = DocumentForm
    extra = 0
    fields = ("kind", "title", "file", "language", "page_count", "dated_on")


class ConventionRelationInline(ChildInlineMixin, RightToLeftMixin, NestedTabularInline):
    model = ConventionRelation
    is_sortable = False
    fk_name = "from_convention"
    extra = 0
    autocomplete_fields = ["to_convention"]
    fields = ("kind", "to_convention")
    verbose_name_plural = _("relations avec d'autres conventions")
