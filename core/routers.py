"""Reads from the PostgreSQL read replica, writes to the primary.

Installed (DATABASE_ROUTERS) only when DATABASES has a "replica" alias, that is
when DATABASE_REPLICA_URL is set (config/settings/base.py), and always in the
test profile on PostgreSQL, where "replica" mirrors the test database.

Read-your-writes: a replica lags the primary by a fraction of a second (more
under load), so whoever writes must not read from it. Reads go to the replica
only while `replica_reads_allowed()` is true for the current context, and
nothing turns it on but core.middleware.ReadReplicaMiddleware, for requests
with a safe method (GET, HEAD, OPTIONS) from an anonymous visitor without an
Authorization header. Everything else reads from the primary: requests that
write, any request of a logged-in user or of an API token (for the whole
request), management commands, the shell, background threads and tests
outside a request. Inside `transaction.atomic()` on the primary, reads go to
the primary too: they must see the transaction's own writes and its locks.
"""

from contextvars import ContextVar

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

# False (the default): this context reads from the primary. A ContextVar, not a
# thread-local, so that a request served in a thread or a task sees only its own.
_replica_reads = ContextVar("shiraka_replica_reads", default=False)


def allow_replica_reads(allowed: bool) -> None:
    """Set, for the current context, whether reads may go to the replica."""
    _replica_reads.set(allowed)


def replica_reads_allowed() -> bool:
    return _replica_reads.get()


class PrimaryReplicaRouter:
    """Writes and migrations on "default"; reads on "replica" when allowed."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may
        # point to one read from (or saved on) the primary.
        if obj1._state.db in (PRIMARY, REPLICA) and obj2._state.db in (PRIMARY, REPLICA):
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a physical copy of the primary: its schema arrives by
        # replication, never by `migrate`.
        return db == PRIMARY
