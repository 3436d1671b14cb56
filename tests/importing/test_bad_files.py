"""A file that cannot be read gets a clear French message, never a 500, and
nothing is written."""

import io
import zipfile

import pytest

from conventions.models import Convention
from tests.factories import ActorFactory
from tests.importing.helpers import HEADER, csv_bytes, errors, row, run, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def actors():
    ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM")
    ActorFactory(name="Association Marocaine pour l'Industrie et la Construction de l'Automobile", acronym="AMICA")


ROW = row(title="Convention pour l'intégration locale, à Tanger", parties="AMICA; Crédit Agricole du Maroc")


def test_a_utf8_file_with_a_bom_is_read_without_a_note():
    report = run(b"\xef\xbb\xbf" + csv_bytes([ROW]), dry_run=False)

    assert report.written and report.notes == []
    assert Convention.objects.get().title == "Convention pour l'intégration locale, à Tanger"


def test_a_windows_1252_file_is_read_and_the_encoding_used_is_said():
    report = run(csv_bytes([ROW], encoding="cp1252"), dry_run=False)

    assert report.written, report.file_error or errors(report)
    assert report.notes == [
        "Le fichier n'était pas en UTF-8 : il a été lu comme Windows-1252. Vérifiez les accents dans l'aperçu ; au "
        "besoin, enregistrez-le en « CSV UTF-8 »."
    ]
    assert Convention.objects.get().title == "Convention pour l'intégration locale, à Tanger"


def test_a_latin1_only_byte_falls_back_to_latin1():
    # 0x81 is undefined in Windows-1252.
    data = csv_bytes([row(title="Convention \x81", parties="CAM; AMICA")], encoding="latin-1")

    report = run(data)

    assert "ISO-8859-1 (Latin-1)" in report.notes[0]


def test_a_semicolon_separated_file_from_french_excel_is_read():
    report = run(csv_bytes([ROW], delimiter=";", encoding="cp1252"), dry_run=False)

    assert report.written, report.file_error
    assert "Colonnes séparées par des points-virgules (CSV d'Excel en français)." in report.notes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"\n\n  \n", "Le fichier est vide."),
        (",".join(HEADER).encode(), "Le fichier n'a qu'une ligne d'en-tête : aucune ligne de données à importer."),
    ],
    ids=["empty", "blank-lines", "header-only"],
)
def test_an_empty_file_is_refused(data, message):
    assert run(data).file_error == message


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings, tmp_path):
    settings.IMPORT_MAX_UPLOAD_MB = 10
    # 50 MB, sparse: generated for the test, never kept.
    big = tmp_path / "enorme.csv"
    with big.open("wb") as handle:
        handle.write(",".join(HEADER).encode() + b"\n")
        handle.truncate(50 * 1024 * 1024)
    from conventions.importing import import_file

    with big.open("rb") as handle:
        report = import_file(file=handle, name=big.name, size=big.stat().st_size, dry_run=True)

    assert report.file_error == (
        "Ce fichier pèse 50,0 Mo, au-delà de la limite de 10 Mo pour un import. Découpez-le en plusieurs fichiers."
    )


def test_a_file_that_lies_about_its_size_is_still_cut_at_the_limit(settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    data = csv_bytes([ROW]) + b"x" * (2 * 1024 * 1024)

    from conventions.importing import import_file

    # The size announced (by the upload) says 10 bytes; the reader stops at the limit anyway.
    report = import_file(file=io.BytesIO(data), name="c.csv", size=10, dry_run=True)
    assert "au-delà de la limite de 1 Mo" in report.file_error


def test_missing_and_unknown_columns_are_named_with_the_expected_ones():
    header = ["titre", *HEADER[2:]]  # "identifiant" and "intitulé" replaced by "titre"
    report = run(csv_bytes([["x"] + ROW[2:]], header=header))

    assert report.file_error.startswith(
        "L'en-tête (ligne 1) ne correspond pas au modèle : colonnes obligatoires absentes : « intitulé » ; "
        "colonnes inconnues : « titre ». Colonnes attendues : « identifiant », « intitulé », « intitulé en arabe »"
    )


def test_columns_are_recognised_without_accents_or_case_and_in_any_order():
    header = ["PARTIES", "Intitule", "Date de Signature"]
    report = run(csv_bytes([["CAM; AMICA", "Convention", "2020"]], header=header), dry_run=False)

    assert report.written, report.file_error


def test_an_xlsx_that_is_not_a_zip_is_refused():
    report = run(csv_bytes([ROW]), name="conventions.xlsx")

    assert report.file_error.startswith(
        "Ce fichier porte l'extension .xlsx mais n'est pas un classeur Excel (ce n'est pas une archive zip)."
    )


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "bonjour")

    report = run(buffer.getvalue(), name="conventions.xlsx")

    assert report.file_error.startswith("Ce classeur .xlsx est illisible")


def test_a_binary_file_renamed_csv_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

    report = run(png, name="conventions.csv")

    assert report.file_error.startswith("Ce fichier n'est pas un CSV (il contient des données binaires).")


def test_a_workbook_renamed_csv_is_recognised():
    report = run(xlsx([ROW]), name="conventions.csv")

    assert report.file_error.startswith("Ce fichier porte l'extension .csv mais c'est un classeur Excel (.xlsx)")


def test_an_old_xls_file_is_refused_with_what_to_do():
    report = run(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, name="conventions.xls")

    assert report.file_error == (
        "Le format .xls n'est pas pris en charge : enregistrez le tableau en .xlsx ou en .csv."
    )


def test_formulas_in_an_xlsx_are_read_as_their_text_never_computed():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(row(title="=1+1", parties="CAM; AMICA", amount="=2*3"))
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = run(buffer.getvalue(), name="conventions.xlsx")

    assert [str(note) for note in report.rows[0].notes] == [
        "colonne « intitulé » : la cellule commence par « = » : elle est lue comme du texte, jamais calculée.",
        "colonne « montant » : la cellule commence par « = » : elle est lue comme du texte, jamais calculée.",
        "colonne « montant » : « =2*3 » n'est pas un nombre.",
    ]


def test_an_xlsx_with_dates_and_numbers_typed_as_such_is_read():
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    values = row(title="Convention datée", parties="CAM; AMICA")
    values[HEADER.index("date de signature")] = datetime.datetime(2025, 2, 12)
    values[HEADER.index("montant")] = 1500000
    sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = run(buffer.getvalue(), name="conventions.xlsx", dry_run=False)

    assert report.written, errors(report)
    convention = Convention.objects.get()
    assert (str(convention.signed_on), convention.signed_on_precision, convention.amount) == (
        "2025-02-12",
        "day",
        1500000,
    )
