"""Validators shared by the register's models."""

import os
import zipfile
from pathlib import PurePath

import filetype
import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from .numbers import MB, megabytes


def validate_currency(code: str) -> None:
    """An ISO 4217 alphabetic code, upper case: MAD, EUR, USD."""
    if not (isinstance(code, str) and len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code)):
        raise ValidationError(
            _("« %(code)s » n'est pas un code de devise ISO 4217 (par exemple MAD, EUR, USD)."),
            code="invalid_currency",
            params={"code": code},
        )


# --- Uploaded documents ---------------------------------------------------------


# What a document may be: its extension, the media type it is served with, the
# types the content's magic bytes may be recognised as (`filetype`; a zip-based
# document it does not recognise by its first entries reads as a plain zip, and
# the archive's members then decide), and how a clerk calls it.
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", {"pdf"}, _("un PDF")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {"docx", "zip"},
        _("un document Word (.docx)"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        {"xlsx", "zip"},
        _("un classeur Excel (.xlsx)"),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", {"odt", "zip"}, _("un texte OpenDocument (.odt)")),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", {"ods", "zip"}, _("un classeur OpenDocument (.ods)")),
    "png": ("image/png", {"png"}, _("une image PNG")),
    "jpg": ("image/jpeg", {"jpg"}, _("une image JPEG")),
    "jpeg": ("image/jpeg", {"jpg"}, _("une image JPEG")),
}
DOCUMENT_EXTENSIONS = list(DOCUMENT_TYPES)
# Office Open XML: a zip with [Content_Types].xml and its main part's folder.
_OOXML_PART = {"docx": "word/", "xlsx": "xl/"}
# A PDF reader looks for the end-of-file marker in the last kilobyte.
_PDF_TAIL = 1024


def extension_of(name: str) -> str:
    """The extension of a file name, lower case, without the dot ("" if none)."""
    return PurePath(name or "").suffix.lower().lstrip(".")


def document_content_type(name: str) -> str:
    """The media type a stored document is served with, from its (validated)
    extension; anything else is served as opaque bytes."""
    kind = DOCUMENT_TYPES.get(extension_of(name))
    return kind[0] if kind else "application/octet-stream"


def _read(file, offset: int, size: int) -> bytes:
    file.seek(offset)
    return file.read(size) or b""


def _opens_as(file, extension: str) -> bool:
    """Beyond the magic bytes: does the file hold together as its type? A PDF
    has its version header and ends with its %%EOF marker; a PNG starts with its IHDR chunk; a JPEG's
    start-of-image is followed by a marker; a zip-based document is a readable
    archive with the members its format requires."""
    if extension == "pdf":
        file.seek(0, os.SEEK_END)
        size = file.tell()
        return _read(file, 0, 5) == b"%PDF-" and b"%%EOF" in _read(file, max(size - _PDF_TAIL, 0), _PDF_TAIL)
    if extension == "png":
        return _read(file, 12, 4) == b"IHDR"
    if extension in ("jpg", "jpeg"):
        marker = _read(file, 3, 1)
        return bool(marker) and marker[0] >= 0xC0
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension in _OOXML_PART:
                return "[Content_Types].xml" in names and any(n.startswith(_OOXML_PART[extension]) for n in names)
            # OpenDocument: a short `mimetype` member naming the kind (read
            # only when small: its size comes from the archive, not trusted).
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 200:
                return False
            return archive.read("mimetype").strip() == DOCUMENT_TYPES[extension][0].encode()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return False


def content_matches(file, extension: str) -> bool:
    """Is `file` (open, seekable) what `extension` says, by its content?"""
    expected = DOCUMENT_TYPES[extension][1]
    try:
        guessed = filetype.guess(_read(file, 0, 8192))
        return guessed is not None and guessed.extension in expected and _opens_as(file, extension)
    finally:
        file.seek(0)


def validate_document_file(value) -> None:
    """A new document (not yet stored) is under settings.DOCUMENT_MAX_UPLOAD_MB
    and is what its extension says, judged by its content: an executable or a
    web page renamed .pdf is refused. The model field runs it, so the admin,
    the API and every other write path check the same. A file already stored
    stays as it was accepted (and is not read back from the storage)."""
    if isinstance(value, FieldFile):
        if value._committed:
            return
        file = value.file
    else:
        file = value
    limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
    if file.size is not None and file.size > limit_mb * MB:
        raise ValidationError(
            _(
                "Ce fichier pèse %(size)s Mo, au-delà de la limite de %(limit)s Mo. "
                "Compressez-le ou découpez-le avant de le déposer."
            ),
            code="file_too_big",
            # Rounded up: a file just over the limit must not read as equal to it.
            params={"size": megabytes(file.size), "limit": limit_mb},
        )
    extension = extension_of(value.name)
    if extension not in DOCUMENT_TYPES:
        return  # the extension validator refuses it, with its own message
    if not content_matches(file, extension):
        raise ValidationError(
            _(
                "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s » : "
                "%(kind)s était attendu. Déposez le fichier d'origine, sans le renommer."
            ),
            code="file_content_mismatch",
            params={"extension": extension, "kind": DOCUMENT_TYPES[extension][2]},
        )


# --- Ranges: the same on every database ----------------------------------------
# SQLite stores any 64-bit integer in any integer column, PostgreSQL refuses
# what its column type cannot hold ("smallint out of range"): the model fields
# say their range themselves, so the admin, the API and the importers refuse
# the same values on both, before anything reaches the database or the history.

YEAR_MIN, YEAR_MAX = 1900, 2100
SMALL_MAX = 32_767  # smallint
PAGE_MAX = 100_000  # a document's page (the column is an integer)

YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
SMALL_VALIDATORS = [MaxValueValidator(SMALL_MAX)]
PAGE_VALIDATORS = [MaxValueValidator(PAGE_MAX)]
