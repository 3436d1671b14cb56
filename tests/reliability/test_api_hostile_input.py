"""What a client can send never makes the write API answer 500: an
impossible date, a body nested 100 000 levels, a delete that rows elsewhere
still block. Each is refused with a 4xx saying why, and changes nothing."""

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention
from core.parsers import JSON_MAX_DEPTH
from tests import factories as f

pytestmark = pytest.mark.django_db


def token_client(group: str) -> APIClient:
    user = User.objects.create_user(f"{group.lower()}-{User.objects.count()}")
    user.groups.add(Group.objects.get(name=group))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def nested(levels: int) -> str:
    return '{"place": ' + "[" * levels + "]" * levels + "}"


def test_an_impossible_updated_at_on_a_patch_is_a_400_and_changes_nothing():
    convention = f.ConventionFactory(draft=True, place="Casablanca")
    before = convention.updated_at
    response = token_client("Editor").patch(
        f"/api/v1/conventions/{convention.slug}/",
        {"updated_at": "2020-13-45T10:00:00", "place": "Rabat"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "2020-13-45T10:00:00" in response.json()["updated_at"][0]
    convention.refresh_from_db()
    assert (convention.place, convention.updated_at) == ("Casablanca", before)


def test_an_impossible_updated_at_on_a_source_patch_is_a_400():
    source = f.SourceFactory(title="Article")
    response = token_client("Publisher").patch(
        f"/api/v1/sources/{source.pk}/", {"updated_at": "2020-02-30T25:61:00", "title": "Autre"}, format="json"
    )
    assert response.status_code == 400, response.content
    source.refresh_from_db()
    assert source.title == "Article"


@pytest.mark.parametrize(
    ("method", "url"),
    [("patch", "/api/v1/conventions/{slug}/"), ("post", "/api/v1/conventions/"), ("post", "/api/v1/actors/")],
)
def test_json_nested_100_000_levels_is_a_400(method, url):
    convention = f.ConventionFactory(draft=True, place="Casablanca")
    api = token_client("Publisher")
    response = api.generic(
        method.upper(), url.format(slug=convention.slug), nested(100_000), content_type="application/json"
    )
    assert response.status_code == 400, response.content[:300]
    assert str(JSON_MAX_DEPTH) in response.json()["detail"]
    convention.refresh_from_db()
    assert convention.place == "Casablanca"


def test_json_nested_just_past_the_limit_is_refused_and_just_within_is_read():
    convention = f.ConventionFactory(draft=True, place="Casablanca")
    api = token_client("Publisher")
    url = f"/api/v1/conventions/{convention.slug}/"
    too_deep = api.generic("PATCH", url, nested(JSON_MAX_DEPTH), content_type="application/json")
    assert too_deep.status_code == 400
    assert str(JSON_MAX_DEPTH) in too_deep.json()["detail"]
    # Within the limit the body is parsed, and the field itself says what is wrong.
    within = api.generic("PATCH", url, nested(JSON_MAX_DEPTH - 2), content_type="application/json")
    assert within.status_code == 400
    assert "place" in within.json()


def test_a_document_upload_endpoint_refuses_deep_json_too():
    document = f.DocumentFactory(convention=f.ConventionFactory(draft=True))
    response = token_client("Publisher").generic(
        "PATCH", f"/api/v1/documents/{document.pk}/", nested(100_000), content_type="application/json"
    )
    assert response.status_code == 400


def test_a_publisher_deleting_a_convention_whose_document_its_objective_cites_gets_no_500():
    convention = f.ConventionFactory(complete=True)
    document = f.DocumentFactory(convention=convention)
    objective = f.ObjectiveFactory(convention=convention, document=document)
    f.MeasurementFactory(objective=objective, document=document)
    f.FollowUpActionFactory(convention=convention, document=document)
    response = token_client("Publisher").delete(f"/api/v1/conventions/{convention.slug}/")
    # Its own rows citing its own document go with it, as in the admin.
    assert response.status_code == 204, response.content
    assert not Convention.objects.filter(pk=convention.pk).exists()


def test_a_delete_blocked_by_a_plan_measurement_citing_its_document_says_what_blocks_it():
    convention = f.ConventionFactory(complete=True)
    document = f.DocumentFactory(convention=convention)
    plan_objective = f.ObjectiveFactory(convention=None, plan=f.PlanFactory())
    f.MeasurementFactory(objective=plan_objective, document=document)
    response = token_client("Publisher").delete(f"/api/v1/conventions/{convention.slug}/")
    assert response.status_code in (400, 409), response.content
    assert "mesures" in str(response.json())
    assert Convention.objects.filter(pk=convention.pk).exists()


def test_deleting_a_cited_document_says_what_cites_it():
    convention = f.ConventionFactory(draft=True)
    document = f.DocumentFactory(convention=convention)
    f.ObjectiveFactory(convention=convention, document=document)
    response = token_client("Publisher").delete(f"/api/v1/documents/{document.pk}/")
    assert response.status_code in (400, 409), response.content
    assert "objectifs" in str(response.json())


def test_deleting_an_actor_that_is_a_party_says_what_uses_it():
    party = f.PartyFactory(convention=f.ConventionFactory(draft=True))
    response = token_client("Publisher").delete(f"/api/v1/actors/{party.actor.slug}/")
    assert response.status_code in (400, 403, 409), response.content


def test_a_unique_address_taken_between_check_and_write_is_a_400_not_a_500():
    """The race the check cannot close: another writer takes the address
    after it was found free. The database's unique rule refuses the write."""
    from unittest import mock

    f.SourceFactory(url="https://example.org/prise")
    source = f.SourceFactory(url="https://example.org/libre")
    with mock.patch("conventions.services.sources._address_taken", return_value={}):
        response = token_client("Publisher").patch(
            f"/api/v1/sources/{source.pk}/", {"url": "https://example.org/prise"}, format="json"
        )
    assert response.status_code == 400, response.content
    source.refresh_from_db()
    assert source.url == "https://example.org/libre"
