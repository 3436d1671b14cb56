"""The current selection of the public list as CSV or JSON, streamed row by
row so memory stays flat whatever the size of the register."""

import csv
import io
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from core.spreadsheets import neutralise

from .filters import ConventionFilterSet
from .models import Convention

FIELDS = [
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
]


def _row(convention, request) -> dict:
    return {
        "slug": convention.slug,
        "title": convention.title,
        "kind": convention.kind,
        "status": convention.status,
        "signed_on": convention.signed_on.isoformat() if convention.signed_on else None,
        "signed_on_precision": convention.signed_on_precision,
        "place": convention.place,
        "event": convention.event,
        "start_on": convention.start_on.isoformat() if convention.start_on else None,
        "end_on": convention.end_on.isoformat() if convention.end_on else None,
        "amount": str(convention.amount) if convention.amount is not None else None,
        "currency": convention.currency,
        "scope": convention.scope,
        "parties": [
            {"actor": p.actor.slug, "name": p.actor.name, "acronym": p.actor.acronym, "role": p.role}
            for p in convention.parties.all()
        ],
        "sectors": [s.slug for s in convention.sectors.all()],
        "regions": [r.slug for r in convention.regions.all()],
        "plans": [p.slug for p in convention.plans.all()],
        "url": request.build_absolute_uri(convention.get_absolute_url()),
        "updated_at": convention.updated_at.isoformat(),
    }


def _rows(queryset, request):
    queryset = queryset.prefetch_related("parties__actor", "sectors", "regions", "plans")
    for convention in queryset.iterator(chunk_size=500):
        yield _row(convention, request)


class _Echo:
    def write(self, value):
        return value


def _flat(row: dict) -> list[str]:
    parties = "; ".join(f"{p['acronym'] or p['name']} ({p['role']})" for p in row["parties"])
    values = {**row, "parties": parties}
    for key in ("sectors", "regions", "plans"):
        values[key] = "; ".join(row[key])
    return [neutralise("" if values[f] is None else str(values[f])) for f in FIELDS]


def _filename(extension: str) -> str:
    return f"shiraka-conventions-{timezone.localdate().isoformat()}.{extension}"


def csv_response(queryset, request) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        yield writer.writerow(FIELDS)
        for row in _rows(queryset, request):
            yield writer.writerow(_flat(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def json_response(queryset, request) -> StreamingHttpResponse:
    def chunks():
        yield "["
        for index, row in enumerate(_rows(queryset, request)):
            yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
        yield "]"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response


def xlsx_response(queryset, request) -> HttpResponse:
    """The selection as an Excel workbook. Every cell is written as text (a
    formula-like title stays a string and is neutralised as in CSV); the
    workbook is built in write-only mode, row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("conventions")
    sheet.append(FIELDS)
    for row in _rows(queryset, request):
        sheet.append(_flat(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def _selection(request):
    # Same filters as the page, so the download is exactly what the reader sees.
    return ConventionFilterSet(request.GET or None, queryset=Convention.objects.published()).qs


def export_csv(request):
    return csv_response(_selection(request), request)


def export_json(request):
    return json_response(_selection(request), request)


def export_xlsx(request):
    return xlsx_response(_selection(request), request)
