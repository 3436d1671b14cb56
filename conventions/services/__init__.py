"""The one write path for conventions and everything that hangs from them:
parties, commitments, objectives, measurements, follow-up actions, sources
and documents.

The admin (forms, inlines, child pages, bulk actions, history restores), the
API, the spreadsheet importer and the demo loader call these functions; none
of them saves those models by itself. Each write here

- checks the writer's permission on the convention as stored, and on the
  convention a child is moved to (a child of a published convention is as
  protected as the convention: publication.may_change);
- merges a partial update onto the stored row (what is not sent is kept) and
  validates the merged result with the model's full_clean();
- checks the version the writer read, atomically (core.locking);
- keeps the publication invariants: a published convention that would become
  incomplete is refused with what is missing (publication.check_complete),
  and `published_at` / `published_by` are stamped in one place
  (publication.stamp);
- records history with the user and a change reason, and refreshes the
  convention's search text and `updated_at` (so `updated_since` sync sees a
  changed child).

Errors: `Refused` carries field errors shaped like the input (nested lists by
position, `{"parties": {"1": {"actor": [...]}}}`); `PermissionDenied`
(django.core.exceptions) and `core.locking.StaleVersion` say who may not and
what changed.

Where things are: `common.py` (which conventions protect a row, `finish`),
`conventions.py`, `children.py`, `batch.py` (the import's many conventions at
once), `sources.py` (sources and documents on their own). Every function
callers use is importable from `conventions.services`.
"""

from core.writes import Refused

from .batch import Batch, batch_write
from .children import (
    CHILDREN,
    child_delete,
    child_save,
    measurement_add,
    source_links_changed,
    write_children,
)
from .common import PROTECTED_FIELDS, conventions_of, finish, may_change_child
from .conventions import (
    RELATIONS,
    components_outside_plans,
    components_outside_plans_message,
    convention_create,
    convention_delete,
    convention_save,
    convention_update,
    refuse_components_outside_plans,
    status_change,
    transition,
)
from .sources import ROW_PROTECTED, document_delete, document_save, source_delete, source_save

__all__ = [
    "CHILDREN",
    "PROTECTED_FIELDS",
    "RELATIONS",
    "ROW_PROTECTED",
    "Batch",
    "Refused",
    "batch_write",
    "child_delete",
    "child_save",
    "components_outside_plans",
    "components_outside_plans_message",
    "convention_create",
    "convention_delete",
    "convention_save",
    "convention_update",
    "conventions_of",
    "document_delete",
    "document_save",
    "finish",
    "may_change_child",
    "measurement_add",
    "refuse_components_outside_plans",
    "source_delete",
    "source_links_changed",
    "source_save",
    "status_change",
    "transition",
    "write_children",
]
