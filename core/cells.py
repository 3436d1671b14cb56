"""The values a clerk types in a spreadsheet cell, read for an import: full
dates, numbers, choices, yes/no, lists. Partial dates are read and written by
core.dates (parse_partial, format_partial_iso), numbers written back by
core.numbers.plain. A reader raises ValueError with a message for the person
who typed the cell; messages are in French, shown as they are to staff."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .dates import DatePrecision, parse_partial
from .text import normalize


def full_date(text: str) -> datetime.date | None:
    value, precision = parse_partial(text)
    if value is not None and precision != DatePrecision.DAY:
        raise ValueError(_("« %(value)s » : une date complète est attendue (AAAA-MM-JJ).") % {"value": text})
    return value


def decimal(text: str) -> Decimal | None:
    """'13 340', '13340', '1,7', '1.7' -> Decimal; '' -> None."""
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        raise ValueError(_("« %(value)s » : nombre ambigu, n'utilisez qu'un séparateur décimal.") % {"value": text})
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text}) from exc
    if not value.is_finite():
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text})
    return value


def choice(choices, text: str):
    """The value of a TextChoices member named by its French label or its code."""
    wanted = normalize(text)
    for member in choices:
        if wanted in (normalize(member.value), normalize(str(member.label))):
            return member
    raise ValueError(
        _("« %(value)s » n'est pas une valeur reconnue. Valeurs possibles : %(values)s.")
        % {"value": text, "values": ", ".join(f"{member.label} ({member.value})" for member in choices)}
    )


def yes_no(text: str) -> bool:
    value = normalize(text)
    if value in ("", "non", "no", "0", "faux", "false", "n"):
        return False
    if value in ("oui", "yes", "1", "vrai", "true", "o", "x"):
        return True
    raise ValueError(_("« %(value)s » : écrivez « oui » ou « non ».") % {"value": text})


def items(text: str) -> list[str]:
    """A list cell: items separated by semicolons or line breaks."""
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]
