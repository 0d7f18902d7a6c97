"""Documentation: goal, role, content strategy, the owner's training and the guideline.

Section 3 of the policy lists what an account owner settles before and while running an
account; these checks read whether the register records it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks._common import as_dates, blank, flag_outdated, is_true, missing, plain, rows
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    PolicyRef,
    register,
    shared,
)
from auditor.messages import Message
from auditor.models import Goal, Severity

SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"

GOALS = [g.value for g in Goal]
# How people write the four goals: Dutch stems (informeren, informeren (nieuws), samen werken)
# and the English words of an English register.
_GOAL_STEMS = (
    "luister",
    "informe",
    "dialo",
    "samenwerk",
    "listen",
    "inform",
    "collaborat",
    "cooperat",
)
_SEPARATORS = re.compile(r"[,;/+&|\n]|\s+(?:en|and|of|or)\s+", re.IGNORECASE)


def unknown_goals(raw: object) -> list[str]:
    """The parts of a typed goal that are none of the four policy goals."""
    if missing(raw):
        return []
    parts = [part.strip() for part in _SEPARATORS.split(str(raw)) if part and part.strip()]
    return [
        part for part in parts if not re.sub(r"[^a-z]", "", part.casefold()).startswith(_GOAL_STEMS)
    ]


def _has_goal(value: object) -> bool:
    if isinstance(value, str) or value is None:
        return False
    try:
        return len(value) > 0
    except TypeError:  # NaN from a frame built without the column
        return False


class Doc001Evidence(Evidence):
    reason: str | None = shared()
    goal_raw: str | None = shared()
    goals: list[str] | None = shared()
    unknown: list[str] | None = shared()
    allowed: list[str] | None = shared()


@register(
    CheckMeta(
        id="DOC001",
        needs=("goal",),
        name="goal-documented",
        family="documentation",
        severity=Severity.MEDIUM,
        evidence=Doc001Evidence,
        policy=PolicyRef(section=SECTION_3, quote="Bepaal de doelstelling van je account"),
    )
)
def goal_documented(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    has_goal = accounts["goal"].map(_has_goal).astype(bool)
    unknown = accounts["goal_raw"].map(unknown_goals)
    failing = ~has_goal | unknown.map(bool).astype(bool)
    for row, extra in zip(
        rows(accounts[failing], "account_id", "goal", "goal_raw"), unknown[failing], strict=True
    ):
        raw = plain(row.goal_raw)
        if raw is None and not extra:
            message = Message("DOC001.missing_goal")
            reason = "missing"
        else:
            words = [Message("DOC001.quoted", text=w) for w in extra or [raw]]
            message = Message("DOC001.not_a_policy_goal", words=words, allowed=GOALS)
            reason = "not_a_policy_goal"
        yield Flag(
            row.account_id,
            message,
            evidence={
                "reason": reason,
                "goal_raw": raw,
                "goals": [str(g) for g in row.goal] if _has_goal(row.goal) else [],
                "unknown": extra or ([raw] if raw is not None else []),
                "allowed": GOALS,
            },
        )


def _missing_text_check(ctx: AuditContext, column: str, message: Message) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    for account_id in accounts.loc[blank(accounts[column]), "account_id"]:
        yield Flag(account_id, message, evidence={column: None})


class Doc002Evidence(Evidence):
    role: str | None = shared()


@register(
    CheckMeta(
        id="DOC002",
        needs=("role",),
        name="role-documented",
        family="documentation",
        severity=Severity.MEDIUM,
        evidence=Doc002Evidence,
        policy=PolicyRef(section=SECTION_3, quote="de rol die je gaat vervullen in die account"),
    )
)
def role_documented(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    return _missing_text_check(ctx, "role", Message("DOC002.missing_role"))


class Doc003Evidence(Evidence):
    content_strategy: str | None = shared()


@register(
    CheckMeta(
        id="DOC003",
        needs=("content_strategy",),
        name="content-strategy",
        family="documentation",
        severity=Severity.MEDIUM,
        evidence=Doc003Evidence,
        policy=PolicyRef(
            section=SECTION_3,
            quote="Bepaal een contentstrategie voor het account, die je helpt je doel te bereiken",
        ),
    )
)
def content_strategy(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    return _missing_text_check(ctx, "content_strategy", Message("DOC003.missing_content_strategy"))


class TrainingParams(CheckParams):
    valid_years: int = Field(
        3,
        ge=1,
        le=100,
    )


class Doc004Evidence(Evidence):
    owner_training: dt.date | None = shared()
    valid_until: dt.date | None = shared()
    reason: str | None = shared()
    valid_years: int | None = shared()


@register(
    CheckMeta(
        id="DOC004",
        needs=("owner_training",),
        name="owner-trained",
        family="documentation",
        severity=Severity.MEDIUM,
        evidence=Doc004Evidence,
        policy=PolicyRef(
            section=SECTION_3,
            quote="Zorg voor opleiding voor de beheerder, b.v. via de relevante trainingen in de "
            "Zeist Academy.",
        ),
    ),
    TrainingParams,
)
def owner_trained(ctx: AuditContext, p: TrainingParams) -> Iterable[Flag]:
    return flag_outdated(
        ctx,
        "owner_training",
        pd.DateOffset(years=p.valid_years),
        {"valid_years": p.valid_years},
        missing_text=Message("DOC004.missing_training"),
        noun=Message("DOC004.noun"),
        validity=Message("DOC004.validity", count=p.valid_years),
    )


class Doc005Evidence(Evidence):
    guideline_ack: bool | None = shared()
    guideline_ack_on: dt.date | None = shared()


@register(
    CheckMeta(
        id="DOC005",
        needs=("guideline_ack",),
        name="guideline-acknowledged",
        family="documentation",
        severity=Severity.MEDIUM,
        evidence=Doc005Evidence,
        policy=PolicyRef(
            section=SECTION_3,
            quote="Vul het beheer in, in de geest van de handreiking 'Social media met gezond "
            "verstand' (zie intranet).",
        ),
    )
)
def guideline_acknowledged(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    acknowledged = (
        is_true(accounts["guideline_ack"]) | as_dates(accounts["guideline_ack_on"]).notna()
    )
    for row in rows(accounts[~acknowledged], "account_id", "guideline_ack"):
        said_no = plain(row.guideline_ack) is False
        yield Flag(
            row.account_id,
            Message("DOC005.not_read" if said_no else "DOC005.not_recorded"),
            evidence={"guideline_ack": plain(row.guideline_ack), "guideline_ack_on": None},
        )
