from contextlib import contextmanager

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from nested_admin import (
    NestedModelAdminMixin,
    NestedStackedInline,
    NestedStackedInlineMixin,
    NestedTabularInline,
    NestedTabularInlineMixin,
)
from nested_admin.formsets import NestedInlineFormSet

from core.admin import (
    COMPACT_TEXTAREAS,
    HistoryAdmin,
    OptimisticLockForm,
    RightToLeftMixin,
    WriteRefused,
    edited_object,
    related_count,
    remember_edited_object,
)
from core.numbers import localized
from plans.models import Plan, PlanComponent

from . import publication, services
from .admin_import import conventions_csv, conventions_xlsx, import_view, template_view
from .models import (
    Commitment,
    Convention,
    ConventionRelation,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)

CITATION = ("source", "document", "clause", "page")


# --- Writing through the service layer --------------------------------------
#
# Every save and delete of a convention or of one of its children goes through
# conventions/services.py, which checks who may change what (a child of a
# published convention is as protected as the convention: publication.may_change),
# keeps a published convention complete, records history and reindexes. The
# admin adds the pages' side: read-only pages for what a user may not change,
# form errors where the input can be kept, and, when the service layer refuses
# a write once the form was valid, the whole save rolled back with the reason
# (core.admin.HistoryAdmin._refusing).

State = Convention.PublicationState

PROTECTED = _("Une convention publiée ou archivée n'est modifiée que par un publieur.")
NOTHING_SAVED = _("Rien n'a été enregistré.")

# The models whose inline rows are written by services.child_save / child_delete.
SERVICE_MODELS = frozenset(
    {
        Party,
        Commitment,
        Objective,
        Measurement,
        FollowUpAction,
        Document,
        ConventionRelation,
        Source.conventions.through,
    }
)


@contextmanager
def service_write():
    """A permission the service layer refuses while writing becomes a
    WriteRefused: rolled back and said on the page. (The page's own
    PermissionDenied, before any write, stays a 403.)"""
    try:
        yield
    except PermissionDenied as error:
        raise WriteRefused(format_html("{} {}", NOTHING_SAVED, str(error))) from error


def _error_lines(errors, prefix=""):
    """services.Refused errors ({field: [messages]}, nested by list and
    position) as lines a clerk can read."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            label = "" if key == "non_field_errors" else f"{prefix}{key} : "
            yield from _error_lines(value, label)
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _error_lines(value, prefix)
    else:
        yield f"{prefix}{errors}"


def save_formset_through_services(formset, *, user, reason: str) -> None:
    """An inline formset's rows, written one by one by the service layer.
    Completeness is checked once all rows are written (services.finish, by
    the caller): replacing a party is a delete and an add, and the convention
    must not be judged in between."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        services.child_delete(obj=obj, user=user, reason=reason, check=False)
    for obj in instances:
        services.child_save(obj=obj, user=user, reason=reason, check=False)
    formset.save_m2m()


class ServiceWritesMixin:
    """For the HistoryAdmin of conventions and plans: inline rows are written
    by the service layer, and its refusals (an incomplete published
    convention, invalid input) roll the save back and are said on the page."""

    refusals = (*HistoryAdmin.refusals, publication.Incomplete, services.Refused)

    def refusal_message(self, error):
        if isinstance(error, publication.Incomplete):
            return format_html(
                "{} {} <ul>{}</ul>",
                NOTHING_SAVED,
                gettext("Une convention publiée doit rester complète ; il lui manquerait :"),
                format_html_join("", "<li>{}</li>", ((problem,) for problem in error.missing)),
            )
        if isinstance(error, services.Refused):
            return format_html(
                "{} <ul>{}</ul>",
                NOTHING_SAVED,
                format_html_join("", "<li>{}</li>", ((line,) for line in _error_lines(error.errors))),
            )
        return super().refusal_message(error)

    def save_formset(self, request, form, formset, change):
        if formset.model not in SERVICE_MODELS:
            return super().save_formset(request, form, formset, change)
        with service_write():
            save_formset_through_services(formset, user=request.user, reason=self.change_reason(request))


