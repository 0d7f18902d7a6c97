"""Consolidation checks (CON001–CON002): accounts that could join another, or duplicate one.

The policy's questions for a new account (same audience? same sender? same goal? enough
posts?) apply just as well to accounts that already exist. Audience and sender match after
case and spacing are normalised; goals are compared as sets; a missing value never matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from auditor.checks._common import by_account
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
from auditor.messages import AccountRef, Hidden, Message
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
    active = by_account(ctx.active_accounts)
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


def shared_words(shared: list[str], goals: list[str]) -> list[Message]:
    """What a candidate shares, a word each; the shared goal names the goals it shares."""
    return [
        Message("CON001.shared_goals", goals=goals)
        if name == "goal" and goals
        else Message(f"CON001.shared_{name}")
        for name in shared
    ]


def seen_from_another_department(advice: Message) -> Message:
    """CON001's advice as a department's pack shows it, once the candidates of other
    departments are hidden: counted once (`een van 3 accounts van andere afdelingen`), not
    `[andere afdeling] (afzender, doel informeren)` again for each."""
    candidates = advice.params.get("candidates")
    if advice.key != "CON001.advice" or candidates is None:
        return advice
    options = _options(candidates)
    hidden = [o for o in options if _is_hidden(o)]
    if len(hidden) < 2:
        return advice  # one is said once already, with what it shares
    rest = [o for o in options if not _is_hidden(o)]
    named = [o for o in rest if not (isinstance(o, Message) and o.key == "CON001.others")]
    others = [o for o in rest if o not in named]
    folded = [*named, Message("CON001.elsewhere", count=len(hidden)), *others]
    return Message.model_construct(
        key=advice.key, params={**advice.params, "candidates": _either(folded)}
    )


def fix_seen_from_another_department(advice: Message, fix: Message) -> Message:
    """CON001's fix in a pack whose advice names no account to join (all are another
    department's): it says who knows them, instead of "the named account"."""
    candidates = advice.params.get("candidates")
    if fix.key != "CON001.fix" or advice.key != "CON001.advice" or candidates is None:
        return fix
    named = [
        o
        for o in _options(candidates)
        if isinstance(o, Message) and o.key == "CON001.candidate" and not _is_hidden(o)
    ]
    if named or not any(_is_hidden(o) or _is_elsewhere(o) for o in _options(candidates)):
        return fix
    return Message.model_construct(key="CON001.fix_elsewhere", params=fix.params)


def _is_elsewhere(option: Any) -> bool:
    return isinstance(option, Message) and option.key == "CON001.elsewhere"


def _options(candidates: Any) -> list[Any]:
    """The options `_either` folded, in order."""
    if not (isinstance(candidates, Message) and candidates.key == "CON001.either"):
        return [candidates]
    return [candidates.params["first"], *_options(candidates.params["rest"])]


def _is_hidden(option: Any) -> bool:
    if isinstance(option, Message) and option.key == "CON001.candidate":
        option = option.params.get("account")
    return isinstance(option, Hidden) and option.kind == "account"


def _either(options: list[Message]) -> Message:
    """`a of b of c`: the options as one phrase, folded from the right."""
    first, *rest = options
    return first if not rest else Message("CON001.either", first=first, rest=_either(rest))


# ---------------------------------------------------------------- CON001


class Con001Evidence(Evidence):
    posts_per_week: Number | None = shared()
    minimum: Number | None = shared()
    candidates: list[dict[str, Any]] | None = shared()
    candidate_count: int | None = shared()


# The evidence keeps the best candidates, not all: with a goal most accounts share ("informeren"),
# every quiet account would otherwise carry the whole platform, and the audit would grow with
# the square of the register. The count says how many there are.
KEPT_CANDIDATES = 10


