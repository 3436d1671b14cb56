"""Writing a selection as CSV or XLSX that a spreadsheet never runs: every
cell is text, and a cell a spreadsheet would take for a formula is prefixed
with a quote (`neutralise`). CSV is streamed in pieces; a failure while
streaming is logged before the response is cut short (`logged`)."""

import csv
import io
import itertools
import logging

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# One logger for the package, named as before it was split in two.
logger = logging.getLogger("core.spreadsheets")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with a quote."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def unneutralise(value: str) -> str:
    """The reverse of `neutralise`, for a file exported here and edited."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _text(value) -> str:
    return neutralise("" if value is None else str(value))


# Rows written per piece of a streamed CSV: few enough to hold, enough that a
# piece is not a handful of bytes.
CSV_PIECE_ROWS = 500


def csv_pieces(header: list[str], rows, *, bom: bool = True):
    """`header` then `rows` (an iterable of lists of values) as CSV text, in
    pieces of CSV_PIECE_ROWS rows: every cell as text ("" for None),
    neutralised. With `bom`, a UTF-8 byte order mark first, so Excel reads
    the accents (not for machine readers: the open-data files)."""
    if bom:
        yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for piece in itertools.chain([[header]], itertools.batched(rows, CSV_PIECE_ROWS)):
        writer.writerows([_text(cell) for cell in row] for row in piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def logged(pieces, what: str):
    """`pieces`, with a failure logged before it propagates: a streamed
    response is then cut short visibly (conventions/exports.py says how a
    client sees it), never silently."""
    try:
        yield from pieces
    except Exception:
        logger.exception("The %s export failed while streaming; the response is cut short", what)
        raise


def csv_download(
    *, filename: str, header: list[str], rows, bom: bool = True, total: int | None = None
) -> StreamingHttpResponse:
    """`rows` as a streamed CSV attachment (csv_pieces), with `total` in
    X-Total-Count when it is known before the first byte."""
    pieces = logged(csv_pieces(header, rows, bom=bom), filename)
    response = StreamingHttpResponse(pieces, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if total is not None:
        response["X-Total-Count"] = str(total)
    return response


def xlsx_bytes(*, header: list[str], rows, title: str = "export") -> bytes:
    """A workbook whose every cell is a string cell: a neutralised value never
    starts with "=", and the type is set explicitly besides, so Excel shows
    the text and never computes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])

    def cells(values):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=_text(value))
            cell.data_type = "s"
            out.append(cell)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_download(
    *, filename: str, header: list[str], rows, title: str = "export", total: int | None = None
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header=header, rows=rows, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if total is not None:
        response["X-Total-Count"] = str(total)
    return response
