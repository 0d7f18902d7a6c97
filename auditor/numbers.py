"""Numbers and dates as the report language writes them (`25,5` and `30-09-2026` in Dutch):
Babel's formats, through the catalogue's `format` entries (see `auditor.messages`)."""

from __future__ import annotations

import datetime as dt
import math

from auditor.messages import number, show


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_num(value: float | int | None, lang: str, decimals: int = 1) -> str:
    """Up to one decimal by default (an integer shows none); more decimals are always shown."""
    if _missing(value):
        return "–"
    return number(value, str(lang), "" if decimals == 1 else str(decimals))


def fmt_pct(share: float | None, lang: str, decimals: int = 0) -> str:
    if _missing(share):
        return "–"
    return f"{fmt_num(share * 100, lang, decimals)} %"


def fmt_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    return show(value, str(lang))
