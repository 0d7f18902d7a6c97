"""Cell values as people type them in a hand-kept register, made typed.

Each parser returns the value or raises `CellError` with a `Message` that names what was typed;
the sheet reader adds the place (file, sheet, row, column).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from auditor.messages import Message

MISSING = {"", "nvt", "n.v.t", "n.v.t.", "-", "--", "–", "—", "n/a", "na", "none", "geen", "?"}
YES = {"ja", "j", "yes", "y", "x", "✓", "✔", "✅", "☑", "true", "waar", "1", "ok", "gedaan", "done"}
NO = {"nee", "n", "no", "false", "onwaar", "0", "niet", "✗", "✘", "☒", "☐", "❌"}

_DATE_FORMATS = (
    *("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"),
    *("%d-%m-%y", "%d/%m/%y", "%d.%m.%y"),  # `1-1-24`: a year of two digits is this century's
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell that does not hold what its column asks for; `message` says what was typed."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.key)


def text(value: object) -> str | None:
    """Trimmed text with inner runs of white space folded; the missing words give None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    out = _SPACES.sub(" ", INVISIBLE.sub("", str(value))).strip()
    return None if out.casefold() in MISSING else out


def recorded(value: object) -> str | None:
    """What a free-text cell records, a ticked or unticked box as the box (`☑`, `☐`): a
    checkbox column or a TRUE/FALSE cell was recorded as Python's `True` or `False` and quoted
    so in a Dutch report (`niet aan ('False')`)."""
    if isinstance(value, bool):
        return "☑" if value else "☐"
    return text(value)


_SPACES = re.compile(r"\s+")


# Characters a copied handle or link brings along unseen: zero-width spaces and joiners, a
# byte order mark, a soft hyphen. They would make `@name` another handle than `@name`.
# Also the selectors that make a sign an emoji (`✔️` is `✔` and U+FE0F), and the marks that
# set the direction of text, which a phone's contacts, a page in Arabic or Hebrew and Windows'
# dialogs copy around a name (`\u202a@sportzeist\u202c`): kept, they were part of the account.
INVISIBLE = re.compile(
    "[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\ufe0e\ufe0f\u202a-\u202e\u2066-\u2069\u061c]"
)


def listing(value: object) -> str | None:
    """Text that lists things one a line (Alt+Enter in an Excel cell): the lines kept apart,
    joined with "; ", each trimmed and folded as `text` does."""
    if value is None:
        return None
    lines = [line for part in re.split(r"[\r\n\v]+", str(value)) if (line := text(part))]
    return "; ".join(lines) or None


