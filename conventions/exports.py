"""The current selection of the public list as CSV, JSON or XLSX.

Rows are produced without model instances: the ordered primary keys of the
selection are read once (one query), then conventions are read in chunks of
CHUNK_SIZE with `values_list` of exactly the exported columns, and each
chunk's parties (with their actors), sectors, regions and plans come with one
query each, grouped in Python. A download therefore runs
`1 + 5 × ceil(rows / CHUNK_SIZE)` queries, holds one chunk at a time (plus
the list of keys, 8 bytes a row), and each chunk is sent as one piece.

Translated values follow django-modeltranslation's rule, as `convention.title`
would: the active language's column, else the fallback languages' (French),
else the field's default. The order is the selection's own (the filter set's
`qs`), read from the database with the keys.

A download never ends silently short:

- The number of rows is announced in `X-Total-Count` (the length of the key
  list, so it costs nothing), before the first byte of the body.
- CSV and JSON are streamed with chunked transfer encoding (gunicorn uses it
  for an HTTP/1.1 response without a length). If producing a chunk fails
  after the headers have left (a database error), the exception is logged
  here and re-raised; gunicorn logs it too and closes the connection without
  the terminating chunk, and so it does when it kills a worker at its
  timeout. HTTP clients report that as an error (curl: "transfer closed with
  outstanding read data remaining", exit code 18; browsers: a failed
  download), never as a complete file; a JSON body also lacks its closing
  "]". A client speaking HTTP/1.0 gets no chunked encoding and sees a plain
  end of connection: it must compare the rows it received with
  `X-Total-Count`. (Django's runserver does not use chunked encoding either.)
- XLSX is built whole before it is sent, with its Content-Length, so it
  either arrives complete or the request fails.

The rows are those of the selection when the download starts; a convention
deleted while the file is being written is left out (the count then reads one
more than the rows).
"""

import json
import logging
import re
from array import array
from itertools import islice

from django.db.models import F, Lookup
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from modeltranslation.fields import NONE
from modeltranslation.manager import rewrite_order_lookup_key
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, get_language, resolution_order

from actors.models import Actor
from core.spreadsheets import csv_download, logged, xlsx_download
from plans.models import Plan, Region, Sector

from .columns import EXPORTED, stored
from .filters import ConventionFilterSet
from .models import Convention, Party

logger = logging.getLogger(__name__)

# Conventions read per query; the queries of a download are 1 + 5 per chunk.
# Measured on 85 000 rows (docs/exports-benchmark.md): the time is the same
# from 500 to 2 000, the worker's peak memory is not (+11 MB at 500, +30 MB
# at 2 000, over the 1 000-row export's).
CHUNK_SIZE = 500

FIELDS = [column.name for column in EXPORTED]
# Conventions' own columns, in the order `ConventionRows.read` reads them (after
# pk, slug and the title's columns).
STORED = stored(EXPORTED)
CONVENTION_COLUMNS = [column.field for column in STORED]

# What the `slug` path converter accepts: such a slug goes into the address
# unchanged, so the address is the template's head + slug + tail.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_MARK = "shiraka-export-slug-mark"


def _translated(model, field):
    """(columns, pick) for a translated field: the columns modeltranslation
    reads for `model.field` in the active language, in its order, and
    pick(values) giving the value its descriptor would return."""
    descriptor = getattr(model, field)
    languages = resolution_order(get_language(), descriptor.fallback_languages)
    columns = [build_localized_fieldname(field, language) for language in languages]
    default = descriptor.field.get_default()
    undefined = default if descriptor.fallback_undefined is NONE else descriptor.fallback_undefined
    if fallbacks_enabled() and descriptor.fallback_value is not NONE:
        default = descriptor.fallback_value

    def pick(values):
        for value in values:
            if value is not None and value != undefined:
                return value
        return default

    return columns, pick


