"""Days as the register's date columns read them: a month, quarter or year typed where a day is
asked stands for its first day, or for its last where the column says until when."""

from __future__ import annotations

import datetime as dt

from auditor.register import cells


def first_day(value: object) -> dt.date | None:
    """A day, or a month, quarter or year written where a day is asked: its first day."""
    return cells.day_or_period(value)[0]


def closing_day(value: object) -> tuple[bool | None, dt.date | None]:
    """A closing day, ja/nee, or a month, quarter or year: its last day, so that nothing
    posted within it is taken as posted after the account closed."""
    return cells.date_or_boolean(value, end=True)


def last_day(value: object) -> dt.date | None:
    """A day, or the last day of a month, quarter or year: a waiver `tot Q4 2026` holds
    through that quarter."""
    return cells.day_or_period(value, end=True)[0]


# The parsers that may read a period as a day: the sheet reader says so where they did.
DAY_PARSERS = (first_day, last_day, closing_day, cells.date_or_boolean)