@lru_cache(maxsize=1 << 16)
def key(value: str) -> str:
    """Case-, space-, accent- and punctuation-insensitive form used to match words. Kept per
    value: a register repeats its departments, platforms and yes/no in row after row, and
    the layout asks the key of every cell of every row more than once."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    return _NOT_KEY.sub("", "".join(c for c in folded if not unicodedata.combining(c)))


_NOT_KEY = re.compile(r"[^a-z0-9]")


def date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial number in a cell without date format
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        if (compact := _compact(str(int(value)) if value == int(value) else "")) is not None:
            return compact
        raise CellError(Message("register.not_a_date", value=str(value)))
    raw = text(value)
    if raw is None:
        return None
    # `per 1-3-2024`, `sinds 12 mei 2023`, `m.i.v. 1-1-2025`: the day after the word.
    raw = re.sub(
        r"^(?:per|sinds|vanaf|op|m\.?\s?i\.?\s?v\.?|since|from|as of)\s+", "", raw, flags=re.I
    )
    if (serial := _SERIAL.fullmatch(raw)) and 20000 <= int(serial[1]) <= 80000:
        # A CSV's serial number, with its time (`45000.5`) as a script writes it.
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial[1]))
    if (compact := _compact(raw)) is not None:
        return compact
    candidate = raw.split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(candidate, fmt).date()
        except ValueError:
            continue
    written = _written_date(raw)
    if written is not None:
        return written
    if month_first := _month_first(candidate):
        return month_first
    raise CellError(Message("register.not_a_date_hint", value=raw))


_SERIAL = re.compile(r"(\d{5})(?:[.,]\d+)?")


def _compact(raw: str) -> dt.date | None:
    """`20241231`: a day as personnel systems, directories and databases write it."""
    if not re.fullmatch(r"(?:19|20)\d{6}", raw):
        return None
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        return None


# Days between the 1900 and the 1904 date systems' day 0.
_DAYS_1904 = 1462


def from_1904(value: object) -> object:
    """A day number of a workbook counting from 1904, as one counting from 1900 gives it
    (`date` reads day numbers so); anything else as it is. Read from 1900, every such day
    was four years and a day early."""
    if isinstance(value, bool):
        return value
    serial = _SERIAL.fullmatch(value.strip()) if isinstance(value, str) else None
    number: object = int(serial[1]) if serial else value
    if isinstance(number, int | float) and 20000 - _DAYS_1904 <= number <= 80000 - _DAYS_1904:
        return number + _DAYS_1904
    return value


# A day written with slashes, as a spreadsheet writes one into a CSV: `3/1/2015`, `6/15/2021`.
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?=\s|$)")


def slashed_month_first(values: Iterable[object]) -> str | None:
    """A day among `values` that only month first can be (`6/15/2021`), where none can only be
    day first (`15/6/2021`): a sheet written month first, as an American spreadsheet (or a
    Google Sheet set to the United States) writes all of its days. None otherwise."""
    example = None
    for value in values:
        found = _SLASHED.match(value) if isinstance(value, str) else None
        if found is None:
            continue
        first, second = int(found[1]), int(found[2])
        if first > 12 and second <= 12:
            return None
        if second > 12 and first <= 12 and example is None:
            example = found[0].strip()
    return example


def as_month_first(value: object) -> object:
    """A day written with slashes, month first, as the day it is (`3/1/2015` → `2015-03-01`);
    anything else as it is."""
    found = _SLASHED.match(value) if isinstance(value, str) else None
    if found is None:
        return value
    month, day, year = (int(g) for g in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}{value[found.end() :]}"


def _month_first(candidate: str) -> dt.date | None:
    """A date only an American spreadsheet writes (`12/31/2025`, `2/13/2024`): its day above
    12 leaves no other reading. `1/2/2024` stays the 1st of February."""
    found = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", candidate)
    if not found or int(found[3]) <= 12:
        return None
    try:
        return dt.date(int(found[4]), int(found[1]), int(found[3]))
    except ValueError:
        return None


def day_or_period(value: object, *, end: bool = False) -> tuple[dt.date | None, str | None]:
    """A date, or a month, quarter or year as people write one where a day is asked
    (`jan-24`, `maart 2023`, `Q3 2024`, `2024`): its first day, or with `end` its last; and the
    period as written when it was one, so that the reader can say how it was read."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        value = str(value)  # a year typed in a number cell
    try:
        return date(value), None
    except CellError:
        raw = text(value)
        span = _period(raw or "")
        if raw is None or span is None:
            raise
        return (span[1] if end else span[0]), raw


def is_period(value: object) -> bool:
    """Whether a cell holds a month, quarter or year rather than a day (no form of a day is
    one of these)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return 1900 <= value <= 2100
    if not isinstance(value, str):
        return False
    raw = text(value)
    return raw is not None and _period(raw) is not None


_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s-]+'?(\d{2}|\d{4})$")
_NUMERIC_MONTH = re.compile(r"^(?:(\d{1,2})[-/.](\d{4})|(\d{4})[-/.](\d{1,2}))$")
_QUARTER = re.compile(
    r"^(?:q|k|kw)\s*([1-4])[\s-]+(\d{4})$|^(\d{4})[\s-]+(?:q|k|kw)\s*([1-4])$"
    r"|^([1-4])\s*(?:e|ste|de)?\s*kwartaal\s+(\d{4})$"
)


def _period(raw: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a month, quarter or year written alone."""
    folded = re.sub(r"^(?:per|sinds|vanaf|in|since|from)\s+", "", raw.casefold().strip(" ."))
    if re.fullmatch(r"(19|20)\d\d", folded):
        return dt.date(int(folded), 1, 1), dt.date(int(folded), 12, 31)
    if (m := _MONTH_YEAR.match(folded)) and m[1] in _MONTHS:
        return _month(_year(m[2]), _MONTHS[m[1]])
    if m := _NUMERIC_MONTH.match(folded):
        month, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return _month(year, month) if 1 <= month <= 12 else None
    if m := _QUARTER.match(folded):
        quarter, year = next((int(a), int(b)) for a, b in _pairs(m) if a)
        first = dt.date(year, 3 * quarter - 2, 1)
        return first, _month(year, 3 * quarter)[1]
    return None


