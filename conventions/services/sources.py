"""Sources and documents on their own (the API's /sources/ and /documents/):
create, change and delete, with the conventions and plans a source backs."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _

from conventions.models import Convention, Document, Source
from core import locking
from core.writes import Refused, require_permission, still_used, validate
from core.writes import assign as _assign
from plans.models import Plan

from .children import child_delete, child_save, source_links_changed

ROW_PROTECTED = frozenset({"id", "pk", "created_at", "updated_at"})


# --- Sources and documents on their own (the API's /sources/ and /documents/) ---


def _apply_row(obj, fields: dict) -> None:
    refused = {name: [str(_("Ce champ est calculé ; il ne s'écrit pas."))] for name in fields if name in ROW_PROTECTED}
    if refused:
        raise Refused(refused)
    for name, value in fields.items():
        _assign(obj, name, value)


def _address_taken(source: Source) -> dict:
    if source.url and Source.objects.filter(url=source.url).exclude(pk=source.pk).exists():
        return {"url": [str(_("Une autre source a déjà cette adresse."))]}
    return {}


@transaction.atomic
def source_save(
    *,
    source: Source | None,
    user,
    fields: dict,
    conventions: list[Convention] | None = None,
    plans: list[Plan] | None = None,
    read_version=None,
    not_before=None,
    reason="",
) -> Source:
    """Create (`source` None) or change a source and the conventions and plans
    it backs, in one transaction: a refusal anywhere writes nothing."""
    if source is None:
        require_permission(user, "conventions.add_source", _("Vous n'avez pas le droit d'ajouter des sources."))
        source, before = Source(), []
    else:
        require_permission(user, "conventions.change_source", _("Vous n'avez pas le droit de modifier les sources."))
        locking.check_version(Source, source.pk, read_version, not_before=not_before)
        source = Source.objects.get(pk=source.pk)
        before = list(source.conventions.all())
    _apply_row(source, fields)
    validate(source, extra=_address_taken(source))
    # A source backing a published convention is changed by publishers only.
    child_save(obj=source, user=user, reason=reason)
    if plans is not None and {plan.pk for plan in plans} != set(source.plans.values_list("pk", flat=True)):
        require_permission(
            user,
            "plans.change_plan",
            _("Lier une source à un plan, ou l'en détacher, demande le droit de modifier les plans."),
        )
        source.plans.set(plans)
    if conventions is not None:
        source.conventions.set(conventions)
        # Joining or leaving a published convention needs the publish permission.
        source_links_changed(source=source, user=user, before=before)
    return source


@transaction.atomic
def source_delete(*, source: Source, user, read_version=None, not_before=None, reason="") -> None:
    require_permission(user, "conventions.delete_source", _("Vous n'avez pas le droit de supprimer des sources."))
    locking.check_version(Source, source.pk, read_version, not_before=not_before)
    try:
        child_delete(obj=Source.objects.get(pk=source.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error


@transaction.atomic
def document_save(*, document: Document | None, user, fields: dict, reason="") -> Document:
    """Create (`document` None) or change a document: its metadata, its
    convention, its file (checked by content)."""
    if document is None:
        require_permission(user, "conventions.add_document", _("Vous n'avez pas le droit d'ajouter des documents."))
        document = Document()
    else:
        require_permission(
            user, "conventions.change_document", _("Vous n'avez pas le droit de modifier les documents.")
        )
        document = Document.objects.select_for_update().get(pk=document.pk)
    _apply_row(document, fields)
    extra = {}
    if not (document.title_fr or "").strip():
        extra["title_fr"] = [str(_("Le texte français est obligatoire."))]
    # The file (size, and content against its extension) is the model field's
    # validators' to check, in full_clean(): the admin's forms check the same.
    validate(document, extra=extra)
    uploaded = isinstance(fields.get("file"), UploadedFile)
    try:
        child_save(obj=document, user=user, reason=reason)
    except BaseException:
        # The file reached the storage, the row will not: remove it.
        if uploaded and getattr(document.file, "_committed", False) and document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, user, reason="") -> None:
    """Refused while a commitment, objective, measurement or action cites it.
    The file stays in the storage (the history may point to it)."""
    require_permission(user, "conventions.delete_document", _("Vous n'avez pas le droit de supprimer des documents."))
    try:
        child_delete(obj=Document.objects.get(pk=document.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error
