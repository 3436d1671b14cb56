"""Dates known only to some precision.

The press says "en 2016", "date 2019-02", "hier, mercredi", or nothing. A
partial date is stored as a DateField holding the first day of the period it
names, beside a precision; the precision is what the source supports, never
more. Check constraints keep the pair coherent in the database.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("jour")
    MONTH = "month", _("mois")
    YEAR = "year", _("année")
    UNKNOWN = "unknown", _("inconnue")


def truncate(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of the period `value` falls in, at `precision`."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The last day of the period a partial date names: 31 December for a year."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        next_month = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return next_month - datetime.timedelta(days=1)
    return value


def passed_before(field: str, today: datetime.date) -> Q:
    """A lookup for rows whose partial date `field` lies wholly before `today`:
    "June 2026" has passed only from 1 July 2026."""
    precision = f"{field}_precision"
    return (
        Q(**{precision: DatePrecision.DAY, f"{field}__lt": today})
        | Q(**{precision: DatePrecision.MONTH, f"{field}__lt": today.replace(day=1)})
        | Q(**{precision: DatePrecision.YEAR, f"{field}__lt": today.replace(month=1, day=1)})
    )


def format_partial(value: datetime.date | None, precision: str) -> str:
    """Human form in the active language: '2019', 'février 2019', '3 février 2019'."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return str(_("date inconnue"))
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def format_period(start, start_precision, end, end_precision, attested=None, attested_precision=None) -> str:
    """A period known to some precision, in the active language: « 2019 –
    octobre 2021 », « depuis février 2019 », « jusqu'en 2021 »; when neither
    end is known, the date it was attested on (« attesté le 12 février
    2025 », « attesté en 2025 »); else "". A mandate's, a former name's."""
    if start and end:
        return f"{format_partial(start, start_precision)} – {format_partial(end, end_precision)}"
    if start:
        return gettext("depuis %(date)s") % {"date": format_partial(start, start_precision)}
    if end:
        return gettext("jusqu'en %(date)s") % {"date": format_partial(end, end_precision)}
    if attested:
        date = format_partial(attested, attested_precision)
        if attested_precision == DatePrecision.DAY:
            return gettext("attesté le %(date)s") % {"date": date}
        return gettext("attesté en %(date)s") % {"date": date}
    return ""


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FRENCH = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$")


def parse_partial(text: str | None) -> tuple[datetime.date | None, str]:
    """A partial date as written in a file or the demo data: '2016' ->
    (2016-01-01, year), '2019-02' -> month, '2025-02-12' or '12/02/2025' ->
    day, '02/2019' -> month, '' or None -> (None, unknown). ValueError, with
    a message for the person who wrote it, for anything else or a year out
    of 1900-2100."""
    text = (text or "").strip()
    if not text:
        return None, DatePrecision.UNKNOWN
    if text.endswith(" 00:00:00"):  # a spreadsheet's date cell read as text
        text = text[: -len(" 00:00:00")]
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _FRENCH.match(text)
        if not match:
            raise ValueError(
                gettext("« %(value)s » n'est pas une date : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ.") % {"value": text}
            )
        day, month, year = match.groups()
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(gettext("« %(value)s » n'est pas une date qui existe.") % {"value": text}) from exc
    if not 1900 <= value.year <= 2100:
        raise ValueError(gettext("« %(value)s » : année hors de 1900-2100.") % {"value": text})
    return value, precision


def format_partial_iso(value: datetime.date | None, precision: str) -> str:
    """A partial date as `parse_partial` reads it back: AAAA, AAAA-MM or AAAA-MM-JJ."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_date_constraint(app_label: str, model_name: str, field: str) -> models.CheckConstraint:
    """The database rule for a (field, field_precision) pair.

    A date needs a known precision and an unknown precision needs no date.
    Truncating a month or a year to its first day is done by `truncate()` in
    the models' clean(): a database CHECK on the day would need SQLite's
    user-defined date functions, which other clients of the file lack.
    """
    precision = f"{field}_precision"
    prefix = f"{app_label}_{model_name}_{field}"
    return models.CheckConstraint(
        condition=(Q(**{f"{field}__isnull": True}) & Q(**{precision: DatePrecision.UNKNOWN}))
        | (Q(**{f"{field}__isnull": False}) & ~Q(**{precision: DatePrecision.UNKNOWN})),
        name=f"{prefix}_precision_matches",
    )


def clean_partial_dates(instance, *fields: str) -> None:
    """Model.clean() helper: an unknown precision with a date typed in is read
    as a full date; a month or year is stored as the first day of its period."""
    errors = {}
    for field in fields:
        value = getattr(instance, field)
        precision = getattr(instance, f"{field}_precision")
        if value is None and precision != DatePrecision.UNKNOWN:
            errors[field] = _("Saisissez la date, ou choisissez la précision « inconnue ».")
            continue
        if value is not None and precision == DatePrecision.UNKNOWN:
            precision = DatePrecision.DAY
            setattr(instance, f"{field}_precision", precision)
        setattr(instance, field, truncate(value, precision))
    if errors:
        raise ValidationError(errors)


def precision_field(verbose_name, help_text="") -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=8,
        choices=DatePrecision,
        default=DatePrecision.UNKNOWN,
        help_text=help_text,
    )
