import json
import math

import numpy as np
import pandas as pd
import pytest

from auditor.activity.calendar import BusinessCalendar
from auditor.activity.frame import COLUMNS
from auditor.activity.metrics import METRIC_COLUMNS, compute_metrics, metrics_for_json
from auditor.config import Config
from auditor.period import parse_period, period_from_dates

JUNE = period_from_dates("2026-06-01", "2026-06-30")  # 30 days, no public holiday in it


def make_frame(*rows: dict) -> pd.DataFrame:
    """A canonical activity frame; times without an offset are Amsterdam wall-clock time."""
    frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
    frame["platform"] = frame["account_id"].str.split(":").str[0]
    frame["handle"] = frame["account_id"].str.split(":").str[1]
    frame["registered"] = frame["registered"].astype(object).fillna(True).astype(bool)
    frame["source"] = "export.csv"
    frame["source_row"] = range(2, len(frame) + 2)
    stamps = pd.Series([pd.Timestamp(t) for t in frame["timestamp"]], dtype=object)
    frame["timestamp"] = [
        t.tz_convert("UTC") if t.tzinfo else t.tz_localize("Europe/Amsterdam").tz_convert("UTC")
        for t in stamps
    ]
    return frame.astype(COLUMNS)


def out(account, item, at, **extra):
    return {"account_id": account, "item_id": item, "timestamp": at, "direction": "out", **extra}


def inbound(account, item, at, **extra):
    return {"account_id": account, "item_id": item, "timestamp": at, "direction": "in", **extra}


@pytest.fixture(scope="module")
def calendar():
    return BusinessCalendar.from_config(Config())


def metrics(frame, period=JUNE, calendar=None, **kwargs):
    calendar = calendar or BusinessCalendar.from_config(Config())
    return compute_metrics(frame, period, calendar, **kwargs)


def test_posts_dates_and_gaps_use_local_days():
    frame = make_frame(
        out("x:a", "p0", "2026-05-20 10:00", kind="post"),  # before the period
        out("x:a", "p1", "2026-06-03 10:00", kind="post"),
        out("x:a", "p2", "2026-06-03 15:00"),
        out("x:a", "p3", "2026-06-04T22:30:00Z", kind="post"),  # 5 June in Amsterdam
        out("x:a", "r1", "2026-06-20 10:00", kind="reply"),
        out("x:a", "p4", "2026-06-30T22:30:00Z", kind="post"),  # 1 July in Amsterdam
        out("x:a", "p5", "2026-07-02 10:00", kind="post"),
    )
    row = metrics(frame).loc["x:a"]
    assert (row["posts"], row["replies"], row["posts_per_week"]) == (3, 1, 0.7)
    assert row["first_post"] == pd.Timestamp("2026-05-20 10:00", tz="Europe/Amsterdam")
    assert row["last_post"] == pd.Timestamp("2026-06-20 10:00", tz="Europe/Amsterdam")
    assert str(row["last_post"].tz) == "Europe/Amsterdam"
    assert row["days_since_last_post"] == 10
    # active on 3, 5 and 20 June: silent 1–2, 4, 6–19 and 21–30 June
    assert row["longest_gap_days"] == 14
    assert (str(row["longest_gap_start"]), str(row["longest_gap_end"])) == (
        "2026-06-06",
        "2026-06-19",
    )


def test_gap_counts_from_period_start_and_to_period_end():
    frame = make_frame(
        out("x:early", "1", "2026-06-25 10:00"),  # silent 1–24 June
        out("x:late", "1", "2026-06-02 10:00"),  # silent 3–30 June
    )
    result = metrics(frame)
    assert result.loc["x:early", "longest_gap_days"] == 24
    assert str(result.loc["x:early", "longest_gap_start"]) == "2026-06-01"
    assert result.loc["x:late", "longest_gap_days"] == 28
    assert str(result.loc["x:late", "longest_gap_end"]) == "2026-06-30"


def test_first_of_equal_gaps_wins():
    frame = make_frame(*(out("x:t", d, f"2026-06-{d} 10:00") for d in ("01", "11", "21", "30")))
    row = metrics(frame).loc["x:t"]
    assert row["longest_gap_days"] == 9
    assert (str(row["longest_gap_start"]), str(row["longest_gap_end"])) == (
        "2026-06-02",
        "2026-06-10",
    )


