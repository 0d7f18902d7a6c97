"""Numbers and dates as the report language writes them (`25,5` and `30-09-2026` in Dutch)."""

from __future__ import annotations

import datetime as dt
import math

from auditor.models import Lang


def fmt_num(value: float | int | None, lang: str | Lang, decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if float(value).is_integer() and decimals <= 1:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals}f}"
    if Lang(lang) is Lang.NL:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(share: float | None, lang: str | Lang, decimals: int = 0) -> str:
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{fmt_num(share * 100, lang, decimals)} %"


def fmt_date(value: dt.date | dt.datetime | None, lang: str | Lang) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%d-%m-%Y") if Lang(lang) is Lang.NL else value.isoformat()
