"""Activity checks (ACT001–ACT003): is the account filled, and does it stay filled?

All three judge only active accounts the exports cover: an account with no activity row in
any export may be silent or simply not exported, and the audit cannot tell which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from auditor.checks._common import by_account
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    Number,
    PolicyRef,
    SkipCheck,
    check_settings,
    register,
    shared,
)
from auditor.messages import Message
from auditor.models import Severity

SECTION_ORGANISE = "2. Hoe organiseren we het gebruik?"
SECTION_RULES = "3. Algemene spelregels bij het gebruik van social media"
FILL_AND_REPLY = (
    "Essentieel is, dat iemand de account actief vult en snel reageert op berichten van "
    "anderen, als dat nodig is."
)

_REGISTER_FACTS = ["platform", "type", "expected_posts_per_week", "started"]
NO_ACTIVITY = Message("activity.no_activity")


def activity_view(ctx: AuditContext) -> pd.DataFrame:
    """Active register accounts that the exports cover, register facts beside their metrics.

    Indexed by account_id. Metric columns the metrics stage did not produce are absent.
    """
    active = by_account(ctx.active_accounts)
    facts = active[[c for c in _REGISTER_FACTS if c in active.columns]]
    metrics = ctx.metrics.reindex(facts.index).drop(columns=["platform"], errors="ignore")
    view = facts.join(metrics)
    covered = view["covered"].eq(True) if "covered" in view.columns else False
    if len(view) and not covered.any():
        raise SkipCheck(NO_ACTIVITY)
    return view[covered]


def weekly_minimum(types: pd.Series, main: float, secondary: float) -> pd.Series:
    """Minimum posts a week by account type; an account without a type gets the lenient one."""
    return pd.Series(np.where(types.eq("main").fillna(False), main, secondary), index=types.index)


def as_date(value: Any) -> dt.date | None:
    """A metrics date (Timestamp, datetime, date or missing) as a calendar date."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value


def iso(value: Any) -> str | None:
    day = as_date(value)
    return day.isoformat() if day else None


def number(value: Any, decimals: int = 2) -> float | int | None:
    """JSON-safe evidence number: None for a missing figure, ints stay ints."""
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, decimals)


def measured(value: Any) -> float | int | None:
    """A figure for a message: unrounded (the catalogue formats it), None when missing."""
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def weekly_rate(ctx: AuditContext, view: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Own posts a week, and whether the account existed long enough to judge it.

    Computed from the post count rather than the rounded metric, so 0.96 is not read as 1.
    An account started during the period is judged over the weeks since its start; one
    started in the period's last week is not judged yet.
    """
    start = pd.to_datetime(view["started"], errors="coerce")
    period_start = pd.Timestamp(ctx.period.start)
    late = (start > period_start).fillna(False).astype(bool)
    days_live = (pd.Timestamp(ctx.period.end) - start.where(late, period_start)).dt.days + 1
    posts = view["posts"].astype("float64").fillna(0.0)
    return posts / (days_live.clip(lower=1) / 7), days_live >= 7


def type_label(kind: Any) -> Message:
    """The account's type as a phrase ("a main account") for a sentence about it."""
    if isinstance(kind, str) and kind == "main":
        return Message("activity.type_main")
    if isinstance(kind, str) and kind == "secondary":
        return Message("activity.type_secondary")
    return Message("activity.type_none")


# ---------------------------------------------------------------- ACT001


class PostingFrequencyParams(CheckParams):
    min_posts_per_week_main: float = Field(
        3,
        ge=0,
    )
    min_posts_per_week_secondary: float = Field(
        1,
        ge=0,
    )
    expected_share: float = Field(
        0.5,
        ge=0,
        le=1,
    )


class Act001Evidence(Evidence):
    posts: int | None = shared()
    posts_per_week: Number | None = shared()
    minimum: Number | None = shared()
    expected: Number | None = shared()
    expected_floor: Number | None = shared()
    below_minimum: bool | None = shared()
    below_expected: bool | None = shared()


@register(
    CheckMeta(
        id="ACT001",
        name="posting-frequency",
        family="activity",
        judges_activity=True,
        severity=Severity.MEDIUM,
        policy=PolicyRef(section=SECTION_RULES, quote=FILL_AND_REPLY),
        evidence=Act001Evidence,
    ),
    PostingFrequencyParams,
)
def posting_frequency(ctx: AuditContext, p: PostingFrequencyParams) -> Iterable[Flag]:
    view = activity_view(ctx)
    rate, long_enough = weekly_rate(ctx, view)
    minimum = weekly_minimum(
        view["type"], p.min_posts_per_week_main, p.min_posts_per_week_secondary
    )
    expected = pd.to_numeric(view["expected_posts_per_week"], errors="coerce").astype("float64")
    expected_floor = expected * p.expected_share
    below_minimum = rate < minimum
    below_expected = (rate < expected_floor).fillna(False)
    failing = view[(below_minimum | below_expected) & long_enough]
    for account_id, row in failing.iterrows():
        yield _frequency_flag(
            str(account_id),
            row,
            rate[account_id],
            minimum[account_id],
            expected[account_id],
            expected_floor[account_id],
            p.expected_share,
            bool(below_minimum[account_id]),
            bool(below_expected[account_id]),
        )


def _frequency_flag(
    account_id: str,
    row: pd.Series,
    rate: float,
    minimum: float,
    expected: float,
    floor: float,
    share: float,
    below_minimum: bool,
    below_expected: bool,
) -> Flag:
    posts = number(row.get("posts")) or 0
    params: dict[str, Any] = {"per_week": measured(rate), "posts": posts}
    if below_minimum:
        params |= {"minimum": measured(minimum), "kind": type_label(row.get("type"))}
    if below_expected:
        params |= {"share": share, "expected": measured(expected), "floor": measured(floor)}
    if below_minimum and below_expected:
        message = Message("ACT001.below_both", **params)
    elif below_minimum:
        message = Message("ACT001.below_minimum", **params)
    else:
        message = Message("ACT001.below_expected", **params)
    return Flag(
        account_id,
        message,
        evidence={
            "posts": posts,
            "posts_per_week": number(rate),
            "minimum": number(minimum),
            "expected": number(expected),
            "expected_floor": number(floor),
            "below_minimum": below_minimum,
            "below_expected": below_expected,
        },
    )


# ---------------------------------------------------------------- ACT002


class DormantParams(CheckParams):
    days: int = Field(
        60,
        ge=1,
        le=3660,  # ten years; a larger number only overflows the calendar
    )


class Act002Evidence(Evidence):
    days_since_last_post: int | None = shared()
    last_post: dt.date | None = shared()
    limit_days: int | None = shared()


@register(
    CheckMeta(
        id="ACT002",
        name="dormant",
        family="activity",
        judges_activity=True,
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_ORGANISE,
            quote="bewaakt het dat er geen onnodige accounts worden gestart",
        ),
        evidence=Act002Evidence,
    ),
    DormantParams,
)
def dormant(ctx: AuditContext, p: DormantParams) -> Iterable[Flag]:
    for account_id, row in dormant_accounts(ctx, p).iterrows():
        days = row["days_since_last_post"]
        last = as_date(row.get("last_post"))
        if pd.isna(days):
            message = Message("ACT002.no_post", limit=p.days)
        else:
            message = Message("ACT002.last_post", days=measured(days), last=last, limit=p.days)
        yield Flag(
            str(account_id),
            message,
            evidence={
                "days_since_last_post": number(days),
                "last_post": iso(last),
                "limit_days": p.days,
            },
        )


