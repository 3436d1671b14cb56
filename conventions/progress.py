"""How far an objective has come, as of a date: the register's one rule.

Pure: it reads an objective's terms and the measurements the caller already
fetched, and runs no query. `Objective.progress_reading()` (and through it
`progress_ratio()` / `progress_status()`), the public pages, the API and the
admin all read progress here; the public page « Méthode » explains it.

The terms
---------
An objective has a target, a comparator (at least, at most, about, exactly,
or blank when the source does not say), maybe a baseline (value, year), and a
horizon: a partial date whose last day is its end (« 2020 » ends on
31 December 2020, « février 2024 » on 29 February 2024), or only words
(« d'ici la fin de l'année »), which give no date: an *undated* horizon.

A measurement stands for the last day of its period: a figure « for 2024 »
is read from 31 December 2024, one of « février 2019 » from 28 February 2019.

The reading as of a date D
--------------------------
1. **The reading** is the latest measurement standing on or before D.
   Later measurements do not exist as of D. No measurement: **no data**.

2. **Before the signature, a figure is context, never progress.** For a
   convention's objective, a measurement whose period ends before the
   signature's (day, month or year) begins is context. When the convention's
   date is unknown, no figure can be shown to follow the signature: every
   measurement is context. Without a baseline value, the latest context
   figure (as of D) is the baseline. A context figure never makes the
   objective reached, and while the reading is a context figure the progress
   is 0 %: nothing is credited to the convention yet. Objectives of plans and
   plan components have no signature: every measurement counts.

3. **Progress** is the share of the way from the baseline to the target:
   (reading − baseline) ÷ (target − baseline). The baseline is the
   objective's baseline value, else the latest context figure, else zero —
   except for an « at most » target with no baseline, where the way from an
   unknown start to a ceiling has no length: no progress figure, only
   reached or not. The formula works downwards too (a target below the
   baseline). When the target equals the baseline, progress is 100 % if the
   reading meets the target, else 0 %. Beyond the target, progress goes on
   (121 %): the real share is shown, the bar stops at 100 %.

4. **Reached** means the target is met in the comparator's sense: at least
   (reading ≥ target), at most (≤), exactly (=); about: within
   `ABOUT_TOLERANCE` (5 %) of the target, or beyond it in the direction of
   travel (« près de 130 milliards » is met from 123.5 billion up); blank:
   the target reached or passed coming from the baseline's side.
   **Reached stays reached**: once a measurement (not a context figure)
   meets the target, the objective reads reached as of that measurement's
   date and every later date, even if a later measurement falls back — the
   commitment was met by then; the progress figure still follows the latest
   reading, so the fall shows.

5. **The pace.** The expected path starts on 1 January of the baseline year,
   else on the convention's signature (its first day), else, for an
   objective of a plan or a plan component, on 1 January of the plan's
   first year. It runs in a straight line to 100 % on the horizon's last
   day. As of D, expected = days from the start to D ÷ days from the start
   to the horizon's end, held between 0 and 100 %. Then, not reached:
   - **on track** when progress ≥ expected − `ON_TRACK_TOLERANCE` (10 points);
   - **at risk** when progress ≥ expected − `AT_RISK_TOLERANCE` (25 points);
   - **late** below.
   A reading is judged against the pace of D, not of its own date: a figure
   that nobody updates slides from on track to late as the horizon nears.

6. **After the horizon's end:** reached, or **missed**.

7. **No pace** without both ends: with an undated horizon or an unknown
   start, the objective reads only **reached** or **not reached** (and
   missed once a dated horizon has passed: that needs no start).

8. **The history**: each measurement reports the status it implied as of its
   own date, reading only the measurements up to it (`history()`).

Worked examples
---------------
- Jobs, at least 13 340 by 2020, contract signed in 2016 (start 1 January
  2016, end 31 December 2020: 1 826 days). 8 900 jobs measured on 2 July
  2018, day 913: progress 66.7 %, expected 50 %: **on track**. Read on
  2 January 2020 with no newer figure: expected 80.1 %, 66.7 ≥ 55.1:
  **at risk**; on 1 October 2020: expected 95.0 %: **late**; in 2021:
  **missed**. A figure of 13 400 in 2019: **reached**, and it stays so if
  2020 says 13 000.
- Unemployment at most 30 %, baseline 40 % in 2020, horizon 2024: 36 % at the
  end of 2022 is (36 − 40) ÷ (30 − 40) = 40 % of the way, expected 60 %
  (1 095 of 1 826 days): 40 ≥ 35, **at risk**.
- Exports about 130 billion MAD « by the end of the year » (undated), for a
  convention signed on 12 February 2025: the figure of 157 billion for 2024
  predates the signature, so it is the baseline, progress 0 %, **not
  reached**; a figure of 125 billion for 2025 would read **reached**
  (within 5 % of 130).
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from core.dates import period_end, truncate

# The statuses (Objective.Progress carries their labels).
NO_DATA = "no_data"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
LATE = "late"
REACHED = "reached"
MISSED = "missed"
NOT_REACHED = "not_reached"
STATUSES = (NO_DATA, ON_TRACK, AT_RISK, LATE, REACHED, MISSED, NOT_REACHED)

# The comparators (Objective.Comparator's values).
AT_LEAST, AT_MOST, ABOUT, EXACTLY, UNSAID = "gte", "lte", "about", "eq", ""

# Shares of the way (0.10 = 10 percentage points behind the straight path).
ON_TRACK_TOLERANCE = Decimal("0.10")
AT_RISK_TOLERANCE = Decimal("0.25")
# « About » a target: within this share of the target's value.
ABOUT_TOLERANCE = Decimal("0.05")

ZERO, ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Terms:
    """What the rule reads of an objective."""

    target: Decimal
    comparator: str = UNSAID
    baseline: Decimal | None = None
    baseline_year: int | None = None
    horizon_end: datetime.date | None = None
    # A convention's objective (the signature sorts context from progress),
    # and the first day of the signature's period, when known.
    convention: bool = False
    signed_on: datetime.date | None = None
    # For a plan's or a plan component's objective: the plan's first year.
    plan_start_year: int | None = None

    @property
    def start(self) -> datetime.date | None:
        """Where the expected path starts: the baseline year, else the
        signature, else the plan's first year; None when none is known."""
        if self.baseline_year:
            return datetime.date(self.baseline_year, 1, 1)
        if self.signed_on:
            return self.signed_on
        if self.plan_start_year:
            return datetime.date(self.plan_start_year, 1, 1)
        return None


