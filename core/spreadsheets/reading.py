"""Reading an uploaded CSV or XLSX file into rows of text, within caps
(what reading refuses and why: the package's docstring)."""

import codecs
import csv
import datetime
import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader, _find_workbook_part
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS

from core.numbers import MB, localized, megabytes

# One logger for the package, named as before it was split in two.
logger = logging.getLogger("core.spreadsheets")

# What a cell must start with to be taken for a formula by a spreadsheet
# (tab and carriage return are neutralised on export but not worth a warning).
FORMULA_STARTS = ("=", "+", "-", "@")
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


def upload_limit() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * MB


def too_large_message(size: int) -> str:
    # Rounded up: a file just over the limit must not read as equal to it.
    return _(
        "Ce fichier pèse %(size)s Mo, au-delà de la limite de %(limit)s Mo pour un import. "
        "Découpez-le en plusieurs fichiers."
    ) % {"size": megabytes(size), "limit": settings.IMPORT_MAX_UPLOAD_MB}


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
    limits = _Limits(Caps.from_settings())
    try:
        for index, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            limits.line(index)
            cells = [cell.strip() for cell in cells]
            for column, cell in enumerate(cells, start=1):
                limits.cell(index, column, cell)
            rows.append((index, cells))
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
        rows = _xlsx_rows(data, Caps.from_settings())
    except SpreadsheetError:
        raise
    except DefusedXmlException as exc:  # a DTD, an entity, an external reference: never in a real workbook
        logger.warning("Hostile xlsx upload refused: %r", exc)
        raise SpreadsheetError(
            _("Ce classeur .xlsx est illisible. Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx.")
        ) from exc
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError, EOFError) as exc:
        logger.info("Unreadable xlsx upload: %r", exc)
        raise SpreadsheetError(
            _(
                "Ce classeur .xlsx est illisible (archive abîmée ou qui n'est pas un classeur Excel). "
                "Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx."
            )
        ) from exc
    except Exception as exc:  # openpyxl and defusedxml raise many kinds on malformed or hostile XML
        logger.info("Unreadable xlsx upload: %r", exc)
        raise SpreadsheetError(
            _("Ce classeur .xlsx est illisible. Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx.")
        ) from exc
    return _table(rows, [])


# --- reading within caps ---------------------------------------------------------------


@dataclass(frozen=True)
class Caps:
    """What an imported sheet may hold (the IMPORT_MAX_* settings)."""

    rows: int
    columns: int
    cell_chars: int
    cells: int
    unzipped_bytes: int

    @classmethod
    def from_settings(cls) -> "Caps":
        return cls(
            rows=settings.IMPORT_MAX_ROWS,
            columns=settings.IMPORT_MAX_COLUMNS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            cells=settings.IMPORT_MAX_CELLS,
            unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_MB * MB,
        )


class _Limits:
    """Counts what a reading has met and refuses, naming the caps, the first
    row, cell or character past them."""

    def __init__(self, caps: Caps):
        self.caps = caps
        self.cells = 0

    def refuse(self, message: str):
        limits = _(
            "Limites d'un import : %(rows)s lignes, %(columns)s colonnes, %(chars)s caractères par cellule, "
            "%(cells)s cellules."
        ) % {
            "rows": localized(self.caps.rows),
            "columns": localized(self.caps.columns),
            "chars": localized(self.caps.cell_chars),
            "cells": localized(self.caps.cells),
        }
        raise SpreadsheetError(f"{message} {limits}")

    def line(self, line: int) -> None:
        if line > self.caps.rows:
            self.refuse(
                _("Le fichier dépasse %(rows)s lignes : découpez-le en plusieurs fichiers.")
                % {"rows": localized(self.caps.rows)}
            )

    def cell(self, line: int, column: int, text: str) -> None:
        """A cell met, empty or not (an empty one still costs reading)."""
        self.cells += 1
        if self.cells > self.caps.cells:
            self.refuse(
                _("Le fichier dépasse %(cells)s cellules : découpez-le en plusieurs fichiers.")
                % {"cells": localized(self.caps.cells)}
            )
        if not text:
            return
        if column > self.caps.columns:
            self.refuse(
                _("La ligne %(line)s a une valeur au-delà de la colonne %(columns)s.")
                % {"line": line, "columns": localized(self.caps.columns)}
            )
        if len(text) > self.caps.cell_chars:
            self.refuse(
                _("Une cellule de la ligne %(line)s dépasse %(chars)s caractères.")
                % {"line": line, "chars": localized(self.caps.cell_chars)}
            )


