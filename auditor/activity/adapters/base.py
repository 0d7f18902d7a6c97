"""What every export adapter shares: the header lookup, the parsed-rows shape, and vectorised
converters for the cells exports hold (times in several notations, yes/no, ids that carry time).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dateutil.parser
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from dateutil.parser import UnknownTimezoneWarning

from auditor.activity.columns import (
    ASCII_WHITESPACE,
    TEXT,
    factorize,
    may_hold,
    na_booleans,
    na_strings,
    padding,
    take_categories,
    take_strings,
)
from auditor.activity.documents import Document
from auditor.activity.readers import RawTable
from auditor.compat import arrow_types
from auditor.config import Config
from auditor.messages import Message
from auditor.models import Account

# What an adapter hands to matching: the account as the export names it (a handle or URL, and
# for Facebook also the page id and page name), never author or text.
PARSED_COLUMNS: dict[str, str] = {
    "platform": "str",
    "account": "str",
    "page_id": "str",
    "display_name": "str",
    "item_id": "str",
    "timestamp": "datetime64[ns, UTC]",
    "direction": "str",
    "kind": "str",
    "in_reply_to": "str",
    "conversation_id": "str",
    "has_image": "boolean",
    "has_alt_text": "boolean",
}

KINDS = ("post", "reply", "comment", "message", "mention")

# Unix epochs (ms) of the id schemes that carry a creation time.
X_EPOCH_MS = 1288834974657


def header_key(name: str) -> str:
    # `item_id`, `Item ID` and `item-id` are one column: a header typed again by hand, or
    # written by a tool that spells its columns its own way.
    bare = re.sub(r"[\ufeff\u200b-\u200d\u2060]", "", str(name))
    return re.sub(r"[\s_-]+", " ", bare).strip().casefold()


class Header:
    """Column lookup that forgives case and spacing; the first of repeated names wins."""

    def __init__(self, names: Iterable[str]):
        self.names = list(names)
        self._by_key: dict[str, str] = {}
        for name in self.names:
            self._by_key.setdefault(header_key(name), name)

    def find(self, *candidates: str) -> str | None:
        for candidate in candidates:
            name = self._by_key.get(header_key(candidate))
            if name is not None:
                return name
        return None

    def has(self, *required: str) -> bool:
        return all(self.find(name) is not None for name in required)


@dataclass
class AdapterContext:
    path: Path
    config: Config
    accounts: Sequence[Account]
    shown: str | None = None  # the file as the reports name it (`exports/x.zip/Table data.csv`)

    @property
    def file(self) -> str:
        """The file for a message about it as a whole: as the reports name it, since many
        downloads share a name (every YouTube Studio zip holds a `Table data.csv`)."""
        return self.shown or self.path.name


class ReasonMessages(dict[str, tuple[Message, str | None]]):
    """A rejection reason's English text → its message and the row's value in it; the
    message itself is made only for the reasons a ledger shows."""

    def message(self, text: str) -> Message | None:
        found = self.get(text)
        if found is None:
            return None
        reason, value = found
        return reason if value is None else Message(reason.key, **reason.params, value=value)


Stretch = tuple[pd.Timestamp, pd.Timestamp]  # first and last instant, UTC


@dataclass
class Parsed:
    rows: pd.DataFrame  # PARSED_COLUMNS plus `reason` (NA for a usable row), one per record
    note: Message | None = None  # how the file was attributed, when its rows do not say
    reasons: ReasonMessages = field(default_factory=ReasonMessages)
    warning: Message | None = None  # what the run says about the file as a whole
    # The stretch the export says it covers, beyond its rows: the period a download was asked
    # for, or an account's whole history up to the archive's making. None: its rows tell.
    covers: Stretch | None = None


@dataclass(frozen=True)
class FormatDoc:
    """What README's list of formats says of an adapter (`python -m auditor.docs`)."""

    title: str  # the export as people know it, with where to download it
    reads: str  # what identifies it: its header or its content
    time: str  # where each item's time comes from
    account: str  # how its account is known


