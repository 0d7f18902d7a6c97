"""The business calendar: when the organisation is open, and business hours between instants.

Business time is measured with one cumulative function B(t): the business seconds between a
fixed origin and instant t. The hours between two instants are then (B(end) − B(start)) / 3600,
which is exact and vectorises to a few array look-ups.

B is built from a day table over local dates: each day's opening and closing times are placed
on the wall clock of the configured zone and turned into real (UTC) instants, so a day on which
the clocks change still gets the opening time people see on the clock, and an opening period
that spans the switch counts the hour that really passed. Because every open period lies inside
its own local day, B is continuous and never rises faster than real time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import holidays
import numpy as np
import pandas as pd

from auditor.config import Config
from auditor.messages import Message
from auditor.problems import InputError

_NS_PER_SECOND = 1_000_000_000
_NS_PER_MINUTE = 60 * _NS_PER_SECOND
_NS_PER_HOUR = 3600 * _NS_PER_SECOND
_NS_PER_DAY = 24 * _NS_PER_HOUR
# 1970-01-01 was a Thursday; with Monday = 0 a day number d falls on weekday (d + 3) % 7.
_EPOCH_WEEKDAY = 3
_NAT = np.iinfo(np.int64).min


@dataclass(frozen=True)
class _DayTable:
    first_day: int  # days since 1970-01-01 of row 0
    opens: np.ndarray  # int64 ns UTC: the instant the day opens (its local midnight if closed)
    durations: np.ndarray  # int64 ns the day is open (0 when closed)
    before: np.ndarray  # int64 ns of business time from row 0 up to the day's start

    @property
    def last_day(self) -> int:
        return self.first_day + len(self.opens) - 1


@dataclass(frozen=True)
class _DayStarts:
    """Where each local date begins, as a UTC instant: local days without a time-zone
    conversion per instant."""

    first_day: int  # days since 1970-01-01 of row 0
    starts: np.ndarray  # int64 ns UTC per day, one more than the days covered
    ahead: int  # ns; no day starts further ahead of UTC than this

    def covers(self, low: int, high: int) -> bool:
        return bool(self.starts[0] <= low and high < self.starts[-1])

    def days(self, t: np.ndarray) -> np.ndarray:
        """The local date of each instant, all inside the table.

        Counting whole days from the furthest-ahead offset gives each instant its own day or
        a later one; the few that landed late step back until their day has begun."""
        row = np.minimum((t + self.ahead) // _NS_PER_DAY - self.first_day, len(self.starts) - 2)
        late = np.flatnonzero(t < self.starts[row])
        while len(late):
            row[late] -= 1
            late = late[t[late] < self.starts[row[late]]]
        return row + self.first_day


@dataclass
class BusinessCalendar:
    """Opening hours per weekday on the local wall clock, minus public holidays and closed days."""

    zone: str = "Europe/Amsterdam"
    # (open, close) minutes after midnight, Monday first; None = closed all day.
    weekly: tuple[tuple[int, int] | None, ...] = ((510, 1020),) * 5 + (None, None)
    holiday_country: str | None = "NL"
    holiday_subdivision: str | None = None
    closed_days: frozenset = frozenset()
    # Public holidays the organisation works anyway; a weekday's own hours still apply.
    open_days: frozenset = frozenset()
    _table: _DayTable | None = field(default=None, init=False, repr=False)
    _holiday_years: dict[int, frozenset] = field(default_factory=dict, init=False, repr=False)
    _starts: _DayStarts | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_config(cls, config: Config) -> BusinessCalendar:
        hours = config.business_hours
        calendar = cls(
            zone=config.timezone,
            weekly=tuple(hours.minutes()),
            holiday_country=hours.holiday_country,
            holiday_subdivision=hours.holiday_subdivision,
            closed_days=frozenset(hours.closed_days),
            open_days=frozenset(hours.open_days),
        )
        if calendar.holiday_country:
            try:
                calendar._holidays(dt.date.today().year)
            except NotImplementedError as exc:
                raise InputError(
                    None, Message("activity.holiday_country", error=str(exc))
                ) from None
        return calendar

    @property
    def standard_day_hours(self) -> float:
        """The most common daily opening length (ties: the longer one); 0 if never open.

        Turns a limit in business days ("two business days") into business hours.
        """
        lengths = Counter((close - open_) / 60 for open_, close in filter(None, self.weekly))
        if not lengths:
            return 0.0
        return max(lengths.items(), key=lambda item: (item[1], item[0]))[0]

    def business_hours(self, start: Any, end: Any) -> np.ndarray:
        """Business hours from each start to its end (0 when end <= start, NaN when either is NaT).

        `start` and `end` are tz-aware instants (Series, DatetimeIndex, arrays or scalars) that
        broadcast against each other.
        """
        s, e = np.broadcast_arrays(_utc_ns(start), _utc_ns(end))
        known = (s != _NAT) & (e != _NAT)
        result = np.full(s.shape, np.nan)
        if not known.any():
            return result
        s, e = s[known], e[known]
        table = self._covering(np.concatenate([s, e]))
        elapsed = self._business_ns(s, table), self._business_ns(e, table)
        result[known] = np.maximum(elapsed[1] - elapsed[0], 0) / _NS_PER_HOUR
        return result

    def business_hours_to(self, start: Any, ends: Sequence[Any]) -> list[np.ndarray]:
        """Business hours from each start to each of several ends, as `business_hours` gives
        them one end at a time; an end of one instant applies to every start. The starts are
        placed on the clock once, and a single end once, not once per start: the reply
        figures ask this of every inbound item of the period, twice."""
        s = _utc_ns(start).reshape(-1)
        ends_ns = [_utc_ns(end).reshape(-1) for end in ends]
        results = [np.full(s.shape, np.nan) for _ in ends_ns]
        known = s != _NAT
        points = [t[t != _NAT] for t in (s, *ends_ns)]
        points = [t for t in points if len(t)]
        if not known.any() or len(points) < 2:
            return results
        table = self._covering(
            np.array([min(int(t.min()) for t in points), max(int(t.max()) for t in points)])
        )
        clock = np.zeros(s.shape, dtype=np.int64)
        clock[known] = self._business_ns(s[known], table)
        for result, e in zip(results, ends_ns, strict=True):
            if len(e) == 1 and len(s) != 1:
                if e[0] != _NAT:
                    at = self._business_ns(e, table)[0]
                    result[known] = np.maximum(at - clock[known], 0) / _NS_PER_HOUR
                continue
            both = known & (e != _NAT)
            at = self._business_ns(e[both], table)
            result[both] = np.maximum(at - clock[both], 0) / _NS_PER_HOUR
        return results

    def is_open(self, instants: Any) -> np.ndarray:
        """True where an instant falls inside opening hours (NaT is never open)."""
        t = _utc_ns(instants)
        known = t != _NAT
        result = np.zeros(t.shape, dtype=bool)
        if not known.any():
            return result
        t = t[known]
        table = self._covering(t)
        row = self._local_day(t) - table.first_day
        since_open = t - table.opens[row]
        result[known] = (since_open >= 0) & (since_open < table.durations[row])
        return result

    def _business_ns(self, t: np.ndarray, table: _DayTable) -> np.ndarray:
        row = self._local_day(t) - table.first_day
        inside = np.clip(t - table.opens[row], 0, table.durations[row])
        return table.before[row] + inside

    def local_days(self, instants: Any) -> np.ndarray:
        """The local date of each tz-aware instant as days since 1970-01-01 (NaT: int64 min)."""
        t = _utc_ns(instants)
        known = t != _NAT
        if known.all():
            return self._local_day(t)
        result = np.full(t.shape, _NAT)
        result[known] = self._local_day(t[known])
        return result

    def day_starts(self, days: Any) -> np.ndarray:
        """The instant (ns UTC) each local date begins, from days since 1970-01-01."""
        return self._wall_to_utc(np.asarray(days, dtype=np.int64) * _NS_PER_DAY)

    def _local_day(self, t: np.ndarray) -> np.ndarray:
        if not len(t):
            return np.zeros(0, dtype=np.int64)
        low, high = int(t.min()), int(t.max())
        table = self._starts
        if table is None or not table.covers(low, high):
            first, last = (int(day) for day in self._converted_days(np.array([low, high])))
            if table is not None:
                first = min(first, table.first_day)
                last = max(last, table.first_day + len(table.starts) - 2)
            days = np.arange(first, last + 2, dtype=np.int64)
            starts = self.day_starts(days)
            ahead = int((days * _NS_PER_DAY - starts).max())
            table = self._starts = _DayStarts(first, starts, ahead)
        return table.days(t)

    def _converted_days(self, t: np.ndarray) -> np.ndarray:
        local = pd.DatetimeIndex(t.view("M8[ns]"), tz="UTC").tz_convert(self.zone)
        return local.tz_localize(None).asi8 // _NS_PER_DAY

    def _covering(self, t: np.ndarray) -> _DayTable:
        """A day table reaching from the first to the last local date among `t` (cached)."""
        days = self._converted_days(np.array([t.min(), t.max()]))
        first, last = int(days[0]), int(days[1])
        table = self._table
        if table is None or first < table.first_day or last > table.last_day:
            if table is not None:
                first, last = min(first, table.first_day), max(last, table.last_day)
            table = self._table = self._build(first, last)
        return table

    def _build(self, first: int, last: int) -> _DayTable:
        days = np.arange(first, last + 1, dtype=np.int64)
        weekday = (days + _EPOCH_WEEKDAY) % 7
        open_min = np.array([hours[0] if hours else 0 for hours in self.weekly], dtype=np.int64)
        close_min = np.array([hours[1] if hours else 0 for hours in self.weekly], dtype=np.int64)
        opening, closing = open_min[weekday], close_min[weekday]
        closed = np.isin(days, self._closed_day_numbers(first, last))
        closing = np.where(closed, opening, closing)

        midnight = days * _NS_PER_DAY
        opens = self._wall_to_utc(midnight + opening * _NS_PER_MINUTE)
        closes = self._wall_to_utc(midnight + closing * _NS_PER_MINUTE)
        durations = np.maximum(closes - opens, 0)
        before = np.concatenate([[0], np.cumsum(durations)[:-1]])
        return _DayTable(first, opens, durations, before)

    def _wall_to_utc(self, wall_ns: np.ndarray) -> np.ndarray:
        # A wall time the clocks skip is moved past the gap; one they pass twice is read the
        # first time round. Only hours set near 02:00–03:00 can meet either.
        local = pd.DatetimeIndex(wall_ns.view("M8[ns]")).tz_localize(
            self.zone, ambiguous=np.ones(len(wall_ns), dtype=bool), nonexistent="shift_forward"
        )
        return local.tz_convert("UTC").tz_localize(None).asi8

    def _closed_day_numbers(self, first: int, last: int) -> np.ndarray:
        dates = set(self.closed_days)
        if self.holiday_country:
            start_year = _year_of(first)
            for year in range(start_year, _year_of(last) + 1):
                dates |= self._holidays(year) - self.open_days
        stamps = pd.to_datetime(sorted(dates)).as_unit("ns") if dates else pd.DatetimeIndex([])
        return stamps.asi8 // _NS_PER_DAY

    def _holidays(self, year: int) -> frozenset:
        if year not in self._holiday_years:
            days = holidays.country_holidays(
                self.holiday_country, subdiv=self.holiday_subdivision, years=year
            )
            self._holiday_years[year] = frozenset(days.keys())
        return self._holiday_years[year]


def _year_of(day_number: int) -> int:
    return int(np.datetime64(day_number, "D").astype("M8[Y]").astype(int)) + 1970


def _utc_ns(instants: Any) -> np.ndarray:
    """Nanoseconds since the epoch (UTC) of tz-aware instants; NaT becomes int64 min."""
    if isinstance(instants, pd.Timestamp | np.datetime64) or np.ndim(instants) == 0:
        values = pd.DatetimeIndex([instants])
        scalar = True
    else:
        values = pd.DatetimeIndex(instants)
        scalar = False
    if values.tz is None:
        raise TypeError("instants must be time-zone aware (a naive time has no place on a clock)")
    ns = values.tz_convert("UTC").as_unit("ns").tz_localize(None).asi8
    return ns.reshape(()) if scalar else ns
