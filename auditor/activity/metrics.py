"""Per-account figures for the audit period, computed from the canonical activity frame.

One row per account: every account of the register plus every account seen in the data. The
column names are a contract read by the checks and the reports.

Definitions the checks rely on:
- Days and weeks are counted on the calendar of the configured zone (the calendar's zone).
- An *own item* is a row with direction `out`. It is a *reply* when it names the item it
  answers (`in_reply_to`), says so (`kind` reply, comment or message), or belongs to an inbox
  conversation (`conversation_id`); every other own item is a *post*. Gaps, dormancy and
  first/last activity look at every own item, since a reply also shows the account is run;
  `first_post` and `last_post` take any date up to the period's end, gaps only the period.
- Image counts (STY004) cover own items of the period whose export says `has_image`; alt text
  is judged only where the export says `has_alt_text` (`image_posts_alt_known`).
- The reply to an inbound item is the earliest own item whose `in_reply_to` names it, or, for
  inbox exports, the first own item of the same conversation at or after it; the earlier of
  the two when both exist.
- Inbound items of the period fall into three groups: `answered` (replied within the limit of
  `unanswered_after_business_days` × the calendar's standard day, in business hours),
  `pending` (no reply yet, and the limit runs out after the last timestamp in the data, so the
  data cannot tell) and `unanswered` (the rest, late replies included). `answered_late` counts
  the late replies among the unanswered. Reply-time figures cover every inbound item of the
  period that got a reply, late ones included: leaving those out would flatter the median.
- An account is `covered` when its exports cover the period (`covered`, see
  `auditor.activity.coverage`), or, when that is not given, when it has any row in the data.
  An account that is not covered has no gap figures, and checks must not judge its activity;
  one with no row at all also has counts of 0 and NaN reply figures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from auditor.activity.calendar import BusinessCalendar
from auditor.activity.columns import (
    dense_codes,
    distinct_codes,
    factorize,
    id_numbers,
    in_order,
    short_ids,
)
from auditor.activity.helpers import in_parallel
from auditor.models import Period

_NS_PER_HOUR = 3_600_000_000_000
_NS_PER_DAY = 24 * _NS_PER_HOUR
_NAT = np.iinfo(np.int64).min
_REPLY_KINDS = ("reply", "comment", "message")
_KEY_LIMIT = 1 << 62

COUNTS = (
    "posts",
    "replies",
    "inbound",
    "answered",
    "answered_late",
    "unanswered",
    "pending",
    "out_of_hours_inbound",
    "image_posts",
    "image_posts_alt_known",
    "image_posts_without_alt",
)
METRIC_COLUMNS = (
    "platform",
    "registered",
    "covered",
    "posts",
    "replies",
    "posts_per_week",
    "first_post",
    "last_post",
    "days_since_last_post",
    "longest_gap_days",
    "longest_gap_start",
    "longest_gap_end",
    "inbound",
    "answered",
    "answered_late",
    "unanswered",
    "pending",
    "unanswered_share",
    "reply_median_business_hours",
    "reply_p90_business_hours",
    "reply_median_calendar_hours",
    "reply_p90_calendar_hours",
    "out_of_hours_inbound",
    "out_of_hours_reply_median_calendar_hours",
    "image_posts",
    "image_posts_alt_known",
    "image_posts_without_alt",
)


def compute_metrics(
    frame: pd.DataFrame,
    period: Period,
    calendar: BusinessCalendar,
    *,
    unanswered_after_business_days: float = 2.0,
    account_ids: Iterable[str] = (),
    covered: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The period's figures per account, indexed by `account_id` (see the module docstring)."""
    register_ids = list(dict.fromkeys(account_ids))
    # Factorising once keeps the per-row work on integers: string look-ups cost per row.
    codes, seen = factorize(frame["account_id"])
    unseen = sorted(set(seen) - set(register_ids))
    index = pd.Index(register_ids + unseen, name="account_id", dtype="string")
    position = index.get_indexer(pd.Index(seen, dtype="string"))
    rows = _Rows(frame, np.append(position, -1)[codes], len(index), period, calendar)
    n = len(index)
    limit_hours = unanswered_after_business_days * calendar.standard_day_hours
    # numpy and Arrow let go of the interpreter on large arrays: the replies are matched on
    # the second core while this one counts posts and works out dates, gaps and images.
    with ThreadPoolExecutor(max_workers=1) as pool:
        responses = pool.submit(_responses, frame, rows, calendar, limit_hours)

        out = pd.DataFrame(index=index)
        out["platform"] = pd.array(_platforms(index), dtype="string")
        out["registered"] = index.isin(register_ids) | _any(rows.code, frame["registered"], n)
        has_rows = np.bincount(rows.code + 1, minlength=n + 1)[1:] > 0
        out["covered"] = has_rows if covered is None else index.isin(list(covered)) & has_rows

        own, in_period = rows.own, rows.in_period
        reply_like = _reply_like(frame)
        out["posts"] = rows.count(own & in_period & ~reply_like)
        out["replies"] = rows.count(own & in_period & reply_like)
        out["posts_per_week"] = (out["posts"] / (period.days / 7)).round(1)

        _activity_dates(out, rows, period)
        _longest_gaps(out, rows, period)
        _images(out, frame, rows)
        for name, values in responses.result().items():
            out[name] = values.to_numpy()

    for column in COUNTS:
        out[column] = out[column].astype("int64")
    return out[list(METRIC_COLUMNS)]


