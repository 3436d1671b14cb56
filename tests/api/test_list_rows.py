"""The API's list reads a page as values (exports.ConventionRows) and writes
each convention itself (ConventionListSerializer.represent_rows): it must
give exactly what the list serializer gives from model instances, in every
language, for every page and selection."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from rest_framework.request import Request
from rest_framework.test import APIClient

from conventions.filters import ConventionFilterSet
from conventions.models import Convention
from conventions.serializers import ConventionListSerializer
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    call_command("seed_synthetic", conventions=60, seed=5, stdout=StringIO(), stderr=StringIO())
    # The edges: no date, no place, no English title, a formula-like title.
    f.ConventionFactory(slug="sans-date", signed_on=None, signed_on_precision="unknown", place="")
    f.ConventionFactory(slug="formule", title="=SOMME(A1)", title_en="")


def expected(params: dict, language: str) -> list[dict]:
    """The list serializer over model instances, as the list used to write it."""
    with translation.override(language):
        request = Request(RequestFactory().get("/api/v1/conventions/", params))
        selection = ConventionFilterSet(params or None, queryset=Convention.objects.published()).qs
        data = ConventionListSerializer(selection, many=True, context={"request": request}).data
        return json.loads(json.dumps(data))


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize(
    "params", [{}, {"q": "convention"}, {"status": "in_execution"}], ids=["all", "search", "status"]
)
def test_the_list_writes_each_convention_as_the_list_serializer_does(register, language, params):
    response = APIClient().get("/api/v1/conventions/", {**params, "page_size": 500}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response.json()["results"] == expected(params, language)


def test_a_later_page_holds_the_next_conventions(register):
    first = APIClient().get("/api/v1/conventions/", {"page_size": 20}).json()
    third = APIClient().get("/api/v1/conventions/", {"page_size": 20, "page": 3}).json()
    everything = expected({}, "fr")
    assert first["results"] == everything[:20]
    assert third["results"] == everything[40:60]


def test_a_writer_reads_drafts_written_the_same_way(register):
    writer = User.objects.create_user("lecteur", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="view_convention"))
    f.ConventionFactory(slug="brouillon", draft=True, signed_on=datetime.date(2024, 3, 1))
    api = APIClient()
    api.force_authenticate(writer)
    results = api.get("/api/v1/conventions/", {"publication_state": "all", "page_size": 500}).json()["results"]
    assert "brouillon" in {row["slug"] for row in results}
    with translation.override("fr"):
        request = Request(RequestFactory().get("/api/v1/conventions/"))
        selection = ConventionFilterSet(None, queryset=Convention.objects.all()).qs
        assert results == json.loads(
            json.dumps(ConventionListSerializer(selection, many=True, context={"request": request}).data)
        )