@dataclass(frozen=True)
class Reading:
    """An objective as of a date."""

    as_of: datetime.date
    status: str
    # The measurement the reading rests on (the latest on or before as_of).
    measurement: object | None = None
    # Share of the way from the baseline to the target (1.0 = the target),
    # and the share the straight path expects as of as_of (None: no pace).
    progress: float | None = None
    expected: float | None = None
    # The measurement predates the signature: it is the start, not progress.
    context: bool = False
    baseline: Decimal | None = None
    start: datetime.date | None = None
    horizon_end: datetime.date | None = None
    # When reached: the first measurement that met the target.
    reached_by: object | None = None


def terms_of(objective, *, plan=None) -> Terms:
    """The terms of an Objective. Reads its convention (or its plan, or its
    component's plan) as the caller loaded it; `plan`, a plan the caller
    already holds (the plan page's), is used instead of loading the
    objective's own when it is the same one."""
    convention = objective.convention if objective.convention_id else None
    plan_start_year = None
    if convention is None and not objective.baseline_year:
        plan_start_year = _plan_of(objective, plan).start_year
    return Terms(
        target=objective.target_value,
        comparator=objective.comparator or UNSAID,
        baseline=objective.baseline_value,
        baseline_year=objective.baseline_year,
        horizon_end=objective.horizon_end,
        convention=convention is not None,
        signed_on=truncate(convention.signed_on, convention.signed_on_precision) if convention else None,
        plan_start_year=plan_start_year,
    )


def _plan_of(objective, known):
    plan_id = objective.plan_id if objective.plan_id else objective.component.plan_id
    if known is not None and getattr(known, "pk", None) == plan_id:
        return known
    return objective.plan if objective.plan_id else objective.component.plan


def measured_until(measurement) -> datetime.date:
    """The day a measurement stands for: the last day of its period."""
    return period_end(measurement.measured_on, measurement.measured_on_precision) or measurement.measured_on


def is_context(terms: Terms, measurement) -> bool:
    """Whether a measurement predates the signature (context, not progress)."""
    if not terms.convention:
        return False
    return terms.signed_on is None or measured_until(measurement) < terms.signed_on


