"""Optimistic locking, one helper for the admin and the API.

A writer says which version it read (the row's `updated_at`, which auto_now
changes on every save, so no version column is needed). Inside the write's
transaction the row is locked and its version compared: of two writers who
read the same version, the first to lock wins and the second finds a newer
version and is refused. On PostgreSQL the lock is SELECT … FOR UPDATE; SQLite
has no row locks, so its transactions begin IMMEDIATE (config/settings), which
serialises writers on the database lock instead of failing with "database is
locked" when two try to upgrade a read lock at once.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """The row changed after the writer read it."""

    def __init__(self, *, current: datetime.datetime, editor: str = ""):
        self.current = current
        self.editor = editor
        super().__init__(str(self.message()))

    def message(self):
        return _(
            "Cet enregistrement a été modifié par %(user)s le %(when)s, depuis que vous l'avez lu. "
            "Vos changements n'ont pas été enregistrés : relisez-le, puis refaites-les."
        ) % {
            "user": self.editor or _("quelqu'un d'autre"),
            "when": date_format(timezone.localtime(self.current), "DATETIME_FORMAT"),
        }


def parse_version(read) -> datetime.datetime | None:
    """A version as a writer sends it: a datetime, or its ISO 8601 text.
    Anything else is refused with a message, never a 500."""
    if read in (None, ""):
        return None
    if isinstance(read, datetime.datetime):
        parsed = read
    else:
        try:
            parsed = parse_datetime(str(read))
        except ValueError:  # well-formed but impossible: month 13, hour 25
            parsed = None
        if parsed is None:
            raise ValidationError({"updated_at": [_("Date et heure illisibles : « %(value)s ».") % {"value": read}]})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def lock(model, pk) -> datetime.datetime | None:
    """Lock the row for the rest of the transaction; its current version, or
    None when it no longer exists."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() runs inside the write's transaction")
    return model._default_manager.select_for_update().filter(pk=pk).values_list("updated_at", flat=True).first()


def check_version(model, pk, read, *, not_before: datetime.datetime | None = None) -> None:
    """Lock the row and refuse the write (StaleVersion) when it has changed
    since the version `read`, or since `not_before` (an HTTP
    If-Unmodified-Since date, to the second). A writer that names no version
    is not checked, but still waits for the lock."""
    current = lock(model, pk)
    if current is None:
        return
    read = parse_version(read)
    stale = read is not None and read != current
    if not_before is not None and current.replace(microsecond=0) > not_before:
        stale = True
    if stale:
        raise StaleVersion(current=current, editor=last_editor(model, pk))


def last_editor(model, pk) -> str:
    """Who saved this row last, from its history (which sees every write path)."""
    history = getattr(model, "history", None)
    if history is None:
        return ""
    record = history.filter(id=pk).select_related("history_user").order_by("-history_date").first()
    if record is not None and record.history_user is not None:
        return record.history_user.get_username()
    return ""
