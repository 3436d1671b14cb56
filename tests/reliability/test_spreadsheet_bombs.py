"""Spreadsheet bombs are refused in bounded time and memory.

openpyxl trusted a sheet's declared `<dimension>`: a 4 854-byte .xlsx
declaring A1:XFD1048576 ran `import_conventions --dry-run` 39 s to 5.9 GB,
and a 33 KB file held the admin import 30 s and returned a 65 MB page. The
reader now streams the sheet and stops at the caps (IMPORT_MAX_ROWS,
IMPORT_MAX_COLUMNS, IMPORT_MAX_CELL_CHARS, IMPORT_MAX_CELLS, and the
archive's size once unzipped), whatever the file declares; its XML is parsed
with entities and external references refused (defusedxml)."""

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.spreadsheets import SpreadsheetError, read_table, xlsx_bytes
from tests.importing.helpers import HEADER, row

pytestmark = pytest.mark.django_db

SECONDS = 5
PEAK_BYTES = 100 * 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def with_sheet(sheet_xml: bytes, *, replace: dict[str, bytes] | None = None) -> bytes:
    """A real workbook (as the exports write it) whose first sheet is `sheet_xml`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(header=HEADER, rows=[row()])))
    parts = {name: source.read(name) for name in source.namelist()}
    parts[SHEET] = sheet_xml
    parts.update(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def dimension_bomb() -> bytes:
    """Declares the largest sheet there is, holds a few cells far apart."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>'
        f'<row r="1">{inline("A1", "titre")}{inline("B1", "parties")}</row>'
        f'<row r="2">{inline("A2", "Convention")}{inline("XFD2", "loin à droite")}</row>'
        f'<row r="1048576">{inline("XFD1048576", "tout en bas")}</row>'
        "</sheetData></worksheet>"
    )
    return with_sheet(xml.encode())