class Adapter(ABC):
    name: str
    expects: Message  # the header it recognises, for the message when nothing matches
    doc: FormatDoc | None = None

    @abstractmethod
    def matches(self, header: Header) -> bool: ...

    @abstractmethod
    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed: ...

    def column_types(self, header: Header) -> list[dict[str, pa.DataType]]:
        """Types to read a CSV's columns in, tried in order (see `readers.read_table`);
        `convert` then meets those columns typed, or all text when no choice fitted."""
        return []

    def batch_key(self, table: RawTable) -> object | None:
        """What tables of this format must share to be converted as one (`table.sizes` then
        says how many rows each file gave); None converts the table alone.

        Only a format whose conversion is the same row by row, whichever file a row is in,
        may batch: nothing of the file's name or path, no note, warning or stretch of its
        own. A folder of one small export per account then costs one conversion, not one a
        file (pandas' overhead per call was most of a 4,000-row file's cost)."""
        return None


class DocumentAdapter(Adapter):
    """A format that is no table (JSON, an archive): it reads its document into a table of
    text cells itself, one record an item, and converts that as any adapter does."""

    def matches(self, header: Header) -> bool:
        return False  # never a CSV or sheet header

    @abstractmethod
    def read(self, document: Document) -> RawTable | None:
        """The document's items, or None when it is not of this format."""


_VALUE = "\x00"  # where the row's value goes in a reason's English text


class Reasons:
    """The first reason a row cannot be used; later checks do not overwrite it.

    A reason is a message of the catalogue (`activity.reason.*`); each row gets its English
    text, which the ledger keeps, and `messages` finds the message again by that text."""

    def __init__(self, n: int, *, private: bool = False):
        self.bad = np.zeros(n, dtype=bool)
        # The file holds citizens' messages: a quoted cell with an `@` in it (a handle, an
        # e-mail address) is shown as `@…`. Such a cell is where a row's cells slid a column
        # along, or a mapping names the wrong column; quoted, it would carry a citizen's name
        # into the report.
        self.private = private
        self._rows: list[np.ndarray] = []
        self._texts: list[list[str]] = []
        self.messages = ReasonMessages()

    def add(
        self, mask: np.ndarray | pd.Series, reason: Message, values: pd.Series | None = None
    ) -> None:
        """With `values`, the row's value (cut short) is the message's `value`. The English
        text is rendered once and the values put into it: this loops over the failing rows
        only, and cheaply."""
        new = np.asarray(mask, dtype=bool) & ~self.bad
        rows = np.flatnonzero(new)
        if not len(rows):
            return
        if values is None:
            english = reason("en")
            texts = [english] * len(rows)
            self.messages[english] = (reason, None)
        else:
            template = Message(reason.key, **reason.params, value=_VALUE)("en")
            cells = values.iloc[rows].to_numpy(dtype=object)
            shown = [_short(cell, self.private) for cell in cells]
            texts = [template.replace(_VALUE, value) for value in shown]
            for text, value in zip(texts, shown, strict=True):
                self.messages[text] = (reason, value)
        self._rows.append(rows)
        self._texts.append(texts)
        self.bad |= new

    def series(self) -> pd.Series:
        """A categorical, NA for usable rows: a few reasons cost no text per row."""
        if not self._rows:
            codes = np.full(len(self.bad), -1, dtype=np.int8)
            return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index([], dtype="str")))
        codes = np.full(len(self.bad), -1, dtype=np.int64)
        rows = np.concatenate(self._rows)
        texts = [text for texts in self._texts for text in texts]
        codes[rows] = np.arange(len(texts))
        return take_categories(codes, texts)


