"""The publication workflow, written once: its states, who may move a
convention between them, what a convention needs to be published, and who may
change a convention (or any of its children) in each state.

The admin, the API, the importer and the demo loader all ask here; none keeps
a rule of its own. Editors (the change permission) write drafts and send them
to review; publishers (the publish_convention permission) publish, archive,
take back to draft and change what the public sees.

Why not django-fsm-2: the workflow is a four-state table with two permission
levels, and its transitions are also made by history restores and bulk
actions, which a protected state field would get in the way of.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.gone import GoneWhenWithdrawn

from .models import Convention

State = Convention.PublicationState
PUBLIC_STATES = frozenset({State.PUBLISHED, State.ARCHIVED})
PUBLISH_PERMISSION = "conventions.publish_convention"
CHANGE_PERMISSION = "conventions.change_convention"


def can_publish(user) -> bool:
    return bool(user is not None and user.has_perm(PUBLISH_PERMISSION))


def is_public(state: str) -> bool:
    """Published or archived: what the public sees, or saw."""
    return state in PUBLIC_STATES


def may_change(user, convention: Convention | None) -> bool:
    """May `user` change this convention, or one of its parties, commitments,
    objectives, measurements, actions, sources or documents? A convention the
    public sees (or saw) is changed by publishers only. `None` stands for a
    new convention. A `user` of None is the system (demo loader, commands)."""
    if user is None:
        return True
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if convention is None or convention.pk is None:
        return True
    return not is_public(convention.publication_state) or can_publish(user)


def require_change(user, convention: Convention | None) -> None:
    if not may_change(user, convention):
        if user is not None and user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied(_("Une convention publiée ou archivée n'est modifiée que par un publieur."))
        raise PermissionDenied(_("Vous n'avez pas le droit de modifier les conventions."))


def may_move(user, current: str, target: str) -> bool:
    """Draft and review need the change permission; entering or leaving
    published or archived needs the publish permission."""
    if user is None:
        return True
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if is_public(current) or is_public(target):
        return can_publish(user)
    return True


def states_for(user, current: str | None = None) -> list[str]:
    """The states `user` may choose for a convention now in `current`."""
    current = current or State.DRAFT
    return [state for state in State.values if state == current or may_move(user, current, state)]


def problems(convention: Convention) -> list[str]:
    """What keeps this convention from being published, in words staff can
    act on; empty when it is complete enough. Four queries at most."""
    found = []
    if convention.pk is None or convention.parties.count() < 2:
        found.append(_("Il faut au moins deux parties."))
    if not convention.kind:
        found.append(_("Le type de convention manque."))
    date_explained = convention.status == Convention.Status.IN_PREPARATION or convention.signed_on_note.strip()
    if convention.signed_on is None and not date_explained:
        found.append(
            _(
                "La date de signature manque : saisissez-la avec sa précision, ou expliquez son absence "
                "dans « date telle qu'écrite, ou raison de son absence »."
            )
        )
    if convention.pk is None or not (convention.sources.exists() or convention.documents.exists()):
        found.append(_("Il faut au moins une source ou un document."))
    return found


class Incomplete(ValidationError):
    """A convention that is (or would become) published without what
    publishing requires. `missing` lists it in words staff can act on."""

    def __init__(self, missing, *, leaving_published: bool = False):
        self.missing = [str(problem) for problem in missing]
        self.leaving_published = leaving_published
        super().__init__({"publication_state": self.missing})


def check_complete(convention: Convention) -> None:
    """Raise Incomplete when a published convention lacks what publishing
    requires. Called after every write of a convention or of one of its
    children, inside the write's transaction, so an incomplete result is
    rolled back: one rule, the same on every path."""
    if convention.publication_state == State.PUBLISHED:
        missing = problems(convention)
        if missing:
            raise Incomplete(missing)


def stamp(convention: Convention, state: str, user=None) -> None:
    """Set the state and keep `published_at` / `published_by` coherent (the
    caller saves). Publishing stamps them once; going back to draft or review
    clears them, so a later publication is dated anew; archiving keeps them."""
    convention.publication_state = state
    if state in (State.DRAFT, State.REVIEW):
        convention.published_at = None
        convention.published_by = None
    elif state == State.PUBLISHED and convention.published_at is None:
        convention.published_at = timezone.now()
        convention.published_by = user if user is not None and user.is_authenticated else None


def refuse_move(user, current: str, target: str) -> None:
    if not may_move(user, current, target):
        if user is not None and user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied(_("Publier, archiver ou dépublier demande la permission de publier."))
        raise PermissionDenied(_("Vous n'avez pas le droit de modifier les conventions."))


class WithdrawnIsGone(GoneWhenWithdrawn):
    """A convention's page and API resource, once published and since
    withdrawn (Convention.objects.withdrawn()), answer 410 Gone: search
    engines drop the address, readers learn why, nothing of its content."""

    gone_message = _("Cette convention a été retirée du registre public.")
    gone_template = "conventions/withdrawn.html"

    def withdrawn(self, slug="", **url_kwargs) -> bool:
        return Convention.objects.withdrawn().filter(slug=slug).exists()
