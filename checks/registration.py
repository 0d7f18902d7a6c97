"""Registration: the register is complete, each platform has one main account, and new
accounts were started with Communicatie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

from auditor.checks._common import as_dates, by_account, is_true, plain, rows, to_date
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
from auditor.messages import AccountRef, Message, platform_name
from auditor.models import Severity

SECTION_2 = "2. Hoe organiseren we het gebruik?"
SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"


class Reg001Evidence(Evidence):
    platform: str | None = shared()
    main_count: int | None = shared()
    main_accounts: list[AccountRef] | None = shared()
    accounts: list[AccountRef] | None = shared()


@register(
    CheckMeta(
        id="REG001",
        name="one-main-account",
        family="registration",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_2,
            quote="Op elk social mediaplatform waar we actief zijn (in eerste instantie Twitter "
            "en Facebook) werken we met een ‘hoofdaccount’ en ‘nevenaccounts’.",
        ),
        evidence=Reg001Evidence,
    )
)
def one_main_account(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    is_main = accounts["type"].astype("string").fillna("").eq("main")
    counts = is_main.groupby(accounts["platform"], observed=True).sum()
    for platform, mains in counts[counts.ne(1)].items():
        on_platform = accounts[accounts["platform"].eq(platform)]
        main_accounts = [ctx.account(a) for a in sorted(on_platform.loc[is_main, "account_id"])]
        name = platform_name(str(platform))
        if mains == 0:
            message = Message("REG001.no_main", platform=name, count=len(on_platform))
        else:
            message = Message(
                "REG001.several_main",
                platform=name,
                count=int(mains),
                main_accounts=main_accounts,
            )
        yield Flag(
            None,
            message,
            evidence={
                "platform": str(platform),
                "main_count": int(mains),
                "main_accounts": main_accounts,
                "accounts": [ctx.account(a) for a in sorted(on_platform["account_id"])],
            },
            subject=str(platform),
            platform=str(platform),
        )


def _own_items_in_period(ctx: AuditContext) -> pd.DataFrame:
    """The accounts' own posts and replies inside the period (period days in the audit zone)."""
    activity = ctx.activity
    zone = ctx.config.zone
    start = pd.Timestamp(ctx.period.start).tz_localize(zone)
    end = pd.Timestamp(ctx.period.end + dt.timedelta(days=1)).tz_localize(zone)
    own = activity["direction"].eq("out").fillna(False).astype(bool)
    inside = (activity["timestamp"] >= start) & (activity["timestamp"] < end)
    return activity.loc[own & inside, ["account_id", "timestamp", "source"]]


def _summary(items: pd.DataFrame, zone) -> pd.DataFrame:
    """Per account: its posts, first and last local day, and the names of the files holding
    them. Days as numbers and files per distinct (account, file) pair: exports full of
    accounts the register lacks (a tool's export of every account it sees) hold hundreds of
    thousands of such posts, and a date object and a path per post made this check 11x as
    slow as the rest of the checks together."""
    if items.empty:
        return pd.DataFrame(columns=["posts", "first", "last", "sources"])
    day = _local_days(items["timestamp"], zone).astype(np.int64)
    summary = (
        items.assign(day=day)
        .groupby("account_id", observed=True)
        .agg(posts=("timestamp", "size"), first=("day", "min"), last=("day", "max"))
    )
    for end in ("first", "last"):
        summary[end] = summary[end].to_numpy().astype("datetime64[D]").astype(object)
    pairs = items[["account_id", "source"]].dropna().drop_duplicates()
    names = {source: PurePath(str(source)).name for source in pairs["source"].unique()}
    sources: dict[Any, set[str]] = {}
    for account_id, source in zip(pairs["account_id"], pairs["source"], strict=True):
        sources.setdefault(account_id, set()).add(names[source])
    summary["sources"] = [sorted(sources.get(a, ())) for a in summary.index]
    return summary


def _local_days(timestamps: pd.Series, zone) -> np.ndarray:
    """The local date of each instant in `zone`, as numpy days."""
    return timestamps.dt.tz_convert(zone).dt.tz_localize(None).to_numpy().astype("datetime64[D]")


def _days(values: pd.Series) -> np.ndarray:
    """Register dates as numpy days, NaT where there is none; loops over register rows (few)."""
    days = [to_date(value) for value in values]
    return np.array([np.datetime64("NaT") if d is None else d for d in days], "datetime64[D]")