def _short(cell: object, private: bool = False) -> str:
    value = "" if cell is None or cell is np.nan or pd.isna(cell) else str(cell)
    if private and "@" in value:
        return "@…"
    return value if len(value) <= 40 else value[:40] + "…"


def text(table: RawTable, column: str | None) -> pd.Series:
    """A column's cells trimmed, empty as NA; an absent column is all NA."""
    if column is None:
        return na_strings(len(table.data))
    values = table.data[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        # Read as a dictionary: the few distinct values are trimmed, not the millions of cells.
        trimmed = [c.strip(ASCII_WHITESPACE) or None for c in values.cat.categories]
        return take_categories(values.cat.codes.to_numpy(), trimmed)
    arr = pa.array(values)
    if pa.types.is_null(arr.type):
        # An all-empty column of Python objects (pandas before 3): Arrow calls its type null,
        # for which the text functions have no kernel.
        arr = arr.cast(TEXT)
    # ASCII trimming is several times faster than Unicode-aware trimming on millions of cells,
    # and most columns have nothing to trim or blank out: then they are not copied at all.
    padded, empty = padding(arr)
    if padded:
        arr = pc.ascii_trim_whitespace(arr)
    if padded or empty:
        blank = pc.equal(pc.binary_length(arr), 0)
        arr = pc.if_else(blank, pa.scalar(None, arr.type), arr)
    return arr.to_pandas(types_mapper=arrow_types())


def raw(table: RawTable, column: str | None) -> pd.Series:
    """A column as read, for values that go through `map_unique` (which trims them itself)."""
    if column is None:
        return na_strings(len(table.data))
    return table.data[column]


# An integer id written as a float, as a spreadsheet or pandas re-saves a column with gaps.
_FLOAT_ID = r"^(-?[0-9]+)\.0+$"


def whole_ids(values: pd.Series) -> pd.Series:
    """Ids written as floats (`3.0`) as the integers they are (`3`), so that they meet the
    same id written plainly in another column; every other id as it is."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return map_unique(values, lambda v: re.sub(_FLOAT_ID, r"\1", v))
    if not values.notna().any():
        return values
    arr = pa.array(values)
    if not pc.any(pc.match_substring_regex(arr, _FLOAT_ID)).as_py():
        return values  # the usual case: nothing to copy
    return pc.replace_substring_regex(arr, _FLOAT_ID, r"\1").to_pandas(types_mapper=arrow_types())


def map_unique(
    values: pd.Series, func: Callable[[str], str | None], *, categorical: bool = False
) -> pd.Series:
    """func over the distinct values only, its result per row (NA stays NA).
    `categorical` gives the result as a categorical (cheap for a few distinct results);
    `func` must be pure: a categorical's values are mapped whether a row uses them or not."""
    take = take_categories if categorical else take_strings
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64)
        return take(codes, [func(value) for value in values.cat.categories])
    if not values.notna().any():
        return take(np.full(len(values), -1), [])
    codes, uniques = factorize(values)
    return take(codes, [func(u) for u in uniques])


_TRUE = {"true", "waar", "ja", "j", "yes", "y", "1", "x", "✓", "✔", "wel"}
_FALSE = {"false", "onwaar", "nee", "n", "no", "0", "niet", "-"}


def parse_bool(value: str | None) -> bool | None:
    if value is None:
        return None
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def booleans(values: pd.Series) -> pd.Series:
    """Dutch or English yes/no per row; empty or unreadable → NA."""
    if isinstance(values.dtype, pd.BooleanDtype):
        return values.reset_index(drop=True)  # read as yes/no already
    if not values.notna().any():
        return na_booleans(len(values))
    if isinstance(values.dtype, pd.StringDtype):
        # Arrow reads exactly true/false/1/0, which mean the same here; anything else
        # (ja, nee, spaces) makes it refuse, and the values are then read one by one.
        try:
            flags = pc.cast(pa.array(values), pa.bool_())
            return flags.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    codes, uniques = factorize(values)
    parsed = [parse_bool(u) for u in uniques]
    known = np.array([p is not None for p in parsed] + [False])
    truth = np.array([bool(p) for p in parsed] + [False])
    return pd.Series(pd.arrays.BooleanArray(truth[codes], ~known[codes]))


