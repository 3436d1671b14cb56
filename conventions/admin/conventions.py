"""The convention's admin page: its list (filters, search), its form with
every inline, the import and export links, and the bulk actions on status and
publication."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from nested_admin import NestedModelAdminMixin

from conventions import publication, services
from conventions.admin_import import conventions_csv, conventions_xlsx, import_view, template_view
from conventions.models import Convention, Party
from core.admin import COMPACT_TEXTAREAS, HistoryAdmin, RightToLeftMixin, edited_object, remember_edited_object
from plans.models import PlanComponent

from .forms import ComponentsByPlanSelect, ConventionForm, State
from .inlines import (
    ConventionObjectiveInline,
    ConventionRelationInline,
    ConventionSourceInline,
    DocumentInline,
    FollowUpActionInline,
    PartyInline,
)
from .mixins import ServiceWritesMixin, service_write


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