def _pairs(m: re.Match) -> list[tuple[str, str]]:
    """A quarter's number and year from whichever of `_QUARTER`'s forms matched."""
    return [(m[1], m[2]), (m[4], m[3]), (m[5], m[6])]


def _year(written: str) -> int:
    return int(written) if len(written) == 4 else 2000 + int(written)


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


_MONTHS = {
    **dict.fromkeys(["januari", "jan", "january"], 1),
    **dict.fromkeys(["februari", "feb", "february"], 2),
    **dict.fromkeys(["maart", "mrt", "mar", "march"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "jun", "june"], 6),
    **dict.fromkeys(["juli", "jul", "july"], 7),
    **dict.fromkeys(["augustus", "aug", "august"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "okt", "oct", "october"], 10),
    **dict.fromkeys(["november", "nov"], 11),
    **dict.fromkeys(["december", "dec"], 12),
}
# A day counted as people say it (`1st of February 2026`, `1e februari 2026`) is its number.
_WRITTEN = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th|ste|de|e)?\.?[\s-]+(?:of\s+)?([a-z]+)\.?[\s-]+'?(\d{4}|\d{2})$"
)
# A weekday before a date written out, as Excel's long date shows it: `maandag 1 januari 2024`.
_WEEKDAY = re.compile(
    r"^(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"\.?,?\s+"
)


# `January 15, 2024`, `Jan 15 2024`: written out month first, as an English spreadsheet's
# long date shows it.
_WRITTEN_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _written_date(raw: str) -> dt.date | None:
    """`1 maart 2024`, `12 okt. 2023`, `3 June 2025`, `5-apr-2023`, `maandag 1 januari 2024`,
    `Monday, January 15, 2024`: a date written out, Dutch or English."""
    bare = _WEEKDAY.sub("", raw.casefold())
    if (match := _WRITTEN.match(bare)) is not None and match[2] in _MONTHS:
        year, month, day = _year(match[3]), _MONTHS[match[2]], int(match[1])
    elif (match := _WRITTEN_MONTH_FIRST.match(bare)) is not None and match[1] in _MONTHS:
        year, month, day = int(match[3]), _MONTHS[match[1]], int(match[2])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = text(value)
    if raw is None:
        return None
    plain = _plain_answer(raw)
    if plain is not None:
        return plain
    answer, _ = _answer_with_remark(raw)
    if answer is not None:
        return answer
    raise CellError(Message("register.not_yes_no", value=raw))


def _plain_answer(raw: str) -> bool | None:
    word = raw.casefold().rstrip(".!")
    if word in YES or _TICKED.fullmatch(word):
        return True
    if word in NO or _UNTICKED.fullmatch(word):
        return False
    # `Ja ✓`, `✓ ja`, `nee ✗`: a word and a mark that say the same.
    words = word.split()
    if len(words) == 2 and all(w in YES for w in words):
        return True
    if len(words) == 2 and all(w in NO for w in words):
        return False
    return None


# A ticked and an empty box as a wiki or a tracker writes them in its export: `[x]`, `[ ]`.
_TICKED = re.compile(r"\[\s*[x✓✔]\s*\]")
_UNTICKED = re.compile(r"\[\s*\]")


# `Ja (mondeling)`, `ja, 3-2-2024`, `nee - volgt`: an answer with a remark after it.
_REMARKED = re.compile(r"^(\w+)\s*[,;:(\[–-]\s*(.*?)[)\]]?$|^(\w+)\s+\((.*)\)$")


