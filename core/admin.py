"""Admin helpers shared by the actors, plans and conventions admins.

Nothing is registered here: each app registers its own models.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language_bidi
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_history_model_for_model

from core import locking

# Long texts (summaries, notes, descriptions) come in three languages, one
# below the other: ten-line boxes would push the rest of the form off screen.
COMPACT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}

_EDITED_OBJECT = "_shiraka_admin_edited_object"
_RESTORING = "_shiraka_admin_restoring"

# The change reasons history records with an admin write.
ADMIN_REASON = _("Par l'administration.")
RESTORE_REASON = _("Version antérieure restaurée.")


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
    """Each text box in the direction of what it holds, whatever the page's:
    Arabic fields right to left, French and English ones left to right (on
    an Arabic page, a French title in a right-to-left box showed its end and
    hid its beginning), identifiers and addresses left to right, free text
    in the direction of its first letter (dir="auto").

    modeltranslation marks the Arabic fields with an `mt-bidi` class, but its
    stylesheet comes with the tabbed mode, which loads jQuery UI from a CDN."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        widget = getattr(field.widget, "widget", field.widget)
        language = getattr(db_field, "language", None)
        if language:
            widget.attrs["dir"] = "rtl" if get_language_bidi(language) else "ltr"
        elif isinstance(db_field, models.SlugField | models.URLField | models.EmailField):
            widget.attrs["dir"] = "ltr"
        elif isinstance(db_field, models.CharField | models.TextField) and not db_field.choices:
            widget.attrs.setdefault("dir", "auto")
        return field


# Said by the admin when a save loses the race (core.locking.StaleVersion).
STALE_MESSAGE = _(
    "Cet enregistrement a été modifié par %(user)s le %(when)s, depuis que vous l'avez ouvert. "
    "Vos changements n'ont pas été enregistrés : rechargez la page, puis refaites-les."
)


def stale_params(error: locking.StaleVersion) -> dict:
    return {
        "user": error.editor or _("quelqu'un d'autre"),
        "when": date_format(timezone.localtime(error.current), "DATETIME_FORMAT"),
    }


def check_form_version(model, pk, loaded) -> None:
    """core.locking.check_version for a form's clean(): inside the admin's
    transaction (a POST to a change form, or a restore) the row stays locked
    until the save is done; a form validated outside any transaction is
    still compared, in one of its own."""
    if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        locking.check_version(model, pk, loaded)
    else:
        with transaction.atomic(using=router.db_for_write(model)):
            locking.check_version(model, pk, loaded)


class OptimisticLockForm(forms.ModelForm):
    """Refuses the second of two concurrent saves instead of letting it
    silently overwrite the first. The form carries the row's `updated_at` as
    it was when the page was opened; if the row has changed since, the save is
    refused and nothing is written. `updated_at` (auto_now) already changes on
    every save, so no version column is needed.

    The check is core.locking.check_version, which locks the row: the admin
    validates a POST inside its transaction, so no other writer can slip in
    between this check and the save."""

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
        try:
            check_form_version(type(self.instance), self.instance.pk, loaded)
        except locking.StaleVersion as error:
            raise forms.ValidationError(STALE_MESSAGE, params=stale_params(error), code="stale") from error
        except ValidationError as error:  # a version that is no date: a tampered page
            raise forms.ValidationError(error.messages, code="stale") from error
        return cleaned_data


class WriteRefused(Exception):
    """A write the rules refused after the form was valid (the service layer
    said no): the admin rolls the whole save back and says why."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


class HistoryAdmin(SimpleHistoryAdmin):
    """The "Historique" page of an object, with the fields each change touched,
    and the restoring of an earlier version (core/history.py registers the
    models). Put it after the project mixins and before TranslationAdmin:
    `class ActorAdmin(RightToLeftMixin, HistoryAdmin, TranslationAdmin)`.

    A restored version is saved through the admin's own form and save_model,
    so the editorial rules hold: restoring is changing, and is refused when the
    object as it is now, or the version brought back, may not be changed by
    this user (a published convention, for an editor).

    Writes the rules refuse once the form is valid (`refusals`: WriteRefused,
    a stale version) roll the whole save, delete or restore back, and the
    user is sent back to the page with the reason, instead of an error page."""

    refusals: tuple[type[Exception], ...] = (WriteRefused, locking.StaleVersion)

    def refusal_message(self, error: Exception):
        """What to tell the user about a refused write (safe HTML or text)."""
        if isinstance(error, locking.StaleVersion):
            return STALE_MESSAGE % stale_params(error)
        if isinstance(error, WriteRefused):
            return error.message
        return str(error)

    def _refusing(self, request, view, *args, **kwargs):
        """Run a writing view in its transaction; a refusal rolls it back and
        answers with the reason and a redirect to the same page."""
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args, **kwargs)
        except self.refusals as error:
            self.message_user(request, self.refusal_message(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def change_reason(self, request) -> str:
        """The change reason history records with an admin write."""
        return RESTORE_REASON if getattr(request, _RESTORING, False) else ADMIN_REASON

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._refusing(request, super().changeform_view, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self._refusing(request, super().delete_view, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        # Bulk actions (delete_selected) write too.
        return self._refusing(request, super().changelist_view, extra_context)

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
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        # simple-history checks only the view permission before saving.
        history_model = get_history_model_for_model(self.model)
        version = get_object_or_404(
            history_model, **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
        ).instance
        if self.revert_disabled(request, version):
            raise PermissionDenied
        setattr(request, _RESTORING, True)
        return self._refusing(request, self._restore, object_id, version_id, extra_context)

    def _restore(self, request, object_id, version_id, extra_context):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if response.status_code == 302:
            self.history_restored(request, self.model._default_manager.get(pk=unquote(object_id)))
        return response

    def history_restored(self, request, obj) -> None:
        """After a version is restored (the change form's save_related does
        not run there), inside the restore's transaction: derived data to
        rebuild, rules to check (raise one of `refusals` to undo it)."""


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete answers, labelled by the ModelAdmin's
    `autocomplete_label(obj)` when it has one (a person with the position
    held: "Ryad Mezzour — Ministre, MIC"), else by str(obj)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def use_labelled_autocomplete(site) -> None:
    """Serve `site`'s autocomplete with LabelledAutocompleteJsonView (before
    its URLs are built: an app's admin module, at autodiscovery)."""
    site.autocomplete_view = lambda request: LabelledAutocompleteJsonView.as_view(admin_site=site)(request)
