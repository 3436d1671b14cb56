"""OpenAPI: every operation documents its error responses, in one stable shape."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

DETAIL_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in the request's language."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field-level errors: each invalid field maps to a list of messages in the request's language; "
    "errors of nested lists (parties, objectives…) are keyed by the item's position. "
    "Errors that concern no single field are under `non_field_errors`.",
    "additionalProperties": True,
}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class ShirakaAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Anyone may read (published data only); drf-spectacular only knows
        # this of AllowAny and IsAuthenticatedOrReadOnly.
        anonymous_reads = any(isinstance(p, DjangoModelPermissionsOrAnonReadOnly) for p in self.view.get_permissions())
        if anonymous_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        method = self.method.upper()
        errors = {
            "400": _json(VALIDATION_ERROR, "Invalid filter, body or parameter; nothing was written."),
            "401": _json(DETAIL_ERROR, "Authentication is needed (Authorization: Token …)."),
            "403": _json(DETAIL_ERROR, "The token's user lacks the permission."),
            "404": _json(DETAIL_ERROR, "No such published object, or no such page."),
            "429": _json(DETAIL_ERROR, "Too many requests; retry after the Retry-After header's seconds."),
        }
        if method in {"GET", "HEAD"}:
            errors.pop("401")
            errors.pop("403")
        if method in {"POST", "PUT", "PATCH"}:
            errors["415"] = _json(
                DETAIL_ERROR, "The body's Content-Type is missing or not one this operation takes (see requestBody)."
            )
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses


def drop_slashed_exports(endpoints, **kwargs):
    """The bulk exports are documented at their plain address (…/export.json);
    the router's slashed twin stays served but undocumented."""
    return [e for e in endpoints if not e[0].endswith(("/export.json/", "/export.csv/"))]


def register_write_schema(read, write, *, versioned: bool = True, media_types=None) -> dict:
    """extend_schema_view() arguments for a register resource written through
    core.api.RegisterViewSet: writes take `write`, answer with `read` (201
    with a Location header for a creation), and, for a versioned resource,
    refuse with 412 a write over a newer version than the writer read."""
    location = OpenApiParameter(
        "Location", str, OpenApiParameter.HEADER, response=[201], description="The address of what was created."
    )
    if_unmodified_since = OpenApiParameter(
        "If-Unmodified-Since",
        str,
        OpenApiParameter.HEADER,
        description="The Last-Modified date you read: a row changed since is refused with 412.",
    )
    stale = OpenApiResponse(DETAIL_ERROR, description="Changed since the `updated_at` (or Last-Modified) you read.")
    changed = {200: read, 412: stale} if versioned else {200: read}
    parameters = [if_unmodified_since] if versioned else []

    def body(serializer):
        return {media_type: serializer for media_type in media_types} if media_types else serializer

    return {
        "create": extend_schema(request=body(write), responses={201: read}, parameters=[location]),
        "update": extend_schema(request=body(write), responses=changed, parameters=parameters),
        "partial_update": extend_schema(request=body(write), responses=changed, parameters=parameters),
        "destroy": extend_schema(
            responses={204: None, 412: stale} if versioned else {204: None}, parameters=parameters
        ),
    }