# --- times -------------------------------------------------------------------------------

# Python's `\s`, spelled out: pandas 3 leaves any pattern with `\s` to Python's `re`, one
# value at a time (RE2's `\s` misses some of those spaces), which made a column of times in
# more than one notation 4x as slow to read as one in a single notation. Both engines read
# this class alike.
_SPACE = "[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# An offset after a time (`10:00+02:00`, `10:00:00.5 +0200`, `10:00 +02`, `10:00Z`); not the
# year a date ends with (`01-07-2026` is no time at offset -20:26).
# ISO's basic notation too (`T090500+0200`, `T09+02`).
_AWARE = r"(?:\d[zZ]|(?::\d{2}|T\d{2}(?:\d{2}){0,2})(?:\.\d+)?"
_AWARE += _SPACE + r"?[+-]\d{2}(?::?\d{2})?)$"
# An offset of whole hours (`+02`, as PostgreSQL writes it), which strptime does not read.
_HOURS_OFFSET = r"(:\d{2}(?:\.\d+)?" + _SPACE + r"?[+-]\d{2})$"
# A zone's name after the time, as tools in the Netherlands write it (`10:00 CEST`), is its
# offset; dateutil knows none of them (and says so in English on the terminal).
_ZONE_NAME = _SPACE + r"*\b(CEST|CET|MESZ|MEZ|UTC|GMT)$"
_ZONE_NAMED = _SPACE + r"*\b(?:CEST|CET|MESZ|MEZ|UTC|GMT)$"
_ZONE_OFFSETS = {"CEST": "+02:00", "CET": "+01:00", "MESZ": "+02:00", "MEZ": "+01:00"}
# The years a nanosecond time can hold, with room to spare for any zone's offset. pandas 3
# parses times outside them (year 1000, 9999) at a coarser resolution; the frame holds
# nanoseconds, so such a time is a row to reject, never a value to convert.
FIRST_YEAR, LAST_YEAR = 1678, 2261
_EARLIEST = pd.Timestamp(f"{FIRST_YEAR}-01-01")
_BEYOND = pd.Timestamp(f"{LAST_YEAR + 1}-01-01")
DUTCH_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y")
# Slashed dates both ways round, on a 24-hour clock and (as American tools write) a 12-hour one.
DAY_FIRST_SLASHED = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %I:%M %p")
DAY_FIRST_SLASHED += ("%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y")
MONTH_FIRST_SLASHED = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p")
MONTH_FIRST_SLASHED += ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y")
_SLASHED = r"^\s*(?P<first>\d{1,2})/(?P<second>\d{1,2})/\d{4}\b"
_TWELVE_HOUR = r"\d\s*[AaPp]\.?[Mm]\.?\s*$"


def slashed_order(written: pd.Series) -> str | None:
    """Which comes first in a file's slashed dates, `"day"` or `"month"`: the one some date
    says (a number above 12 in the other place: `15/07/2026`, `7/15/2026`) and none
    contradicts; without such a date, a 12-hour clock says month first (an American tool or
    spreadsheet wrote it). One rule for every row of a file, never a guess per row; None when
    nothing tells or the dates disagree (two notations pasted together)."""
    # In Arrow's kernels, on each distinct value once: a file of a million times costs no
    # row in Python, and one without slashes only the search for them.
    values = pc.drop_null(pc.unique(pa.array(written, type=TEXT, from_pandas=True)))
    parts = pc.extract_regex(values, _SLASHED)
    slashed = pc.is_valid(parts)
    if not pc.any(slashed).as_py():
        return None
    values, parts = values.filter(slashed), parts.filter(slashed)
    first = pc.cast(pc.struct_field(parts, "first"), pa.int8())
    second = pc.cast(pc.struct_field(parts, "second"), pa.int8())
    day = bool(pc.any(pc.greater(first, 12)).as_py())
    month = bool(pc.any(pc.greater(second, 12)).as_py())
    if day != month:
        return "day" if day else "month"
    if not day and pc.any(pc.match_substring_regex(values, _TWELVE_HOUR)).as_py():
        return "month"
    return None


