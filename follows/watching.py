"""The one write path for staff watching conventions (follows.Watch): the
admin's toggle and bulk actions call these."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import Watch


def may_watch(user) -> bool:
    """Staff who may read conventions in the admin (drafts included)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.has_perm("conventions.view_convention") or user.has_perm("conventions.change_convention"))
    )


def watch_set(*, user, conventions, watching: bool) -> int:
    """Start (or stop) watching `conventions`; returns how many changed."""
    if not may_watch(user):
        raise PermissionDenied(_("Vous n'avez pas le droit de suivre les conventions."))
    changed = 0
    for convention in conventions:
        if watching:
            try:
                with transaction.atomic():
                    created = Watch.objects.get_or_create(user=user, convention=convention)[1]
            except IntegrityError:  # the same click twice, at once
                created = False
            changed += created
        else:
            changed += Watch.objects.filter(user=user, convention=convention).delete()[0]
    return changed