def far_cells_bomb() -> bytes:
    """Within the columns cap on every row but one cell a million rows down."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>'
        f'<row r="1">{inline("A1", "titre")}</row><row r="2">{inline("A2", "Convention")}</row>'
        f'<row r="1048576">{inline("A1048576", "tout en bas")}</row>'
        "</sheetData></worksheet>"
    )
    return with_sheet(xml.encode())


def empty_rows_bomb(rows: int = 1_000_000) -> bytes:
    """A million rows of empty cells, compressed to little."""
    body = "".join(f'<row r="{n}"><c r="A{n}"/><c r="B{n}"/></row>' for n in range(1, rows + 1))
    xml = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{body}</sheetData></worksheet>'
    return with_sheet(xml.encode())


def wide_row_bomb(cells: int = 2_000_000) -> bytes:
    """One row of two million cells, each within the first columns."""
    body = '<c r="A1"/>' * cells
    xml = f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1">{body}</row></sheetData></worksheet>'
    return with_sheet(xml.encode())


def long_cell_file() -> bytes:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'
        f'<row r="1">{inline("A1", "titre")}</row><row r="2">{inline("A2", "x" * 200_000)}</row>'
        "</sheetData></worksheet>"
    )
    return with_sheet(xml.encode())


def entity_bomb() -> bytes:
    """Billion laughs in the shared strings."""
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    strings = (
        f'<?xml version="1.0"?>{laughs}]><sst {NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()
    cell = '<c r="A1" t="s"><v>0</v></c>'
    sheet = f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1">{cell}</row></sheetData></worksheet>'
    data = with_sheet(sheet.encode(), replace={"xl/sharedStrings.xml": strings})
    archive = zipfile.ZipFile(io.BytesIO(data))
    types = archive.read("[Content_Types].xml").decode()
    if "sharedStrings" not in types:
        types = types.replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    return with_sheet(sheet.encode(), replace={"xl/sharedStrings.xml": strings, "[Content_Types].xml": types.encode()})


BOMBS = {
    "dimension-A1-XFD1048576": dimension_bomb,
    "one-cell-a-million-rows-down": far_cells_bomb,
    "a-million-empty-rows": empty_rows_bomb,
    "two-million-cells-in-one-row": wide_row_bomb,
    "a-200-000-character-cell": long_cell_file,
    "billion-laughs": entity_bomb,
}


def bounded(attempt):
    """Run `attempt` twice: timed alone (tracemalloc slows Python several
    times over), then with its memory traced. Time is this process's CPU
    time: the work the file costs, whatever else the machine is running."""
    started = time.process_time()
    attempt()
    elapsed = time.process_time() - started
    tracemalloc.start()
    try:
        attempt()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"{peak / 1024 / 1024:.0f} MB"


@pytest.fixture(scope="module")
def bombs():
    return {name: make() for name, make in BOMBS.items()}


def test_the_bombs_are_small_files(bombs):
    assert len(bombs["dimension-A1-XFD1048576"]) < 10_000
    assert all(len(data) < 10 * 1024 * 1024 for data in bombs.values())


@pytest.mark.parametrize("name", BOMBS)
def test_the_reader_refuses_a_bomb_in_bounded_time_and_memory(bombs, name):
    def attempt():
        with pytest.raises(SpreadsheetError) as refused:
            read_table(file=io.BytesIO(bombs[name]), name="conventions.xlsx")
        assert str(refused.value)

    bounded(attempt)


@pytest.mark.parametrize("name", BOMBS)
def test_import_conventions_dry_run_refuses_a_bomb_in_bounded_time_and_memory(bombs, name, tmp_path):
    path = tmp_path / "conventions.xlsx"
    path.write_bytes(bombs[name])

    def attempt():
        with pytest.raises(CommandError):
            call_command("import_conventions", str(path), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO())

    bounded(attempt)


@pytest.mark.parametrize("name", BOMBS)
def test_the_admin_import_refuses_a_bomb_with_a_short_page(bombs, name, client, django_user_model):
    user = django_user_model.objects.create_user("agent", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_convention", "add_convention"]))
    client.force_login(user)

    def attempt():
        upload = SimpleUploadedFile("conventions.xlsx", bombs[name])
        response = client.post(reverse("admin:conventions_convention_import"), {"what": "conventions", "file": upload})
        assert response.status_code == 200
        assert len(response.content) < 200_000
        assert 'name="token"' not in response.content.decode()

    bounded(attempt)


def test_the_refusal_names_the_caps(bombs, settings):
    with pytest.raises(SpreadsheetError) as refused:
        read_table(file=io.BytesIO(bombs["a-million-empty-rows"]), name="conventions.xlsx")
    message = re.sub(r"\s", "", str(refused.value))
    assert f"{settings.IMPORT_MAX_ROWS}lignes" in message
    assert f"{settings.IMPORT_MAX_COLUMNS}colonnes" in message


def test_the_caps_come_from_the_settings(settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [row(title=f"Convention {n}") for n in range(5)]
    with pytest.raises(SpreadsheetError):
        read_table(file=io.BytesIO(xlsx_bytes(header=HEADER, rows=rows)), name="conventions.xlsx")
    settings.IMPORT_MAX_ROWS = 20
    assert len(read_table(file=io.BytesIO(xlsx_bytes(header=HEADER, rows=rows)), name="c.xlsx").rows) == 5


def test_an_ordinary_workbook_still_reads_with_its_dates_and_formulas():
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["titre", "date de signature", "montant"])
    sheet.append(["Convention CAM – AMICA", datetime.date(2022, 6, 15), "=1+1"])
    sheet["E2"] = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(file=io.BytesIO(buffer.getvalue()), name="conventions.xlsx")
    assert table.header == ["titre", "date de signature", "montant"]
    assert table.rows == [(2, ["Convention CAM – AMICA", "2022-06-15", "=1+1", "", "oui"])]


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        ("titre\n" + "a\n" * 30_000, "lignes"),
        ("titre\n" + "," * 500 + "x\n", "colonnes"),
        ("titre\n" + "x" * 20_000 + "\n", "caractères"),
    ],
    ids=["rows", "columns", "cell-length"],
)
def test_a_csv_over_a_cap_is_refused_too(text, cap):
    with pytest.raises(SpreadsheetError) as refused:
        read_table(file=io.BytesIO(text.encode()), name="conventions.csv")
    assert cap in str(refused.value)
