"""The auditor's own activity format (SPEC "Activity exports"), CSV or xlsx."""

from __future__ import annotations

from auditor.activity.adapters.base import (
    KINDS,
    Adapter,
    AdapterContext,
    Header,
    Parsed,
    Reasons,
    booleans,
    finish,
    map_unique,
    parse_times,
    raw,
    text,
)
from auditor.activity.readers import RawTable
from auditor.identity import parse_platform

REQUIRED = ("platform", "account", "item_id", "timestamp", "direction")

_DIRECTIONS = {
    "out": "out",
    "uit": "out",
    "outbound": "out",
    "uitgaand": "out",
    "in": "in",
    "inbound": "in",
    "inkomend": "in",
}


def _direction(value: str) -> str | None:
    return _DIRECTIONS.get(value.strip().casefold())


def _kind(value: str) -> str | None:
    key = value.strip().casefold()
    return key if key in KINDS else None


def _platform(value: str) -> str | None:
    if not value.strip():
        return None
    platform = parse_platform(value)
    return platform.value if platform else None


class Canonical(Adapter):
    name = "canonical"
    expects = "canonical columns " + ", ".join(REQUIRED)

    def matches(self, header: Header) -> bool:
        return header.has(*REQUIRED)

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)

        def col(name: str):
            return text(table, header.find(name))

        def coded(name: str):
            # Mapped per distinct value, which trims it: no need to trim every cell first.
            return raw(table, header.find(name))

        n = len(table.data)
        reasons = Reasons(n)
        raw_platform = coded("platform")
        platform, _, _ = map_unique(raw_platform, _platform, categorical=True)
        reasons.add(raw_platform.isna().to_numpy(), "no platform")
        unknown = raw_platform.notna() & platform.isna()
        reasons.add(unknown.to_numpy(), "platform {} is not known", raw_platform)

        account = col("account")
        reasons.add(account.isna().to_numpy(), "no account")

        item_id = col("item_id")
        reasons.add(item_id.isna().to_numpy(), "no item_id")

        raw_time = col("timestamp")
        timestamp = parse_times(raw_time, ctx.config.timezone)
        reasons.add(raw_time.isna().to_numpy(), "no timestamp")
        bad_time = (timestamp.isna() & raw_time.notna()).to_numpy()
        reasons.add(bad_time, "timestamp {} is not a date", raw_time)

        raw_direction = coded("direction")
        direction, _, _ = map_unique(raw_direction, _direction, categorical=True)
        reasons.add(raw_direction.isna().to_numpy(), "no direction")
        bad_direction = direction.isna().to_numpy()
        reasons.add(bad_direction, "direction {} is neither 'in' nor 'out'", raw_direction)

        kind, _, _ = map_unique(coded("kind"), _kind)
        return finish(
            {
                "platform": platform,
                "account": account,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": direction,
                "kind": kind,
                "in_reply_to": col("in_reply_to"),
                "conversation_id": col("conversation_id"),
                "has_image": booleans(coded("has_image")),
                "has_alt_text": booleans(coded("has_alt_text")),
            },
            reasons,
        )
