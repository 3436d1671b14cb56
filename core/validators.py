"""Validators shared by the register's models."""

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_currency(code: str) -> None:
    """An ISO 4217 alphabetic code, upper case: MAD, EUR, USD."""
    if not (isinstance(code, str) and len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code)):
        raise ValidationError(
            _("« %(code)s » n'est pas un code de devise ISO 4217 (par exemple MAD, EUR, USD)."),
            code="invalid_currency",
            params={"code": code},
        )
