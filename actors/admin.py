from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import (
    COMPACT_TEXTAREAS,
    HistoryAdmin,
    OptimisticLockForm,
    RightToLeftMixin,
    WriteRefused,
    related_count,
    use_labelled_autocomplete,
)
from core.writes import Refused

from . import services
from .exports import actors_csv, actors_xlsx
from .models import Actor, ActorName, Mandate, Person, ReminderContact

# People are picked with their position ("Name — title, actor"): PersonAdmin.autocomplete_label.
use_labelled_autocomplete(admin.site)

MANDATE_DATES = (
    "start_on",
    "start_on_precision",
    "end_on",
    "end_on_precision",
    "attested_on",
    "attested_on_precision",
)


class ActorNameInline(RightToLeftMixin, admin.TabularInline):
    model = ActorName
    extra = 0
    # What the write path accepts, each date next to its precision: the pair reads as one value.
    fields = services.NAME_FIELDS


class ActorMandateInline(RightToLeftMixin, TranslationTabularInline):
    model = Mandate
    fk_name = "actor"
    extra = 0
    autocomplete_fields = ["person"]
    fields = ("person", "title", *MANDATE_DATES, "note")
    verbose_name_plural = _("mandats des personnes dans cet acteur")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class PersonMandateInline(RightToLeftMixin, TranslationTabularInline):
    model = Mandate
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ("actor", "title", *MANDATE_DATES, "note")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ReminderContactInline(RightToLeftMixin, admin.StackedInline):
    """The address and language of the actor's reminders (staff only),
    written by services.reminder_contact_save (ActorAdmin.save_formset)."""

    model = ReminderContact
    extra = 0
    max_num = 1
    fields = (("email", "language"),)
    verbose_name_plural = _("contact pour les rappels (jamais public)")


@admin.register(Actor)
class ActorAdmin(RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    form = OptimisticLockForm
    list_display = ("name", "acronym", "kind", "parent", "conventions_count")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    # Former names and variants are searched too: the press still uses them.
    search_fields = ("name_fr", "name_ar", "name_en", "acronym", "names__name", "names__acronym")
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("name_fr",)}
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = COMPACT_TEXTAREAS
    fieldsets = (
        (None, {"fields": ("name", ("acronym", "kind"), "slug", "parent")}),
        (_("Coordonnées"), {"fields": (("country", "website"), "description")}),
        (_("Suivi"), {"fields": (("created_at", "updated_at"), "loaded_updated_at")}),
    )
    inlines = [ActorNameInline, ActorMandateInline, ReminderContactInline]
    actions = ["export_csv", "export_xlsx"]
    refusals = (*HistoryAdmin.refusals, Refused)

    def refusal_message(self, error):
        if isinstance(error, Refused):
            return " ".join(str(message) for messages in error.errors.values() for message in messages)
        return super().refusal_message(error)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ReminderContact:
            return super().save_formset(request, form, formset, change)
        # Through the actors' write path: its permission check, its history.
        reason = self.change_reason(request)
        try:
            formset.save(commit=False)
            actor = form.instance
            if formset.deleted_objects:
                services.reminder_contact_delete(actor=actor, user=request.user, reason=reason)
            written = [contact for contact, _changed in formset.changed_objects] + formset.new_objects
            for contact in written:
                services.reminder_contact_save(
                    actor=actor, user=request.user, email=contact.email, language=contact.language, reason=reason
                )
        except PermissionDenied as error:
            raise WriteRefused(str(error)) from error

    def get_queryset(self, request):
        # One party per (convention, actor) is a database rule, so counting an
        # actor's parties counts its conventions. The party model is reached
        # through the relation: actors must not import conventions.
        parties = Actor._meta.get_field("parties").related_model._default_manager.all()
        return super().get_queryset(request).annotate(conventions_count=related_count(parties, "actor"))

    @admin.display(description=_("conventions"), ordering="conventions_count")
    def conventions_count(self, obj):
        return obj.conventions_count

    # The same columns as the actors import template (docs/import/).
    @admin.action(permissions=["view"], description=_("Exporter la sélection en CSV (format d'import)"))
    def export_csv(self, request, queryset):
        return actors_csv(queryset)

    @admin.action(permissions=["view"], description=_("Exporter la sélection en XLSX (format d'import)"))
    def export_xlsx(self, request, queryset):
        return actors_xlsx(queryset)


@admin.register(Person)
class PersonAdmin(RightToLeftMixin, HistoryAdmin):
    list_display = ("name", "family_name", "positions")
    search_fields = ("name", "family_name", "mandates__title_fr")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    fields = ("name", "family_name", "slug", "biography", ("created_at", "updated_at"))
    inlines = [PersonMandateInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("mandates", queryset=Mandate.objects.select_related("actor")))
        )

    def autocomplete_label(self, obj):
        # get_queryset prefetched the mandates and their actors.
        return obj.label_with_position()

    @admin.display(description=_("fonctions"))
    def positions(self, obj):
        return " ; ".join(f"{m.title}, {m.actor.short_name}" for m in obj.mandates.all())
