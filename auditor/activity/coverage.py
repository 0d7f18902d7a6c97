"""Which stretch of time the exports cover, per file and per account.

A file covers the stretch from its earliest to its latest usable row, whichever accounts those
rows belong to: an export of a whole quarter for several accounts covers that quarter for each
of them, the silent ones included; an export that says what it covers (an archive of a whole
account up to its making, a download named after its period: `Parsed.covers`) covers that
too. An account is covered by the files that mention it (any usable row, duplicates
included), and its coverage is the union of those files' stretches.

An export rarely has a row on the first and last day it was asked for: an account that posts
once a week leaves up to a week at either end of a complete export without a row, and two
consecutive exports a gap of that size between them. Stretches that close are taken as
touching (`SLACK_DAYS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from auditor.messages import Message
from auditor.models import Period

SLACK_DAYS = 7
_SLACK = dt.timedelta(days=SLACK_DAYS)

Days = tuple[dt.date, dt.date]


@dataclass
class Coverage:
    files: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)
    # account_id → the files that mention it, in input order
    accounts: dict[str, list[str]] = field(default_factory=dict)
    _local_days: dict = field(default_factory=dict, repr=False, compare=False)

    def span(self, zone: str | dt.tzinfo) -> Days | None:
        """The first and last local day of any file, None without a usable row."""
        if not self.files:
            return None
        first = min(f for f, _ in self.files.values())
        last = max(last for _, last in self.files.values())
        return _day(first, zone), _day(last, zone)

    def stretches(self, account_id: str, zone: str | dt.tzinfo) -> list[Days]:
        """The account's covered days: its files' stretches, joined where they (nearly) touch."""
        by_file = self._days(zone)
        days = sorted(by_file[f] for f in self.accounts.get(account_id, ()))
        joined: list[Days] = []
        for first, last in days:
            if joined and first <= joined[-1][1] + _SLACK:
                joined[-1] = (joined[-1][0], max(joined[-1][1], last))
            else:
                joined.append((first, last))
        return joined

    def _days(self, zone: str | dt.tzinfo) -> dict[str, Days]:
        """Each file's first and last local day, worked out once: a folder of exports (one a
        month and account) names most accounts in most files, and every account is asked
        about."""
        days = self._local_days.get(zone)
        if days is None or len(days) != len(self.files):
            days = self._local_days[zone] = {
                path: (_day(first, zone), _day(last, zone))
                for path, (first, last) in self.files.items()
            }
        return days

    def covers(self, account_id: str, period: Period, zone: str | dt.tzinfo) -> bool:
        return any(
            first <= period.start + _SLACK and last >= period.end - _SLACK
            for first, last in self.stretches(account_id, zone)
        )

    def covered(self, account_ids: list[str], period: Period, zone: str | dt.tzinfo) -> set[str]:
        return {a for a in account_ids if self.covers(a, period, zone)}


def _day(instant: pd.Timestamp, zone: str | dt.tzinfo) -> dt.date:
    return instant.tz_convert(zone).date()


def describe(stretches: list[Days]) -> list[Message]:
    return [Message("activity.stretch", first=first, last=last) for first, last in stretches]


def period_warnings(
    coverage: Coverage,
    timestamps: pd.Series,
    period: Period,
    zone: str | dt.tzinfo,
    today: dt.date,
    active: list[str],
    *,
    exports: bool = True,
) -> list[Message]:
    """What the audit of `period` cannot see, one line per period, file or account: the
    period has not ended, no export row falls in it, or an active account's exports do not
    cover it (that account's activity is then not judged). Without `exports` (none given)
    only the first: the activity checks say themselves that they had nothing to judge."""
    label = Message(
        "activity.period_span", period=period.label, first=period.start, last=period.end
    )
    lines = []
    if period.end >= today:
        lines.append(Message("activity.period_not_ended", period=period.label, end=period.end))
    if not exports:
        return lines
    if not _rows_in(timestamps, period, zone):
        span = coverage.span(zone)
        spans = (
            Message(
                "activity.exports_span",
                files=some_files(list(coverage.files)),
                span=describe([span]),
            )
            if span
            else Message("activity.no_usable_row")
        )
        lines.append(Message("activity.no_row_in_period", period=label, spans=spans))
        return lines
    unseen = [a for a in active if a not in coverage.accounts]
    if len(unseen) == 1:
        lines.append(Message("activity.account_not_in_exports", account=unseen[0]))
    elif unseen:
        # Often every account of a platform whose exports were not given: one line says it.
        lines.append(
            Message(
                "activity.accounts_not_in_exports",
                count=len(unseen),
                accounts=some_accounts(unseen),
            )
        )
    for account_id in active:
        files = coverage.accounts.get(account_id)
        if not files or coverage.covers(account_id, period, zone):
            continue
        lines.append(
            Message(
                "activity.account_partly_covered",
                account=account_id,
                files=some_files(files),
                stretches=describe(coverage.stretches(account_id, zone)),
                period=label,
            )
        )
    return lines


_ACCOUNTS_NAMED = 10  # a line names the first accounts, and how many more


def inbound_unregistered(metrics: pd.DataFrame) -> list[Message]:
    """Incoming messages in the period for accounts the register does not hold: an inbox
    tool that names its channels by a team or brand name (`Team Webcare`) gave reply times
    that counted for no register account, without a word (one with no own posts not even
    as REG002). Only an account that posts or answers in the exports is named: one that only
    receives may be a person writing in, whose handle never reaches a report."""
    if not {"registered", "inbound", "posts", "replies"} <= set(metrics.columns):
        return []
    receiving = ~metrics["registered"].astype(bool) & (metrics["inbound"] > 0)
    speaking = (metrics["posts"] > 0) | (metrics["replies"] > 0)
    named = [str(a) for a in metrics.index[receiving & speaking]]
    unnamed = int((receiving & ~speaking).sum())
    lines = []
    if named:
        lines.append(
            Message(
                "activity.inbound_unregistered", count=len(named), accounts=some_accounts(named)
            )
        )
    if unnamed:
        lines.append(Message("activity.inbound_unregistered_unnamed", count=unnamed))
    return lines


def some_accounts(accounts: list[str]) -> Message | list[str]:
    """The first ten accounts, and how many more: 959 accounts made a line of 15,000
    characters."""
    if len(accounts) > _ACCOUNTS_NAMED:
        return Message(
            "activity.accounts_and_more",
            accounts=accounts[:_ACCOUNTS_NAMED],
            count=len(accounts) - _ACCOUNTS_NAMED,
        )
    return accounts


def some_files(files: list[str]) -> Message:
    """The first three files, and how many more: a line per account stays a line."""
    if len(files) > 3:
        return Message("activity.files_and_more", files=files[:3], count=len(files) - 3)
    return Message("activity.files", files=files)


def _rows_in(timestamps: pd.Series, period: Period, zone: str | dt.tzinfo) -> bool:
    start = pd.Timestamp(period.start).tz_localize(zone)
    end = pd.Timestamp(period.end + dt.timedelta(days=1)).tz_localize(zone)
    return bool(((timestamps >= start) & (timestamps < end)).any())