class _Rows:
    """The frame's rows as plain arrays: account code, UTC nanoseconds and the masks the
    figures share; local dates only for the rows that need them (`days`)."""

    def __init__(
        self,
        frame: pd.DataFrame,
        code: np.ndarray,
        n_accounts: int,
        period: Period,
        calendar: BusinessCalendar,
    ):
        self.n_accounts = n_accounts
        self.code = code.astype(np.int64)
        stamps = pd.DatetimeIndex(frame["timestamp"]).tz_convert("UTC").as_unit("ns")
        self.ns = stamps.tz_localize(None).asi8
        self.first_day = _day_number(period.start)
        self.last_day = _day_number(period.end)
        # The period's bounds as instants: comparing instants is cheaper than finding the
        # local date of every row. NaT (int64 min) is before any start.
        start, end = calendar.day_starts([self.first_day, self.last_day + 1])
        known = (self.code >= 0) & (self.ns != _NAT)
        direction = frame["direction"]
        self.own = known & direction.eq("out").fillna(False).to_numpy(dtype=bool)
        self.inbound = known & direction.eq("in").fillna(False).to_numpy(dtype=bool)
        self.in_period = (self.ns >= start) & (self.ns < end)
        self.until_end = known & (self.ns < end)
        self.calendar = calendar
        self.zone = calendar.zone

    def days(self, mask: np.ndarray) -> np.ndarray:
        """The local date (days since 1970-01-01) of the rows in `mask`."""
        return self.calendar.local_days(_utc(self.ns[mask]))

    def count(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.code[mask], minlength=self.n_accounts)


def _platforms(index: pd.Index) -> np.ndarray:
    # An account id is "<platform>:<handle>" (auditor.identity), for register and data alike.
    return index.str.split(":", n=1).str[0].to_numpy()


def _any(code: np.ndarray, flags: pd.Series, n: int) -> np.ndarray:
    hit = flags.fillna(False).to_numpy(dtype=bool) & (code >= 0)
    return np.bincount(code[hit], minlength=n) > 0


def _reply_like(frame: pd.DataFrame) -> np.ndarray:
    codes, kinds = factorize(frame["kind"])
    replying = np.array([str(k).lower() in _REPLY_KINDS for k in kinds] + [False])
    kind = replying[codes]
    named = frame["in_reply_to"].notna().to_numpy()
    conversation = frame["conversation_id"].notna().to_numpy()
    return kind | named | conversation


