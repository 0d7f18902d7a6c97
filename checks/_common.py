"""What several check families share: register columns read as masks, dated records.

The register reader already turns "n.v.t." and empty cells into missing values; these helpers
still treat blank text as missing so a check never depends on how a frame was built.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

import pandas as pd

from auditor.compat import TEXT_DTYPE
from auditor.engine import AuditContext, Flag
from auditor.messages import Message


def by_account(accounts: pd.DataFrame) -> pd.DataFrame:
    """The register's accounts indexed by account_id, as text. The register's frame holds
    object columns: pandas 2.3 inferred text for an index made of one and warned that pandas 3
    will not (a FutureWarning per check and run, and again where pandas aligns on it)."""
    index = pd.Index(accounts["account_id"].astype(TEXT_DTYPE), name="account_id")
    return accounts.drop(columns="account_id").set_axis(index)


def blank(values: pd.Series) -> pd.Series:
    """True where a text column holds nothing usable (None, NaN, only spaces)."""
    return values.astype("string").str.strip().fillna("").eq("")


def is_true(values: pd.Series) -> pd.Series:
    """True only where the register says yes; unknown counts as no."""
    return values.astype("boolean").fillna(False).astype(bool)


def as_dates(values: pd.Series) -> pd.Series:
    """Dates as times, NaT where unreadable. A date a person typed may lie past 2262 (9999-12-31
    for "no end"), beyond nanoseconds: pandas 3 keeps it in seconds, pandas 2 makes it NaT, so
    there the register's own dates that came back NaT are converted in seconds."""
    parsed = pd.to_datetime(values, errors="coerce")
    typed = values.map(lambda value: isinstance(value, dt.date)).to_numpy(dtype=bool)
    lost = typed & parsed.isna().to_numpy()
    if not lost.any():
        return parsed
    out = parsed.astype("datetime64[s]")
    out[lost] = pd.Series([to_date(v) for v in values[lost]], dtype="datetime64[s]").to_numpy()
    return out


def name_key(value: object) -> str:
    """Case- and space-insensitive form of a name or address, "" when missing."""
    if missing(value):
        return ""
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def plain(value: Any) -> Any:
    """A cell as JSON-able evidence: missing → None, dates → ISO text, numpy → Python."""
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def rows(frame: pd.DataFrame, *columns: str) -> list[SimpleNamespace]:
    """The failing rows with just the columns a message needs.

    `itertuples` over the full register frame costs a Series per column even for no rows.
    """
    if frame.empty:
        return []
    values = [frame[c].tolist() for c in columns]
    return [
        SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in zip(*values, strict=True)
    ]


def to_date(value: Any) -> dt.date | None:
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def flag_outdated(
    ctx: AuditContext,
    column: str,
    validity_offset: pd.DateOffset,
    limit: dict[str, int],
    *,
    missing_text: Message,
    noun: Message,
    validity: Message,
) -> Iterable[Flag]:
    """Flag a missing date, or one whose validity ended before the period did.

    `missing_text` is the whole finding when no date is recorded; otherwise the finding is
    `checks.expired`: `noun` (what was done), the day, the day it expired and `validity` (how
    long it holds), e.g. "huisstijlcheck 01-02-2025, verlopen op 01-02-2026 (geldig 12 maanden)".
    """
    accounts = ctx.active_accounts
    done = as_dates(accounts[column])
    valid_until = done + validity_offset
    failing = done.isna() | (valid_until < pd.Timestamp(ctx.period.end))
    for row, until in zip(
        rows(accounts[failing], "account_id", column), valid_until[failing], strict=True
    ):
        day = to_date(getattr(row, column))
        if day is None:
            message = missing_text
        else:
            message = Message(
                "checks.expired", noun=noun, done=day, expiry=to_date(until), validity=validity
            )
        yield Flag(
            row.account_id,
            message,
            evidence={
                column: plain(day),
                "valid_until": plain(until),
                "reason": "missing" if day is None else "expired",
                **limit,
            },
        )
