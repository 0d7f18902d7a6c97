"""The auditor's own activity format (SPEC "Activity exports"), CSV or xlsx."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from auditor.activity.adapters.base import (
    DAY_FIRST_SLASHED,
    DUTCH_FORMATS,
    KINDS,
    MONTH_FIRST_SLASHED,
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    as_utc,
    booleans,
    finish,
    localize,
    map_unique,
    parse_times,
    raw,
    slashed_order,
    text,
    time_reasons,
)
from auditor.activity.helpers import in_parallel
from auditor.activity.readers import RawTable
from auditor.identity import parse_platform
from auditor.messages import Message

REQUIRED = ("platform", "account", "item_id", "timestamp", "direction")

_DIRECTIONS = {
    "out": "out",
    "uit": "out",
    "outbound": "out",
    "uitgaand": "out",
    "in": "in",
    "inbound": "in",
    "inkomend": "in",
    # As a webcare tool's Dutch screens say it.
    "binnenkomend": "in",
    "ontvangen": "in",
    "received": "in",
    "verzonden": "out",
    "verstuurd": "out",
    "sent": "out",
}


_CODED = pa.dictionary(pa.int32(), pa.large_string())


def _direction(value: str) -> str | None:
    return _DIRECTIONS.get(value.strip().casefold())


# The kinds in the words a webcare team or a tool writes them: an answer written `antwoord` or
# `reactie` was no reply, and so counted as a post of the account's own.
_KIND_WORDS = {
    **dict.fromkeys(["antwoord", "answer", "response", "respons"], "reply"),
    **dict.fromkeys(["reactie", "opmerking", "commentaar"], "comment"),
    **dict.fromkeys(["dm", "pm", "privebericht", "direct message", "direct", "chat"], "message"),
    **dict.fromkeys(["prive bericht", "persoonlijk bericht", "bericht (dm)"], "message"),
    **dict.fromkeys(["vermelding", "tag", "tagged"], "mention"),
    **dict.fromkeys(["tweet", "update", "publicatie"], "post"),
}


def _kind(value: str) -> str | None:
    key = " ".join(value.replace("é", "e").replace("-", " ").split()).casefold()
    return key if key in KINDS else _KIND_WORDS.get(key)


def _platform(value: str) -> str | None:
    if not value.strip():
        return None
    platform = parse_platform(value)
    return platform.value if platform else None


def _missing(column: str) -> Message:
    return Message("activity.reason.no_column", column=column)


class Canonical(Adapter):
    name = "canonical"
    expects = Message("activity.expects.canonical", columns=list(REQUIRED))
    doc = FormatDoc(
        title="the **canonical format** (CSV or xlsx)",
        reads="columns `platform, account, item_id, timestamp, direction` (in/out), and "
        "optionally `kind, in_reply_to, conversation_id, has_image, has_alt_text`",
        time="`timestamp`: ISO 8601 with an offset, else wall-clock time in the audit's zone "
        "(also `dd-mm-yyyy HH:MM`, and `dd/mm/yyyy HH:MM` as a spreadsheet saves it again, "
        "month first where the file's dates show it: `7/13/2026`, a 12-hour clock); Unix time "
        "in seconds or milliseconds",
        account="`account` per row, a handle or profile URL",
    )

    def matches(self, header: Header) -> bool:
        return header.has(*REQUIRED)

    def column_types(self, header: Header) -> list[dict[str, pa.DataType]]:
        # Times all with an offset, else all wall-clock; any other notation (or a cell with
        # spaces around it) is read as text and parsed value by value, as ever.
        flags = {
            name: pa.bool_()
            for name in (header.find("has_image"), header.find("has_alt_text"))
            if name
        }
        # Columns of a few distinct values are read as dictionaries (categoricals): their
        # values are then trimmed and matched once each, with no text per row to build.
        coded = {
            name: _CODED
            for name in (header.find(key) for key in ("platform", "account", "direction", "kind"))
            if name
        }
        stamp = header.find("timestamp")
        if stamp is None:
            return []
        # Microseconds, not nanoseconds: before pyarrow 18 the read wraps a year outside the
        # nanoseconds' range round instead of failing; `times` rejects such a year.
        return [
            {stamp: pa.timestamp("us", "UTC")} | flags | coded,
            {stamp: pa.timestamp("us")} | flags | coded,
        ]

    def batch_key(self, table: RawTable) -> object | None:
        # Times read as times: times read as text are read with their file's own notation
        # (`slashed_order`), which a batch would judge over every file at once.
        stamp = Header(table.names).find("timestamp")
        if stamp is None or not table.is_time(stamp):
            return None
        return tuple(table.names), table.column_types()

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)

        def col(name: str):
            return text(table, header.find(name))

        def coded(name: str):
            # Mapped per distinct value, which trims it: no need to trim every cell first.
            return raw(table, header.find(name))

        def times():
            written = raw(table, header.find("timestamp"))
            if isinstance(written.dtype, pd.DatetimeTZDtype):
                return written, as_utc(written)  # read with their offsets
            if pd.api.types.is_datetime64_dtype(written.dtype):
                return written, localize(written, ctx.config.timezone)  # read as wall-clock
            written = col("timestamp")
            # Slashed as a spreadsheet writes them again: day first unless the file's dates
            # say month first (`7/15/2026`, a 12-hour clock).
            slashed = slashed_order(written) == "month"
            formats = DUTCH_FORMATS + (MONTH_FIRST_SLASHED if slashed else DAY_FIRST_SLASHED)
            return written, parse_times(written, ctx.config.timezone, formats)

        raw_platform, raw_direction = coded("platform"), coded("direction")
        columns = in_parallel(
            {
                "platform": lambda: map_unique(raw_platform, _platform, categorical=True),
                "account": lambda: col("account"),
                "item_id": lambda: col("item_id"),
                "timestamp": times,
                "direction": lambda: map_unique(raw_direction, _direction, categorical=True),
                "kind": lambda: map_unique(coded("kind"), _kind, categorical=True),
                "in_reply_to": lambda: col("in_reply_to"),
                "conversation_id": lambda: col("conversation_id"),
                "has_image": lambda: booleans(coded("has_image")),
                "has_alt_text": lambda: booleans(coded("has_alt_text")),
            },
            rows=len(table.data),
        )
        raw_time, columns["timestamp"] = columns["timestamp"]

        # In this order: a row's first problem is the one reported.
        reasons = Reasons(len(table.data), private=True)  # webcare tools write it too
        platform = columns["platform"]
        reasons.add(raw_platform.isna().to_numpy(), _missing("platform"))
        unknown = raw_platform.notna() & platform.isna()
        reasons.add(unknown.to_numpy(), Message("activity.reason.unknown_platform"), raw_platform)
        reasons.add(columns["account"].isna().to_numpy(), _missing("account"))
        reasons.add(columns["item_id"].isna().to_numpy(), _missing("item_id"))
        reasons.add(raw_time.isna().to_numpy(), _missing("timestamp"))
        time_reasons(
            reasons,
            raw_time,
            columns["timestamp"],
            "timestamp",
            Message("activity.reason.not_a_date", column="timestamp"),
        )
        reasons.add(raw_direction.isna().to_numpy(), _missing("direction"))
        bad_direction = columns["direction"].isna().to_numpy()
        reasons.add(bad_direction, Message("activity.reason.not_in_or_out"), raw_direction)
        return finish(columns, reasons, sizes=table.sizes)