def localize(naive: pd.Series, zone: str) -> pd.Series:
    """Wall-clock times in `zone` → UTC. In the autumn hour that happens twice the first
    (summer-time) one is taken; a spring-forward gap time moves to the hour after it."""
    naive = in_range(naive).astype("datetime64[ns]")
    summer = np.ones(len(naive), dtype=bool)
    local = naive.dt.tz_localize(zone, ambiguous=summer, nonexistent="shift_forward")
    return local.dt.tz_convert("UTC")


def nat_series(n: int, index: pd.Index | None = None) -> pd.Series:
    return pd.Series(
        np.full(n, np.datetime64("NaT", "ns")), index=index, dtype="datetime64[ns]"
    ).dt.tz_localize("UTC")


def parse_times(values: pd.Series, zone: str, formats: Sequence[str] = DUTCH_FORMATS) -> pd.Series:
    """ISO 8601 with offset or `Z`; ISO without offset, or one of `formats`, is wall-clock
    time in `zone`; Unix time in seconds or milliseconds. Unreadable or empty → NaT (the
    caller rejects those rows)."""
    arr = pa.array(values)
    # Whole-column casts are fast; they fail as soon as one value is of another notation.
    # In microseconds: before pyarrow 18 a cast to nanoseconds wraps a year outside their
    # range round (1000 reads as 2169) instead of failing.
    try:
        return as_utc(pc.cast(arr, pa.timestamp("us", "UTC")).to_pandas())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    try:
        return localize(pc.cast(arr, pa.timestamp("us")).to_pandas(), zone)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    values = values.reset_index(drop=True)
    out = nat_series(len(values))
    present = values.notna().to_numpy()
    unix = values.str.fullmatch(_UNIX, na=False).to_numpy()
    if unix.any():
        out[unix] = unix_times(values[unix]).array
        present = present & ~unix
    if values.str.contains(_ZONE_NAMED, regex=True, na=False).any():
        values = values.str.replace(
            _ZONE_NAME, lambda m: _ZONE_OFFSETS.get(m[1], "+00:00"), regex=True
        )
    aware = values.str.contains(_AWARE, regex=True, na=False).to_numpy()
    if aware.any():
        given = values[aware].str.replace(_HOURS_OFFSET, r"\1:00", regex=True)
        parsed = pd.to_datetime(given, format="ISO8601", utc=True, errors="coerce")
        for fmt in (f for f in formats if "%H" in f):  # `01-07-2026 10:00 CET`
            missing = parsed.isna()
            if not missing.any():
                break
            parsed[missing] = pd.to_datetime(
                given[missing].str.replace(_SPACE + r"+([+-]\d)", r"\1", regex=True),
                format=fmt + "%z",
                utc=True,
                errors="coerce",
            )
        out[aware] = as_utc(parsed).array  # in order: no need to align the index
    naive_mask = present & ~aware
    if naive_mask.any():
        naive = values[naive_mask]
        parsed = _wall_clock_iso(naive)
        for fmt in formats:
            missing = parsed.isna()
            if not missing.any():
                break
            parsed[missing] = pd.to_datetime(naive[missing], format=fmt, errors="coerce")
        out[naive_mask] = localize(parsed, zone).array
    return out