def test_gaps_are_the_same_with_a_flag_per_day_or_sorted_days(monkeypatch):
    """Active days are collected with a flag per (account, day) where that table is small,
    by sorting where it would be large (many accounts over years): the gaps agree."""
    from auditor.activity import metrics as metrics_module

    frame = make_frame(
        *(out(f"x:a{i % 7}", str(i), f"2026-06-{1 + (i * i) % 30:02d} 10:00") for i in range(40)),
        out("x:once", "1", "2026-06-15 23:30"),
        out("x:outside", "1", "2026-07-02 10:00"),
    )
    flagged = metrics(frame)
    monkeypatch.setattr(metrics_module, "FLAGGED_DAYS", -(10**9))
    sorted_days = metrics(frame)
    columns = ["longest_gap_days", "longest_gap_start", "longest_gap_end"]
    pd.testing.assert_frame_equal(flagged[columns], sorted_days[columns])
    assert flagged.loc["x:once", "longest_gap_days"] == 15  # 16-30 June


def test_an_account_active_every_day_has_no_gap():
    frame = make_frame(*(out("x:d", str(d), f"2026-06-{d:02d} 12:00") for d in range(1, 31)))
    row = metrics(frame).loc["x:d"]
    assert row["longest_gap_days"] == 0
    assert row["longest_gap_start"] is None and row["longest_gap_end"] is None
    assert row["days_since_last_post"] == 0
    assert row["posts_per_week"] == 7.0


def test_covered_account_silent_all_period():
    frame = make_frame(inbound("x:quiet", "m1", "2026-06-10 10:00"))
    row = metrics(frame).loc["x:quiet"]
    assert row["covered"]
    assert (row["posts"], row["longest_gap_days"]) == (0, 30)
    assert (str(row["longest_gap_start"]), str(row["longest_gap_end"])) == (
        "2026-06-01",
        "2026-06-30",
    )
    assert pd.isna(row["last_post"]) and math.isnan(row["days_since_last_post"])


REPLIES = (
    # x:r replies by naming the item it answers
    inbound("x:r", "i0", "2026-05-29 10:00"),  # before the period
    out("x:r", "o0", "2026-06-01 09:00", in_reply_to="i0"),
    inbound("x:r", "i1", "2026-06-02 10:00"),
    out("x:r", "o1", "2026-06-02 12:30", in_reply_to="i1"),  # 2.5 h
    out("x:r", "o1b", "2026-06-03 09:00", in_reply_to="i1"),  # a second reply: not the first
    inbound("x:r", "i2", "2026-06-05 16:00"),  # Friday
    out("x:r", "o2", "2026-06-08 09:30", in_reply_to="i2"),  # 2.0 business h, 65.5 h
    inbound("x:r", "i3", "2026-06-06 11:00"),  # Saturday: out of hours
    out("x:r", "o3", "2026-06-08 10:30", in_reply_to="i3"),  # 2.0 business h, 47.5 h
    inbound("x:r", "i4", "2026-06-08 09:00"),  # never answered
    inbound("x:r", "i5", "2026-06-08 10:00"),
    out("x:r", "o5", "2026-06-11 10:00", in_reply_to="i5"),  # 7+8.5+8.5+1.5 = 25.5 h: late
    out("x:other", "o4", "2026-06-08 09:30", in_reply_to="i4"),  # another account's i4
    # x:w is a webcare inbox: pairs by conversation
    inbound("x:w", "c1", "2026-06-09 20:00", conversation_id="k1"),  # evening
    out("x:w", "a1", "2026-06-10 09:00", conversation_id="k1"),  # 0.5 business h, 13 h
    inbound("x:w", "c2", "2026-06-10 10:00", conversation_id="k1"),
    out("x:w", "a2", "2026-06-10 11:00", conversation_id="k1"),  # 1 h
    inbound("x:w", "c3", "2026-06-10 12:00", conversation_id="k2"),
    out("x:w", "a3", "2026-06-10 12:30", conversation_id="k3"),  # another conversation
    inbound("x:w", "c4", "2026-06-29 15:00", conversation_id="k4"),  # limit ends after the data
    out("x:w", "p1", "2026-06-30 16:00", kind="post"),  # the last timestamp in the data
)