def _answer_with_remark(raw: str) -> tuple[bool | None, str]:
    """The yes or no a cell starts with, and the remark after it."""
    match = _REMARKED.match(raw.strip())
    if match is None:
        return None, ""
    word, remark = (match[1], match[2]) if match[1] else (match[3], match[4])
    word = word.casefold()
    if word in YES - {"x", "1", "0"}:
        return True, remark
    if word in NO - {"x", "1", "0"}:
        return False, remark
    return None, ""


def date_or_boolean(value: object, *, end: bool = False) -> tuple[bool | None, dt.date | None]:
    """A date says yes, on that day; ja/nee says yes or no without a day; a month, quarter
    or year (`maart 2024`) yes, on its first day (with `end`, its last)."""
    if isinstance(value, dt.date | dt.datetime) or (
        isinstance(value, int | float) and not isinstance(value, bool) and value > 1
    ):
        return True, day_or_period(value, end=end)[0]
    raw = text(value)
    if raw is None:
        return None, None
    if (plain := _plain_answer(raw)) is not None:
        return plain, None
    try:
        return True, day_or_period(raw, end=end)[0]
    except CellError:
        pass
    answer, remark = _answer_with_remark(raw)
    if answer is not None:  # `ja, 3-2-2024`: yes, on that day when the remark is one
        try:
            return answer, (day_or_period(remark, end=end)[0] if answer else None)
        except CellError:
            return answer, None
    raise CellError(Message("register.not_date_or_yes_no", value=raw))


def number(value: object) -> float | None:
    if isinstance(value, bool):
        raise CellError(Message("register.not_a_number", value=str(value)))
    if isinstance(value, int | float):
        return float(value)
    raw = text(value)
    if raw is None:
        return None
    cleaned = raw.replace(" ", "")
    if re.fullmatch(r"-?\d+([.,]\d+)?", cleaned):
        return float(cleaned.replace(",", "."))
    raise CellError(Message("register.not_a_number", value=raw))


_PER = {"dag": 7.0, "day": 7.0, "week": 1.0, "wk": 1.0, "maand": 12 / 52, "month": 12 / 52}
_EVERY = {
    **dict.fromkeys(["dagelijks", "daily", "elkedag", "iederedag"], 7.0),
    **dict.fromkeys(["wekelijks", "weekly", "elkeweek", "iedereweek"], 1.0),
    **dict.fromkeys(["tweewekelijks", "biweekly"], 0.5),
    **dict.fromkeys(["maandelijks", "monthly", "elkemaand"], 12 / 52),
}
_RATE = re.compile(
    r"^(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|à|á|a|tot|to)\s*(\d+(?:[.,]\d+)?))?\s*"
    r"(?:x|keer|maal|times|posts?|berichten)?\s*(?:(?:per|p/|/|a|in\s+de)\s*([a-z]+))?$"
)


def per_week(value: object) -> float | None:
    """A posting rate as people write it, per week: `3`, `2 à 3`, `2x per week`, `1 per dag`,
    `dagelijks`, `maandelijks`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    raw = text(value)
    if raw is None:
        return None
    folded = raw.casefold().strip(" .")
    # About so many (`ca. 3`, `± 3`, `~3`, `ongeveer 3`): that many, the register's own guess.
    folded = re.sub(r"^(?:ca\.?|circa|±|~|\+/-|ongeveer|ong\.|gemiddeld|gem\.)\s*", "", folded)
    word = re.sub(r"\s+", "", folded)
    if word in _EVERY:
        return _EVERY[word]
    match = _RATE.match(folded)
    unit = match[3] if match else None
    if match is None or (unit is not None and unit not in _PER):
        raise CellError(Message("register.not_a_rate", value=raw))
    low = float(match[1].replace(",", "."))
    high = float(match[2].replace(",", ".")) if match[2] else low
    return (low + high) / 2 * _PER.get(unit or "week", 1.0)


def email(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    raw = raw.removeprefix("mailto:").strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", raw):
        raise CellError(Message("register.not_an_email", value=raw))
    return raw.casefold()
