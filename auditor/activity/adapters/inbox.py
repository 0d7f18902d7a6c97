"""Webcare and inbox exports, the only source of inbound messages and reply times.

No vendor publishes a fixed format, so this adapter is driven by a column mapping
(`auditor.config.InboxMapping`): built-in mappings for the tools seen in practice, and
`[activity.mappings.<name>]` in `auditor.toml` to add one or override a built-in by name.
Author and message columns are personal data: they are read only to find the account a
message belongs to, when a mapping says so (`inbox_accounts`), and never kept.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from auditor.activity.adapters.base import (
    KINDS,
    Adapter,
    AdapterContext,
    Header,
    Parsed,
    Reasons,
    constant,
    finish,
    map_unique,
    parse_times,
    parse_with_format,
    slashed_order,
    text,
    time_reasons,
    whole_ids,
)
from auditor.activity.adapters.inbox_accounts import accounts_from_authors
from auditor.activity.readers import RawTable
from auditor.config import Config, InboxMapping
from auditor.identity import parse_platform
from auditor.messages import Message

BUILTIN_MAPPINGS: dict[str, InboxMapping] = {
    # Hootsuite Inbox / Sparkcentral "Messages" export: one row per message.
    "hootsuite": InboxMapping(
        detect=["Message ID", "Conversation ID", "Direction", "Created at"],
        item_id="Message ID",
        timestamp="Created at",
        direction="Direction",
        conversation_id="Conversation ID",
        account="Channel",
        platform="Medium",
        kind="Message Type",
    ),
    # OBI4wan-style Dutch export (`berichten-DD-MM-YYYY_HH_MM.csv`, semicolons).
    "obi4wan": InboxMapping(
        detect=["Bericht ID", "Publicatiedatum", "Richting"],
        item_id="Bericht ID",
        timestamp="Publicatiedatum",
        direction="Richting",
        conversation_id="Gesprek ID",
        in_reply_to="Reactie op",
        account="Account",
        platform="Kanaal",
        kind="Type",
        dayfirst=True,
    ),
}

# A yes/no cell as spreadsheets write it, in English and in Dutch.
_TRUTHS = {"true": True, "waar": True, "yes": True, "ja": True, "1": True}
_TRUTHS |= {"false": False, "onwaar": False, "no": False, "nee": False, "0": False}

# Vendor words for a message's kind, checked in this order.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reply", ("reply", "antwoord", "response")),
    ("comment", ("comment", "reactie")),
    ("mention", ("mention", "vermelding", "tag")),
    ("message", ("message", "bericht", "direct", "dm", "private", "privé")),
    ("post", ("post", "publicatie", "tweet")),
)


def _kind(value: str) -> str | None:
    key = value.strip().casefold()
    if key in KINDS:
        return key
    for kind, words in _KIND_WORDS:
        if any(word in key for word in words):
            return kind
    return None


def mappings(config: Config) -> dict[str, InboxMapping]:
    """Built-in mappings with the configuration's added or overriding them by name."""
    merged = dict(BUILTIN_MAPPINGS)
    merged.update(config.activity.mappings)
    return merged


