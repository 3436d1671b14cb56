"""Spreadsheets in and out: reading an uploaded CSV or XLSX file into rows of
text, and writing a selection as CSV or XLSX that a spreadsheet never runs.

Reading never evaluates anything: CSV cells are text, and XLSX formulas come
back as the text of the formula ("=SUM(A1:A3)"), not as a computed value.
Every failure a user can cause (encoding, delimiter, size, a file that is not
what its name says) raises `SpreadsheetError` with a message in French.

What a sheet declares is never trusted: an .xlsx whose `<dimension>` claims
A1:XFD1048576 (openpyxl would pad every row to 16 384 cells and a million
rows), a million empty rows compressed to little, a row of millions of cells,
a cell of megabytes. The sheet is streamed element by element, and reading
stops, with a refusal naming the caps, at the first row, column, cell or
character past them (`Caps`, from the IMPORT_MAX_* settings). Its XML is
parsed with defusedxml (no entity expansion, no DTD, no external reference),
as openpyxl's own reads are once defusedxml is installed.
"""

from .reading import (
    ENCODING_NAMES,
    FORMULA_STARTS,
    ZIP_MAGIC,
    Caps,
    SpreadsheetError,
    Table,
    formula_like,
    read_table,
    too_large_message,
    upload_limit,
)
from .writing import (
    CSV_PIECE_ROWS,
    FORMULA_PREFIXES,
    XLSX_CONTENT_TYPE,
    csv_download,
    csv_pieces,
    logged,
    neutralise,
    unneutralise,
    xlsx_bytes,
    xlsx_download,
)

__all__ = [
    "CSV_PIECE_ROWS",
    "ENCODING_NAMES",
    "FORMULA_PREFIXES",
    "FORMULA_STARTS",
    "XLSX_CONTENT_TYPE",
    "ZIP_MAGIC",
    "Caps",
    "SpreadsheetError",
    "Table",
    "csv_download",
    "csv_pieces",
    "formula_like",
    "logged",
    "neutralise",
    "read_table",
    "too_large_message",
    "unneutralise",
    "upload_limit",
    "xlsx_bytes",
    "xlsx_download",
]
