"""Spreadsheets in and out: reading an uploaded CSV or XLSX file into rows of
text, and writing a selection as CSV or XLSX that a spreadsheet never runs.

Reading never evaluates anything: CSV cells are text, and XLSX formulas come
back as the text of the formula ("=SUM(A1:A3)"), not as a computed value.
Every failure a user can cause (encoding, delimiter, size, a file that is not
what its name says) raises `SpreadsheetError` with a message in French.
"""

import codecs
import csv
import datetime
import io
import logging
import math
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

logger = logging.getLogger(__name__)

MB = 1024 * 1024
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What a cell must start with to be taken for a formula by a spreadsheet
# (tab and carriage return are neutralised on export but not worth a warning).
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(Exception):
    """A file that cannot be read as a table. The message is for the user."""


@dataclass
class Table:
    """The rows of a sheet as text. `rows` holds (line, cells) where line is
    the row number a spreadsheet shows (the header is usually line 1)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    header_line: int = 1
    notes: list[str] = field(default_factory=list)


# --- writing -------------------------------------------------------------------


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


class _Echo:
    def write(self, value):
        return value


def csv_download(*, filename: str, header: list[str], rows) -> StreamingHttpResponse:
    """`rows` (an iterable of lists) as a streamed CSV, UTF-8 with a BOM so
    Excel reads the accents, every cell neutralised."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        yield writer.writerow([_text(cell) for cell in header])
        for row in rows:
            yield writer.writerow([_text(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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


def xlsx_download(*, filename: str, header: list[str], rows, title: str = "export") -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header=header, rows=rows, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- reading -------------------------------------------------------------------


def upload_limit() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * MB


def too_large_message(size: int) -> str:
    # Rounded up: a file just over the limit must not read as equal to it.
    return _(
        "Ce fichier pèse %(size)s Mo, au-delà de la limite de %(limit)s Mo pour un import. "
        "Découpez-le en plusieurs fichiers."
    ) % {"size": number_format(math.ceil(size * 10 / MB) / 10, decimal_pos=1), "limit": settings.IMPORT_MAX_UPLOAD_MB}


def read_table(*, file, name: str, size: int | None = None) -> Table:
    """Read an uploaded .csv or .xlsx (a binary file object) into a Table.
    Reads at most the upload limit, whatever `size` claims."""
    limit = upload_limit()
    if size is not None and size > limit:
        raise SpreadsheetError(too_large_message(size))
    data = file.read(limit + 1)
    if len(data) > limit:
        raise SpreadsheetError(too_large_message(size if size and size > limit else len(data)))
    if not data.strip():
        raise SpreadsheetError(_("Le fichier est vide."))
    extension = Path(name or "").suffix.lower()
    if extension == ".xlsx":
        table = _xlsx_table(data)
    elif extension in (".csv", ".txt"):
        table = _csv_table(data)
    elif extension in (".xls", ".ods", ".numbers"):
        raise SpreadsheetError(
            _("Le format %(extension)s n'est pas pris en charge : enregistrez le tableau en .xlsx ou en .csv.")
            % {"extension": extension}
        )
    else:
        raise SpreadsheetError(
            _("Le fichier doit être un tableau .csv ou .xlsx (reçu : « %(name)s »).") % {"name": name}
        )
    if not table.header:
        raise SpreadsheetError(_("Le fichier est vide."))
    if not table.rows:
        raise SpreadsheetError(_("Le fichier n'a qu'une ligne d'en-tête : aucune ligne de données à importer."))
    return table


def _decode(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding used, or SpreadsheetError."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        raise SpreadsheetError(
            _(
                "Ce fichier n'est pas un CSV (il contient des données binaires). Enregistrez le tableau au "
                "format CSV (UTF-8) ou XLSX depuis votre tableur."
            )
        )
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "ISO-8859-1 (Latin-1)", "utf-16": "UTF-16"}


def _csv_table(data: bytes) -> Table:
    if data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(
            _(
                "Ce fichier porte l'extension .csv mais c'est un classeur Excel (.xlsx) renommé : "
                "redonnez-lui l'extension .xlsx, ou enregistrez-le en CSV depuis Excel."
            )
        )
    text, encoding = _decode(data)
    notes = []
    # A text full of control characters is a binary file renamed .csv.
    controls = sum(1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > max(10, len(text[:20000]) // 100):
        raise SpreadsheetError(
            _(
                "Ce fichier n'est pas un CSV (il contient des données binaires). Enregistrez le tableau au "
                "format CSV (UTF-8) ou XLSX depuis votre tableur."
            )
        )
    if encoding in ENCODING_NAMES:
        notes.append(
            _(
                "Le fichier n'était pas en UTF-8 : il a été lu comme %(encoding)s. Vérifiez les accents dans "
                "l'aperçu ; au besoin, enregistrez-le en « CSV UTF-8 »."
            )
            % {"encoding": ENCODING_NAMES[encoding]}
        )
    delimiter = _sniff_delimiter(text)
    if delimiter == ";":
        notes.append(_("Colonnes séparées par des points-virgules (CSV d'Excel en français)."))
    elif delimiter == "\t":
        notes.append(_("Colonnes séparées par des tabulations."))
    rows = []
    try:
        for index, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            rows.append((index, [cell.strip() for cell in cells]))
    except csv.Error as exc:
        raise SpreadsheetError(
            _("Le CSV est mal formé vers la ligne %(line)s (%(error)s).") % {"line": len(rows) + 1, "error": exc}
        ) from exc
    return _table(rows, notes)


def _sniff_delimiter(text: str) -> str:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        # Data for yes_no(), which reads French and English words: not the
        # reader's language (an Arabic « نعم » would be refused).
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _xlsx_table(data: bytes) -> Table:
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(
            _(
                "Ce fichier porte l'extension .xlsx mais n'est pas un classeur Excel (ce n'est pas une archive "
                "zip). S'il s'agit d'un CSV, donnez-lui l'extension .csv ; sinon, enregistrez-le à nouveau en "
                "« Classeur Excel (.xlsx) »."
            )
        )
    try:
        # data_only=False: a formula comes back as its text, never as a value
        # some other program computed and cached.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = [
            (index, [_cell_text(value) for value in values])
            for index, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError, EOFError) as exc:
        logger.info("Unreadable xlsx upload: %r", exc)
        raise SpreadsheetError(
            _(
                "Ce classeur .xlsx est illisible (archive abîmée ou qui n'est pas un classeur Excel). "
                "Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx."
            )
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed XML
        logger.info("Unreadable xlsx upload: %r", exc)
        raise SpreadsheetError(
            _("Ce classeur .xlsx est illisible. Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx.")
        ) from exc
    return _table(rows, [])


def _table(rows: list[tuple[int, list[str]]], notes: list[str]) -> Table:
    """The first non-empty row is the header; blank rows are dropped."""
    filled = [(line, cells) for line, cells in rows if any(cell.strip() for cell in cells)]
    if not filled:
        return Table(header=[], rows=[], notes=notes)
    header_line, header = filled[0]
    # Trailing empty header cells (a sheet formatted further right) are not columns.
    while header and not header[-1].strip():
        header.pop()
    return Table(header=header, rows=filled[1:], header_line=header_line, notes=notes)


def formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)