class ChildForm(forms.ModelForm):
    """The form of a convention's child on its own page. A row moved into a
    published convention (its convention, party or objective changed in the
    autocomplete) is refused here, as a form error that keeps the input, when
    the writer may not change that convention. ChildAdminMixin.get_form sets
    `written_by` on the form class it builds for the request."""

    written_by = None

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        if self.written_by is not None and not services.may_change_child(self.written_by, self.instance):
            self.add_error(None, PROTECTED)


class ChildAdminMixin(ServiceWritesMixin):
    """The page of a party, commitment, objective, measurement, follow-up
    action, source or document: as protected as its convention. A user who
    may not change that convention sees the page read-only (like the
    convention's own page), cannot delete the row nor restore an earlier
    version of it; saves and deletes go through services.child_save and
    services.child_delete."""

    form = ChildForm

    def _may_change(self, request, obj) -> bool:
        return obj is None or services.may_change_child(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, ChildForm):
            form.written_by = request.user  # a class made for this request
        return form

    def save_model(self, request, obj, form, change):
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        with service_write():
            services.child_save(obj=obj, user=request.user, reason=self.change_reason(request))
            # A row moved to another convention leaves the first one: it must
            # stay complete too.
            now = {convention.pk for convention in services.conventions_of(obj)}
            left = [c for c in services.conventions_of(stored) if c.pk not in now] if stored else []
            services.finish(left)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):  # save_model finished the rest
            with service_write():
                services.finish(services.conventions_of(form.instance))

    def delete_model(self, request, obj):
        with service_write():
            services.child_delete(obj=obj, user=request.user, reason=self.change_reason(request))

    # A party, commitment, objective or measurement is part of a convention:
    # once saved, the clerk is back on the convention's page, not on a flat
    # list of every party in the register ("Enregistrer et continuer" and
    # "Enregistrer et ajouter un nouveau" keep their meaning).

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_convention(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._back_to_convention(request, obj, super().response_change(request, obj))

    def _back_to_convention(self, request, obj, response):
        stays = ("_continue", "_addanother", "_saveasnew", IS_POPUP_VAR)
        if response.status_code != 302 or any(key in request.POST for key in stays):
            return response
        conventions = services.conventions_of(obj) if not isinstance(obj, Source) else []
        if len(conventions) != 1 or not self.admin_site._registry[Convention].has_view_or_change_permission(
            request, conventions[0]
        ):
            return response
        return HttpResponseRedirect(reverse("admin:conventions_convention_change", args=[conventions[0].pk]))

    def delete_queryset(self, request, queryset):
        # One by one, so each row is checked; the changelist's transaction
        # undoes them all when one is refused.
        with service_write():
            for obj in queryset:
                services.child_delete(obj=obj, user=request.user, reason=self.change_reason(request))


class ChildInlineMixin:
    """An inline of a convention's children (on the convention's page, or a
    party's or objective's): rows are added, changed and deleted only by a
    user who may change the page's object, that is its convention."""

    def _may_change(self, request, obj) -> bool:
        return obj is None or services.may_change_child(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


# --- Citations: which documents a "document" select offers -----------------


def documents_for(obj):
    """The documents a citation on `obj` may point to: those of its convention.

    A plan or component objective may cite the documents of the published
    conventions that implement it: a plan is public as soon as it is saved, and
    a draft's document must not become public through it. With no object (an
    add page outside a convention), every document is offered."""
    documents = Document.objects.select_related("convention")
    published = documents.filter(convention__in=Convention.objects.published())
    if obj is None:
        return documents
    if isinstance(obj, Measurement):
        return documents_for(obj.objective)
    if isinstance(obj, Commitment):
        return documents.filter(convention_id=obj.party.convention_id)
    if isinstance(obj, Convention):
        return documents.filter(convention=obj) if obj.pk else documents.none()
    if isinstance(obj, Party | FollowUpAction):
        return documents.filter(convention_id=obj.convention_id)
    if isinstance(obj, Objective):
        if obj.convention_id:
            return documents.filter(convention_id=obj.convention_id)
        if obj.plan_id:
            return published.filter(convention__plans=obj.plan_id)
        return published.filter(convention__components=obj.component_id)
    if isinstance(obj, Plan):
        return published.filter(convention__plans=obj) if obj.pk else documents.none()
    if isinstance(obj, PlanComponent):
        return published.filter(convention__components=obj) if obj.pk else documents.none()
    return documents


class CitationMixin:
    """For admins of cited rows (commitments, objectives, measurements, actions):
    the "document" select lists the documents of the convention at hand, not
    every document in the register."""

    def get_form(self, request, obj=None, **kwargs):  # on a ModelAdmin
        remember_edited_object(request, obj)
        return super().get_form(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):  # on an inline
        if not getattr(self, "nested", False):
            remember_edited_object(request, obj)
            return super().get_formset(request, obj, **kwargs)
        # A nested inline (commitments of a party, measurements of an
        # objective) is built for each row of its parent, after the page's
        # own formsets: it narrows its selects to that row (or, for the blank
        # row, to the page's object), then leaves the page's object as it was.
        page_object = edited_object(request)
        remember_edited_object(request, obj if obj is not None else page_object)
        try:
            return super().get_formset(request, obj, **kwargs)
        finally:
            remember_edited_object(request, page_object)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "document":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        obj = edited_object(request)
        kwargs["queryset"] = documents_for(obj)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if obj is None:
            formfield.label_from_instance = lambda document: f"{document.convention} — {document}"
        return formfield


# --- Forms ------------------------------------------------------------------


class _StoredDocument:
    """A stored file as the file widget shows it: its name, linked to the
    download view (the storage's own address is not served)."""

    def __init__(self, file):
        self.name, self.url = file.name, file.instance.get_absolute_url()

    def __str__(self):
        return self.name


class DocumentFileWidget(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        instance = getattr(value, "instance", None)
        return _StoredDocument(value) if instance is not None and instance.pk else value


class DocumentForm(ChildForm):
    """The file's size and content are checked by the model field's validators
    (core/validators.py), in the form's full_clean(), as for the API."""

    class Meta:
        model = Document
        fields = ()  # the ModelAdmin or inline using the form passes its own list
        widgets = {"file": DocumentFileWidget}


class SourceForm(ChildForm):
    """A source's conventions are edited on its page: linking it to, or
    unlinking it from, a published convention is changing that convention."""

    class Meta:
        model = Source
        fields = ()  # the ModelAdmin passes its own list

    def clean(self):
        cleaned_data = super().clean()
        chosen = cleaned_data.get("conventions")
        if self.written_by is None or chosen is None:
            return cleaned_data
        before = set(self.instance.conventions.all()) if self.instance.pk else set()
        if any(not publication.may_change(self.written_by, c) for c in before ^ set(chosen)):
            self.add_error("conventions", PROTECTED)
        return cleaned_data


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


class NestedRowsFormSet(NestedInlineFormSet):
    """The rows nested under one parent row. A post that leaves them out
    altogether (no management form: a script, a test client, an older page)
    changes none of them, instead of failing the whole page as tampered: the
    browser always sends them."""

    def __init__(self, data=None, files=None, *args, prefix=None, **kwargs):
        if data is not None and prefix and f"{prefix}-{TOTAL_FORM_COUNT}" not in data:
            data = data.copy()
            data.update({f"{prefix}-{TOTAL_FORM_COUNT}": "0", f"{prefix}-{INITIAL_FORM_COUNT}": "0"})
        super().__init__(data, files, *args, prefix=prefix, **kwargs)


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


class PartyFormSet(NestedInlineFormSet):
    """A published convention keeps its two parties: removing one is refused
    here, with the input kept, rather than after the save (services.finish)."""

    def clean(self):
        super().clean()
        if self.instance is None or self.instance.publication_state != State.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if (form.instance.pk is not None or form.has_changed()) and not self._should_delete_form(form)
        ]
        if len(kept) < 2:
            raise ValidationError(
                _(
                    "Une convention publiée garde au moins deux parties : ajoutez-en une autre avant "
                    "d'en retirer, ou repassez-la en brouillon."
                ),
                code="too_few_parties",
            )


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


class SignedYearFilter(admin.SimpleListFilter):
    """Signature years present in the register. date_hierarchy would offer
    months and days that a year-precision date does not have."""

    title = _("année de signature")
    parameter_name = "signed_year"
    UNKNOWN = "unknown"

    def lookups(self, request, model_admin):
        years = Convention.objects.filter(signed_on__isnull=False).dates("signed_on", "year", order="DESC")
        return [*((str(day.year), str(day.year)) for day in years), (self.UNKNOWN, _("Date inconnue"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.UNKNOWN:
            return queryset.filter(signed_on__isnull=True)
        if not value.isdigit():
            raise IncorrectLookupParameters(value)
        return queryset.filter(signed_on__year=int(value))


class ComponentsByPlanSelect(forms.SelectMultiple):
    """The components select: each option says its plan (data-plan), so
    static/shiraka_admin/components_by_plan.js shows only the components of the
    plans chosen in the same form."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-plan"] = str(instance.plan_id)
        return option


class ConventionForm(OptimisticLockForm):
    """A convention serves plan components of the plans it serves: the
    service layer's rule (services.components_outside_plans), said beside the
    field before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        plans, components = cleaned_data.get("plans"), cleaned_data.get("components")
        if plans is None or not components:
            return cleaned_data
        stray = services.components_outside_plans(plans, components)
        if stray:
            self.add_error(
                "components",
                ValidationError(services.components_outside_plans_message(stray), code="component_outside_plans"),
            )
        return cleaned_data


def _log_change(request, objects, message: str) -> None:
    LogEntry.objects.log_actions(user_id=request.user.pk, queryset=objects, action_flag=CHANGE, change_message=message)


def _status_action(status: Convention.Status):
    @admin.action(permissions=["change"], description=format_lazy(_("Passer au statut « {} »"), status.label))
    def action(modeladmin, request, queryset):
        modeladmin.set_status(request, queryset, status)

    action.__name__ = f"mark_{status.value}"
    return action


# Who may do what to a convention's publication (editors write drafts and send
# them to review; publishers publish, archive and change what is public), what
# publishing requires and how it is stamped: conventions/publication.py.


@admin.register(Convention)
class ConventionAdmin(ServiceWritesMixin, RightToLeftMixin, NestedModelAdminMixin, HistoryAdmin, TranslationAdmin):
    form = ConventionForm
    list_display = (
        "title",
        "kind",
        "status",
        "signed_date",
        "parties_display",
        "publication_state",
        "updated_at",
    )
    list_filter = (
        "status",
        "kind",
        "sectors",
        "plans",
        "regions",
        SignedYearFilter,
        "publication_state",
    )
    # Parties are found by acronym, by current name in any language and by
    # former names: "AMICA" and each of its expansions find the same rows.
    # These are multi-valued joins; the changelist adds DISTINCT for them.
    search_fields = (
        "title_fr",
        "title_ar",
        "title_en",
        "reference",
        "event",
        "place",
        "parties__name_as_written",
        "parties__actor__acronym",
        "parties__actor__name_fr",
        "parties__actor__name_ar",
        "parties__actor__name_en",
        "parties__actor__names__name",
        "parties__actor__names__acronym",
    )
    search_help_text = _("Intitulé, référence, lieu, événement, ou sigle, nom et anciens noms d'une partie.")
    list_per_page = 50
    save_on_top = True
    autocomplete_fields = ["sectors", "regions", "plans"]
    prepopulated_fields = {"slug": ("title_fr",)}
    readonly_fields = ("published_at", "published_by", "created_at", "updated_at", "incoming_relations")
    formfield_overrides = COMPACT_TEXTAREAS
    fieldsets = (
        (_("Identification"), {"fields": ("title", "slug", ("reference", "kind", "status"), "summary")}),
        (_("Signature"), {"fields": (("signed_on", "signed_on_precision"), "signed_on_note", ("place", "event"))}),
        (_("Effet et montant"), {"fields": (("start_on", "end_on"), ("amount", "currency"))}),
        (
            _("Classement"),
            {"fields": ("scope", "sectors", "regions", "plans", "components", "incoming_relations")},
        ),
        (
            _("Publication"),
            {
                "fields": (
                    "publication_state",
                    ("published_at", "published_by"),
                    ("created_at", "updated_at"),
                    "loaded_updated_at",
                )
            },
        ),
        (_("Texte"), {"fields": ("text",), "classes": ("collapse",)}),
    )
    inlines = [
        PartyInline,
        ConventionObjectiveInline,
        FollowUpActionInline,
        ConventionSourceInline,
        DocumentInline,
        ConventionRelationInline,
    ]
    actions = [
        *(_status_action(status) for status in Convention.Status),
        "publish",
        "send_to_review",
        "unpublish",
        "archive",
        "export_csv",
        "export_xlsx",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("parties", queryset=Party.objects.select_related("actor")))
        )

    def get_urls(self):
        # Spreadsheet import (conventions/admin_import.py); linked from the
        # changelist (templates/admin/conventions/convention/change_list.html).
        view = self.admin_site.admin_view(lambda request: import_view(self, request))
        template = self.admin_site.admin_view(
            lambda request, what, extension: template_view(self, request, what, extension)
        )
        return [
            path("import/", view, name="conventions_convention_import"),
            path("import/modele-<slug:what>.<slug:extension>", template, name="conventions_convention_import_template"),
            *super().get_urls(),
        ]

    @admin.action(permissions=["view"], description=_("Exporter la sélection en CSV (format d'import)"))
    def export_csv(self, request, queryset):
        return conventions_csv(queryset)

    @admin.action(permissions=["view"], description=_("Exporter la sélection en XLSX (format d'import)"))
    def export_xlsx(self, request, queryset):
        return conventions_xlsx(queryset)

    def view_on_site(self, obj):
        # The public page of a draft is a 404: no button rather than a dead link.
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description=_("signée le"), ordering="signed_on")
    def signed_date(self, obj):
        return obj.signed_date_display

    @admin.display(description=_("parties"))
    def parties_display(self, obj):
        return ", ".join(party.actor.short_name for party in obj.parties.all())

    @admin.display(description=_("conventions qui s'y rapportent"))
    def incoming_relations(self, obj):
        if obj.pk is None:
            return self.get_empty_value_display()
        relations = obj.incoming_relations.select_related("from_convention")
        if not relations:
            return self.get_empty_value_display()
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> {}</li>',
                (
                    (
                        reverse("admin:conventions_convention_change", args=[r.from_convention_id]),
                        r.from_convention,
                        r.get_kind_display(),
                    )
                    for r in relations
                ),
            ),
        )

    def has_publish_permission(self, request):
        return publication.can_publish(request.user)

    # What the public sees (or saw) is changed by publishers only; others
    # see its page read-only.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or publication.may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or publication.may_change(request.user, obj))

    class Media:
        js = ("shiraka_admin/components_by_plan.js",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        remember_edited_object(request, obj)  # for the publication states offered
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.startswith("title"):
            # A real title ("Convention de partenariat pour … l'écosystème …")
            # runs to 150 characters: the full width, not a 20em box
            # (static/shiraka_admin/admin.css).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} shiraka-title".strip()
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "components":
            # Only the components of the plans the convention serves (as
            # saved; the script narrows them to the plans chosen on the page),
            # and those it already has. Every component on a new convention.
            obj = edited_object(request)
            components = PlanComponent.objects.select_related("plan")
            if isinstance(obj, Convention) and obj.pk and obj.plans.exists():
                components = components.filter(Q(plan__conventions=obj) | Q(conventions=obj)).distinct()
            kwargs["queryset"] = components
            kwargs["widget"] = ComponentsByPlanSelect(attrs={"size": 8})
            formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
            formfield.help_text = _("Seules les composantes des plans choisis ci-dessus sont proposées.")
            return formfield
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "publication_state":
            obj = edited_object(request)
            current = obj.publication_state if isinstance(obj, Convention) and obj.pk else None
            allowed = publication.states_for(request.user, current)
            kwargs["choices"] = [(value, label) for value, label in State.choices if value in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        with service_write():
            services.convention_save(
                convention=obj,
                user=request.user,
                read_version=form.cleaned_data.get("loaded_updated_at"),
                reason=self.change_reason(request),
                created=not change,
            )

    def save_related(self, request, form, formsets, change):
        # Inline rows through the service layer (ServiceWritesMixin.save_formset);
        # then the convention, with what its inlines now hold, must be
        # complete if published, or the whole save is undone.
        super().save_related(request, form, formsets, change)
        with service_write():
            services.finish([form.instance])

    def history_restored(self, request, obj):
        # A restored version may carry another title, or lack what publishing needs.
        with service_write():
            services.finish([obj])

    def delete_model(self, request, obj):
        with service_write():
            services.convention_delete(convention=obj, user=request.user, reason=self.change_reason(request))

    def delete_queryset(self, request, queryset):
        with service_write():
            for convention in queryset:
                services.convention_delete(convention=convention, user=request.user, reason=self.change_reason(request))

    # --- actions ---

    def _refuse_rows(self, request, refused, message) -> None:
        if refused:
            self.message_user(
                request,
                format_html("{} <ul>{}</ul>", message, format_html_join("", "<li>{}</li>", ((c,) for c in refused))),
                messages.WARNING,
            )

    def _incomplete_rows(self, request, incomplete, message) -> None:
        if incomplete:
            self.message_user(
                request,
                format_html(
                    "{} <ul>{}</ul>",
                    message,
                    format_html_join(
                        "", "<li>{} : {}</li>", ((c, " ".join(map(str, missing))) for c, missing in incomplete)
                    ),
                ),
                messages.WARNING,
            )

    def set_status(self, request, queryset, status):
        reason = gettext("Statut : %(status)s (action groupée).") % {"status": status.label}
        with service_write():
            changed, refused, incomplete = services.status_change(
                conventions=list(queryset), status=status, user=request.user, reason=reason
            )
        self._refuse_rows(
            request, refused, gettext("Les conventions publiées ou archivées ne sont modifiées que par un publieur.")
        )
        self._incomplete_rows(request, incomplete, gettext("Non modifiées, car elles seraient publiées incomplètes :"))
        if changed:
            _log_change(request, changed, reason)
        if not changed:
            message = gettext("Aucune convention modifiée : toutes avaient déjà le statut « %(status)s ».")
        else:
            message = ngettext(
                "%(count)d convention est passée au statut « %(status)s ».",
                "%(count)d conventions sont passées au statut « %(status)s ».",
                len(changed),
            )
        self.message_user(
            request,
            message % {"count": len(changed), "status": status.label},
            messages.SUCCESS if changed else messages.INFO,
        )

    def _set_publication_state(self, request, queryset, state):
        user = request.user
        rows = [c for c in queryset if c.publication_state != state]
        reason = gettext("Publication : %(state)s (action groupée).") % {"state": state.label}
        changed, refused, incomplete = [], [], []
        for convention in rows:
            if not publication.may_move(user, convention.publication_state, state):
                refused.append(convention)
                continue
            try:
                services.transition(convention=convention, state=state, user=user, reason=reason)
            except publication.Incomplete as error:
                incomplete.append((convention, error.missing))
            except PermissionDenied:
                refused.append(convention)
            else:
                changed.append(convention)
        self._refuse_rows(
            request,
            refused,
            gettext("Seul un publieur change l'état d'une convention publiée ou archivée. Laissées telles quelles :"),
        )
        self._incomplete_rows(request, incomplete, gettext("Non publiées, car incomplètes :"))
        if changed:
            _log_change(request, changed, reason)
        if not changed:
            message = gettext("Aucune convention modifiée : toutes étaient déjà à l'état « %(state)s ».")
        else:
            message = ngettext(
                "%(count)d convention est passée à l'état « %(state)s ».",
                "%(count)d conventions sont passées à l'état « %(state)s ».",
                len(changed),
            )
        self.message_user(
            request,
            message % {"count": len(changed), "state": state.label},
            messages.SUCCESS if changed else messages.INFO,
        )

    @admin.action(permissions=["publish"], description=_("Publier"))
    def publish(self, request, queryset):
        self._set_publication_state(request, queryset, State.PUBLISHED)

    @admin.action(permissions=["change"], description=_("Envoyer en relecture"))
    def send_to_review(self, request, queryset):
        self._set_publication_state(request, queryset, State.REVIEW)

    @admin.action(permissions=["publish"], description=_("Dépublier (repasser en brouillon)"))
    def unpublish(self, request, queryset):
        self._set_publication_state(request, queryset, State.DRAFT)

    @admin.action(permissions=["publish"], description=_("Archiver"))
    def archive(self, request, queryset):
        self._set_publication_state(request, queryset, State.ARCHIVED)


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


_SOURCE_LINKS = "_shiraka_source_links_before"


@admin.register(Source)
class SourceAdmin(ChildAdminMixin, RightToLeftMixin, HistoryAdmin):
    form = SourceForm
    list_display = ("title", "kind", "outlet", "published", "language", "conventions_count")
    list_filter = ("kind", "language")
    search_fields = ("title", "outlet", "author", "url")
    autocomplete_fields = ["conventions", "plans"]
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("kind", "language"),
                    "title",
                    ("outlet", "author"),
                    "url",
                    ("published_on", "published_on_precision"),
                )
            },
        ),
        (_("Contenu"), {"fields": ("quote", "text")}),
        (_("Ce que la source documente"), {"fields": ("conventions", "plans")}),
        (_("Suivi"), {"fields": (("created_at", "updated_at"),)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(conventions_count=related_count(Source.conventions.through.objects.all(), "source"))
        )

    @admin.display(description=_("date de publication"), ordering="published_on")
    def published(self, obj):
        return obj.published_date_display

    @admin.display(description=_("conventions"), ordering="conventions_count")
    def conventions_count(self, obj):
        return obj.conventions_count

    # Its conventions are set by form.save_m2m(), after save_model: each one
    # joined or left must be one the user may change (services.source_links_changed).

    def save_model(self, request, obj, form, change):
        links = list(Source.objects.get(pk=obj.pk).conventions.all()) if change else []
        setattr(request, _SOURCE_LINKS, links)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._links_changed(request, form.instance)

    def history_restored(self, request, obj):
        self._links_changed(request, obj)

    def _links_changed(self, request, source):
        with service_write():
            services.source_links_changed(source=source, user=request.user, before=getattr(request, _SOURCE_LINKS, []))


@admin.register(Document)
class DocumentAdmin(ChildAdminMixin, RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    form = DocumentForm
    list_display = ("title", "convention", "kind", "language", "dated_on", "page_count")
    list_select_related = ("convention",)
    list_filter = ("kind", "language")
    search_fields = ("title_fr", "title_ar", "title_en", "convention__title_fr")
    autocomplete_fields = ["convention"]
    readonly_fields = ("created_at",)
    fields = ("convention", "kind", "title", "file", ("language", "page_count", "dated_on"), "created_at")
