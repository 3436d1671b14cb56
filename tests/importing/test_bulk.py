"""Many rows: a 500-row file dry-runs then imports, and the queries grow by
one per convention written, not by one per party, objective or lookup."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.models import Convention, FollowUpAction, Objective, Party
from tests.importing.helpers import csv_bytes, errors, row, run

pytestmark = pytest.mark.django_db


def generated(count: int) -> bytes:
    return csv_bytes(
        [
            row(
                title=f"Convention générée {n}",
                kind="Convention de partenariat",
                status="Signée",
                signed_on=f"20{n % 25:02d}-{n % 12 + 1:02d}",
                parties=f"ASSO{n % 30} (signataire); Association numéro {(n + 1) % 30} (financeur)",
                sectors="industrie-automobile",
                plans="plan-de-relance-industrielle",
                objectives=f"Créations d'emplois = {n * 10} emplois @ 2030",
                actions=f"Suivi annuel [ASSO{n % 30}] @ 2026-06",
            )
            for n in range(count)
        ]
    )


def test_a_500_row_file_dry_runs_then_imports(register):
    data = generated(500)

    dry = run(data)
    assert dry.ok and dry.created == 500 and not dry.written
    assert Convention.objects.count() == 0

    report = run(data, dry_run=False)

    assert report.written, errors(report)[:3]
    assert Convention.objects.count() == 500
    assert Party.objects.count() == 1000
    assert Objective.objects.count() == 500 and FollowUpAction.objects.count() == 500
    assert Convention.objects.exclude(search_text="").count() == 500


# Checking a file costs 7 queries whatever its length: actors, other
# names, sectors, regions, plans, sources, and every convention's (slug, title, date)
# for duplicates and new slugs. (A file with identifiants adds 5: the
# conventions to update with their parties, objectives, actions and
# components, whose plans a new list of plans must keep.)
CHECK_QUERIES = 7
# Writing: one INSERT per convention, plus 23 whatever the length: savepoint;
# parties, objectives and actions in bulk (3); sector and plan links, delete
# and insert each (4); the search text (8 reads, regions included, 1 bulk
# UPDATE); the history of conventions, parties, objectives and actions in
# bulk (4); the register's version, once (core.cache.one_version); release.
WRITE_CONSTANT = 23


@pytest.mark.parametrize("count", [10, 50])
def test_queries_grow_by_one_per_convention_written(register, count, django_assert_num_queries):
    data = generated(count)
    # 50 rows: 7 + 50 + 23 = 80 queries.
    with django_assert_num_queries(CHECK_QUERIES + count + WRITE_CONSTANT):
        report = run(data, dry_run=False)
    assert report.written


def test_a_dry_run_costs_the_same_queries_for_10_or_50_rows(register):
    counts = []
    for count in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            run(generated(count))
        counts.append(len(queries))
    assert counts == [CHECK_QUERIES, CHECK_QUERIES]
