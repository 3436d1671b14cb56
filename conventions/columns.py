"""A convention's columns, declared once.

Each column has its name in the files, its type and description (the
Frictionless schema of the open-data package), the model field it is read
from (None: built from related rows, by the writer that offers it), and how
its value is written: dates as ISO 8601, amounts as decimal text, a missing
value as None (JSON's null, CSV's empty cell). The exports of a selection
(CSV, JSON, XLSX: `EXPORTED`) and the open-data file (`OPEN_DATA`) choose
among these columns; neither names or writes a column of its own.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

# How much of a date the source gives, said once for every *_precision column.
DATE_PRECISION = "day, month, year or unknown: how much of the date the source gives"


def _written(value):
    """A value as the files carry it: ISO dates and times, decimal text."""
    if isinstance(value, datetime.date):  # datetime.datetime included
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    # The model field read (`values_list`), when the column is one; a label
    # column names the choice field whose label it writes.
    field: str | None = None
    label_of: str | None = None
    written = staticmethod(_written)

    def schema(self) -> dict:
        return {"name": self.name, "type": self.type, "description": self.description}


COLUMNS = {
    column.name: column
    for column in [
        Column("slug", "string", "Identifier, also in the page address", "slug"),
        Column("title", "string", "Title"),
        Column("kind", "string", "Kind (code)", "kind"),
        Column("kind_label", "string", "Kind (label)", label_of="kind"),
        Column("status", "string", "Status (code)", "status"),
        Column("status_label", "string", "Status (label)", label_of="status"),
        Column("signed_on", "date", "Signature date, first day of its period", "signed_on"),
        Column("signed_on_precision", "string", DATE_PRECISION, "signed_on_precision"),
        Column("place", "string", "Place of signature", "place"),
        Column("event", "string", "Event of the signature", "event"),
        Column("start_on", "date", "Start of effect", "start_on"),
        Column("end_on", "date", "End of effect", "end_on"),
        Column("amount", "number", "Committed amount", "amount"),
        Column("currency", "string", "ISO 4217 currency", "currency"),
        Column("scope", "string", "national, regional, local or international", "scope"),
        Column("parties", "array", "Parties: actor slug, name, acronym and role, in the convention's order"),
        Column("sectors", "array", "Sector slugs"),
        Column("regions", "array", "Region slugs"),
        Column("plans", "array", "Plan slugs"),
        Column("url", "string", "Address of the convention's page"),
        Column("updated_at", "datetime", "Last change in the register", "updated_at"),
        Column("published_at", "datetime", "When the register published it", "published_at"),
    ]
}

# The exports of a selection (the list's CSV, JSON and XLSX, and the API's).
EXPORTED = [
    COLUMNS[name]
    for name in (
        "slug",
        "title",
        "kind",
        "status",
        "signed_on",
        "signed_on_precision",
        "place",
        "event",
        "start_on",
        "end_on",
        "amount",
        "currency",
        "scope",
        "parties",
        "sectors",
        "regions",
        "plans",
        "url",
        "updated_at",
    )
]

# The open-data package's conventions file: one row a convention, codes with
# their labels, relations in their own files (parties.csv…).
OPEN_DATA = [
    COLUMNS[name]
    for name in (
        "slug",
        "title",
        "kind",
        "kind_label",
        "status",
        "status_label",
        "signed_on",
        "signed_on_precision",
        "place",
        "event",
        "start_on",
        "end_on",
        "amount",
        "currency",
        "scope",
        "published_at",
    )
]


def stored(columns) -> list[Column]:
    """The columns of `columns` read from a field of the convention's row, in
    order: the slug apart (every writer reads it first, as the row's key in
    the files) and the title apart (read through its languages)."""
    return [column for column in columns if column.field and column.name != "slug"]
