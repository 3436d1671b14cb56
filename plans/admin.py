from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import (
    COMPACT_TEXTAREAS,
    HistoryAdmin,
    OptimisticLockForm,
    RightToLeftMixin,
    edited_object,
    related_count,
    remember_edited_object,
)

from .models import Plan, PlanComponent, Region, Sector


@admin.register(Sector)
class SectorAdmin(RightToLeftMixin, TranslationAdmin):
    list_display = ("name", "parent", "slug")
    list_select_related = ("parent",)
    search_fields = ("name_fr", "name_ar", "name_en")
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("name_fr",)}
    formfield_overrides = COMPACT_TEXTAREAS
    fields = ("name", "slug", "parent", "description")


@admin.register(Region)
class RegionAdmin(RightToLeftMixin, TranslationAdmin):
    """The 12 regions ship with the migrations and their codes are ISO 3166-2:
    staff may correct a name, not invent or remove a region."""

    list_display = ("code", "name", "slug")
    search_fields = ("name_fr", "name_ar", "name_en", "code")
    fields = ("code", "slug", "name")
    readonly_fields = ("code", "slug")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanComponentForm(forms.ModelForm):
    class Meta:
        model = PlanComponent
        fields = ()  # the ModelAdmin or inline using the form passes its own list

    def clean(self):
        cleaned_data = super().clean()
        plan, parent = cleaned_data.get("plan"), cleaned_data.get("parent")
        if plan is not None and parent is not None and parent.plan_id != plan.pk:
            self.add_error("parent", _("La composante parente doit appartenir au même plan."))
        return cleaned_data


def limit_parent_components(formfield, component_or_plan):
    """A parent component comes from the same plan. A select over that plan's
    components (a few dozen at most) beats an autocomplete here: the
    autocomplete request cannot tell which plan is being edited, so it would
    offer the components of every plan."""
    queryset = PlanComponent.objects.select_related("plan")
    if isinstance(component_or_plan, Plan):
        formfield.queryset = queryset.filter(plan=component_or_plan)
    elif isinstance(component_or_plan, PlanComponent):
        formfield.queryset = queryset.filter(plan_id=component_or_plan.plan_id).exclude(pk=component_or_plan.pk)
    else:
        # A component being created on its own page has no plan yet: offer
        # every component, named with its plan; the form checks they match.
        formfield.queryset = queryset
        formfield.label_from_instance = lambda component: f"{component.plan} — {component}"
    return formfield


class PlanComponentInline(RightToLeftMixin, TranslationTabularInline):
    model = PlanComponent
    form = PlanComponentForm
    fk_name = "plan"
    extra = 0
    # Descriptions and objectives are one click away, on the component's page.
    show_change_link = True
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ("name_fr",)}
    fields = ("position", "kind", "name", "slug", "parent", "region", "location", "amount", "currency")

    def get_formset(self, request, obj=None, **kwargs):
        remember_edited_object(request, obj)
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            plan = edited_object(request)
            if plan is None:
                formfield.queryset = PlanComponent.objects.none()
            else:
                limit_parent_components(formfield, plan)
        return formfield


# Registered by shiraka/admin.py, with the objectives of conventions/ inline.
class PlanAdmin(RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    form = OptimisticLockForm
    list_display = ("name", "short_name", "kind", "period_display", "owner", "parent", "components_count")
    list_select_related = ("owner", "parent")
    list_filter = ("kind",)
    search_fields = ("name_fr", "name_ar", "name_en", "short_name_fr", "short_name_ar", "short_name_en")
    autocomplete_fields = ["owner", "parent", "predecessor", "sectors"]
    prepopulated_fields = {"slug": ("name_fr",)}
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = COMPACT_TEXTAREAS
    fieldsets = (
        (_("Identification"), {"fields": ("name", "short_name", "slug", "kind", ("start_year", "end_year"))}),
        (_("Rattachement"), {"fields": ("owner", "parent", "predecessor", "sectors")}),
        (_("Présentation"), {"fields": ("summary", "website")}),
        (_("Suivi"), {"fields": (("created_at", "updated_at"), "loaded_updated_at")}),
    )
    inlines = [PlanComponentInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(components_count=related_count(PlanComponent.objects.all(), "plan"))
        )

    @admin.display(description=_("période"), ordering="start_year")
    def period_display(self, obj):
        return obj.period_display

    @admin.display(description=_("composantes"), ordering="components_count")
    def components_count(self, obj):
        return obj.components_count


# Registered by shiraka/admin.py, with the objectives of conventions/ inline.
class PlanComponentAdmin(RightToLeftMixin, HistoryAdmin, TranslationAdmin):
    form = PlanComponentForm
    list_display = ("name", "plan", "kind", "parent", "region", "amount", "currency")
    list_select_related = ("plan", "parent__plan", "region")
    list_filter = ("kind", "plan", "region")
    search_fields = ("name_fr", "name_ar", "name_en", "plan__name_fr", "plan__short_name_fr")
    autocomplete_fields = ["plan", "region"]
    prepopulated_fields = {"slug": ("name_fr",)}
    formfield_overrides = COMPACT_TEXTAREAS
    fieldsets = (
        (None, {"fields": ("plan", "parent", ("kind", "position"), "name", "slug", "description")}),
        (_("Lieu et enveloppe"), {"fields": (("region", "location"), ("amount", "currency"))}),
    )

    def get_queryset(self, request):
        # A component's name shows its plan, and the autocomplete lists them
        # too. (A select_related here makes the changelist skip list_select_related.)
        return super().get_queryset(request).select_related("plan", "parent__plan", "region")

    def get_form(self, request, obj=None, **kwargs):
        remember_edited_object(request, obj)
        return super().get_form(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            limit_parent_components(formfield, edited_object(request))
        return formfield