def _wall_clock_iso(values: pd.Series) -> pd.Series:
    """ISO 8601 times without an offset; NaT for the others. A value with an offset in a
    notation `_AWARE` does not name is none of them: pandas reads it as aware, or refuses
    the whole column (`Mixed timezones detected`), and such a value is then read alone."""
    try:
        with warnings.catch_warnings():
            # pandas 2 warns, then hands back objects, where pandas 3 refuses: both are the
            # mixed column read one by one below.
            warnings.simplefilter("ignore", FutureWarning)
            parsed = pd.to_datetime(values, format="ISO8601", errors="coerce")
    except ValueError:
        parsed = None
    if parsed is not None and pd.api.types.is_datetime64_dtype(parsed.dtype):
        return parsed
    one_by_one = map_unique(values, _one_wall_clock_iso)
    parsed = pd.to_datetime(one_by_one, format="ISO8601", errors="coerce")
    return parsed.set_axis(values.index)


def _one_wall_clock_iso(value: str) -> str | None:
    moment = pd.to_datetime(value, format="ISO8601", errors="coerce")
    return None if pd.isna(moment) or moment.tzinfo is not None else moment.isoformat()


# Unix time as tools and API dumps write it: seconds (10 digits: 2001-2286) or milliseconds
# (13 digits). Always UTC. Shorter numbers are no time of any export (a 9-digit one is 1970s).
_UNIX = r"(?:[0-9]{10}|[0-9]{13})"  # grouped: pandas 2.0 anchors `^a|b$` as written


def unix_times(values: pd.Series) -> pd.Series:
    """Seconds or milliseconds since 1970 (UTC), by their number of digits."""
    numbers = values.astype("int64").to_numpy()
    ms = np.where(values.str.len().to_numpy() == 13, numbers, numbers * 1000)
    return as_utc(pd.Series(pd.to_datetime(ms, unit="ms", utc=True)))


def parse_with_format(values: pd.Series, fmt: str, zone: str) -> pd.Series:
    """One strptime format; a format with `%z` gives aware times, else wall-clock in `zone`."""
    if "%z" in fmt or "%Z" in fmt:
        return as_utc(pd.to_datetime(values, format=fmt, utc=True, errors="coerce"))
    return localize(pd.to_datetime(values, format=fmt, errors="coerce"), zone)


def as_utc(series: pd.Series) -> pd.Series:
    """Aware times as the frame holds them: UTC nanoseconds, times out of range as NaT."""
    return in_range(series).astype("datetime64[ns, UTC]")


def in_range(times: pd.Series) -> pd.Series:
    """Times outside FIRST_YEAR–LAST_YEAR as NaT (see `time_reasons` for their reason)."""
    if not len(times) or not pd.api.types.is_datetime64_any_dtype(times.dtype):
        return times
    aware = isinstance(times.dtype, pd.DatetimeTZDtype)
    low, high = (
        (_EARLIEST.tz_localize("UTC"), _BEYOND.tz_localize("UTC"))
        if aware
        else (
            _EARLIEST,
            _BEYOND,
        )
    )
    first, last = times.min(), times.max()
    if pd.isna(first) or (first >= low and last < high):
        return times
    return times.mask((times < low) | (times >= high))


def time_reasons(
    reasons: Reasons, written: pd.Series, parsed: pd.Series, column: str, not_a_time: Message
) -> None:
    """Reasons for the rows whose written time gave no time: outside the years a time can
    hold here, or not a time at all (`not_a_time`, which gets the written `value`)."""
    bad = (parsed.isna() & written.notna()).to_numpy()
    reasons.add(
        _outside_years(written, bad),
        Message("activity.reason.outside_years", column=column, first=FIRST_YEAR, last=LAST_YEAR),
        written,
    )
    reasons.add(bad, not_a_time, written)