def _activity_dates(out: pd.DataFrame, rows: _Rows, period: Period) -> None:
    mask = rows.own & rows.until_end
    code, ns = rows.code[mask], rows.ns[mask]
    first = np.full(rows.n_accounts, np.iinfo(np.int64).max)
    np.minimum.at(first, code, ns)
    first[first == np.iinfo(np.int64).max] = _NAT  # no own item: never lowered
    last = np.full(rows.n_accounts, _NAT)
    np.maximum.at(last, code, ns)
    out["first_post"] = _instants(first, rows.zone)
    out["last_post"] = _instants(last, rows.zone)
    last_local = out["last_post"].dt.tz_localize(None).dt.normalize()
    out["days_since_last_post"] = (
        (pd.Timestamp(period.end) - last_local).dt.days.astype("float64").to_numpy()
    )


# Up to this many (account, day) pairs more than the active ones, a flag per pair.
FLAGGED_DAYS = 1 << 20


def _longest_gaps(out: pd.DataFrame, rows: _Rows, period: Period) -> None:
    """Longest run of whole days in the period without an own item, its ends included.

    Each covered account gets two fence days, the day before the period and the day after it,
    so the stretches before its first and after its last active day count as gaps too.
    """
    span = rows.last_day - rows.first_day + 3  # fences and every day of the period
    mask = rows.own & rows.in_period
    active = rows.code[mask] * span + (rows.days(mask) - rows.first_day + 1)
    covered = np.flatnonzero(out["covered"].to_numpy())
    fences = np.concatenate([covered * span, covered * span + span - 1])
    size = rows.n_accounts * span
    if size <= 4 * len(active) + FLAGGED_DAYS:
        # The active days of thousands of accounts are mostly distinct: np.unique's hash
        # table then outgrows the cache (0.4 s for 10,000 accounts); a flag per day does not.
        seen = np.zeros(size, dtype=bool)
        seen[active] = True
        seen[fences] = True
        keys = np.flatnonzero(seen)
    else:
        keys = np.unique(np.concatenate([active, fences]))
    code, offset = keys // span, keys % span
    same = code[1:] == code[:-1]
    gap = np.where(same, offset[1:] - offset[:-1] - 1, -1)
    gaps = pd.DataFrame({"code": code[1:], "gap": gap, "after": offset[:-1]})[same]
    # The earliest of equally long stretches wins: a stable sort keeps them in date order.
    gaps["longest_first"] = -gaps["gap"]
    best = gaps.sort_values("longest_first", kind="stable").drop_duplicates("code")
    best = best.set_index("code").reindex(range(rows.n_accounts))
    length = best["gap"].to_numpy(dtype="float64", copy=True)
    # Between the days of an account its exports do not cover lie days nobody can see.
    length[~out["covered"].to_numpy(dtype=bool)] = np.nan
    # the stretch starts the day after `after`, whose day number is first_day + after − 1
    start_day = best["after"].to_numpy(dtype="float64") + rows.first_day
    has_gap = length > 0
    out["longest_gap_days"] = length
    out["longest_gap_start"] = _dates(np.where(has_gap, start_day, np.nan))
    out["longest_gap_end"] = _dates(np.where(has_gap, start_day + length - 1, np.nan))


def _responses(
    frame: pd.DataFrame, rows: _Rows, calendar: BusinessCalendar, limit_hours: float
) -> pd.DataFrame:
    """The reply figures per account code (a frame of its own: it is made on another thread)."""
    out = pd.DataFrame(index=pd.RangeIndex(rows.n_accounts))
    inbound = np.flatnonzero(rows.inbound & rows.in_period)
    arrived = rows.ns[inbound]
    replied = _earliest(
        _named_replies(frame, rows, inbound), _conversation_replies(frame, rows, inbound)
    )
    has_reply = replied != _NAT

    hours = np.where(has_reply, np.maximum(replied - arrived, 0) / _NS_PER_HOUR, np.nan)
    known = rows.ns[rows.ns != _NAT]
    data_end = np.array([known.max() if len(known) else _NAT])
    business, waited = calendar.business_hours_to(_utc(arrived), [_utc(replied), _utc(data_end)])
    answered = has_reply & (business <= limit_hours)
    pending = ~answered & (waited < limit_hours)
    outside = ~calendar.is_open(_utc(arrived))

    code = rows.code[inbound]
    n = rows.n_accounts
    out["inbound"] = np.bincount(code, minlength=n)
    out["answered"] = np.bincount(code[answered], minlength=n)
    out["answered_late"] = np.bincount(code[has_reply & ~answered], minlength=n)
    out["pending"] = np.bincount(code[pending], minlength=n)
    out["unanswered"] = out["inbound"] - out["answered"] - out["pending"]
    judged = (out["inbound"] - out["pending"]).astype("float64").replace(0, np.nan)
    out["unanswered_share"] = (out["unanswered"] / judged).round(4)

    times = pd.DataFrame({"business": business, "calendar": hours})[has_reply]
    by_account = times.groupby(code[has_reply])
    medians, p90 = by_account.median(), by_account.quantile(0.9)
    for name, figures in (("median", medians), ("p90", p90)):
        for clock in ("business", "calendar"):
            column = f"reply_{name}_{clock}_hours"
            out[column] = np.round(_per_account(figures[clock], n, np.nan), 2)

    out["out_of_hours_inbound"] = np.bincount(code[outside], minlength=n)
    late = outside & has_reply
    waiting = pd.Series(hours[late]).groupby(code[late]).median()
    out["out_of_hours_reply_median_calendar_hours"] = np.round(_per_account(waiting, n, np.nan), 2)
    return out