def test_replies_by_in_reply_to():
    row = metrics(make_frame(*REPLIES)).loc["x:r"]
    assert (row["inbound"], row["answered"], row["answered_late"]) == (5, 3, 1)
    assert (row["unanswered"], row["pending"], row["unanswered_share"]) == (2, 0, 0.4)
    # business hours 2.5, 2.0, 2.0, 25.5; calendar hours 2.5, 65.5, 47.5, 72
    assert row["reply_median_business_hours"] == 2.25
    assert row["reply_p90_business_hours"] == pytest.approx(18.6)
    assert row["reply_median_calendar_hours"] == 56.5
    assert row["reply_p90_calendar_hours"] == pytest.approx(70.05)
    assert (row["out_of_hours_inbound"], row["out_of_hours_reply_median_calendar_hours"]) == (
        1,
        47.5,
    )
    assert (row["posts"], row["replies"]) == (0, 6)


def test_replies_by_conversation_and_pending():
    row = metrics(make_frame(*REPLIES)).loc["x:w"]
    assert (row["inbound"], row["answered"], row["unanswered"], row["pending"]) == (4, 2, 1, 1)
    assert row["unanswered_share"] == pytest.approx(0.3333)
    assert row["reply_median_business_hours"] == 0.75
    assert row["reply_p90_business_hours"] == 0.95
    assert row["reply_median_calendar_hours"] == 7.0
    assert row["reply_p90_calendar_hours"] == 11.8
    assert (row["out_of_hours_inbound"], row["out_of_hours_reply_median_calendar_hours"]) == (
        1,
        13.0,
    )
    assert (row["posts"], row["replies"]) == (1, 3)


def test_limit_in_business_days_is_configurable():
    row = metrics(make_frame(*REPLIES), unanswered_after_business_days=4).loc["x:r"]
    assert (row["answered"], row["answered_late"], row["unanswered"]) == (4, 0, 1)


def test_a_named_reply_and_a_conversation_reply_the_earlier_counts():
    frame = make_frame(
        inbound("x:w", "c1", "2026-06-09 10:00", conversation_id="k1"),
        out("x:w", "a1", "2026-06-09 14:00", conversation_id="k1"),
        out("x:w", "a2", "2026-06-09 11:00", in_reply_to="c1", conversation_id="k1"),
    )
    assert metrics(frame).loc["x:w", "reply_median_calendar_hours"] == 1.0


def test_reply_over_the_dst_switch():
    frame = make_frame(
        inbound("x:r", "i1", "2026-03-27 16:00"),  # Friday, winter time
        out("x:r", "o1", "2026-03-30 09:00", in_reply_to="i1"),  # Monday, summer time
    )
    row = metrics(frame, period=parse_period("2026-Q1")).loc["x:r"]
    assert row["reply_median_business_hours"] == 1.5
    assert row["reply_median_calendar_hours"] == 64.0  # the night of the switch is an hour short


def test_accounts_without_data_are_kept_and_not_covered():
    frame = make_frame(out("x:seen", "1", "2026-06-10 10:00", registered=False))
    result = metrics(frame, account_ids=["x:zeist", "facebook:zeist", "x:zeist"])
    assert result.index.tolist() == ["x:zeist", "facebook:zeist", "x:seen"]
    assert result.columns.tolist() == list(METRIC_COLUMNS)
    assert result["registered"].tolist() == [True, True, False]
    assert result["covered"].tolist() == [False, False, True]
    assert result["platform"].tolist() == ["x", "facebook", "x"]
    empty = result.loc["facebook:zeist"]
    assert (empty["posts"], empty["inbound"], empty["unanswered"]) == (0, 0, 0)
    for name in ("longest_gap_days", "reply_median_business_hours", "unanswered_share"):
        assert math.isnan(empty[name])


def test_rows_without_account_or_time_are_left_out():
    frame = make_frame(
        out("x:a", "1", "2026-06-10 10:00"),
        out("x:a", "2", "2026-06-11 10:00"),
        inbound("x:a", "3", "2026-06-11 11:00"),
    )
    frame.loc[1, "timestamp"] = pd.NaT
    frame.loc[2, "account_id"] = pd.NA
    result = metrics(frame)
    assert result.index.tolist() == ["x:a"]
    assert (result.loc["x:a", "posts"], result.loc["x:a", "inbound"]) == (1, 0)


