"""Admin helpers shared by the actors, plans and conventions admins.

Nothing is registered here: each app registers its own models.
"""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language_bidi

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
        if self.instance.pk and self.instance.updated_at:
            self.fields["loaded_updated_at"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_updated_at")
        if not (self.instance.pk and loaded):
            return cleaned_data
        model = type(self.instance)
        current = model._default_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        if current is not None and current.isoformat() != loaded:
            entry = (
                LogEntry.objects.filter(
                    content_type=ContentType.objects.get_for_model(model), object_id=str(self.instance.pk)
                )
                .select_related("user")
                .order_by("-action_time")
                .first()
            )
            raise forms.ValidationError(
                _(
                    "Cet enregistrement a été modifié par %(user)s le %(when)s, depuis que vous l'avez ouvert. "
                    "Vos changements n'ont pas été enregistrés : rechargez la page, puis refaites-les."
                ),
                params={
                    "user": entry.user.get_username() if entry else _("quelqu'un d'autre"),
                    "when": date_format(timezone.localtime(current), "DATETIME_FORMAT"),
                },
                code="stale",
            )
        return cleaned_data
