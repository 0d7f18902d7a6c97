"""Response checks (RSP001–RSP002): are messages from others answered, and quickly?

Platform exports hold no messages from others; reply times come from a webcare or inbox
export. Without one these checks cannot run, which is a skip with its reason, not a pass.
Accounts that received nothing in the period are not judged.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks.activity import (
    FILL_AND_REPLY,
    SECTION_RULES,
    activity_view,
    measured,
    number,
)
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    Number,
    PolicyRef,
    SkipCheck,
    register,
    shared,
)
from auditor.messages import Message
from auditor.models import Severity

NO_INBOX = Message("response.no_inbox")
NONE_IN_PERIOD = Message("response.none_in_period")


def inbound_view(ctx: AuditContext) -> pd.DataFrame:
    """Covered active accounts that received messages in the period; skips when none can."""
    if not ctx.activity["direction"].eq("in").any():
        raise SkipCheck(NO_INBOX)
    if not (pd.to_numeric(ctx.metrics["inbound"], errors="coerce").fillna(0) > 0).any():
        raise SkipCheck(NONE_IN_PERIOD)
    view = activity_view(ctx)
    return view[view["inbound"].astype("float64").fillna(0) > 0]


# ---------------------------------------------------------------- RSP001


class ResponseTimeParams(CheckParams):
    max_median_business_hours: float = Field(
        8,
        gt=0,
    )
    max_p90_business_hours: float = Field(
        16,
        gt=0,
    )


class Rsp001Evidence(Evidence):
    inbound: int | None = shared()
    answered: int | None = shared()
    reply_median_business_hours: Number | None = shared()
    reply_p90_business_hours: Number | None = shared()
    limit_median_business_hours: Number | None = shared()
    limit_p90_business_hours: Number | None = shared()
    median_too_slow: bool | None = shared()
    p90_too_slow: bool | None = shared()


@register(
    CheckMeta(
        id="RSP001",
        name="response-time",
        family="response",
        judges_activity=True,
        severity=Severity.MEDIUM,
        policy=PolicyRef(section=SECTION_RULES, quote=FILL_AND_REPLY),
        evidence=Rsp001Evidence,
    ),
    ResponseTimeParams,
)
def response_time(ctx: AuditContext, p: ResponseTimeParams) -> Iterable[Flag]:
    view = inbound_view(ctx)
    median = view["reply_median_business_hours"].astype("float64")
    p90 = view["reply_p90_business_hours"].astype("float64")
    slow_median = (median > p.max_median_business_hours).fillna(False)
    slow_p90 = (p90 > p.max_p90_business_hours).fillna(False)
    for account_id, row in view[slow_median | slow_p90].iterrows():
        m, q = median[account_id], p90[account_id]
        yield Flag(
            str(account_id),
            Message(
                "RSP001.slow",
                median=measured(m),
                p90=measured(q),
                limit_median=p.max_median_business_hours,
                limit_p90=p.max_p90_business_hours,
            ),
            evidence={
                "inbound": number(row["inbound"]),
                "answered": number(row.get("answered")),
                "reply_median_business_hours": number(m),
                "reply_p90_business_hours": number(q),
                "limit_median_business_hours": p.max_median_business_hours,
                "limit_p90_business_hours": p.max_p90_business_hours,
                "median_too_slow": bool(slow_median[account_id]),
                "p90_too_slow": bool(slow_p90[account_id]),
            },
        )


# ---------------------------------------------------------------- RSP002


class UnansweredParams(CheckParams):
    unanswered_after_business_days: int = Field(
        2,
        ge=1,
        le=2610,  # ten years of business days
    )
    max_unanswered_share: float = Field(
        0.05,
        ge=0,
        le=1,
    )


class Rsp002Evidence(Evidence):
    inbound: int | None = shared()
    answered: int | None = shared()
    unanswered: int | None = shared()
    pending: int | None = shared()
    unanswered_share: Number | None = shared()
    limit_share: Number | None = shared()
    after_business_days: Number | None = shared()


@register(
    CheckMeta(
        id="RSP002",
        name="unanswered",
        family="response",
        judges_activity=True,
        severity=Severity.MEDIUM,
        policy=PolicyRef(section=SECTION_RULES, quote=FILL_AND_REPLY),
        evidence=Rsp002Evidence,
    ),
    UnansweredParams,
)
def unanswered(ctx: AuditContext, p: UnansweredParams) -> Iterable[Flag]:
    view = inbound_view(ctx)
    share = view["unanswered_share"].astype("float64")
    for account_id, row in view[(share > p.max_unanswered_share).fillna(False)].iterrows():
        count = number(row["unanswered"])
        pending = row.get("pending")
        due = number(row["inbound"] - (0 if pd.isna(pending) else pending))
        value = share[account_id]
        days = p.unanswered_after_business_days
        yield Flag(
            str(account_id),
            Message(
                "RSP002.unanswered",
                share=measured(value),
                unanswered=count,
                due=due,
                days=days,
                # The norm keeps up to one decimal (2.5 %), which `{share:%}` would round away.
                limit_percent=round(p.max_unanswered_share * 100, 6),
            ),
            evidence={
                "inbound": number(row["inbound"]),
                "answered": number(row.get("answered")),
                "unanswered": count,
                "pending": number(row.get("pending")),
                "unanswered_share": number(value, 4),
                "limit_share": p.max_unanswered_share,
                "after_business_days": days,
            },
        )
