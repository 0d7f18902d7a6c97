"""Response checks (RSP001–RSP002): are messages from others answered, and quickly?

Platform exports hold no messages from others; reply times come from a webcare or inbox
export. Without one these checks cannot run, which is a skip with its reason, not a pass.
Accounts that received nothing in the period are not judged.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks.activity import FILL_AND_REPLY, SECTION_RULES, activity_view, number
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Flag,
    PolicyRef,
    SkipCheck,
    register,
)
from auditor.models import Severity, Text
from auditor.numbers import fmt_num, fmt_pct

NO_INBOX = Text(
    nl="geen inkomende berichten in de activiteitsgegevens: platformexports (X, Facebook, "
    "Instagram, LinkedIn) bevatten geen berichten van anderen. Lever een export van het "
    "webcare-/inboxpakket aan (bijv. Hootsuite/Sparkcentral 'Messages', OBI4wan of Coosto, "
    "via een kolomkoppeling in auditor.toml) of een canoniek bestand met direction=in en "
    "in_reply_to bij de antwoorden",
    en="no incoming messages in the activity data: platform exports (X, Facebook, Instagram, "
    "LinkedIn) hold no messages from others. Supply an export of the webcare/inbox tool (e.g. "
    "Hootsuite/Sparkcentral 'Messages', OBI4wan or Coosto, through a column mapping in "
    "auditor.toml) or a canonical file with direction=in and in_reply_to on the replies",
)
NONE_IN_PERIOD = Text(
    nl="de exports bevatten inkomende berichten, maar geen enkele in deze periode; lever een "
    "inbox-export aan die de periode dekt",
    en="the exports hold incoming messages, but none in this period; supply an inbox export "
    "that covers the period",
)


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


@register(
    CheckMeta(
        id="RSP001",
        name="response-time",
        family="response",
        severity=Severity.MEDIUM,
        policy=PolicyRef(section=SECTION_RULES, quote=FILL_AND_REPLY),
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

        def say(lang: str, m: float = m, q: float = q) -> str:
            hours = "werkuren" if lang == "nl" else "business hours"
            median_word = "mediaan reactietijd" if lang == "nl" else "median reply time"
            p90_word = "90e percentiel" if lang == "nl" else "90th percentile"
            return (
                f"{median_word} {fmt_num(m, lang)} {hours} "
                f"(norm ≤ {fmt_num(p.max_median_business_hours, lang)}); "
                f"{p90_word} {fmt_num(q, lang)} {hours} "
                f"(norm ≤ {fmt_num(p.max_p90_business_hours, lang)})"
            )

        yield Flag(
            str(account_id),
            Text(nl=say("nl"), en=say("en")),
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
    )
    max_unanswered_share: float = Field(
        0.05,
        ge=0,
        le=1,
    )


@register(
    CheckMeta(
        id="RSP002",
        name="unanswered",
        family="response",
        severity=Severity.MEDIUM,
        policy=PolicyRef(section=SECTION_RULES, quote=FILL_AND_REPLY),
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
            Text(
                nl=f"{fmt_pct(value, 'nl')} van de inkomende berichten ({count} van {due}) niet "
                f"binnen {days} werkdagen beantwoord (norm ≤ "
                f"{fmt_pct(p.max_unanswered_share, 'nl', 1)})",
                en=f"{fmt_pct(value, 'en')} of incoming messages ({count} of {due}) not "
                f"answered within {days} business days (norm ≤ "
                f"{fmt_pct(p.max_unanswered_share, 'en', 1)})",
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
