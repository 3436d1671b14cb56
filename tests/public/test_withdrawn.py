"""A convention archived after publication: its address answers 410 Gone
with a notice, and none of its content; what was never public stays 404."""

import pytest
from django.utils import timezone

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


def archived(**kwargs):
    return f.ConventionFactory(
        title="Convention confidentielle désormais", publication_state=Convention.PublicationState.ARCHIVED, **kwargs
    )


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_an_archived_convention_once_published_answers_gone_with_a_notice(client, language):
    convention = archived(published_at=timezone.now())

    response = client.get(convention.get_absolute_url().replace("/fr/", f"/{language}/", 1))

    assert response.status_code == 410
    assert "conventions/withdrawn.html" in [template.name for template in response.templates]
    assert "Convention confidentielle" not in response.text


def test_the_notice_says_the_convention_was_withdrawn(client):
    response = client.get(archived(published_at=timezone.now()).get_absolute_url())

    assert "Convention retirée du registre public" in response.text


def test_an_archived_convention_never_published_is_not_found(client):
    assert client.get(archived(published_at=None).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", ["draft", "review"])
def test_a_convention_not_yet_published_is_not_found(client, state):
    convention = f.ConventionFactory(publication_state=state, published_at=None)
    assert client.get(convention.get_absolute_url()).status_code == 404


def test_a_withdrawn_convention_leaves_the_lists_feed_and_sitemap(client):
    convention = archived(published_at=timezone.now())
    for url in ("/fr/conventions/", "/fr/conventions/feed/", "/sitemap-conventions.xml", "/api/v1/conventions/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert convention.slug not in response.content.decode(), url


def test_the_api_answers_gone_for_a_withdrawn_convention(client):
    convention = archived(published_at=timezone.now())

    response = client.get(f"/api/v1/conventions/{convention.slug}/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 410
    assert set(response.json()) == {"detail"}


def test_the_api_schema_documents_the_gone_answer(client):
    schema = client.get("/api/schema/?format=json").json()
    responses = schema["paths"]["/api/v1/conventions/{slug}/"]["get"]["responses"]
    assert "410" in responses
