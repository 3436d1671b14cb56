"""SQLite's planner knows how the register's columns are spread: a page's
rows are fetched by primary key, not through the publication state's index."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from conventions.models import Convention
from core import statistics

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyses by itself"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_a_page_of_published_conventions_is_read_by_key_after_a_bulk_write():
    # The synthetic generator writes in bulk, then refreshes the statistics.
    call_command("seed_synthetic", conventions=300, seed=3, stdout=StringIO(), stderr=StringIO())
    ids = list(Convention.objects.published().values_list("pk", flat=True)[:10])
    assert "PRIMARY KEY" in plan(Convention.objects.published().filter(pk__in=ids))


def test_without_statistics_the_planner_took_the_publication_states_index():
    call_command("seed_synthetic", conventions=300, seed=3, stdout=StringIO(), stderr=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.execute("ANALYZE sqlite_schema")  # makes the planner reload the (now empty) statistics
    ids = list(Convention.objects.published().values_list("pk", flat=True)[:10])
    assert "PRIMARY KEY" not in plan(Convention.objects.published().filter(pk__in=ids))
    statistics.refresh()
    assert "PRIMARY KEY" in plan(Convention.objects.published().filter(pk__in=ids))


def test_migrate_makes_the_statistics():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 1
