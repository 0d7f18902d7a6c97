"""Cell values as people type them in a hand-kept register, made typed.

Each parser returns the value or raises `CellError` with a message that names what was typed;
the sheet reader adds the place (file, sheet, row, column).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MISSING = {"", "nvt", "n.v.t", "n.v.t.", "-", "--", "–", "—", "n/a", "na", "none", "geen", "?"}
YES = {"ja", "j", "yes", "y", "x", "✓", "✔", "✅", "true", "waar", "1", "ok", "gedaan", "done"}
NO = {"nee", "n", "no", "false", "onwaar", "0", "niet", "✗", "✘"}

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    pass


def _quote(value: object) -> str:
    return f'"{value}"'


def text(value: object) -> str | None:
    """Trimmed text with inner runs of white space folded; the missing words give None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    out = re.sub(r"\s+", " ", str(value)).strip()
    return None if out.casefold() in MISSING else out


def key(value: str) -> str:
    """Case-, space-, accent- and punctuation-insensitive form used to match words."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in folded if not unicodedata.combining(c)))


def date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial number in a cell without date format
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"{_quote(value)} is not a date")
    raw = text(value)
    if raw is None:
        return None
    candidate = raw.split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(candidate, fmt).date()
        except ValueError:
            continue
    raise CellError(f"{_quote(raw)} is not a date (use dd-mm-jjjj or an Excel date)")


def boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = text(value)
    if raw is None:
        return None
    word = raw.casefold().rstrip(".!")
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(f"{_quote(raw)} is not ja/nee")


def date_or_boolean(value: object) -> tuple[bool | None, dt.date | None]:
    """A date says yes, on that day; ja/nee says yes or no without a day."""
    if isinstance(value, dt.date | dt.datetime) or (
        isinstance(value, int | float) and not isinstance(value, bool) and value > 1
    ):
        return True, date(value)
    raw = text(value)
    if raw is None:
        return None, None
    try:
        return boolean(raw), None
    except CellError:
        pass
    try:
        return True, date(raw)
    except CellError:
        raise CellError(f"{_quote(raw)} is neither a date nor ja/nee") from None


def number(value: object) -> float | None:
    if isinstance(value, bool):
        raise CellError(f"{_quote(value)} is not a number")
    if isinstance(value, int | float):
        return float(value)
    raw = text(value)
    if raw is None:
        return None
    cleaned = raw.replace(" ", "")
    if re.fullmatch(r"-?\d+([.,]\d+)?", cleaned):
        return float(cleaned.replace(",", "."))
    raise CellError(f"{_quote(raw)} is not a number")


def email(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    raw = raw.removeprefix("mailto:").strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", raw):
        raise CellError(f"{_quote(raw)} is not an e-mail address")
    return raw.casefold()
