"""An uploaded document is what its extension says, judged by its content,
under the size limit, and stored under a name the uploader did not choose.
The model field checks it, so the admin and the API refuse the same files."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Document
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
# The start of a Linux executable, and a page that would run a script if served as HTML.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00\x01\x00\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>%PDF-1.4 %%EOF</body></html>"
MISMATCH = "Le contenu de ce fichier ne correspond pas à son extension « .pdf » : un PDF était attendu."


def archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as opened:
        for name, data in entries.items():
            # OpenDocument's `mimetype` comes first and uncompressed, as the format requires.
            opened.writestr(
                name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


DOCX = archive({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>", "word/document.xml": b"<w/>"})
XLSX = archive({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>", "xl/workbook.xml": b"<x/>"})
ODT = archive({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
ODS = archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"})


def document_with(name: str, data: bytes) -> Document:
    document = Document(convention=f.ConventionFactory(draft=True), title="Annexe")
    document.file = SimpleUploadedFile(name, data)
    return document


def file_errors(document: Document) -> list[str]:
    try:
        document.full_clean()
    except ValidationError as error:
        return error.message_dict.get("file", [])
    return []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("convention.pdf", PDF),
        ("annexe.docx", DOCX),
        ("annexe.xlsx", XLSX),
        ("annexe.odt", ODT),
        ("annexe.ods", ODS),
        ("photo.png", PNG),
        ("photo.jpg", JPEG),
        ("photo.JPEG", JPEG),
    ],
)
def test_each_accepted_type_passes_when_its_content_is_what_its_name_says(name, data):
    assert file_errors(document_with(name, data)) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("convention.pdf", ELF),
        ("convention.pdf", HTML),
        ("convention.pdf", b"%PDF-1.4\n" + b"0" * 100),  # a header and nothing a reader could open
        ("convention.pdf", PNG),
        ("annexe.docx", XLSX),  # a spreadsheet named as a text
        ("annexe.docx", archive({"notes.txt": b"rien"})),  # a zip, not an Office document
        ("annexe.xlsx", b"PK\x03\x04" + b"\x00" * 60),  # a zip's magic bytes, not a readable zip
        ("annexe.odt", ODS),
        ("annexe.ods", archive({"content.xml": b"<office/>"})),
        ("photo.png", JPEG),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),  # a signature without its header chunk
        ("photo.jpg", ELF),
        ("photo.jpg", HTML),
    ],
)
def test_a_file_whose_content_is_not_its_extension_is_refused(name, data):
    [message] = file_errors(document_with(name, data))
    assert "ne correspond pas à son extension" in message


def test_an_executable_renamed_pdf_is_refused_in_the_admin(admin_client):
    convention = f.ConventionFactory(draft=True)
    data = {
        "convention": convention.pk,
        "kind": "annex",
        "title_fr": "Annexe financière",
        "title_ar": "",
        "title_en": "",
        "file": SimpleUploadedFile("annexe.pdf", ELF, content_type="application/pdf"),
        "language": "fr",
        "page_count": "",
        "dated_on": "",
    }

    response = admin_client.post(reverse("admin:conventions_document_add"), data)

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["file"]
    assert message.startswith(MISMATCH)
    assert not Document.objects.exists()


@pytest.mark.parametrize("data", [ELF, HTML], ids=["elf", "html"])
def test_an_executable_or_a_page_renamed_pdf_is_refused_by_the_api(data):
    f.ConventionFactory(slug="brouillon", draft=True)
    user = User.objects.create_user("integrateur")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_convention", "add_document"]))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    response = api.post(
        "/api/v1/documents/",
        {"convention": "brouillon", "title": "Texte", "file": SimpleUploadedFile("convention.pdf", data)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    [message] = response.json()["file"]
    assert message.startswith(MISMATCH)
    assert not Document.objects.exists()


def test_the_refusal_is_translated(settings):
    from django.utils import translation

    with translation.override("en"):
        [message] = file_errors(document_with("convention.pdf", ELF))
    assert message.startswith("This file's content does not match its extension")


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    big = PDF[:-7] + b"0" * (1024 * 1024) + b"\n%%EOF\n"

    [message] = file_errors(document_with("convention.pdf", big))

    assert message == (
        "Ce fichier pèse 1,1 Mo, au-delà de la limite de 1 Mo. Compressez-le ou découpez-le avant de le déposer."
    )


def test_the_stored_name_is_random_with_the_cleaned_extension_never_the_uploaders_name():
    first = document_with("Projet confidentiel de l'AMICA.PDF", PDF)
    first.full_clean()
    first.save()
    second = document_with("Projet confidentiel de l'AMICA.PDF", PDF)
    second.save()

    for document in (first, second):
        assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name), document.file.name
        assert "confidentiel" not in document.file.name.lower()
    assert first.file.name != second.file.name


def test_a_path_in_the_uploaders_name_never_reaches_the_storage():
    document = document_with("../../etc/passwd.pdf", PDF)
    document.save()
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)


def test_a_stored_file_is_not_checked_again():
    """A document accepted before stays valid: its file is not read back from
    the storage (here, one stored before the check existed)."""
    document = f.DocumentFactory(convention=f.ConventionFactory(draft=True), file__data=b"pas un PDF")
    document.title = "Titre corrigé"
    document.full_clean()