def meets(terms: Terms, value: Decimal, baseline: Decimal | None) -> bool:
    """Whether `value` meets the target in the comparator's sense."""
    target = terms.target
    if terms.comparator == AT_LEAST:
        return value >= target
    if terms.comparator == AT_MOST:
        return value <= target
    if terms.comparator == EXACTLY:
        return value == target
    origin = ZERO if baseline is None else baseline
    direction = (target > origin) - (target < origin)
    if terms.comparator == ABOUT and abs(value - target) <= ABOUT_TOLERANCE * abs(target):
        return True
    if direction > 0:
        return value >= target
    if direction < 0:
        return value <= target
    return value == target


def share(terms: Terms, value: Decimal, baseline: Decimal | None) -> Decimal | None:
    """The share of the way from `baseline` (None: zero, or no way at all
    for an « at most » target) to the target that `value` stands at."""
    if baseline is None:
        if terms.comparator == AT_MOST:
            return None
        baseline = ZERO
    span = terms.target - baseline
    if span == 0:
        return ONE if meets(terms, value, baseline) else ZERO
    return (value - baseline) / span


def expected_share(start: datetime.date, end: datetime.date, as_of: datetime.date) -> Decimal:
    """The straight path's share as of `as_of`, between 0 and 1."""
    total = (end - start).days
    if total <= 0:
        return ONE if as_of >= end else ZERO
    return min(max(Decimal((as_of - start).days) / Decimal(total), ZERO), ONE)


def series(measurements: Iterable) -> list:
    """Measurements in the order they stand (stable: ties keep the given order)."""
    return sorted(measurements, key=measured_until)


def read(terms: Terms, measurements: Iterable, as_of: datetime.date) -> Reading:
    """The objective as of `as_of`, from `measurements` (any order)."""
    known = [m for m in series(measurements) if measured_until(m) <= as_of]
    start, end = terms.start, terms.horizon_end
    expected = expected_share(start, end, as_of) if start and end else None
    common = {
        "as_of": as_of,
        "expected": float(expected) if expected is not None else None,
        "start": start,
        "horizon_end": end,
    }
    if not known:
        return Reading(status=NO_DATA, baseline=terms.baseline, **common)
    # Context figures all stand before the counted ones (the signature splits the series).
    counted = [m for m in known if not is_context(terms, m)]
    context = [m for m in known if is_context(terms, m)]
    baseline = terms.baseline if terms.baseline is not None else (context[-1].value if context else None)
    latest = known[-1]
    if counted:
        progress = share(terms, latest.value, baseline)
    else:
        progress = ZERO
    reached_by = next((m for m in counted if meets(terms, m.value, baseline)), None)
    if reached_by is not None:
        status = REACHED
    elif end is not None and as_of > end:
        status = MISSED
    elif expected is None or progress is None:
        status = NOT_REACHED
    elif progress >= expected - ON_TRACK_TOLERANCE:
        status = ON_TRACK
    elif progress >= expected - AT_RISK_TOLERANCE:
        status = AT_RISK
    else:
        status = LATE
    return Reading(
        status=status,
        measurement=latest,
        progress=float(progress) if progress is not None else None,
        context=not counted,
        baseline=baseline,
        reached_by=reached_by,
        **common,
    )


def history(terms: Terms, measurements: Iterable) -> list[tuple[object, Reading]]:
    """Each measurement with the reading it implied as of its own date (the
    measurements up to it, none after)."""
    ordered = series(measurements)
    return [(m, read(terms, ordered[: index + 1], measured_until(m))) for index, m in enumerate(ordered)]


def upto(measurements: Sequence, measurement) -> list:
    """The measurements of a series up to and including `measurement`."""
    ordered = series(measurements)
    key = getattr(measurement, "pk", None)
    for index, item in enumerate(ordered):
        if item is measurement or (key is not None and getattr(item, "pk", None) == key):
            return ordered[: index + 1]
    before = [m for m in ordered if measured_until(m) < measured_until(measurement)]
    return [*before, measurement]


_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_as_of(text: str | None) -> datetime.date | None:
    """The date of an `as_of` parameter (AAAA-MM-JJ); None when empty;
    ValueError with a message for the reader otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    shown = text[:40]
    if not _ISO_DAY.match(text):
        raise ValueError(
            gettext("« %(value)s » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple 2025-06-30.")
            % {"value": shown}
        )
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(gettext("« %(value)s » n'est pas une date qui existe.") % {"value": shown}) from exc
    if not 1900 <= value.year <= 2100:
        raise ValueError(gettext("« %(value)s » : année hors de 1900-2100.") % {"value": shown})
    return value