# Parts openpyxl reads whole (the manifest, the workbook, its relations, the
# styles): small in any real workbook.
WHOLE_PART_MAX = 10 * MB
# Elements inside one cell or one shared string (rich text runs): a handful.
ELEMENTS_IN_ONE_CELL = 10_000

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"
_STRING = f"{{{SHEET_MAIN_NS}}}si"


def _stream(source, limits: _Limits, *, detach_depth: int):
    """Yield (event, element) for each element of an XML part as it starts
    and ends, and drop it from the tree once it has ended, so memory stays
    flat however long the part. Elements deeper than `detach_depth` (a
    cell's value, a string's runs) stay until their ancestor at that depth
    has ended, and are few."""
    stack = []
    pending = 0
    for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            yield event, element
            continue
        stack.pop()
        yield event, element
        if len(stack) < detach_depth:
            pending = 0
            if stack:
                stack[-1].remove(element)  # the last child: its earlier siblings are gone already
        else:
            pending += 1
            if pending > ELEMENTS_IN_ONE_CELL:
                limits.refuse(_("Ce classeur .xlsx a une cellule trop complexe pour être lue."))


def _shared_strings(reader, limits: _Limits) -> list[str]:
    """openpyxl's read_string_table, streamed and within the caps."""
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings = []
    with reader.archive.open(part.PartName[1:]) as source:
        for event, element in _stream(source, limits, detach_depth=2):
            if event == "end" and element.tag == _STRING:
                text = Text.from_tree(element).content.replace("x005F_", "")
                limits.cell(0, 1, "")  # a string costs reading as a cell does
                if len(text) > limits.caps.cell_chars:
                    limits.refuse(
                        _("Une cellule du classeur dépasse %(chars)s caractères.")
                        % {"chars": localized(limits.caps.cell_chars)}
                    )
                strings.append(text)
    return strings


def _xlsx_rows(data: bytes, caps: Caps) -> list[tuple[int, list[str]]]:
    """The first worksheet's filled rows, as text, read as a stream: the
    declared dimension is ignored, reading stops at the first cap passed."""
    limits = _Limits(caps)
    archive = zipfile.ZipFile(io.BytesIO(data))
    # A zip entry yields no more than its declared size (zipfile stops there),
    # so the declared sizes bound what reading can unpack.
    if sum(info.file_size for info in archive.infolist()) > caps.unzipped_bytes:
        limits.refuse(
            _("Ce classeur pèse plus de %(limit)s Mo une fois décompressé.")
            % {"limit": localized(settings.IMPORT_MAX_UNZIPPED_MB)}
        )
    sizes = {info.filename: info.file_size for info in archive.infolist()}

    def small(*names: str) -> None:
        if any(sizes.get(name, 0) > WHOLE_PART_MAX for name in names):
            raise ValueError(f"a part read whole is over {WHOLE_PART_MAX} bytes: {names}")

    small(ARC_CONTENT_TYPES, *(name for name in sizes if name.endswith(".rels")))
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
    # Not reader.read(): it would size every sheet by parsing it (a sheet
    # without <dimension> whole) and load the shared strings without limit.
    reader.read_manifest()
    small(_find_workbook_part(reader.package).PartName[1:], ARC_STYLE)
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    sheet = next(
        (
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ),
        None,
    )
    if sheet is None:
        return []
    workbook = reader.wb
    # data_only=False: a formula comes back as its text, never as a value
    # some other program computed and cached.
    cells = WorkSheetParser(
        None,
        _shared_strings(reader, limits),
        data_only=False,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    rows: list[tuple[int, list[str]]] = []
    line, values = 0, {}
    with reader.archive.open(sheet) as source:
        for event, element in _stream(source, limits, detach_depth=4):
            tag = element.tag
            if event == "start":
                if tag == _ROW:
                    # As openpyxl numbers rows: `r`, else the one after the last.
                    number = element.get("r")
                    line = int(float(number)) if number else line + 1
                    limits.line(line)
                    cells.row_counter, cells.col_counter, values = line, 0, {}
            elif tag == _CELL:
                if len(element) == 0 and element.get("t") != "inlineStr":
                    # No value, no formula: nothing to read, but it counts.
                    limits.cell(line, 0, "")
                    reference = element.get("r")
                    cells.col_counter = coordinate_to_tuple(reference)[1] if reference else cells.col_counter + 1
                    continue
                cell = cells.parse_cell(element)
                text = _cell_text(cell["value"])
                limits.cell(line, cell["column"], text)
                if text:
                    values[cell["column"]] = text
            elif tag == _ROW:
                if values:
                    rows.append((line, [values.get(column, "") for column in range(1, max(values) + 1)]))
                values = {}
            elif tag == _SHEET_DATA:
                break  # what follows the cells (merged ranges, formatting…) is not read
    return rows


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