@register(
    CheckMeta(
        id="CON001",
        name="consolidation-candidate",
        family="consolidation",
        judges_activity=True,
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
    profiles = account_profiles(ctx).sort_index()
    platforms: dict[str, _Partners] = {}
    for account_id in low.index:
        platform = profiles.at[account_id, "platform"]
        if pd.isna(platform):
            continue
        if platform not in platforms:
            platforms[platform] = _Partners(profiles[profiles["platform"] == platform])
        partners = platforms[platform]
        count, best = partners.of(partners.profiles.index.get_loc(account_id))
        if count:
            yield _advice(ctx, str(account_id), rate[account_id], minimum[account_id], best, count)


class _Partners:
    """The accounts of one platform as codes, to find, for any of them, the others sharing
    audience, sender or a goal with it in a few passes over arrays."""

    def __init__(self, platform: pd.DataFrame):
        self.profiles = platform
        self.audience = pd.factorize(platform["audience_key"])[0]
        self.sender = pd.factorize(platform["sender_key"])[0]
        self.holders: dict[str, list[int]] = {}
        for position, goals in enumerate(platform["goals"]):
            for goal in goals:
                self.holders.setdefault(goal, []).append(position)
        self.not_main = (~platform["type"].eq("main").fillna(False)).to_numpy(dtype=np.int64)

    def of(self, me: int) -> tuple[int, list[dict[str, Any]]]:
        """How many accounts share something with account `me`, and the best of them:
        most in common first, then a main account (the natural place to join), then by id."""
        n = len(self.profiles)
        audience = self._same(self.audience, me)
        sender = self._same(self.sender, me)
        goal = np.zeros(n, dtype=bool)
        mine = self.profiles["goals"].iat[me]
        for name in mine:
            goal[self.holders[name]] = True
        in_common = audience.astype(np.int64) + sender + goal
        in_common[me] = 0
        partners = np.flatnonzero(in_common)
        # Positions follow the account ids (the profiles are sorted), so they break ties.
        rank = (3 - in_common[partners]) * 2 + self.not_main[partners]
        best = partners[np.lexsort((partners, rank))[:KEPT_CANDIDATES]]
        candidates = []
        for other in best:
            row = self.profiles.iloc[other]
            flags = {"audience": audience[other], "sender": sender[other], "goal": goal[other]}
            candidates.append(
                {
                    "account_id": str(self.profiles.index[other]),
                    "type": row["type"] if pd.notna(row["type"]) else None,
                    "shared": [name for name, on in flags.items() if on],
                    "shared_goals": sorted(mine & row["goals"]),
                    "posts_per_week": number(row["posts_per_week"]),
                }
            )
        return len(partners), candidates

    @staticmethod
    def _same(codes: np.ndarray, me: int) -> np.ndarray:
        # A missing value (code -1) never matches, not even another missing one.
        return codes == codes[me] if codes[me] >= 0 else np.zeros(len(codes), dtype=bool)


def _advice(
    ctx: AuditContext,
    account_id: str,
    rate: float,
    minimum: float,
    candidates: list[dict],
    count: int,
) -> Flag:
    # Candidates are other accounts, perhaps of another department: named by reference only.
    candidates = [{**c, "account_id": ctx.account(c["account_id"])} for c in candidates]
    named = [
        Message(
            "CON001.candidate",
            account=c["account_id"],
            shared=shared_words(c["shared"], c["shared_goals"]),
        )
        for c in candidates[:3]
    ]
    more = count - len(named)
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
            "candidate_count": count,
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
    group_size: int | None = shared()


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
    # One finding for every account of a group but the one to keep, naming that one: a group
    # of k accounts is k - 1 findings, not one for each of its k(k-1)/2 pairs.
    for _, group in overlapping.groupby(keys, observed=True):
        members = sorted(group.index)
        keeper = max(members, key=lambda i: _keep_rank(group.loc[i]))
        for other in members:
            if other != keeper:
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
    more = len(group) - 2
    named = Message("CON002.and_others", other=other_ref, count=more) if more else other_ref
    said = {"audience": audience, "sender": sender, "goals": goals, "other": named}
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
            "group_size": len(group),
        },
        subject=other_id,
    )
