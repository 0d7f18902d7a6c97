"""The audit period: a calendar quarter by name, two dates, or the latest quarter in the data."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from auditor.models import Period
from auditor.problems import InputError

_QUARTER_FORMS = (
    re.compile(r"^(?P<year>\d{4})\s*[-_/ ]?\s*Q(?P<q>[1-4])$", re.IGNORECASE),  # 2026-Q3, 2026Q3
    re.compile(r"^Q(?P<q>[1-4])\s*[-_/ ]?\s*(?P<year>\d{4})$", re.IGNORECASE),  # Q3 2026
)
_RANGE = re.compile(r"^(?P<start>\S+)\s*\.\.\s*(?P<end>\S+)$")
_DATE_FORMS = ("%Y-%m-%d", "%d-%m-%Y")


def quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return Period(label=f"{year}-Q{q}", start=start, end=end - dt.timedelta(days=1))


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def parse_period(text: str) -> Period:
    """`2026-Q3`, `2026Q3` or `Q3 2026` → that quarter; a label `D..D` (as `period_from_dates`
    writes it) → those dates."""
    value = text.strip()
    for form in _QUARTER_FORMS:
        match = form.match(value)
        if match:
            return quarter(int(match["year"]), int(match["q"]))
    match = _RANGE.match(value)
    if match:
        return period_from_dates(match["start"], match["end"])
    raise InputError(
        None,
        f"period {text!r} is not a quarter: write it as 2026-Q3 (or 2026Q3, Q3 2026), "
        "or give --from and --to dates",
    )


def period_from_dates(start: dt.date | str, end: dt.date | str) -> Period:
    """Any stretch of days, both ends included; labelled `2026-07-01..2026-09-30`."""
    first, last = _date(start, "start"), _date(end, "end")
    if last < first:
        raise InputError(
            None, f"the period ends ({last.isoformat()}) before it starts ({first.isoformat()})"
        )
    return Period(label=f"{first.isoformat()}..{last.isoformat()}", start=first, end=last)


def latest_complete_quarter(timestamps: pd.Series, tz: str | dt.tzinfo) -> Period:
    """The latest calendar quarter the data reaches the last day of.

    A quarter counts as complete when the latest local date in the data is on or after its
    last day, and the data reaches into it (its earliest date is not after the quarter's end).
    When no quarter is complete — the data starts and ends inside one quarter — the quarter
    holding the latest data is taken, so a first audit of fresh exports still has a period.
    """
    instants = pd.to_datetime(pd.Series(timestamps), utc=True).dropna()
    if instants.empty:
        raise InputError(
            None, "the activity data holds no timestamps, so no period can be chosen: give --period"
        )
    local_days = instants.dt.tz_convert(tz).dt.date
    first, last = local_days.min(), local_days.max()
    current = quarter_of(last)
    if last >= current.end:
        return current
    previous = quarter_of(current.start - dt.timedelta(days=1))
    return previous if first <= previous.end else current


def _date(value: dt.date | str, which: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in _DATE_FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise InputError(
        None, f"period {which} {value!r} is not a date: write it as 2026-07-01 or 01-07-2026"
    )
