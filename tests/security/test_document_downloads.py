"""Documents are served through a view that checks publication, as
attachments with nosniff and the type their checked extension names; links in
pages, the API and exports point to that view, never to a public media URL."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import Resolver404, resolve
from rest_framework.authtoken.models import Token

from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def published_document():
    return f.DocumentFactory(convention=f.ConventionFactory(slug="publiee"), title="Convention signée", file__data=PDF)


@pytest.fixture
def draft_document():
    return f.DocumentFactory(
        convention=f.ConventionFactory(slug="brouillon", draft=True), title="Projet confidentiel", file__data=PDF
    )


def staff(client, *groups):
    user = User.objects.create_user(f"agent-{User.objects.count()}", password="x", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    client.force_login(user)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_published_document_is_downloaded_by_anyone_as_an_attachment(client, published_document):
    response = client.get(published_document.get_absolute_url())

    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="convention-signee.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_content_type_comes_from_the_checked_extension(client):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13
    document = f.DocumentFactory(file__filename="carte.png", file__data=png, title="Carte")
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="carte.png"'


def test_a_draft_document_is_a_404_for_anonymous_visitors(client, draft_document):
    assert client.get(draft_document.get_absolute_url()).status_code == 404


def test_a_draft_document_is_a_404_for_staff_without_a_role(client, draft_document):
    assert staff(client).get(draft_document.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("group", ["Viewer", "Editor", "Publisher"])
def test_a_draft_document_is_served_to_staff_who_may_read_drafts(client, draft_document, group):
    response = staff(client, group).get(draft_document.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == PDF
    assert "no-store" in response["Cache-Control"]


def test_a_draft_document_is_served_to_an_api_reader_with_a_token(client, draft_document):
    user = User.objects.create_user("integrateur")
    user.user_permissions.add(Permission.objects.get(codename="view_convention"))
    token = Token.objects.create(user=user)

    response = client.get(draft_document.get_absolute_url(), HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert client.get(draft_document.get_absolute_url(), HTTP_AUTHORIZATION="Token faux").status_code == 404


def test_an_archived_conventions_document_is_no_longer_served(client):
    document = f.DocumentFactory(convention=f.ConventionFactory(publication_state="archived"))
    assert client.get(document.get_absolute_url()).status_code == 404


def test_a_missing_file_is_a_404_not_a_500(client, published_document):
    published_document.file.storage.delete(published_document.file.name)
    assert client.get(published_document.get_absolute_url()).status_code == 404


def test_the_convention_page_links_the_download_view(client, published_document):
    text = client.get(published_document.convention.get_absolute_url()).text
    assert f'href="/documents/{published_document.pk}/"' in text
    assert published_document.file.url not in text


def test_the_api_links_the_download_view(client, published_document):
    expected = f"http://testserver/documents/{published_document.pk}/"
    detail = client.get("/api/v1/conventions/publiee/").json()
    assert [d["download_url"] for d in detail["documents"]] == [expected]
    listed = client.get("/api/v1/documents/").json()["results"]
    assert [d["download_url"] for d in listed] == [expected]


def test_a_citation_in_the_api_links_the_download_view_at_its_page(client, published_document):
    f.ObjectiveFactory(convention=published_document.convention, document=published_document, page=3)
    [objective] = client.get("/api/v1/objectives/").json()["results"]
    assert objective["citation_url"] == f"http://testserver/documents/{published_document.pk}/#page=3"


def test_development_serves_no_media_directory(settings):
    """`/media/` would hand a draft's file to anyone holding its address."""
    settings.DEBUG = True
    urls = importlib.reload(importlib.import_module("config.urls"))
    try:
        with pytest.raises(Resolver404):
            resolve("/media/documents/2026/11/convention.pdf", urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(urls)


def test_the_admin_links_the_stored_file_to_the_download_view(admin_client, draft_document):
    page = admin_client.get(f"/admin/conventions/document/{draft_document.pk}/change/").text
    assert f'href="/documents/{draft_document.pk}/"' in page
    assert draft_document.file.url not in page
    inline = admin_client.get(f"/admin/conventions/convention/{draft_document.convention_id}/change/").text
    assert f'href="/documents/{draft_document.pk}/"' in inline
