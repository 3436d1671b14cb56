"""What an uploaded document must be: under the size limit, and what its
extension says it is, judged by its content (a text file renamed .pdf is
refused). The API's document uploads check here; the admin's DocumentForm
can too."""

import math
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
PDF = b"%PDF-"
# Office Open XML: a zip with [Content_Types].xml and its main part's folder.
OOXML = {"docx": "word/", "xlsx": "xl/"}
# OpenDocument: a zip whose `mimetype` entry names the kind.
ODF = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
KINDS = {
    "pdf": _("un PDF"),
    "docx": _("un document Word (.docx)"),
    "xlsx": _("un classeur Excel (.xlsx)"),
    "odt": _("un texte OpenDocument (.odt)"),
    "ods": _("un classeur OpenDocument (.ods)"),
    "png": _("une image PNG"),
    "jpg": _("une image JPEG"),
    "jpeg": _("une image JPEG"),
}


def extension_of(file) -> str:
    return PurePath(file.name or "").suffix.lower().lstrip(".")


def _head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head or b""


def _zip_has(file, extension: str) -> bool:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension in OOXML:
                return "[Content_Types].xml" in names and any(name.startswith(OOXML[extension]) for name in names)
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 200:
                return False
            return archive.read("mimetype").strip() == ODF[extension]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return False
    finally:
        file.seek(0)


def content_matches(file, extension: str) -> bool:
    """Does the content of `file` look like what `extension` names? Unknown
    extensions are the model's validator's to refuse."""
    if extension == "pdf":
        return _head(file, len(PDF)) == PDF
    if extension == "png":
        return _head(file, len(PNG)) == PNG
    if extension in ("jpg", "jpeg"):
        return _head(file, len(JPEG)) == JPEG
    if extension in OOXML or extension in ODF:
        return _zip_has(file, extension)
    return True


def check_size(file) -> None:
    """The limit of settings.DOCUMENT_MAX_UPLOAD_MB, for a new upload (a file
    already stored stays as it was accepted)."""
    limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
    if isinstance(file, UploadedFile) and file.size > limit_mb * MB:
        raise ValidationError(
            _(
                "Ce fichier pèse %(size)s Mo, au-delà de la limite de %(limit)s Mo. "
                "Compressez-le ou découpez-le avant de le déposer."
            ),
            code="file_too_big",
            # Rounded up: a file just over the limit must not read as equal to it.
            params={"size": number_format(math.ceil(file.size * 10 / MB) / 10, decimal_pos=1), "limit": limit_mb},
        )


def check_upload(file) -> None:
    """Refuse (ValidationError) a new upload that is too big, or whose content
    is not what its extension says."""
    if not isinstance(file, UploadedFile):
        return
    check_size(file)
    extension = extension_of(file)
    if extension in KINDS and not content_matches(file, extension):
        raise ValidationError(
            _(
                "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s » : "
                "%(kind)s était attendu. Déposez le fichier d'origine, sans le renommer."
            ),
            code="file_content_mismatch",
            params={"extension": extension, "kind": KINDS[extension]},
        )