def _outside_years(written: pd.Series, bad: np.ndarray) -> np.ndarray:
    """Which of the `bad` rows hold a readable time in a year out of range. Each distinct
    value of those rows is read again, in any notation (pandas cannot hold such a year before
    version 3, Python's dates can)."""
    out = np.zeros(len(bad), dtype=bool)
    rows = np.flatnonzero(bad)
    if not len(rows):
        return out
    codes, values = pd.factorize(written.iloc[rows].astype(object))
    beyond = np.array([not FIRST_YEAR <= _year(v) <= LAST_YEAR for v in values] + [False])
    out[rows] = beyond[codes]
    return out


def _year(value: object) -> int:
    """The year of a time in any notation; one in range when it is none."""
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.year
    try:
        with warnings.catch_warnings():
            # A zone it does not know (`10:00 EST`) is no reason for an English warning on
            # the user's terminal: the row is rejected as no date all the same.
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            return dateutil.parser.parse(str(value)).year
    except (ValueError, OverflowError):
        return FIRST_YEAR


def snowflake_times(ids: pd.Series, shift: int, epoch_ms: int) -> pd.Series:
    """Creation time carried in numeric ids: `(id >> shift) + epoch_ms` Unix milliseconds.
    Non-numeric ids → NaT."""
    ids = ids.reset_index(drop=True)
    digits = ids.str.fullmatch(r"\d{1,19}", na=False).to_numpy()
    out = nat_series(len(ids))
    if digits.any():
        numbers = ids[digits].astype("uint64").to_numpy()
        ms = (numbers >> np.uint64(shift)).astype(np.int64) + epoch_ms
        out[digits] = pd.to_datetime(ms, unit="ms", utc=True).astype("datetime64[ns, UTC]")
    return out


def empty_column(name: str, n: int) -> pd.Series:
    dtype = PARSED_COLUMNS[name]
    if dtype == "str":
        return na_strings(n)
    if dtype == "boolean":
        return na_booleans(n)
    return nat_series(n)


def constant(n: int, value: str | None) -> pd.Series:
    return take_strings(np.zeros(n, dtype=np.int64), [value])


# An id a spreadsheet read as a number and wrote back rounded: `1.23457E+18`, `7,52762E+18`.
_SCIENTIFIC = r"^[+-]?[0-9]+(?:[.,][0-9]+)?[eE]\+[0-9]+$"
# An id a spreadsheet read as a formula (a YouTube id may start with `-`) and wrote back as
# its error value, in English or Dutch.
_ERROR_VALUE = (
    r"^#(?:NAME\?|NAAM\?|VALUE!|WAARDE!|REF!|VERW!|N/A|N/B|NUM!|GETAL!|NULL!|LEEG!|DIV/0!"
    r"|DEEL/0!)$"
)
_ROUNDED_ID = Message("activity.reason.rounded_id")
_ID_TO_15_DIGITS = Message("activity.reason.id_to_15_digits")
_ERROR_ID = Message("activity.reason.spreadsheet_error_id")


def rounded_ids(ids: pd.Series) -> np.ndarray:
    """Which ids are numbers in scientific notation: distinct posts that now share one id
    (and an X id that no longer carries its time); or, in a column written back to 15
    digits (`to_15_digits`), every id of it."""
    return _matching(ids, _SCIENTIFIC, "+") | to_15_digits(ids)


# More digits than Excel keeps, and zeros after the 15th: an id written back from a column
# formatted as a number (`122020727204532000` for `122020727204532684`).
_ZEROS_AFTER_15 = r"^[0-9]{15}0+$"
_LONG = r"^[0-9]{16,}$"


