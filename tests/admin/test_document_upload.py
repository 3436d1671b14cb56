"""Documents bigger than DOCUMENT_MAX_UPLOAD_MB are refused, with a message a clerk can act on."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conventions.models import Document
from tests.factories import ConventionFactory

from .forms import convention_form_data, inline_management_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def one_megabyte_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1


def pdf(size):
    # A PDF as a reader opens it: the header, then the end-of-file marker.
    data = b"%PDF-1.4\n" + b"0" * (size - 16) + b"\n%%EOF\n"
    return SimpleUploadedFile("convention.pdf", data, content_type="application/pdf")


def post_document_inline(client, convention, file):
    url = reverse("admin:conventions_convention_change", args=[convention.pk])
    page = client.get(url)
    data = {
        **convention_form_data(title_fr=convention.title_fr, slug=convention.slug, publication_state="draft"),
        **inline_management_data(page, documents=1),
        "documents-0-kind": "signed_text",
        "documents-0-title_fr": "Texte signé",
        "documents-0-title_ar": "",
        "documents-0-title_en": "",
        "documents-0-file": file,
        "documents-0-language": "fr",
        "documents-0-page_count": "",
        "documents-0-dated_on": "",
    }
    return client.post(url, data)


def test_a_too_big_document_is_refused_with_the_limit_in_the_message(admin_client):
    convention = ConventionFactory(draft=True)

    response = post_document_inline(admin_client, convention, pdf(MB + 1))

    assert response.status_code == 200
    documents = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "documents").formset
    (message,) = documents.forms[0].errors["file"]
    assert "au-delà de la limite de 1 Mo" in message
    assert "Ce fichier pèse 1,1 Mo" in message
    assert not Document.objects.exists()


def test_a_document_within_the_limit_is_attached(admin_client):
    # A draft: a published convention would need its parties posted too.
    convention = ConventionFactory(draft=True)

    response = post_document_inline(admin_client, convention, pdf(MB))

    assert response.status_code == 302
    assert convention.documents.get().title_fr == "Texte signé"


def test_the_document_page_applies_the_same_limit(admin_client):
    convention = ConventionFactory()
    data = {
        "convention": convention.pk,
        "kind": "annex",
        "title_fr": "Annexe financière",
        "title_ar": "",
        "title_en": "",
        "file": pdf(2 * MB),
        "language": "fr",
        "page_count": "",
        "dated_on": "",
    }

    response = admin_client.post(reverse("admin:conventions_document_add"), data)

    assert response.status_code == 200
    assert "au-delà de la limite de 1 Mo" in response.context["adminform"].form.errors["file"][0]
    assert not Document.objects.exists()