def test_registered_flag_from_the_frame_counts_too():
    frame = make_frame(out("x:known", "1", "2026-06-10 10:00", registered=True))
    assert bool(metrics(frame).loc["x:known", "registered"])


def test_image_posts_and_alt_text():
    frame = make_frame(
        out("x:i", "1", "2026-06-10 10:00", has_image=True, has_alt_text=True),
        out("x:i", "2", "2026-06-11 10:00", has_image=True, has_alt_text=False),
        out("x:i", "3", "2026-06-12 10:00", has_image=True),  # alt text not in the export
        out("x:i", "4", "2026-06-13 10:00", has_image=False, has_alt_text=False),
        out("x:i", "5", "2026-07-13 10:00", has_image=True, has_alt_text=False),  # after
        inbound("x:i", "6", "2026-06-13 10:00", has_image=True, has_alt_text=False),
    )
    row = metrics(frame).loc["x:i"]
    assert (row["image_posts"], row["image_posts_alt_known"], row["image_posts_without_alt"]) == (
        3,
        2,
        1,
    )


def test_empty_frame_gives_a_row_per_register_account():
    frame = make_frame()
    result = metrics(frame, account_ids=["x:a"])
    assert result.index.tolist() == ["x:a"]
    assert not result.loc["x:a", "covered"]
    assert result.loc["x:a", "posts"] == 0


def test_metrics_for_json_gives_plain_values():
    result = metrics(make_frame(*REPLIES), account_ids=["x:none"])
    plain = metrics_for_json(result.loc["x:r"])
    assert json.loads(json.dumps(plain)) == plain
    assert plain["inbound"] == 5 and isinstance(plain["inbound"], int)
    assert plain["longest_gap_days"] == 19 and isinstance(plain["longest_gap_days"], int)
    assert plain["reply_p90_business_hours"] == 18.6
    assert plain["last_post"] == "2026-06-11T10:00:00+02:00"
    assert plain["longest_gap_start"] == "2026-06-12"
    assert plain["registered"] is True
    none = metrics_for_json(result.loc["x:none"])
    assert none["reply_median_business_hours"] is None
    assert none["last_post"] is None and none["longest_gap_start"] is None
    assert none["covered"] is False
    assert set(plain) >= {
        "posts",
        "posts_per_week",
        "inbound",
        "answered",
        "reply_median_business_hours",
        "reply_p90_business_hours",
        "out_of_hours_inbound",
        "longest_gap_days",
    }


def test_large_frame_counts_match_a_plain_count():
    rng = np.random.default_rng(7)
    n = 20_000
    minutes = rng.integers(0, 91 * 24 * 60, n)
    at = pd.Timestamp("2026-06-15", tz="UTC") + pd.to_timedelta(minutes, unit="min")
    frame = make_frame()
    frame = pd.DataFrame(
        {
            "platform": "x",
            "handle": [f"a{i}" for i in rng.integers(0, 5, n)],
            "registered": True,
            "item_id": [str(i) for i in range(n)],
            "timestamp": at,
            "direction": np.where(rng.random(n) < 0.5, "out", "in"),
            "source": "big.csv",
            "source_row": np.arange(2, n + 2),
        }
    ).reindex(columns=list(COLUMNS))
    frame["account_id"] = "x:" + frame["handle"]
    frame = frame.astype(COLUMNS)
    result = metrics(frame, period=parse_period("2026-Q3"))
    local_day = frame["timestamp"].dt.tz_convert("Europe/Amsterdam").dt.date
    in_q3 = (local_day >= pd.Timestamp("2026-07-01").date()) & (
        local_day <= pd.Timestamp("2026-09-30").date()
    )
    expected = (
        frame[in_q3 & (frame["direction"] == "out")].groupby("account_id", observed=False).size()
    )
    assert result["posts"].to_dict() == expected.to_dict()
    assert result["inbound"].sum() == (in_q3 & (frame["direction"] == "in")).sum()
