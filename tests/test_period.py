import datetime as dt

import pandas as pd
import pytest

from auditor.period import latest_complete_quarter, parse_period, period_from_dates
from auditor.problems import InputError


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "Q3 2026", "2026-q3", " q3-2026 "])
def test_parse_period_reads_a_quarter(text):
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (
        "2026-Q3",
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert period.days == 92


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ],
)
def test_quarter_bounds(text, start, end):
    assert (parse_period(text).start, parse_period(text).end) == (start, end)


def test_parse_period_reads_back_a_date_label():
    period = period_from_dates("2026-07-01", "2026-08-15")
    assert parse_period(period.label) == period


@pytest.mark.parametrize("text", ["2026-Q5", "Q0 2026", "derde kwartaal", "", "2026-07"])
def test_parse_period_refuses_other_text(text):
    with pytest.raises(InputError, match="2026-Q3"):
        parse_period(text)


def test_period_from_dates():
    period = period_from_dates(dt.date(2026, 7, 1), "30-09-2026")
    assert period.label == "2026-07-01..2026-09-30"
    assert (period.start, period.end, period.days) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
        92,
    )


def test_period_of_one_day():
    assert period_from_dates("2026-07-01", "2026-07-01").days == 1


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(InputError, match="before it starts"):
        period_from_dates("2026-09-30", "2026-07-01")


def test_period_date_that_is_not_a_date_is_refused():
    with pytest.raises(InputError, match="period end '31-31-2026' is not a date"):
        period_from_dates("2026-07-01", "31-31-2026")


def _utc(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(texts), utc=True))


@pytest.mark.parametrize(
    ("timestamps", "label"),
    [
        # the data reaches into October: Q3 is the latest complete quarter
        (["2026-06-20 10:00Z", "2026-10-03 10:00Z"], "2026-Q3"),
        # 30 September 22:30 UTC is already 1 October in Amsterdam: Q3 complete
        (["2026-07-01 10:00Z", "2026-09-30 22:30Z"], "2026-Q3"),
        # 30 September 21:30 UTC is 23:30 local, still the quarter's last day: complete
        (["2026-07-01 10:00Z", "2026-09-30 21:30Z"], "2026-Q3"),
        # ends a day short of the quarter's end: the quarter before
        (["2026-04-01 10:00Z", "2026-09-29 10:00Z"], "2026-Q2"),
        # data within one quarter only: no quarter complete, the one holding the data
        (["2026-07-05 10:00Z", "2026-08-20 10:00Z"], "2026-Q3"),
        # over a year end
        (["2026-11-01 10:00Z", "2027-01-10 10:00Z"], "2026-Q4"),
    ],
)
def test_latest_complete_quarter(timestamps, label):
    assert latest_complete_quarter(_utc(*timestamps), "Europe/Amsterdam").label == label


def test_latest_complete_quarter_ignores_missing_times():
    times = pd.concat([_utc("2026-06-20 10:00Z", "2026-10-03 10:00Z"), pd.Series([pd.NaT])])
    assert latest_complete_quarter(times, "Europe/Amsterdam").label == "2026-Q3"


def test_latest_complete_quarter_without_data_is_refused():
    with pytest.raises(InputError, match="give --period"):
        latest_complete_quarter(pd.Series([], dtype="datetime64[ns, UTC]"), "Europe/Amsterdam")
