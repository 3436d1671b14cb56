"""The pages of sources and documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from conventions import services
from conventions.models import Document, Source
from core.admin import HistoryAdmin, RightToLeftMixin, related_count

from .forms import DocumentForm, SourceForm
from .mixins import ChildAdminMixin, service_write

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