class InboxAdapter(Adapter):
    def __init__(self, name: str, mapping: InboxMapping, configured: bool = False):
        self.name = f"inbox:{name}"
        self.label = name
        self.mapping = mapping
        self.configured = configured  # written for this site: every column it names counts
        self.expects = Message("activity.expects.inbox", name=name, columns=list(mapping.detect))

    def matches(self, header: Header) -> bool:
        return header.has(*self.mapping.detect)

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        m = self.mapping
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n, private=True)

        def col(name: str | None) -> pd.Series:
            return text(table, header.find(name) if name else None)

        if m.platform:
            raw_platform = col(m.platform)
            platform = map_unique(raw_platform, _platform)
            if m.platform_value:
                platform = platform.fillna(_platform(m.platform_value))
            unknown = platform.isna().to_numpy()
            reasons.add(
                unknown,
                Message("activity.reason.unknown_platform_in_column", column=m.platform),
                raw_platform,
            )
        else:
            value = _platform(m.platform_value) if m.platform_value else None
            platform = constant(n, value)
            if value is None:
                reasons.add(
                    np.ones(n, dtype=bool), Message("activity.reason.mapping_without_platform")
                )
        if not m.author:
            account = col(m.account)
            no_account = (
                Message("activity.reason.no_account_in_column", column=m.account)
                if m.account
                else Message("activity.reason.mapping_without_account")
            )
            reasons.add(account.isna().to_numpy(), no_account)

        zone = m.timezone or ctx.config.timezone
        raw_time = col(m.timestamp)
        if m.timestamp_format:
            timestamp = parse_with_format(raw_time, m.timestamp_format, zone)
        else:
            # American tools write a 12-hour clock too (`07/01/2026 09:05 AM`).
            us = (
                "%m/%d/%Y %H:%M",
                "%m/%d/%Y %H:%M:%S",
                "%m/%d/%Y %I:%M %p",
                "%m/%d/%Y %I:%M:%S %p",
            )
            eu = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
            eu += ("%d/%m/%Y %I:%M %p", "%d/%m/%Y %I:%M:%S %p")  # as a British tool writes
            # Slashed dates are read the way the file's own dates show (a spreadsheet may
            # have written them again), else as the tool writes them.
            order = slashed_order(raw_time)
            dayfirst = m.dayfirst if order is None else order == "day"
            timestamp = parse_times(raw_time, zone, eu if dayfirst else us + eu[:2])
        reasons.add(
            raw_time.isna().to_numpy(),
            Message("activity.reason.no_time_in_column", column=m.timestamp),
        )
        time_reasons(
            reasons,
            raw_time,
            timestamp,
            m.timestamp,
            Message("activity.reason.not_a_date", column=m.timestamp),
        )

        words = {w.casefold(): "in" for w in m.inbound} | {w.casefold(): "out" for w in m.outbound}
        # A yes/no column (`inbound` True/False) comes back from a Dutch Excel as WAAR/ONWAAR:
        # any word for the same truth means the same direction.
        truths = {_TRUTHS.get(w.casefold()): words[w.casefold()] for w in words}
        truths.pop(None, None)
        raw_direction = col(m.direction)
        direction = map_unique(
            raw_direction,
            lambda v: (
                words.get(v.strip().casefold()) or truths.get(_TRUTHS.get(v.strip().casefold()))
            ),
        )
        bad_direction = direction.isna().to_numpy()
        expected = "/".join(m.inbound[:2] + m.outbound[:2])
        reasons.add(
            bad_direction,
            Message("activity.reason.not_one_of", column=m.direction, expected=expected),
            raw_direction,
        )

        item_id, in_reply_to = whole_ids(col(m.item_id)), whole_ids(col(m.in_reply_to))
        if m.author:
            account = self._account_from_authors(
                col, platform, direction, item_id, in_reply_to, timestamp, ctx, reasons
            )
        kind = map_unique(col(m.kind), _kind)
        absent = self._absent(header)
        warning = (
            Message(
                "activity.mapping_columns_absent", file=ctx.file, mapping=self.label, columns=absent
            )
            if absent
            else None
        )
        return finish(
            {
                "platform": platform,
                "account": account,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": direction,
                "kind": kind,
                "in_reply_to": in_reply_to,
                "conversation_id": whole_ids(col(m.conversation_id)),
            },
            reasons,
            warning=warning,
        )

    def _absent(self, header: Header) -> list[str]:
        """The columns a site's own mapping names that the file lacks, as `key = "name"`: a
        misspelt `in_reply_to` would leave every reply unpaired without a word. A built-in
        mapping names columns its vendor's exports may leave out."""
        if not self.configured:
            return []
        return [
            f'{key} = "{name}"'
            for key in _COLUMN_KEYS
            if (name := getattr(self.mapping, key)) and header.find(name) is None
        ]

    def _account_from_authors(
        self,
        col: Callable[[str | None], pd.Series],
        platform: pd.Series,
        direction: pd.Series,
        item_id: pd.Series,
        in_reply_to: pd.Series,
        timestamp: pd.Series,
        ctx: AdapterContext,
        reasons: Reasons,
    ) -> pd.Series:
        """The account from the author columns (`inbox_accounts`); the author and text
        columns are read here and go no further."""
        m = self.mapping
        platforms = set(platform.dropna().unique())
        registered = [a.handle for a in ctx.accounts if a.platform in platforms]
        text = col(m.text) if m.text else None
        account = accounts_from_authors(
            col(m.author), direction, item_id, in_reply_to, timestamp, text, registered
        )
        missing = account.isna().to_numpy()
        inbound = direction.eq("in").fillna(False).to_numpy(dtype=bool)
        reasons.add(
            missing & ~inbound,
            Message("activity.reason.no_account_in_column", column=m.author),
        )
        reason = "inbound_not_addressed" if m.text else "inbound_not_answered"
        reasons.add(missing & inbound, Message(f"activity.reason.{reason}"))
        return account


_COLUMN_KEYS = (
    "item_id",
    "timestamp",
    "direction",
    "in_reply_to",
    "conversation_id",
    "account",
    "author",
    "text",
    "platform",
    "kind",
)


def _platform(value: str) -> str | None:
    platform = parse_platform(value)
    return platform.value if platform else None


def inbox_adapters(config: Config) -> list[Adapter]:
    """The configuration's mappings first: a site's own mapping beats a built-in guess."""
    merged = mappings(config)
    order = list(config.activity.mappings) + [
        n for n in BUILTIN_MAPPINGS if n not in config.activity.mappings
    ]
    return [
        InboxAdapter(name, merged[name], configured=name in config.activity.mappings)
        for name in order
    ]
