"""Admin helpers shared by the actors, plans and conventions admins.

Nothing is registered here: each app registers its own models.
"""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language_bidi
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_history_model_for_model

# Long texts (summaries, notes, descriptions) come in three languages, one
# below the other: ten-line boxes would push the rest of the form off screen.
COMPACT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}

_EDITED_OBJECT = "_shiraka_admin_edited_object"


def related_count(queryset, field: str):
    """How many rows of `queryset` point at the outer row through `field`.

    A correlated subquery rather than Count() over a join: no GROUP BY, no
    inflation by the joins a changelist search adds, and the changelist's two
    COUNT(*) queries drop the unused annotation instead of grouping the table."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


def remember_edited_object(request, obj) -> None:
    """Keep the object whose page is being built, so that formfield_for_foreignkey
    can narrow a select to it. Stored on the request, not on the ModelAdmin:
    one ModelAdmin instance serves every thread."""
    setattr(request, _EDITED_OBJECT, obj)


def edited_object(request):
    return getattr(request, _EDITED_OBJECT, None)


class RightToLeftMixin:
    """Arabic fields are typed right to left: give their widgets dir="rtl".

    modeltranslation marks them with an `mt-bidi` class, but its stylesheet
    comes with the tabbed mode, which loads jQuery UI from a CDN."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language and get_language_bidi(language):
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["dir"] = "rtl"
        return field


class OptimisticLockForm(forms.ModelForm):
    """Refuses the second of two concurrent saves instead of letting it
    silently overwrite the first. The form carries the row's `updated_at` as
    it was when the page was opened; if the row has changed since, the save is
    refused and nothing is written. `updated_at` (auto_now) already changes on
    every save, so no version column is needed."""

    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        loaded = self.instance.updated_at if self.instance.pk else None
        if loaded and to_historic(self.instance) is not None:
            # Restoring an earlier version (HistoryAdmin): the form holds that
            # version's values, but the lock guards the row as it is now.
            loaded = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
        if loaded:
            self.fields["loaded_updated_at"].initial = loaded.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_updated_at")
        if not (self.instance.pk and loaded):
            return cleaned_data
        model = type(self.instance)
        current = model._default_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        if current is not None and current.isoformat() != loaded:
            raise forms.ValidationError(
                _(
                    "Cet enregistrement a été modifié par %(user)s le %(when)s, depuis que vous l'avez ouvert. "
                    "Vos changements n'ont pas été enregistrés : rechargez la page, puis refaites-les."
                ),
                params={
                    "user": last_editor(model, self.instance.pk) or _("quelqu'un d'autre"),
                    "when": date_format(timezone.localtime(current), "DATETIME_FORMAT"),
                },
                code="stale",
            )
        return cleaned_data


def last_editor(model, pk) -> str:
    """Who saved this row last: from its history, which also sees API and
    import writes, else from the admin log."""
    history = getattr(model, "history", None)
    if history is not None:
        record = history.filter(id=pk).select_related("history_user").order_by("-history_date").first()
        if record is not None and record.history_user is not None:
            return record.history_user.get_username()
    entry = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    return entry.user.get_username() if entry else ""


class HistoryAdmin(SimpleHistoryAdmin):
    """The "Historique" page of an object, with the fields each change touched,
    and the restoring of an earlier version (core/history.py registers the
    models). Put it after the project mixins and before TranslationAdmin:
    `class ActorAdmin(RightToLeftMixin, HistoryAdmin, TranslationAdmin)`.

    A restored version is saved through the admin's own form and save_model,
    so the editorial rules hold: restoring is changing, and is refused when the
    object as it is now, or the version brought back, may not be changed by
    this user (a published convention, for an editor)."""

    def _stored(self, obj):
        """The row as it is in the database, when `obj` is a historical version."""
        if obj is None or to_historic(obj) is None:
            return obj
        return self.model._default_manager.filter(pk=obj.pk).first()

    def revert_disabled(self, request, obj=None):
        if super().revert_disabled(request, obj):
            return True
        # simple-history asks about the version being restored; the rules
        # apply to the current row too.
        return not (self.has_change_permission(request, obj) and self.has_change_permission(request, self._stored(obj)))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            # simple-history checks only the view permission before saving.
            history_model = get_history_model_for_model(self.model)
            version = get_object_or_404(
                history_model, **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
            ).instance
            if self.revert_disabled(request, version):
                raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            self.history_restored(request, self.model._default_manager.get(pk=unquote(object_id)))
        return response

    def history_restored(self, request, obj) -> None:
        """After a version is restored (the change form's save_related does
        not run there): derived data to rebuild."""
