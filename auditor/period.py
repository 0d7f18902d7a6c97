"""The audit period: a calendar quarter by name, two dates, or the latest quarter in the data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from auditor.messages import Message
from auditor.models import Period
from auditor.problems import InputError

# Q, or K for kwartaal as Dutch writes it: `2026-K3`, `K3 2026`, `3e kwartaal 2026`.
_QUARTER_FORMS = (
    re.compile(r"^(?P<year>\d{4})\s*[-_/ ]?\s*[QK](?P<q>[1-4])$", re.IGNORECASE),  # 2026-Q3, 2026Q3
    re.compile(r"^[QK](?P<q>[1-4])\s*[-_/ ]?\s*(?P<year>\d{4})$", re.IGNORECASE),  # Q3 2026
    re.compile(
        r"^(?:(?P<q>[1-4])\s*(?:e|de|ste)?\s*(?:kwartaal|kw\.?)|(?:kwartaal|kw\.?)\s*(?P<q2>[1-4]))"
        r"\s*,?\s*(?P<year>\d{4})$",
        re.IGNORECASE,
    ),  # 3e kwartaal 2026, kwartaal 3 2026, 3e kw 2026
    re.compile(
        r"^(?P<year>\d{4})\s*,?\s*kwartaal\s*(?P<q>[1-4])$", re.IGNORECASE
    ),  # 2026 kwartaal 3
)
# A quarter's number in words, as a sentence writes it: `derde kwartaal 2026`.
_ORDINALS = {"eerste": "1e", "tweede": "2e", "derde": "3e", "vierde": "4e"}
# Dashes a word processor or a web page puts where a hyphen was typed.
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
_RANGE = re.compile(r"^(?P<start>\S+)\s*\.\.\s*(?P<end>\S+)$")
# Day first, as the Netherlands writes a date: 01-07-2026, 1/7/2026, 1.7.2026.
_DATE_FORMS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return Period(label=f"{year}-Q{q}", start=start, end=end - dt.timedelta(days=1))


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def latest_ended_quarter(today: dt.date | None = None) -> Period:
    """The quarter before the one `today` falls in."""
    return quarter_of(quarter_of(today or dt.date.today()).start - dt.timedelta(days=1))


def parse_period(text: str) -> Period:
    """`2026-Q3`, `2026Q3`, `Q3 2026`, `2026-K3` or `3e kwartaal 2026` → that quarter; a label
    `D..D` (as `period_from_dates` writes it) → those dates."""
    value = _DASHES.sub("-", text.strip())
    value = re.sub(r"(?i)\b[QK]0(?=[1-4]\b)", lambda m: m[0][0], value)  # 2026-Q03
    first, _, rest = value.partition(" ")
    if first.casefold() in _ORDINALS:
        value = f"{_ORDINALS[first.casefold()]} {rest}"
    for form in _QUARTER_FORMS:
        match = form.match(value)
        if match:
            return quarter(int(match["year"]), int(match["q"] or match["q2"]))
    match = _RANGE.match(value)
    if match:
        return period_from_dates(match["start"], match["end"])
    raise InputError(None, Message("period.not_a_quarter", text=text))


def period_from_dates(start: dt.date | str, end: dt.date | str) -> Period:
    """Any stretch of days, both ends included; labelled `2026-07-01..2026-09-30`."""
    first, last = parse_date(start, "start"), parse_date(end, "end")
    if last < first:
        raise InputError(None, Message("period.ends_before_start", start=first, end=last))
    return Period(label=f"{first.isoformat()}..{last.isoformat()}", start=first, end=last)


@dataclass(frozen=True)
class Choice:
    """The period an audit takes when none is given, and why (for the run's summary)."""

    period: Period
    reason: Message


def latest_complete_quarter(
    timestamps: pd.Series, tz: str | dt.tzinfo, today: dt.date | None = None
) -> Choice:
    """The latest calendar quarter that has ended (before `today`) and that the data reaches
    into: its first and last days lie around some of the quarter.

    Whether the data reaches a quarter's last day does not matter: an account that posts
    nothing on 30 September still has its third quarter. When the data lies only in
    quarters that have not ended, the first of those is taken, so a first audit of fresh
    exports still has a period (the run then warns that its figures are incomplete).
    """
    today = today or dt.date.today()
    instants = pd.to_datetime(pd.Series(timestamps), utc=True).dropna()
    if instants.empty:
        raise InputError(None, Message("period.no_timestamps"))
    local_days = instants.dt.tz_convert(tz).dt.date
    first, last = local_days.min(), local_days.max()
    latest_ended = latest_ended_quarter(today)
    candidate = min(latest_ended, quarter_of(last), key=lambda q: q.start)
    if first <= candidate.end:
        return Choice(candidate, Message("period.latest_reached", first=first, last=last))
    return Choice(quarter_of(first), Message("period.none_ended", first=first, last=last))


def parse_date(value: dt.date | str, which: Literal["start", "end"]) -> dt.date:
    """One end of a period as the user wrote it; an InputError names which end it is."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _DASHES.sub("-", str(value).strip())
    for form in _DATE_FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise InputError(None, Message(f"period.{which}_not_a_date", value=text))
