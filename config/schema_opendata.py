"""The open-data endpoints in the OpenAPI schema.

`datapackage.json`, `datapackage/<name>.csv` and `popolo.json` are plain
Django views (streamed CSV, standard formats with their own specifications),
so drf-spectacular does not see them; this postprocessing hook documents them
beside the API's own operations, from the same table of resources the views
serve."""

from conventions.opendata import RESOURCES

DATAPACKAGE = {
    "type": "object",
    "description": "A Frictionless tabular data package (https://specs.frictionlessdata.io/tabular-data-package/).",
    "properties": {
        "profile": {"type": "string"},
        "name": {"type": "string"},
        "title": {"type": "string"},
        "licenses": {"type": "array", "items": {"type": "object"}},
        "resources": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "path": {"type": "string", "format": "uri"},
                    "format": {"type": "string"},
                    "mediatype": {"type": "string"},
                    "encoding": {"type": "string"},
                    "schema": {"type": "object"},
                },
            },
        },
    },
    "required": ["profile", "name", "resources"],
}
POPOLO = {
    "type": "object",
    "description": "Organisations, people and memberships in Popolo JSON (https://www.popoloproject.com/).",
    "properties": {
        "organizations": {"type": "array", "items": {"type": "object"}},
        "persons": {"type": "array", "items": {"type": "object"}},
        "memberships": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["organizations", "persons", "memberships"],
}
NOT_FOUND = {
    "description": "No such resource.",
    "content": {"application/json": {"schema": {"type": "object", "properties": {"detail": {"type": "string"}}}}},
}


def _get(operation_id: str, summary: str, responses: dict, parameters=()) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": ["open data"],
            "security": [{}],
            "parameters": list(parameters),
            "responses": responses,
        }
    }


def add_open_data(result, generator, request, public):
    paths = result.setdefault("paths", {})
    paths["/api/v1/datapackage.json"] = _get(
        "datapackage",
        "The published register as a Frictionless data package: one CSV per resource, described.",
        {"200": {"description": "The package descriptor.", "content": {"application/json": {"schema": DATAPACKAGE}}}},
    )
    paths["/api/v1/datapackage/{name}.csv"] = _get(
        "datapackage_resource",
        "One resource of the data package, streamed as CSV (formula-like cells neutralised).",
        {
            "200": {"description": "CSV with a header row.", "content": {"text/csv": {"schema": {"type": "string"}}}},
            "404": NOT_FOUND,
        },
        parameters=[
            {
                "name": "name",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "enum": sorted(RESOURCES)},
                "description": "The resource's name, as listed in datapackage.json.",
            }
        ],
    )
    paths["/api/v1/popolo.json"] = _get(
        "popolo",
        "Public actors, people and their mandates in Popolo JSON.",
        {"200": {"description": "Popolo export.", "content": {"application/json": {"schema": POPOLO}}}},
    )
    return result
