"""What the admin pages of conventions and their children share: writing
through the service layer (its refusals said on the page), the protection of
a child row by its convention, and which documents a citation may name."""

from contextlib import contextmanager

from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conventions import publication, services
from conventions.models import (
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
from core.admin import HistoryAdmin, WriteRefused, edited_object, remember_edited_object
from plans.models import Plan, PlanComponent

from .forms import ChildForm

CITATION = ("source", "document", "clause", "page")


# --- Writing through the service layer --------------------------------------
#
# Every save and delete of a convention or of one of its children goes through
# conventions/services/, which checks who may change what (a child of a
# published convention is as protected as the convention: publication.may_change),
# keeps a published convention complete, records history and reindexes. The
# admin adds the pages' side: read-only pages for what a user may not change,
# form errors where the input can be kept, and, when the service layer refuses
# a write once the form was valid, the whole save rolled back with the reason
# (core.admin.HistoryAdmin._refusing).


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