class _Among(Lookup):
    """`column IN (%s, %s, …)` for a list of integer keys, without Django's
    preparation of each value in Python (about 2 µs apiece, and a chunk sends
    five lists): they are integers read from the database.
    Parameters, not literals: every full chunk then sends the same SQL, which
    sqlite3 prepares once and keeps in its statement cache (a cache of 128
    statements of 2 000 literals each held about 70 MB). A Lookup, so the
    filter is the comparison itself (an expression would be compared to
    True, and SQLite would scan the table instead of its index)."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} IN ({', '.join(['%s'] * len(self.rhs))})", (*params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        # One array parameter: psycopg parses a statement of 500 placeholders
        # anew each time (too long for its cache) and adapts each key.
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", (*params, list(self.rhs))


def _among(column: str, pks: list[int]) -> _Among:
    return _Among(F(column), pks)


def _ordering(model, relation: str) -> list[str]:
    """`model`'s default ordering as the related manager applies it (a
    translated field in the active language), seen from a through table or
    Party through `relation`; the key breaks ties."""
    keys = [rewrite_order_lookup_key(model, key) for key in model._meta.ordering]
    return [f"-{relation}__{key[1:]}" if key.startswith("-") else f"{relation}__{key}" for key in keys] + [
        f"{relation}_id"
    ]


class ConventionRows:
    """Conventions as rows of values (dicts in FIELDS' order), read without
    model instances: a convention's own columns in one query, then its
    parties (with their actors), sectors, regions and plans in one query
    each, for any list of keys. Everything that depends on the request and
    its language is resolved once, when the view runs. The exports read the
    whole selection through it, a chunk at a time; the API's list, a page.
    `relations` leaves out the relations a reader does not show."""

    RELATIONS = ("sectors", "regions", "plans")

    def __init__(self, request, relations=RELATIONS):
        self.request = request
        self.relations = relations
        self.title_columns, self.pick_title = _translated(Convention, "title")
        self.name_columns, self.pick_name = _translated(Actor, "name")
        self.orders = {"sectors": _ordering(Sector, "sector"), "regions": _ordering(Region, "region")}
        self.orders["plans"] = _ordering(Plan, "plan")
        address = request.build_absolute_uri(reverse("conventions:detail", kwargs={"slug": _SLUG_MARK}))
        self.url_head, _mark, self.url_tail = address.rpartition(_SLUG_MARK)

    @property
    def columns(self) -> list[str]:
        """A convention's own values, as `rows` takes them: its key first."""
        return ["pk", "slug", *self.title_columns, *CONVENTION_COLUMNS]

    def url(self, slug: str) -> str:
        if _PLAIN_SLUG.fullmatch(slug):
            return self.url_head + slug + self.url_tail
        return self.request.build_absolute_uri(reverse("conventions:detail", kwargs={"slug": slug}))

    def read(self, pks: list[int]) -> dict[int, tuple]:
        """{pk: the convention's own values (`columns`)}: one query."""
        return {
            values[0]: values
            for values in Convention.objects.rewrite(False)
            .filter(_among("pk", pks))
            .order_by()
            .values_list(*self.columns)
        }

    def rows(self, pks: list[int], conventions: dict[int, tuple] | None = None, *, raw: bool = False) -> list[dict]:
        """The rows of `pks`, in their order; `conventions` their own values
        when the caller read them already (else `read`). `raw`: dates and
        amounts as Python values, for a writer that formats them itself."""
        if not pks:
            return []
        if conventions is None:
            conventions = self.read(pks)
        titles = len(self.title_columns)
        parties = {pk: [] for pk in pks}
        pick_name = self.pick_name
        for convention_id, slug, *names, acronym, role in (
            Party.objects.filter(_among("convention_id", pks))
            .order_by("convention_id", "position", "id")
            .values_list(
                "convention_id", "actor__slug", *(f"actor__{c}" for c in self.name_columns), "actor__acronym", "role"
            )
        ):
            parties[convention_id].append({"actor": slug, "name": pick_name(names), "acronym": acronym, "role": role})
        related = {
            "sectors": (Convention.sectors.through, "sector"),
            "regions": (Convention.regions.through, "region"),
            "plans": (Convention.plans.through, "plan"),
        }
        slugs = {
            name: self._slugs(*related[name], self.orders[name], pks) if name in self.relations else {}
            for name in self.RELATIONS
        }

        rows = []
        pick_title, url = self.pick_title, self.url
        for pk in pks:
            values = conventions.get(pk)
            if values is None:  # deleted since the keys were read
                continue
            slug = values[1]
            row = dict.fromkeys(FIELDS)
            row["slug"] = slug
            row["title"] = pick_title(values[2 : 2 + titles])
            own = values[2 + titles : 2 + titles + len(STORED)]
            for column, value in zip(STORED, own, strict=True):
                row[column.name] = value if raw else column.written(value)
            row["parties"] = parties[pk]
            for name in self.RELATIONS:
                row[name] = slugs[name].get(pk, [])
            row["url"] = url(slug)
            rows.append(row)
        return rows

    @staticmethod
    def _slugs(through, relation: str, ordering: list[str], pks: list[int]) -> dict[int, list[str]]:
        grouped = {}
        for convention_id, slug in (
            through.objects.filter(_among("convention_id", pks))
            .order_by(*ordering)
            .values_list("convention_id", f"{relation}__slug")
        ):
            grouped.setdefault(convention_id, []).append(slug)
        return grouped


class _Export(ConventionRows):
    """The whole selection: its keys read once, in its order, when the view
    runs; its rows a chunk at a time while the response streams."""

    def __init__(self, queryset, request):
        super().__init__(request)
        # The keys in the selection's order. rewrite(False): the ordering is
        # already rewritten to the language's columns; skip modeltranslation's
        # per-row fallback machinery, which values_list does not need.
        # The annotations stay selected: the order may use one (a search's
        # rank), and SQLite reads a constant in ORDER BY as a column number.
        keys = queryset.rewrite(False).values_list("pk", *queryset.query.annotation_select)
        self.pks = array("q", (row[0] for row in keys.iterator(chunk_size=CHUNK_SIZE)))

    def __len__(self):
        return len(self.pks)

    def chunks(self):
        """Lists of rows, CHUNK_SIZE conventions at a time."""
        pks = iter(self.pks)
        while chunk := list(islice(pks, CHUNK_SIZE)):
            yield self.rows(chunk)


def _flat(row: dict) -> list[str]:
    """A row's cells for CSV and XLSX: lists joined with "; ", parties as
    "ACRONYM (role)" (the name without an acronym), nothing as "", the
    writer (core.spreadsheets) neutralises every cell. The row's keys are
    FIELDS, in order."""
    cells = []
    for key, value in row.items():
        if key == "parties":
            value = "; ".join(f"{p['acronym'] or p['name']} ({p['role']})" for p in value)
        elif value is None:
            value = ""
        elif type(value) is list:
            value = "; ".join(value)
        cells.append(value)
    return cells


def _filename(extension: str) -> str:
    return f"shiraka-conventions-{timezone.localdate().isoformat()}.{extension}"


def _rows(export: _Export):
    """The export's rows as spreadsheet cells, chunk after chunk."""
    return (_flat(row) for rows in export.chunks() for row in rows)


def csv_response(queryset, request) -> StreamingHttpResponse:
    export = _Export(queryset, request)
    return csv_download(filename=_filename("csv"), header=FIELDS, rows=_rows(export), total=len(export))


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(row, ensure_ascii=False), without a new encoder a row


def json_response(queryset, request) -> StreamingHttpResponse:
    export = _Export(queryset, request)

    def pieces():
        yield "["
        first = True
        for rows in export.chunks():
            piece = ",".join(_json(row) for row in rows)
            if piece:
                yield piece if first else "," + piece
                first = False
        yield "]"

    response = StreamingHttpResponse(logged(pieces(), "JSON"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    response["X-Total-Count"] = str(len(export))
    return response


def xlsx_response(queryset, request) -> HttpResponse:
    """The selection as an Excel workbook, every cell a text cell (a
    formula-like title stays a string, neutralised as in CSV), built in
    write-only mode, row by row."""
    export = _Export(queryset, request)
    return xlsx_download(
        filename=_filename("xlsx"), header=FIELDS, rows=_rows(export), title="conventions", total=len(export)
    )


def _selection(request):
    # Same filters as the page, so the download is exactly what the reader sees.
    return ConventionFilterSet(request.GET or None, queryset=Convention.objects.published()).qs


def export_csv(request):
    return csv_response(_selection(request), request)


def export_json(request):
    return json_response(_selection(request), request)


def export_xlsx(request):
    return xlsx_response(_selection(request), request)