def _flag_posts(account_id: str, row: pd.Series, reason: str, message: Message, **extra) -> Flag:
    return Flag(
        account_id,
        message,
        evidence={
            "reason": reason,
            "posts": int(row["posts"]),
            "first_post": row["first"].isoformat(),
            "last_post": row["last"].isoformat(),
            "sources": list(row["sources"]),
            **extra,
        },
    )


def _posted(row: pd.Series) -> dict[str, Any]:
    """What a REG002 sentence says of the account's own posts: how many, first and last day."""
    return {"count": int(row["posts"]), "first": row["first"], "last": row["last"]}


class Reg002Evidence(Evidence):
    reason: str | None = shared()
    posts: int | None = shared()
    first_post: dt.date | None = shared()
    last_post: dt.date | None = shared()
    closed_on: dt.date | None = shared()
    status: str | None = shared()
    sources: list[str] | None = None


@register(
    CheckMeta(
        id="REG002",
        name="unregistered-account",
        family="registration",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_2,
            quote="Het team houdt overzicht over de accounts die namens de gemeente worden gestart",
        ),
        # Not "sources": the names of the export files are the organisation's, not a department's.
        evidence=Reg002Evidence,
        judges_inactive=True,  # a closed account still posting
    )
)
def unregistered_account(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    zone = ctx.config.zone
    items = _own_items_in_period(ctx)
    if items.empty:
        return
    accounts = ctx.accounts
    unknown = items[~items["account_id"].isin(accounts["account_id"])]
    for account_id, row in _summary(unknown, zone).iterrows():
        yield _flag_posts(
            account_id,
            row,
            "not_in_register",
            Message("REG002.not_in_register", **_posted(row)),
        )

    # Closing dates as numpy days: a date a person typed may lie in year 1000 or 9999, outside
    # the nanosecond range pandas keeps instants in (and, before pandas 3, parses dates to).
    closing_day = _days(accounts["closed"])
    closed = accounts[accounts["status"].eq("closed").to_numpy() | ~np.isnat(closing_day)]
    closed = closed.drop_duplicates("account_id")
    after = items[items["account_id"].isin(closed["account_id"])]
    ids = by_account(closed).index
    limit = _days(closed["closed"])[ids.get_indexer(after["account_id"])]
    local_day = _local_days(after["timestamp"], zone)
    # No closing date: everything in the period is after closing.
    after = after[np.isnat(limit) | (local_day > limit)]
    register = by_account(closed)
    for account_id, row in _summary(after, zone).iterrows():
        day = to_date(register.loc[account_id, "closed"])
        yield _flag_posts(
            account_id,
            row,
            "closed",
            Message("REG002.closed_on", closed=day, **_posted(row))
            if day
            else Message("REG002.closed", **_posted(row)),
            closed_on=plain(day),
            status=plain(register.loc[account_id, "status"]),
        )


class Reg003Evidence(Evidence):
    started: dt.date | None = shared()
    started_known: bool | None = shared()
    policy_date: dt.date | None = shared()
    communicatie_consulted: bool | None = shared()
    communicatie_consulted_on: dt.date | None = shared()


@register(
    CheckMeta(
        id="REG003",
        needs=("communicatie_consulted",),
        name="communicatie-consulted",
        family="registration",
        severity=Severity.MEDIUM,
        policy=PolicyRef(
            section=SECTION_3, quote="Betrek Communicatie bij het starten van een nieuwe account."
        ),
        evidence=Reg003Evidence,
    )
)
def communicatie_consulted(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    policy_date = ctx.config.organisation.policy_date
    team = ctx.config.organisation.communications_department
    accounts = ctx.active_accounts
    started = as_dates(accounts["started"])
    consulted = (
        is_true(accounts["communicatie_consulted"])
        | as_dates(accounts["communicatie_consulted_on"]).notna()
    )
    after_policy = started.isna() | (started > pd.Timestamp(policy_date))
    for row in rows(
        accounts[after_policy & ~consulted],
        "account_id",
        "started",
        "communicatie_consulted",
        "communicatie_consulted_on",
    ):
        day = to_date(row.started)
        if day is None:
            message = Message("REG003.start_unknown", team=team)
        else:
            message = Message(
                "REG003.not_consulted", started=day, policy_date=policy_date, team=team
            )
        yield Flag(
            row.account_id,
            message,
            evidence={
                "started": plain(day),
                "started_known": day is not None,
                "policy_date": policy_date.isoformat(),
                "communicatie_consulted": plain(row.communicatie_consulted),
                "communicatie_consulted_on": plain(row.communicatie_consulted_on),
            },
        )
