"""Numbers as the register writes them: for readers, in their language's
format without trailing zeros (« 13 340 », « 1,7 »); for the import format,
plain (« 13340.5 »), the form the importer reads back."""

import math
from decimal import Decimal

from django.utils.formats import number_format

MB = 1024 * 1024


def localized(value, max_decimals: int | None = 2) -> str:
    """13340 → « 13 340 », Decimal('1.70') → « 1,7 »: grouped, in the active
    language's format, rounded to `max_decimals` (None: every decimal the
    value has), trailing zeros dropped."""
    value = Decimal(value)
    rounded = value if max_decimals is None else round(value, max_decimals)
    decimals = 0 if rounded == rounded.to_integral_value() else max(0, -rounded.normalize().as_tuple().exponent)
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def percent(share) -> int | None:
    """A share (0.62, Decimal or float) as a whole percentage (62); None stays None."""
    return round(share * 100) if share is not None else None


def plain(value: Decimal | None) -> str:
    """Decimal('13340.00') → '13340': what the importer's number reader takes."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def megabytes(size: int) -> str:
    """A file's size in megabytes to a tenth, rounded up: a file just over a
    limit must not read as equal to it."""
    return number_format(math.ceil(size * 10 / MB) / 10, decimal_pos=1)
