"""The schema documents what an integrator needs to write and to sync."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_open_data_endpoints_are_documented(schema):
    paths = schema["paths"]
    assert "text/csv" in paths["/api/v1/datapackage/{name}.csv"]["get"]["responses"]["200"]["content"]
    assert "application/json" in paths["/api/v1/datapackage.json"]["get"]["responses"]["200"]["content"]
    assert "application/json" in paths["/api/v1/popolo.json"]["get"]["responses"]["200"]["content"]


def test_the_bulk_exports_are_documented(schema):
    assert {"/api/v1/conventions/export.json", "/api/v1/conventions/export.csv"} <= set(schema["paths"])


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_convention_write_documents_412_and_if_unmodified_since(schema, method):
    operation = schema["paths"]["/api/v1/conventions/{slug}/"][method]
    assert "412" in operation["responses"]
    assert "If-Unmodified-Since" in {parameter["name"] for parameter in operation.get("parameters", [])}


def test_the_version_a_writer_sends_is_documented(schema):
    request = schema["components"]["schemas"]["PatchedConventionWriteRequest"]
    assert "updated_at" in request["properties"]
    assert "412" in request["properties"]["updated_at"]["description"]


def test_a_lone_measurement_can_be_posted(schema):
    operation = schema["paths"]["/api/v1/objectives/{id}/measurements/"]["post"]
    assert "201" in operation["responses"]
