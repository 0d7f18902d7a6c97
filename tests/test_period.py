import datetime as dt

import pandas as pd
import pytest

from auditor.period import latest_complete_quarter, parse_period, period_from_dates
from auditor.problems import InputError


@pytest.mark.parametrize(
    "text",
    [
        "2026-Q3",
        "2026Q3",
        "Q3 2026",
        "2026-q3",
        " q3-2026 ",
        # as Dutch writes it: K for kwartaal
        "2026-K3",
        "K3 2026",
        "3e kwartaal 2026",
        "3de kwartaal 2026",
        "Kwartaal 3, 2026",
    ],
)
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


@pytest.mark.parametrize(
    "text",
    ["2026-Q5", "Q0 2026", "derde kwartaal", "", "2026-07", "3 2026", "3e kwartaal", "K5 2026"],
)
def test_parse_period_refuses_other_text(text):
    with pytest.raises(InputError) as caught:
        parse_period(text)
    assert "2026-Q3" in caught.value.render("en")


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
    with pytest.raises(InputError) as caught:
        period_from_dates("2026-09-30", "2026-07-01")
    assert caught.value.render("en") == "the period ends (2026-07-01) before it starts (2026-09-30)"
    assert caught.value.render("nl") == (
        "de periode eindigt (01-07-2026) voordat hij begint (30-09-2026)"
    )


def test_period_date_that_is_not_a_date_is_refused():
    with pytest.raises(InputError) as caught:
        period_from_dates("2026-07-01", "31-31-2026")
    assert "period end '31-31-2026' is not a date" in caught.value.render("en")


def _utc(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(texts), utc=True))


AFTER = dt.date(2027, 6, 1)  # every quarter below has ended


@pytest.mark.parametrize(
    ("timestamps", "today", "label"),
    [
        # the data reaches into October, which has not ended: Q3
        (["2026-06-20 10:00Z", "2026-10-03 10:00Z"], dt.date(2026, 12, 2), "2026-Q3"),
        # ... and once October's quarter has ended, that one
        (["2026-06-20 10:00Z", "2026-10-03 10:00Z"], AFTER, "2026-Q4"),
        # 30 September 22:30 UTC is already 1 October in Amsterdam: Q4 reached
        (["2026-07-01 10:00Z", "2026-09-30 22:30Z"], AFTER, "2026-Q4"),
        (["2026-07-01 10:00Z", "2026-09-30 21:30Z"], AFTER, "2026-Q3"),
        # no post on the quarter's last day: still that quarter
        (["2026-04-01 10:00Z", "2026-09-29 10:00Z"], AFTER, "2026-Q3"),
        (["2026-06-29 10:00Z", "2026-09-30 10:00Z"], dt.date(2026, 10, 1), "2026-Q3"),
        # on the quarter's last day it has not ended yet: the quarter before
        (["2026-06-29 10:00Z", "2026-09-30 10:00Z"], dt.date(2026, 9, 30), "2026-Q2"),
        # data only in a quarter that has not ended: that one (the run warns)
        (["2026-07-05 10:00Z", "2026-08-20 10:00Z"], dt.date(2026, 8, 21), "2026-Q3"),
        # over a year end
        (["2026-11-01 10:00Z", "2027-01-10 10:00Z"], dt.date(2027, 2, 1), "2026-Q4"),
        # times in the future do not move the period past today's
        (["2026-05-01 10:00Z", "2031-01-10 10:00Z"], dt.date(2026, 12, 2), "2026-Q3"),
    ],
)
def test_latest_complete_quarter(timestamps, today, label):
    choice = latest_complete_quarter(_utc(*timestamps), "Europe/Amsterdam", today)
    assert choice.period.label == label


def test_the_choice_says_why():
    times = _utc("2026-06-29 10:00Z", "2026-09-30 10:00Z")
    choice = latest_complete_quarter(times, "Europe/Amsterdam", dt.date(2026, 12, 2))
    assert choice.reason("en") == (
        "the latest ended quarter the exports reach into; exports span 2026-06-29 – 2026-09-30;"
        " choose another quarter with --period"
    )
    assert choice.reason.params == {"first": dt.date(2026, 6, 29), "last": dt.date(2026, 9, 30)}
    fresh = latest_complete_quarter(times, "Europe/Amsterdam", dt.date(2026, 6, 30))
    assert fresh.period.label == "2026-Q2"
    assert fresh.reason("en").startswith("no quarter the exports reach into has ended yet")


def test_latest_complete_quarter_ignores_missing_times():
    times = pd.concat([_utc("2026-06-20 10:00Z", "2026-10-03 10:00Z"), pd.Series([pd.NaT])])
    choice = latest_complete_quarter(times, "Europe/Amsterdam", dt.date(2026, 12, 2))
    assert choice.period.label == "2026-Q3"


def test_latest_complete_quarter_without_data_is_refused():
    with pytest.raises(InputError) as caught:
        latest_complete_quarter(pd.Series([], dtype="datetime64[ns, UTC]"), "Europe/Amsterdam")
    assert "give --period" in caught.value.render("en")
