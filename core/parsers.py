"""The API's request parsers (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

A module of its own: DRF imports its default parsers while defining APIView,
so this must not import DRF's views (core.api does)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# How deep a request's JSON may nest: a convention with its parties and their
# commitments is five levels; the limit leaves room and stops a body that would
# exhaust the parser's (or a serializer's) recursion.
JSON_MAX_DEPTH = 32


def json_depth_exceeds(data, limit: int) -> bool:
    """Does `data` (parsed JSON) nest deeper than `limit`? Iterative, so a deep
    document cannot exhaust the stack here either."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value if isinstance(item, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a nesting limit: a body nested deeper than
    JSON_MAX_DEPTH is refused with 400, where the standard parser raised
    RecursionError (a 500) on 100 000 levels."""

    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = ParseError(
            _("Le JSON est imbriqué trop profondément (au plus %(limit)s niveaux).") % {"limit": JSON_MAX_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if json_depth_exceeds(data, JSON_MAX_DEPTH):
            raise too_deep
        return data