def _earliest(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise earlier instant of two, NaT (int64 min) meaning none."""
    return np.where(a == _NAT, b, np.where(b == _NAT, a, np.minimum(a, b)))


def _named_replies(frame: pd.DataFrame, rows: _Rows, inbound: np.ndarray) -> np.ndarray:
    """Earliest own item naming each inbound item in `in_reply_to` (NaT when none)."""
    target = frame["in_reply_to"]
    replies = np.flatnonzero(rows.own & target.notna().to_numpy())
    if not len(replies) or not len(inbound):
        return np.full(len(inbound), _NAT)
    asked, named = _keys(rows.code, frame["item_id"], inbound, target, replies)
    return _earliest_named(asked, named, rows.ns[replies])


def _earliest_named(asked: np.ndarray, named: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Per asked key the earliest `at` among the named keys equal to it (NaT when none).

    By sorting, not hashing: a hash table of millions of keys outgrows the processor's cache,
    so each key cost more as the exports grew; sorted, both sides are walked in order."""
    result = np.full(len(asked), _NAT)
    if not len(asked) or not len(named):
        return result
    order, keys = in_order(named)
    times = at[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    distinct, earliest = keys[starts], np.minimum.reduceat(times, starts)
    asking, wanted = in_order(asked)
    found = np.minimum(np.searchsorted(distinct, wanted), len(distinct) - 1)
    hit = distinct[found] == wanted
    result[asking[hit]] = earliest[found[hit]]
    return result


def _conversation_replies(frame: pd.DataFrame, rows: _Rows, inbound: np.ndarray) -> np.ndarray:
    """First own item of the same inbox conversation at or after each inbound item (or NaT)."""
    conversation = frame["conversation_id"]
    in_talk = conversation.notna().to_numpy()
    answers = np.flatnonzero(rows.own & in_talk & frame["in_reply_to"].isna().to_numpy())
    asking = np.flatnonzero(in_talk[inbound])
    result = np.full(len(inbound), _NAT)
    if not len(answers) or not len(asking):
        return result
    asked, answered = _keys(rows.code, conversation, inbound[asking], conversation, answers)
    left = pd.DataFrame({"at": rows.ns[inbound[asking]], "talk": asked, "slot": asking})
    right = pd.DataFrame({"at": rows.ns[answers], "talk": answered})
    right["answer"] = np.arange(len(answers), dtype=np.float64)
    matched = pd.merge_asof(
        left.sort_values("at", kind="stable"),
        right.sort_values("at", kind="stable"),
        on="at",
        by="talk",
        direction="forward",
    )
    # Unmatched rows turn the answer column to float, which is exact for row positions but
    # not for nanosecond instants: the instant is looked up by position afterwards.
    answer = matched["answer"].to_numpy(dtype="float64")
    ok = ~np.isnan(answer)
    result[matched["slot"].to_numpy()[ok]] = rows.ns[answers[answer[ok].astype(np.int64)]]
    return result


def _keys(
    code: np.ndarray,
    left: pd.Series,
    left_rows: np.ndarray,
    right: pd.Series,
    right_rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """One integer per (account, text) pair on either side, equal where both pairs are equal.

    A missing text gets a key of its own side (-1 left, -2 right), so it never matches.
    Only the rows asked for are read: they are a fraction of the frame.
    """
    both = in_parallel(
        {"left": lambda: _numbered(left, left_rows), "right": lambda: _numbered(right, right_rows)},
        rows=len(left_rows) + len(right_rows),
    )
    (left, left_numbers), (right, right_numbers) = both["left"], both["right"]
    n = len(left_rows)
    present = np.concatenate([left.notna().to_numpy(), right.notna().to_numpy()])
    account = code[np.concatenate([left_rows, right_rows])]
    if left_numbers is not None and right_numbers is not None:
        numbers = np.concatenate([left_numbers, right_numbers])
        accounts = int(account.max()) + 1 if len(account) else 1
        if len(numbers) and numbers.min() >= 0 and numbers.max() < _KEY_LIMIT // accounts:
            # Small enough ids make the key themselves, with no hashing at all.
            keys = numbers * accounts + account
            return np.where(present[:n], keys[:n], -1), np.where(present[n:], keys[n:], -2)
        text_code, distinct = dense_codes(numbers)
        text_code[~present] = -1
    else:
        texts = pd.concat([left, right], ignore_index=True)
        # Short text ids packed in one column are compared as integers, as numbers are.
        packed = short_ids(texts)
        if packed is None:
            text_code, distinct = distinct_codes(texts)
        else:
            text_code, distinct = dense_codes(packed)
        text_code[~present] = -1
    keys = account * max(distinct, 1) + text_code
    return np.where(text_code[:n] >= 0, keys[:n], -1), np.where(text_code[n:] >= 0, keys[n:], -2)


def _numbered(values: pd.Series, rows: np.ndarray) -> tuple[pd.Series, np.ndarray | None]:
    """The texts of `rows`, and those as numbers where that is exact (`id_numbers`)."""
    texts = values.iloc[rows].reset_index(drop=True)
    return texts, id_numbers(texts)


def _images(out: pd.DataFrame, frame: pd.DataFrame, rows: _Rows) -> None:
    mask = rows.own & rows.in_period
    image = mask & frame["has_image"].fillna(False).to_numpy(dtype=bool)
    alt = frame["has_alt_text"]
    out["image_posts"] = rows.count(image)
    out["image_posts_alt_known"] = rows.count(image & alt.notna().to_numpy())
    out["image_posts_without_alt"] = rows.count(image & alt.eq(False).fillna(False).to_numpy())


def _per_account(values: pd.Series, n: int, missing: Any) -> np.ndarray:
    """A Series indexed by account code spread over every account position."""
    full = np.full(n, missing)
    full[values.index.to_numpy(dtype=np.int64)] = values.to_numpy(dtype=full.dtype)
    return full


def _instants(ns: np.ndarray, zone: str) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(ns.view("M8[ns]"), tz="UTC").tz_convert(zone)


def _utc(ns: np.ndarray) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(np.asarray(ns, dtype=np.int64).view("M8[ns]"), tz="UTC")


def _day_number(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _dates(day_numbers: np.ndarray) -> list[dt.date | None]:
    epoch = dt.date(1970, 1, 1)
    return [None if math.isnan(d) else epoch + dt.timedelta(days=int(d)) for d in day_numbers]


def metrics_for_json(row: Mapping[str, Any] | pd.Series) -> dict[str, Any]:
    """One account's metrics as plain JSON values: ints, rounded floats, ISO text, None."""
    result: dict[str, Any] = {}
    for name, value in dict(row).items():
        if _missing(value):
            result[name] = None
        elif name == "platform":
            result[name] = str(value)
        else:
            result[name] = _plain(name, value)
    return result


_WHOLE = {"days_since_last_post", "longest_gap_days"}


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        if name in COUNTS or name in _WHOLE:
            return int(value)
        return round(float(value), 4 if name.endswith("_share") else 2)
    return value


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)
