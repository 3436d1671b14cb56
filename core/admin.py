"""Admin helpers shared by the actors, plans and conventions admins.

Nothing is registered here: each app registers its own models.
"""

from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
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
