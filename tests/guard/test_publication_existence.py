"""The publication endpoint does not tell a token without the permission to
move conventions that a draft exists: a draft's address answers 404, as a
slug that names nothing does."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db


def client_for(*codenames):
    user = get_user_model().objects.create_user(f"jeton{get_user_model().objects.count()}")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="conventions", codename__in=codenames))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def move(client, slug, state="published"):
    return client.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": state}, format="json")


@pytest.mark.parametrize(
    "permissions",
    [(), ("view_convention",), ("add_convention",)],
    ids=["no permission", "view only", "add only"],
)
@pytest.mark.parametrize("state", ["draft", "review", "published", "archived"])
def test_a_draft_and_a_missing_slug_answer_the_same_404(permissions, state):
    ConventionFactory(slug="brouillon", draft=True)
    ConventionFactory(slug="en-relecture", publication_state=Convention.PublicationState.REVIEW, published_at=None)
    client = client_for(*permissions)

    missing = move(client, "inexistante", state)
    for slug in ("brouillon", "en-relecture"):
        response = move(client, slug, state)
        assert (response.status_code, response.json()) == (missing.status_code, missing.json())
    assert missing.status_code == 404
    assert set(Convention.objects.values_list("publication_state", flat=True)) == {"draft", "review"}


def test_a_published_conventions_existence_is_public_so_the_refusal_says_why():
    ConventionFactory(slug="publiee", complete=True)

    response = move(client_for("view_convention"), "publiee", "archived")

    assert response.status_code == 403
    assert Convention.objects.get(slug="publiee").publication_state == "published"


def test_an_editor_still_hears_why_it_may_not_publish_its_draft():
    ConventionFactory(slug="brouillon", draft=True, complete=True)

    response = move(client_for("view_convention", "change_convention"), "brouillon", "published")

    assert response.status_code == 403
    assert Convention.objects.get(slug="brouillon").publication_state == "draft"
