"""Indexes in the public list's order, one per language (the title that breaks
ties is the reader's language's): a deep page reads its 25 rows from the
index instead of sorting the whole register (1 s → 27 ms for page 3 000 at
100 000 conventions on SQLite; docs/benchmarks.md).

Raw SQL because the order is `signed_on DESC NULLS LAST`: PostgreSQL needs
the NULLS LAST in the index to use it, SQLite's CREATE INDEX does not accept
it (and needs none: its NULLs already sort last in DESC order)."""

from django.db import migrations

LANGUAGES = ("fr", "ar", "en")


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for code in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS conventions_list_{code}_idx ON conventions_convention "
            f"(publication_state, signed_on DESC{nulls}, title_{code}, id)"
        )


def drop(apps, schema_editor):
    for code in LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS conventions_list_{code}_idx")


class Migration(migrations.Migration):
    dependencies = [("conventions", "0009_currency_iso_4217")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
