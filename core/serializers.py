import copy
import json

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer, its fields worked out from the model once per
    class and copied for each instance. DRF introspects the model's fields
    every time a serializer is made, and a convention's detail makes some
    fifteen (one per nested list): that introspection was a sixth of the API
    detail's function calls. The fields depend only on the class (its Meta and
    declared fields), never on the instance or the request, so a copy of the
    first instance's fields is what the introspection would give; DRF deep-copies
    its declared fields the same way. A subclass that adjusts its fields does so
    on the copy (`super().get_fields()`)."""

    _built: dict[type, dict] = {}

    def get_fields(self):
        built = ModelSerializer._built.get(type(self))
        if built is None:
            built = ModelSerializer._built[type(self)] = super().get_fields()
        return copy.deepcopy(built)


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


def request_language() -> str:
    """The translated column a plain field names in this request: the active
    language (Accept-Language) if the register is translated into it, else French."""
    code = (translation.get_language() or "").split("-")[0]
    return code if code in settings.MODELTRANSLATION_LANGUAGES else settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@extend_schema_field(LANGUAGE_TEXTS)
class TranslationsInput(serializers.Field):
    """The `translations` object a read gives ({"name": {"fr": "…", "ar": …}}),
    accepted on write as the columns name_fr, name_ar… A multipart form may
    send it as JSON text."""

    def __init__(self, *fields, **kwargs):
        self.translated_fields = fields
        kwargs.setdefault("help_text", "Every language's text, as `translations` reads: the columns it names change.")
        super().__init__(required=False, write_only=True, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                data = None
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                _("Un objet est attendu : {%(example)s}.") % {"example": f'"{self.translated_fields[0]}": {{"fr": …}}'}
            )
        columns = {}
        for field, texts in data.items():
            if field not in self.translated_fields or not isinstance(texts, dict):
                raise serializers.ValidationError(
                    _("Champ traduit inconnu : « %(field)s ».") % {"field": str(field)[:40]}
                )
            for code, text in texts.items():
                if code not in settings.MODELTRANSLATION_LANGUAGES or not (text is None or isinstance(text, str)):
                    raise serializers.ValidationError(
                        _("Langue ou texte invalide pour « %(field)s ».") % {"field": field}
                    )
                if text and "\x00" in text:
                    raise serializers.ValidationError(_("Les caractères nuls ne sont pas autorisés."))
                columns[f"{field}_{code}"] = text or ""
        return columns


class TranslatedWriteMixin:
    """A write serializer for a model with translated fields takes each of
    them three ways, so a writer can send back what it read:

    - the columns (`name_fr`, `name_ar`, `name_en`), which win;
    - `translations`, the object a read gives;
    - the plain field (`name`), in the request's language (Accept-Language,
      French by default), as a read gives it. A plain text that is only the
      French fallback a read showed for an empty column is not copied into it.

    `validate()` turns them into columns."""

    translated_fields: tuple[str, ...] = ()

    def columns_of(self, attrs: dict) -> dict:
        attrs = dict(attrs)
        given = attrs.pop("translations", None) or {}
        language = request_language()
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for field in self.translated_fields:
            present = field in attrs
            plain = attrs.pop(field, None)
            for column, text in given.items():
                if column.startswith(f"{field}_"):
                    attrs.setdefault(column, text)
            column = f"{field}_{language}"
            if not present or column in attrs:
                continue
            instance = getattr(self, "instance", None)
            if (
                language != default
                and instance is not None
                and not getattr(instance, column, None)
                and plain == getattr(instance, f"{field}_{default}", None)
            ):
                continue  # the fallback a read showed, not a translation
            attrs[column] = plain if plain is not None else ""
        return attrs

    def validate(self, attrs):
        return self.columns_of(super().validate(attrs))
