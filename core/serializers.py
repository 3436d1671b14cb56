from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

LANGUAGE_TEXTS = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {code: {"type": "string", "nullable": True} for code in settings.MODELTRANSLATION_LANGUAGES},
    },
}


@extend_schema_field(LANGUAGE_TEXTS)
class TranslationsField(serializers.Field):
    """Every language's text of the given translated fields, e.g.
    {"title": {"fr": "…", "ar": "…", "en": null}}: the plain fields follow
    Accept-Language (falling back to French); this shows what exists."""

    def __init__(self, *fields, **kwargs):
        self.translated_fields = fields
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj) -> dict:
        return {
            field: {code: getattr(obj, f"{field}_{code}") or None for code in settings.MODELTRANSLATION_LANGUAGES}
            for field in self.translated_fields
        }
