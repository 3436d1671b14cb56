"""The entry point of `manage.py seed_synthetic`: generate and write a
synthetic register in batches."""

from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.utils import translation

from core import cache as register_cache
from plans.models import Region, Sector

from .common import DEFAULT_BATCH_SIZE
from .places import SECTORS
from .register import SyntheticRegister
from .rows import Bundle, Taken
from .writer import Writer


def seed(
    conventions: int,
    seed: int,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str, int, int], None] | None = None,
) -> Counter:
    """Generate and write a synthetic register; return the rows written per model label.

    `progress(label, done, total)` is called after the reference rows
    ("références") and after each batch of conventions ("conventions")."""
    progress = progress or (lambda label, done, total: None)
    # Batches of at most a twentieth of the run, so that progress shows every 5 % or so.
    batch_size = max(1, min(batch_size, max(250, -(-conventions // 20))))
    # With DEBUG on, every query would be formatted and kept in connection.queries.
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        with translation.override("fr"):
            register = SyntheticRegister(
                conventions,
                seed,
                regions=list(Region.objects.order_by("code")),
                sectors={sector.slug: sector for sector in Sector.objects.filter(slug__in=[s[0] for s in SECTORS])},
                taken=Taken.from_database(),
            )
            writer = Writer()
            writer.reference(register)
            progress("références", 1, 1)
            batch: list[Bundle] = []
            done = 0
            for bundle in register.conventions():
                batch.append(bundle)
                if len(batch) >= batch_size:
                    writer.batch(batch)
                    done += len(batch)
                    batch = []
                    progress("conventions", done, conventions)
            if batch:
                writer.batch(batch)
                done += len(batch)
                progress("conventions", done, conventions)
            # Raw inserts send no signal: the register's cache learns of them here.
            register_cache.bump()
            if connection.vendor == "postgresql":
                # Fresh statistics, so that the first load test does not plan
                # its queries on empty tables, and the visibility map that
                # autovacuum would write later, without which no index-only
                # scan is possible (a deep page of the list: 435 ms → 100 ms).
                tables = sorted({model._meta.db_table for model in writer.tables} | writer.linked)
                # VACUUM cannot run inside a transaction (a test's): ANALYZE alone there.
                command = "ANALYZE " if connection.in_atomic_block else "VACUUM ANALYZE "
                with connection.cursor() as cursor:
                    cursor.execute(command + ", ".join(connection.ops.quote_name(table) for table in tables))
    finally:
        settings.DEBUG = debug
    return writer.counts