def dormant_accounts(ctx: AuditContext, p: DormantParams) -> pd.DataFrame:
    """The accounts ACT002 flags; ACT003 reads it too, so one silence is reported once."""
    view = activity_view(ctx)
    days = view["days_since_last_post"].astype("float64")
    started = pd.to_datetime(view["started"], errors="coerce")
    # A young account that has not posted yet is new, not dormant.
    young = (started > pd.Timestamp(ctx.period.end - dt.timedelta(days=p.days))).fillna(False)
    silent = (days > p.days).fillna(False) | (days.isna() & ~young)
    return view[silent]


# ---------------------------------------------------------------- ACT003


class CoverageGapParams(CheckParams):
    max_gap_days: int = Field(
        21,
        ge=1,
        le=3660,
    )


class Act003Evidence(Evidence):
    longest_gap_days: int | None = shared()
    gap_start: dt.date | None = shared()
    gap_end: dt.date | None = shared()
    limit_days: int | None = shared()


@register(
    CheckMeta(
        id="ACT003",
        name="coverage-gap",
        family="activity",
        judges_activity=True,
        severity=Severity.MEDIUM,
        policy=PolicyRef(
            section=SECTION_RULES, quote="Zorg ook voor vervanging bij ziekte en vakantie."
        ),
        evidence=Act003Evidence,
    ),
    CoverageGapParams,
)
def coverage_gap(ctx: AuditContext, p: CoverageGapParams) -> Iterable[Flag]:
    view = activity_view(ctx).copy()
    _clip_to_start(view)
    gap = view["longest_gap_days"].astype("float64")
    failing = view[(gap > p.max_gap_days).fillna(False)]
    failing = failing.drop(index=_reported_as_dormant(ctx, failing), errors="ignore")
    for account_id, row in failing.iterrows():
        start, end = as_date(row["longest_gap_start"]), as_date(row["longest_gap_end"])
        days = row["longest_gap_days"]
        yield Flag(
            str(account_id),
            Message("ACT003.gap", days=measured(days), start=start, end=end, limit=p.max_gap_days),
            evidence={
                "longest_gap_days": number(days),
                "gap_start": iso(start),
                "gap_end": iso(end),
                "limit_days": p.max_gap_days,
            },
        )


def _clip_to_start(view: pd.DataFrame) -> None:
    """Days before an account was started are not a silence: cut the gap at the start date."""
    started = pd.to_datetime(view["started"], errors="coerce")
    gap_start = pd.to_datetime(view["longest_gap_start"], errors="coerce")
    gap_end = pd.to_datetime(view["longest_gap_end"], errors="coerce")
    clipped = (started > gap_start).fillna(False).astype(bool)
    if not clipped.any():
        return
    days = (gap_end - started).dt.days + 1
    view.loc[clipped, "longest_gap_days"] = days[clipped].clip(lower=0).astype("float64")
    view["longest_gap_start"] = view["longest_gap_start"].astype(object)
    view.loc[clipped, "longest_gap_start"] = started[clipped].dt.date


def _reported_as_dormant(ctx: AuditContext, gaps: pd.DataFrame) -> list[str]:
    """Accounts whose longest gap is the trailing silence ACT002 already reports.

    A gap that ends before the last own post is a separate silence and is still reported.
    """
    settings = check_settings(ctx.config, "ACT002")
    if not settings.enabled or gaps.empty:
        return []
    dormant = gaps.index.intersection(dormant_accounts(ctx, settings.params).index)
    out = []
    for account_id in dormant:
        last = as_date(gaps.at[account_id, "last_post"])
        end = as_date(gaps.at[account_id, "longest_gap_end"])
        if last is None or end is None or end > last:
            out.append(account_id)
    return out