def to_15_digits(ids: pd.Series) -> np.ndarray:
    """The ids of a column a spreadsheet wrote back to 15 digits: every id of more than 15
    digits ends in zeros after the 15th, and there are at least three (three ids that end
    so by chance are one in a thousand or less). Any id that does not end in 0 rules the
    column out, cheaply, before any pattern is matched."""
    none = np.zeros(len(ids), dtype=bool)
    if len(ids) < 3 or isinstance(ids.dtype, pd.CategoricalDtype) or ids.count() < 3:
        return none  # a column of replies' targets or conversations is often all empty
    arr = pa.array(ids, type=TEXT)
    # The first ids mostly tell at once; all of them only when those end so.
    for part in (arr.slice(0, 4096), arr):
        written = pc.drop_null(part)
        if not pc.all(pc.ends_with(written, "0")).as_py():
            return none
    long = pc.fill_null(pc.match_substring_regex(arr, _LONG), False)
    padded = pc.fill_null(pc.match_substring_regex(arr, _ZEROS_AFTER_15), False)
    if (pc.sum(padded).as_py() or 0) < 3 or not pc.all(pc.equal(long, padded)).as_py():
        return none
    return padded.to_numpy(zero_copy_only=False)


def _to_15_digits_per_file(ids: pd.Series, sizes: Sequence[int] | None) -> np.ndarray:
    """`to_15_digits` of each file of a batch: one download saved again by a spreadsheet
    says nothing of the next one's ids. A file is looked at only when every id of it ends in
    0, which one pass over all files tells."""
    if not sizes or len(sizes) == 1:
        return to_15_digits(ids)
    out = np.zeros(len(ids), dtype=bool)
    if isinstance(ids.dtype, pd.CategoricalDtype) or ids.count() < 3:
        return out
    ends = pc.fill_null(pc.ends_with(pa.array(ids, type=TEXT), "0"), True)
    ends = ends.to_numpy(zero_copy_only=False)
    counts = np.asarray(sizes)
    starts = np.cumsum(counts) - counts
    some = counts > 0
    all_end = np.zeros(len(counts), dtype=bool)
    all_end[some] = np.logical_and.reduceat(ends, starts[some])  # empty files in between add none
    looked_at = all_end & (counts >= 3)
    for start, size in zip(starts[looked_at], counts[looked_at], strict=True):
        out[start : start + size] = to_15_digits(ids.iloc[start : start + size])
    return out


def _matching(ids: pd.Series, pattern: str, sign: str) -> np.ndarray:
    """Which ids match `pattern`; `sign`, which every match holds, is looked for first, which
    is cheap: ids hardly ever hold it."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        found = map_unique(ids, lambda v: "1" if re.match(pattern, v) else None)
        return found.notna().to_numpy(dtype=bool)
    arr = pa.array(ids, type=TEXT)
    if not may_hold(arr, sign):
        return np.zeros(len(ids), dtype=bool)
    found = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return found.to_numpy(zero_copy_only=False)


def finish(
    columns: dict[str, pd.Series],
    reasons: Reasons,
    note: Message | None = None,
    warning: Message | None = None,
    sizes: Sequence[int] | None = None,
) -> Parsed:
    """The adapter's columns as one frame; rows without a time or id get a reason last.
    `sizes`: the rows of each file of a batch (`Adapter.batch_key`), in turn."""
    n = len(reasons.bad)
    frame = pd.DataFrame(
        {
            name: columns[name].reset_index(drop=True) if name in columns else empty_column(name, n)
            for name in PARSED_COLUMNS
        },
        copy=False,  # millions of rows: the columns were just made, no need to copy them
    )
    for name in ("item_id", "in_reply_to", "conversation_id"):
        reasons.add(_to_15_digits_per_file(frame[name], sizes), _ID_TO_15_DIGITS, frame[name])
        reasons.add(_matching(frame[name], _SCIENTIFIC, "+"), _ROUNDED_ID, frame[name])
        reasons.add(_matching(frame[name], _ERROR_VALUE, "#"), _ERROR_ID, frame[name])
    reasons.add(frame["item_id"].isna().to_numpy(), Message("activity.reason.no_item_id"))
    reasons.add(frame["timestamp"].isna().to_numpy(), Message("activity.reason.no_time"))
    frame["reason"] = reasons.series()
    return Parsed(rows=frame, note=note, reasons=reasons.messages, warning=warning)
