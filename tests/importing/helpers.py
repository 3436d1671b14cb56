"""Files built in memory for the import tests: nothing is written to the repo."""

import csv
import io
from pathlib import Path

from django.core.management import call_command

from conventions.importing import CONVENTION_COLUMNS, import_file
from core.spreadsheets import xlsx_bytes

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import"
HEADER = list(CONVENTION_COLUMNS.values())


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(**values) -> list[str]:
    """A convention row by column key: row(title=…, parties=…)."""
    return [values.get(key, "") for key in CONVENTION_COLUMNS]


def run(data: bytes, *, name="conventions.csv", dry_run=True, user=None, what="conventions"):
    return import_file(file=io.BytesIO(data), name=name, size=len(data), user=user, dry_run=dry_run, what=what)


def xlsx(rows, header=HEADER) -> bytes:
    return xlsx_bytes(header=header, rows=rows)


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def errors(report) -> list[str]:
    return [str(note) for row in report.rows for note in row.errors]
