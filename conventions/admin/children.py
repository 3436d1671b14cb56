"""The pages one click away from a convention: parties, commitments,
objectives, measurements and follow-up actions, each as protected as its
convention."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from conventions.models import Commitment, FollowUpAction, Measurement, Objective, Party
from core.admin import COMPACT_TEXTAREAS, HistoryAdmin, RightToLeftMixin, related_count
from core.numbers import localized

from .inlines import _progress_summary
from .mixins import CITATION, ChildAdminMixin, ChildInlineMixin, CitationMixin

# --- Pages one click away from the convention --------------------------------


class CommitmentInline(ChildInlineMixin, CitationMixin, RightToLeftMixin, TranslationStackedInline):
    model = Commitment
    extra = 1
    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXTAREAS
    fields = ("description", ("amount", "currency"), "position", CITATION)


@admin.register(Party)
class PartyAdmin(ChildAdminMixin, RightToLeftMixin, HistoryAdmin):
    # Long convention titles are shortened (and cells wrap: admin.css), so the
    # columns that tell two parties apart fit at 1280 px.
    list_display = ("actor", "convention_short", "role", "representative", "representative_title", "commitments_count")
    list_select_related = ("actor", "convention", "representative")
    list_filter = ("role", "representative_capacity")
    search_fields = (
        "actor__acronym",
        "actor__name_fr",
        "actor__names__name",
        "name_as_written",
        "convention__title_fr",
        "representative__name",
    )
    autocomplete_fields = ["convention", "actor", "representative"]
    fields = (
        "convention",
        ("actor", "role", "position"),
        "name_as_written",
        ("representative", "representative_title", "representative_capacity"),
        ("joined_on", "withdrew_on"),
        "note",
    )
    inlines = [CommitmentInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(commitments_count=related_count(Commitment.objects.all(), "party"))
        )

    @admin.display(description=_("engagements"), ordering="commitments_count")
    def commitments_count(self, obj):
        return obj.commitments_count

    @admin.display(description=_("convention"), ordering="convention__title_fr")
    def convention_short(self, obj):
        return Truncator(str(obj.convention)).chars(70)


@admin.register(Commitment)
class CommitmentAdmin(ChildAdminMixin, CitationMixin, RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    list_display = ("short_description", "party", "convention", "amount", "currency")
    list_select_related = ("party__actor", "party__convention")
    search_fields = (
        "description_fr",
        "description_ar",
        "description_en",
        "party__actor__acronym",
        "party__actor__name_fr",
        "party__convention__title_fr",
    )
    autocomplete_fields = ["party", "source"]
    formfield_overrides = COMPACT_TEXTAREAS
    fields = ("party", "description", ("amount", "currency"), "position", CITATION)

    @admin.display(description=_("engagement"))
    def short_description(self, obj):
        return Truncator(obj.description).words(20)

    @admin.display(description=_("convention"), ordering="party__convention__title_fr")
    def convention(self, obj):
        return Truncator(str(obj.party.convention)).chars(70)


class MeasurementInline(ChildInlineMixin, CitationMixin, RightToLeftMixin, admin.TabularInline):
    model = Measurement
    extra = 1
    autocomplete_fields = ["source"]
    fields = ("value", "measured_on", "measured_on_precision", "note", *CITATION)


class ObjectiveOwnerFilter(admin.SimpleListFilter):
    title = _("porté par")
    parameter_name = "owner"
    OWNERS = {"convention": _("une convention"), "plan": _("un plan"), "component": _("une composante de plan")}

    def lookups(self, request, model_admin):
        return list(self.OWNERS.items())

    def queryset(self, request, queryset):
        if self.value() in self.OWNERS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Objective)
class ObjectiveAdmin(ChildAdminMixin, CitationMixin, RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    list_display = ("indicator", "owner", "target", "horizon", "progress")
    list_select_related = ("convention", "plan", "component__plan")
    list_filter = (ObjectiveOwnerFilter, "comparator")
    search_fields = (
        "indicator_fr",
        "indicator_ar",
        "indicator_en",
        "unit",
        "convention__title_fr",
        "plan__name_fr",
        "plan__short_name_fr",
        "component__name_fr",
    )
    autocomplete_fields = ["convention", "plan", "component", "source"]
    readonly_fields = ("progress", "updated_at")
    formfield_overrides = COMPACT_TEXTAREAS
    fieldsets = (
        (
            _("Porté par"),
            {
                "fields": (("convention", "plan", "component"),),
                "description": _("Une seule case : la convention, le plan ou la composante qui fixe l'objectif."),
            },
        ),
        (
            _("Indicateur et cible"),
            {"fields": ("indicator", ("comparator", "target_value", "unit"), ("baseline_value", "baseline_year"))},
        ),
        (_("Échéance"), {"fields": (("horizon_on", "horizon_on_precision"), "horizon_label")}),
        (_("Source et note"), {"fields": (CITATION, "note", "position")}),
        (_("Avancement"), {"fields": ("progress", "updated_at")}),
    )
    inlines = [MeasurementInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id")))
        )

    @admin.display(description=_("porté par"))
    def owner(self, obj):
        return obj.owner

    @admin.display(description=_("cible"), ordering="target_value")
    def target(self, obj):
        return f"{obj.get_comparator_display()} {localized(obj.target_value, None)} {obj.unit}"

    @admin.display(description=_("échéance"), ordering="horizon_on")
    def horizon(self, obj):
        return obj.horizon_display

    @admin.display(description=_("avancement"))
    def progress(self, obj):
        if obj.pk is None:
            return self.get_empty_value_display()
        return _progress_summary(obj)


@admin.register(Measurement)
class MeasurementAdmin(ChildAdminMixin, CitationMixin, RightToLeftMixin, HistoryAdmin):
    list_display = ("objective", "value_display", "measured_on_display", "owner", "note")
    list_select_related = ("objective__convention", "objective__plan", "objective__component__plan")
    search_fields = ("objective__indicator_fr", "note", "objective__convention__title_fr", "objective__plan__name_fr")
    autocomplete_fields = ["objective", "source"]
    fields = ("objective", ("value", "measured_on", "measured_on_precision"), "note", CITATION)

    @admin.display(description=_("valeur mesurée"), ordering="value")
    def value_display(self, obj):
        return f"{localized(obj.value, None)} {obj.objective.unit}"

    @admin.display(description=_("date de la mesure"), ordering="measured_on")
    def measured_on_display(self, obj):
        return obj.measured_date_display

    @admin.display(description=_("porté par"))
    def owner(self, obj):
        return obj.objective.owner


class OverdueFilter(admin.SimpleListFilter):
    title = _("retard")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("En retard"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ChildAdminMixin, CitationMixin, RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    list_display = ("title", "convention", "responsible", "due", "state", "overdue")
    list_select_related = ("convention", "responsible")
    list_filter = ("state", OverdueFilter)
    search_fields = (
        "title_fr",
        "title_ar",
        "title_en",
        "responsible_note",
        "convention__title_fr",
        "responsible__acronym",
        "responsible__name_fr",
    )
    autocomplete_fields = ["convention", "responsible", "source"]
    readonly_fields = ("updated_at",)
    formfield_overrides = COMPACT_TEXTAREAS
    fields = (
        "convention",
        "title",
        "description",
        ("responsible", "responsible_note"),
        ("due_on", "due_on_precision"),
        ("state", "completed_on"),
        CITATION,
        "position",
        "updated_at",
    )

    @admin.display(description=_("échéance"), ordering="due_on")
    def due(self, obj):
        return obj.due_date_display

    @admin.display(description=_("en retard"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()
