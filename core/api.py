"""What the API's write endpoints share: the service layer's errors said the
API's way, the version a writer read, the address of what it created, and a
viewset that reads one shape and writes through the service layer.

Errors, whatever the resource:
- `Refused` (shaped like the input) and Django's ValidationError: 400 with
  field-level messages in the request's language;
- Django's PermissionDenied: 403 (DRF's own handling);
- `core.locking.StaleVersion`: 412 with `{"detail": …}`, who changed the row
  and when.
"""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .gone import Gone
from .locking import StaleVersion
from .writes import Refused, errors_of

# The change reason history records for a write through the API.
API_REASON = _("Par l'API.")


class Stale(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


class Withdrawn(APIException):
    status_code = status.HTTP_410_GONE
    default_code = "gone"


def if_unmodified_since(request) -> datetime.datetime | None:
    """The Last-Modified date a writer sends back in If-Unmodified-Since (the
    other way to name the version it read, beside `updated_at` in the body).
    An unreadable date is ignored, as HTTP says."""
    since = parse_http_date_safe(request.headers.get("If-Unmodified-Since", ""))
    return datetime.datetime.fromtimestamp(since, tz=datetime.UTC) if since is not None else None


def version_in_body(request):
    """The `updated_at` a writer sent back in the body of a DELETE, if any."""
    data = request.data
    return data.get("updated_at") if hasattr(data, "get") else None


def as_api_error(exc, refused: tuple[type[Exception], ...] = (Refused,)):
    """The service layer's exceptions as DRF's (others unchanged)."""
    if isinstance(exc, refused):
        return ValidationError(exc.errors)
    if isinstance(exc, DjangoValidationError):
        return ValidationError(errors_of(exc))
    if isinstance(exc, StaleVersion):
        return Stale(str(exc.message()))
    if isinstance(exc, Gone):
        return Withdrawn(exc.message)
    return exc


class SlugReference(serializers.SlugRelatedField):
    """An object named by its slug, or by the object a read gave for it
    (`{"slug": "amica", …}`). A NUL character is refused before the lookup
    (PostgreSQL cannot compare text holding one)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, dict) and "slug" in data:
            data = data["slug"]
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)


class IdReference(serializers.PrimaryKeyRelatedField):
    """A row named by its id, or by the object a read gave for it ({"id": 3, …}).
    An id no database column can hold is unknown, not a database error."""

    def to_internal_value(self, data):
        if isinstance(data, dict) and "id" in data:
            data = data["id"]
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number < 2**63:
            self.fail("does_not_exist", pk_value=str(data)[:30])
        return super().to_internal_value(number)


class WriteVersion(serializers.CharField):
    """The `updated_at` a writer read, sent back: a newer stored version
    refuses the write with 412."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The `updated_at` you read: a newer stored version refuses the write with 412.")
        super().__init__(required=False, write_only=True, allow_blank=True, **kwargs)


def exception_handler(exc, context):
    """The API's exception handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]): the
    service layer's exceptions, then DRF's own handling."""
    return drf_exception_handler(as_api_error(exc), context)


class RegisterViewSet(viewsets.ModelViewSet):
    """Reads in one shape (`read_serializer_class`), writes through the
    service layer with another (`write_serializer_class`); a write answers
    with the read shape of what it wrote, a creation with its `Location`.

    Subclasses give `read_queryset()` (what this user may read, prefetched),
    `written_queryset()` (every row, prefetched: a writer reads back what it
    wrote) and `create_object`, `update_object`, `delete_object`."""

    read_serializer_class: type[serializers.Serializer]
    write_serializer_class: type[serializers.Serializer]
    refused_errors: tuple[type[Exception], ...] = (Refused,)

    def read_queryset(self):
        raise NotImplementedError

    def written_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return self.read_queryset()
        # Writes: the permission classes have vetted the user's model
        # permissions, the service layer checks the rest.
        return self.written_queryset()

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return self.read_serializer_class

    def handle_exception(self, exc):
        return super().handle_exception(as_api_error(exc, self.refused_errors))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.user is not None and request.user.is_authenticated:
            # A writer reads rows the public does not see: no shared cache keeps them.
            patch_cache_control(response, private=True)
        return response

    def detail_url(self, obj) -> str:
        lookup = getattr(obj, self.lookup_field)
        name = f"{self.request.resolver_match.namespace}:{self.basename}-detail"
        return self.request.build_absolute_uri(reverse(name, kwargs={self.lookup_field: lookup}))

    def respond(self, obj, status_code=status.HTTP_200_OK, *, fresh=True):
        if fresh:
            obj = self.written_queryset().get(pk=obj.pk)
        response = Response(self.read_serializer_class(obj, context=self.get_serializer_context()).data, status_code)
        if getattr(obj, "updated_at", None) is not None:
            # Sent back in If-Unmodified-Since, refuses a write over a newer version.
            response["Last-Modified"] = http_date(obj.updated_at.timestamp())
        if status_code == status.HTTP_201_CREATED:
            response["Location"] = self.detail_url(obj)
        return response

    def retrieve(self, request, *args, **kwargs):
        return self.respond(self.get_object(), fresh=False)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.create_object(serializer), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.update_object(instance, serializer, partial=partial))

    def destroy(self, request, *args, **kwargs):
        self.delete_object(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def create_object(self, serializer):
        raise NotImplementedError

    def update_object(self, instance, serializer, *, partial: bool):
        raise NotImplementedError

    def delete_object(self, instance):
        raise NotImplementedError
