"""Consolidation checks (CON001–CON002): accounts that could join another, or duplicate one.

The policy's questions for a new account (same audience? same sender? same goal? enough
posts?) apply just as well to accounts that already exist. Audience and sender match after
case and spacing are normalised; goals are compared as sets; a missing value never matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

import pandas as pd

from auditor.checks.activity import (
    SECTION_ORGANISE,
    activity_view,
    number,
    weekly_minimum,
    weekly_rate,
)
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    Number,
    PolicyRef,
    register,
    shared,
)
from auditor.messages import AccountRef, Message
from auditor.models import Severity


def _normalised(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.casefold().str.split().str.join(" ")
    return text.where(text.str.len() > 0)


def _goal_set(value: Any) -> frozenset[str]:
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "__array__"):
        return frozenset(str(g).strip().casefold() for g in value if str(g).strip())
    return frozenset()


def account_profiles(ctx: AuditContext) -> pd.DataFrame:
    """Active accounts with the facts that decide overlap, plus their posting rate."""
    active = ctx.active_accounts.set_index("account_id")
    profile = pd.DataFrame(
        {
            "platform": active["platform"].astype("string"),
            "type": active["type"],
            "started": pd.to_datetime(active["started"], errors="coerce"),
            "audience": active["audience"],
            "sender": active["sender"],
            "audience_key": _normalised(active["audience"]),
            "sender_key": _normalised(active["sender"]),
            "goals": active["goal"].map(_goal_set),
        },
        index=active.index,
    )
    profile["goal_key"] = profile["goals"].map(lambda g: ",".join(sorted(g)) or None)
    rate = ctx.metrics.reindex(profile.index)["posts_per_week"]
    profile["posts_per_week"] = rate.astype("float64")
    return profile


def _shared(me: pd.Series, others: pd.DataFrame) -> pd.DataFrame:
    """Which of audience, sender and goal each other account shares with `me`."""
    return pd.DataFrame(
        {
            "audience": others["audience_key"].eq(me["audience_key"]).fillna(False)
            if pd.notna(me["audience_key"])
            else False,
            "sender": others["sender_key"].eq(me["sender_key"]).fillna(False)
            if pd.notna(me["sender_key"])
            else False,
            "goal": others["goals"].map(lambda g: bool(g & me["goals"])),
        },
        index=others.index,
    ).astype(bool)


def _shared_words(shared: list[str], goals: list[str]) -> list[Message]:
    """What a candidate shares, a word each; the shared goal names the goals it shares."""
    return [
        Message("CON001.shared_goals", goals=goals)
        if name == "goal" and goals
        else Message(f"CON001.shared_{name}")
        for name in shared
    ]


def _either(options: list[Message]) -> Message:
    """`a of b of c`: the options as one phrase, folded from the right."""
    first, *rest = options
    return first if not rest else Message("CON001.either", first=first, rest=_either(rest))


# ---------------------------------------------------------------- CON001


class Con001Evidence(Evidence):
    posts_per_week: Number | None = shared()
    minimum: Number | None = shared()
    candidates: list[dict[str, Any]] | None = shared()


@register(
    CheckMeta(
        id="CON001",
        name="consolidation-candidate",
        family="consolidation",
        severity=Severity.INFO,
        policy=PolicyRef(
            section=SECTION_ORGANISE,
            quote="Zijn dat er te weinig om een eigen account op aantrekkelijke wijze te vullen, "
            "dan zou je bij een andere account kunnen aansluiten.",
        ),
        # The candidates are references: another department's account is hidden in a pack.
        evidence=Con001Evidence,
    ),
    CheckParams,
)
def consolidation_candidate(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    act = ctx.params("ACT001")
    view = activity_view(ctx)
    rate, long_enough = weekly_rate(ctx, view)
    minimum = weekly_minimum(
        view["type"], act.min_posts_per_week_main, act.min_posts_per_week_secondary
    )
    not_main = ~view["type"].eq("main").fillna(False).astype(bool)
    low = view[(rate < minimum) & not_main & long_enough]
    if low.empty:
        return
    profiles = account_profiles(ctx)
    for account_id in low.index:
        me = profiles.loc[account_id]
        others = profiles[(profiles["platform"] == me["platform"]) & (profiles.index != account_id)]
        shared = _shared(me, others)
        partners = shared[shared.any(axis=1)]
        if partners.empty:
            continue
        candidates = _ranked_candidates(partners, others, me)
        yield _advice(ctx, str(account_id), rate[account_id], minimum[account_id], candidates)


def _ranked_candidates(
    partners: pd.DataFrame, others: pd.DataFrame, me: pd.Series
) -> list[dict[str, Any]]:
    candidates = []
    for other_id, row in partners.iterrows():
        shared = [name for name in ("audience", "sender", "goal") if row[name]]
        candidates.append(
            {
                "account_id": str(other_id),
                "type": others.at[other_id, "type"]
                if pd.notna(others.at[other_id, "type"])
                else None,
                "shared": shared,
                "shared_goals": sorted(me["goals"] & others.at[other_id, "goals"]),
                "posts_per_week": number(others.at[other_id, "posts_per_week"]),
            }
        )
    # Most in common first; a main account is the natural place to join.
    candidates.sort(key=lambda c: (-len(c["shared"]), c["type"] != "main", c["account_id"]))
    return candidates


def _advice(
    ctx: AuditContext, account_id: str, rate: float, minimum: float, candidates: list[dict]
) -> Flag:
    # Candidates are other accounts, perhaps of another department: named by reference only.
    candidates = [{**c, "account_id": ctx.account(c["account_id"])} for c in candidates]
    named = [
        Message(
            "CON001.candidate",
            account=c["account_id"],
            shared=_shared_words(c["shared"], c["shared_goals"]),
        )
        for c in candidates[:3]
    ]
    more = len(candidates) - len(named)
    options = [*named, Message("CON001.others", count=more)] if more else named
    return Flag(
        account_id,
        Message(
            "CON001.advice",
            rate=float(rate),
            minimum=float(minimum),
            candidates=_either(options),
        ),
        evidence={
            "posts_per_week": number(rate),
            "minimum": number(minimum),
            "candidates": candidates,
        },
    )


# ---------------------------------------------------------------- CON002


class Con002Evidence(Evidence):
    other_account: AccountRef | None = shared()
    platform: str | None = shared()
    audience: str | None = shared()
    sender: str | None = shared()
    goal: list[str] | None = shared()
    posts_per_week: Number | None = shared()
    other_posts_per_week: Number | None = shared()
    other_type: str | None = shared()


@register(
    CheckMeta(
        id="CON002",
        name="overlapping-accounts",
        family="consolidation",
        severity=Severity.LOW,
        policy=PolicyRef(
            section=SECTION_ORGANISE,
            quote="Vanuit organisatie-optiek is het van belang om te kijken hoe we het aantal "
            "social media-accounts enigszins in de hand kunnen houden: de Zeistenaar is gebaat "
            "bij overzichtelijkheid.",
        ),
        # The other account is a reference: another department's account is hidden in a pack.
        evidence=Con002Evidence,
    ),
    CheckParams,
)
def overlapping_accounts(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    profiles = account_profiles(ctx)
    keys = ["platform", "audience_key", "sender_key", "goal_key"]
    complete = profiles.dropna(subset=keys)
    sizes = complete.groupby(keys, observed=True)["platform"].transform("size")
    overlapping = complete[sizes > 1]
    for _, group in overlapping.groupby(keys, observed=True):
        for a, b in combinations(sorted(group.index), 2):
            keeper = max((a, b), key=lambda i: _keep_rank(group.loc[i]))
            other = b if keeper == a else a
            yield _overlap(ctx, str(other), str(keeper), group)


def _keep_rank(row: pd.Series) -> tuple:
    """Which of two overlapping accounts stays: main, then busier, then older."""
    rate = row["posts_per_week"]
    started = row["started"]
    return (
        row["type"] == "main",
        -1.0 if pd.isna(rate) else float(rate),
        -started.toordinal() if pd.notna(started) else float("-inf"),
    )


def _overlap(ctx: AuditContext, account_id: str, other_id: str, group: pd.DataFrame) -> Flag:
    me, other = group.loc[account_id], group.loc[other_id]
    goals = sorted(me["goals"])
    rate, other_rate = me["posts_per_week"], other["posts_per_week"]
    audience, sender = " ".join(me["audience"].split()), " ".join(me["sender"].split())
    # The other account may be another department's: named by reference only.
    other_ref = ctx.account(other_id)
    said = {"audience": audience, "sender": sender, "goals": goals, "other": other_ref}
    if other["type"] == "main":
        message = Message("CON002.overlap_main", **said)
    elif pd.notna(rate) and pd.notna(other_rate):
        message = Message(
            "CON002.overlap_rates",
            **said,
            rate=float(rate),
            other_rate=float(other_rate),
        )
    else:
        message = Message("CON002.overlap", **said)
    return Flag(
        account_id,
        message,
        evidence={
            "other_account": other_ref,
            "platform": str(me["platform"]),
            "audience": audience,
            "sender": sender,
            "goal": goals,
            "posts_per_week": number(rate),
            "other_posts_per_week": number(other_rate),
            "other_type": other["type"] if pd.notna(other["type"]) else None,
        },
        subject=other_id,
    )
