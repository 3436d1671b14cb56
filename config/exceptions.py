"""API errors from the service layer, in the API's shapes.

The service layer (conventions/services.py, actors/services.py) speaks in
domain exceptions so that the admin, the importer and the API can each say
them their own way; here is the API's way."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.locking import StaleVersion


class Stale(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


def exception_handler(exc, context):
    from conventions.services import Refused  # the handler is loaded with the API, after the apps

    if isinstance(exc, Refused):
        exc = ValidationError(exc.errors)
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})
    elif isinstance(exc, StaleVersion):
        return Response({"detail": str(exc.message())}, status=status.HTTP_412_PRECONDITION_FAILED)
    return drf_exception_handler(exc, context)
