"""The admin of conventions and everything that hangs from them. Importing
the package registers every page (Django's autodiscover imports it); the
names other modules use (shiraka/admin.py: the objectives inlines and
ServiceWritesMixin) are importable from here."""

# isort: off
# The pages register in this order, as they did in one module.
from .conventions import ConventionAdmin, SignedYearFilter
from .children import (
    CommitmentAdmin,
    FollowUpActionAdmin,
    MeasurementAdmin,
    ObjectiveAdmin,
    PartyAdmin,
)
from .sources import DocumentAdmin, SourceAdmin

# isort: on
from .forms import ChildForm, ConventionForm, DocumentForm, SourceForm
from .inlines import (
    ComponentObjectiveInline,
    ConventionObjectiveInline,
    ObjectiveInline,
    PlanObjectiveInline,
)
from .mixins import (
    CITATION,
    ChildAdminMixin,
    ChildInlineMixin,
    CitationMixin,
    ServiceWritesMixin,
    documents_for,
    save_formset_through_services,
    service_write,
)

__all__ = [
    "CITATION",
    "ChildAdminMixin",
    "ChildForm",
    "ChildInlineMixin",
    "CitationMixin",
    "CommitmentAdmin",
    "ComponentObjectiveInline",
    "ConventionAdmin",
    "ConventionForm",
    "ConventionObjectiveInline",
    "DocumentAdmin",
    "DocumentForm",
    "FollowUpActionAdmin",
    "MeasurementAdmin",
    "ObjectiveAdmin",
    "ObjectiveInline",
    "PartyAdmin",
    "PlanObjectiveInline",
    "ServiceWritesMixin",
    "SignedYearFilter",
    "SourceAdmin",
    "SourceForm",
    "documents_for",
    "save_formset_through_services",
    "service_write",
]
