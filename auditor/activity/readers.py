"""Reading an export file into a table of text cells, whatever its encoding, delimiter or kind.

Nothing here knows the export formats: the caller passes a test that recognises a header row,
and the reader looks for it in the first rows (LinkedIn puts a description row above it, Meta's
page files a `sep=,` line). Every cell comes back as text or NA — ids must never pass through a
float — so the adapters convert columns themselves, vectorised.

Row numbers are what a spreadsheet user sees: the header's row plus the records below it,
1-based. In a CSV whose quoted cells span several lines a record is numbered by its *first*
line, the line a text editor shows it starting on. Rows without any value are blank lines, not
records, and are not counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import mmap
import re
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from auditor.activity.columns import concat_frames
from auditor.activity.frame import RejectedRow
from auditor.activity.helpers import WORTH_A_THREAD_BYTES, helpers
from auditor.compat import arrow_types
from auditor.messages import Message
from auditor.problems import InputError
from auditor.register.cells import INVISIBLE
from auditor.register.workbook import transitional

CSV_EXTENSIONS = frozenset({".csv", ".tsv", ".txt"})
# LinkedIn names its (zip-based) workbooks `.xls`; the content decides how a file is read.
EXCEL_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls"})
# JSON and CAR exports and archives (`activity.documents`), recognised by their content too.
DOCUMENT_EXTENSIONS = frozenset({".json", ".zip", ".car"})
SUPPORTED_EXTENSIONS = CSV_EXTENSIONS | EXCEL_EXTENSIONS | DOCUMENT_EXTENSIONS

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 30
_PREFIX_BYTES = 1 << 20
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

HeaderTest = Callable[[Sequence[str]], bool]
# For a header's (unique) column names: column types to try reading the CSV with, in order.
# Every cell of a typed column must convert, or the next choice (at last all text) is read.
TypeChoices = Callable[[list[str]], Sequence[dict[str, pa.DataType]]]
Buffer = bytes | bytearray | memoryview | mmap.mmap


class UnknownFormat(InputError):
    """Not an export of a known format: no known header in its first rows, no content, or
    content of another kind (binary data, an old binary workbook). A folder of downloads
    holds such files beside the exports; a damaged export is another error."""


class NotAnExport(UnknownFormat):
    """A file that is something else and says what (empty, binary, an old workbook, a web
    page): in a folder, passed over with what it is."""


@dataclass
class RawTable:
    """An export's records below its header: every cell text or NA, column names unique."""

    data: pd.DataFrame
    rows: np.ndarray  # int64, the 1-based row (first line) of each record
    header_row: int
    header: list[str]  # as written, before duplicates were renamed
    preamble: list[list[str]] = field(default_factory=list)  # rows above the header
    rejected: list[RejectedRow] = field(default_factory=list)  # records that could not be split
    sheet: str | None = None
    # A workbook of several sheets: a row's place names the sheet it is on (LinkedIn's rows
    # are on `All posts`, behind `Metrics`; row 7 of the file is no place to look).
    sheet_named: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    # Several files' records converted as one (`Adapter.batch_key`): each file's count, in turn.
    sizes: list[int] | None = None

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.rejected)

    @property
    def names(self) -> list[str]:
        """The columns' (unique) names."""
        return list(self.data.columns)

    def column_types(self) -> tuple[str, ...]:
        """Each column's type, as a key: tables alike in it can be joined (`joined`)."""
        return tuple(str(dtype) for dtype in self.data.dtypes)

    def is_time(self, column: str) -> bool:
        """The column holds times, read as such."""
        return pd.api.types.is_datetime64_any_dtype(self.data[column].dtype)


class ArrowTable(RawTable):
    """A CSV's records as Arrow read them, made a pandas frame when first asked for: tables
    of one format are joined as Arrow tables (`joined`), which cost a folder of 500 small
    downloads a tenth of a second where making each a frame and joining those cost one."""

    def __init__(self, arrow: pa.Table, **fields: Any):
        self.arrow: pa.Table | None = arrow
        super().__init__(data=None, **fields)

    @property
    def data(self) -> pd.DataFrame:
        if self._frame is None:
            assert self.arrow is not None
            self._frame = self.arrow.to_pandas(types_mapper=arrow_types(_BOOLEAN))
            self.arrow = None  # the frame holds what it needs of it
        return self._frame

    @data.setter
    def data(self, frame: pd.DataFrame | None) -> None:
        self._frame = frame

    @property
    def names(self) -> list[str]:
        return super().names if self.arrow is None else list(self.arrow.column_names)

    def column_types(self) -> tuple[str, ...]:
        if self.arrow is None:
            return super().column_types()
        return tuple(str(kind) for kind in self.arrow.schema.types)

    def is_time(self, column: str) -> bool:
        if self.arrow is None:
            return super().is_time(column)
        return pa.types.is_timestamp(self.arrow.schema.field(column).type)

    def typed(self) -> bool:
        """A column was read as times, numbers or yes/no: no record repeats the header."""
        types = self.arrow.schema.types if self.arrow is not None else ()
        return any(
            not (pa.types.is_large_string(t) or pa.types.is_string(t) or pa.types.is_dictionary(t))
            for t in types
        )


def joined(tables: list[RawTable]) -> RawTable:
    """Tables of one format and columns as one, each file's records in turn (`sizes`). What
    was said of a file's records as it was read (rows it could not split) stays its own."""
    first = tables[0]
    fields: dict[str, Any] = {
        "rows": np.concatenate([table.rows for table in tables]),
        "header_row": first.header_row,
        "header": first.header,
        "encoding": first.encoding,
        "delimiter": first.delimiter,
        "sizes": [len(table.rows) for table in tables],
    }
    arrows = [table.arrow for table in tables if isinstance(table, ArrowTable)]
    if len(arrows) == len(tables) and all(arrow is not None for arrow in arrows):
        # One dictionary for each coded column, one chunk for each column: what a file of
        # these records would have given.
        arrow = pa.concat_tables(arrows).unify_dictionaries().combine_chunks()
        return ArrowTable(arrow, **fields)
    frames = [table.data for table in tables]
    return RawTable(data=concat_frames(frames).reset_index(drop=True), **fields)


def unique_names(names: Sequence[str]) -> list[str]:
    """`Views`, `Views` → `Views`, `Views (2)`: exports repeat column names."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name} ({count})")
    return out


def read_table(
    path: Path,
    raw: Buffer,
    is_header: HeaderTest,
    expected: Message,
    typed: TypeChoices | None = None,
) -> RawTable:
    """Read one file's bytes; InputError (naming `expected`) when no header row is found.

    `raw` may be any bytes-like buffer (a memory-mapped file): the CSV path reads it without
    copying it whole. `typed` lets a CSV's columns be converted in the read itself, which is
    far cheaper than converting text afterwards; a typed column holds only values that
    converted and NA for empty cells (yes/no as pandas' nullable boolean). Workbooks and
    CSVs where any cell does not convert come back as text, as without `typed`."""
    return read_tables(path, raw, is_header, expected, typed)[0]


def read_tables(
    path: Path,
    raw: Buffer,
    is_header: HeaderTest,
    expected: Message,
    typed: TypeChoices | None = None,
) -> list[RawTable]:
    """As `read_table`, every table of the file: a workbook's sheets that each hold an
    export's header (a month a sheet), in the workbook's order; a CSV's one."""
    head = bytes(memoryview(raw)[:_PREFIX_BYTES])
    if not head.strip() and not bytes(raw).strip():
        raise NotAnExport(path, Message("activity.empty_file"))
    if head.startswith(_ZIP_MAGIC):
        tables = _read_workbook(path, bytes(raw), is_header, expected)
        return [_without_header_again(table) for table in tables]
    if head.startswith(_OLE2_MAGIC):
        raise NotAnExport(path, Message("activity.old_excel"))
    if _web_page(head):
        raise NotAnExport(path, Message("activity.web_page"))
    if path.suffix.casefold() in EXCEL_EXTENSIONS:
        # Text under a workbook's name: what some tools' "export to Excel" writes (a CSV or
        # tab-separated file called .xls). Read as the text it is, when it is an export.
        try:
            return [_without_header_again(_read_csv(path, raw, is_header, expected, typed))]
        except InputError:
            raise NotAnExport(path, Message("activity.not_a_workbook")) from None
    return [_without_header_again(_read_csv(path, raw, is_header, expected, typed))]


_WEB_PAGE = re.compile(rb"^\s*(?:<!doctype html|<html[\s>]|<head[\s>])", re.IGNORECASE)


def _web_page(head: bytes) -> bool:
    """A web page saved under the export's name: what a download that expired, or a link
    opened in a browser, leaves (the platform's login or error page)."""
    return _WEB_PAGE.match(head.removeprefix(codecs.BOM_UTF8)[:1024]) is not None


def _cell_key(cell: object) -> str:
    """A cell as a header name compares: a second file's BOM and quotes around it ignored."""
    return str(cell).replace("\ufeff", "").strip().strip('"').strip().casefold()


def _is_text(dtype: object) -> bool:
    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)


def _without_header_again(table: RawTable) -> RawTable:
    """Records that repeat the header, where two downloads were pasted into one file, are
    rejected as that: rejected for their cells (`'Publish time' is not a time`) they said
    nothing of what happened. A text column is searched first, cheaply, for the header's
    name; only the few rows that hold it are compared cell by cell."""
    if isinstance(table, ArrowTable) and table.typed():
        return table  # a record that repeats the header would have been read as text
    data = table.data
    names = list(data.columns)
    keys = [_cell_key(name) for name in table.header[: len(names)]]
    for name, key in zip(names, keys, strict=False):
        dtype = data[name].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            if key and key not in {_cell_key(value) for value in dtype.categories}:
                return table  # a column read as its few values: the header's name is none
        elif not _is_text(dtype):
            return table  # read as times, numbers or yes/no: no cell is the header's name
    probe = next(
        (i for i, name in enumerate(names) if keys[i] and _is_text(data[name].dtype)),
        None,
    )
    if probe is None or not len(data):
        return table
    column = pa.array(data[names[probe]], type=pa.large_string())
    trimmed = pc.utf8_lower(pc.utf8_trim(column, characters=' "\ufeff\t\r\n'))
    found = pc.fill_null(pc.equal(trimmed, keys[probe]), False)
    rows = np.flatnonzero(found.to_numpy(zero_copy_only=False))
    if not len(rows):
        return table
    # The few rows whose probed cell is the header's name, compared a column at a time.
    candidates = data.iloc[rows]
    same = np.ones(len(rows), dtype=bool)
    for name, key in zip(names, keys, strict=True):
        cells = candidates[name].astype(object).where(candidates[name].notna(), "")
        same &= np.array([_cell_key(cell) == key for cell in cells], dtype=bool)
    again = rows[same].tolist()
    if not again:
        return table
    keep = np.ones(len(data), dtype=bool)
    keep[again] = False
    why = Message("activity.reason.header_again")
    table.rejected = sorted(
        [*table.rejected, *(RejectedRow(row=int(table.rows[i]), reason=why) for i in again)],
        key=lambda rejected: rejected.row,
    )
    table.data = data[keep].reset_index(drop=True)
    table.rows = table.rows[keep]
    return table


# --- CSV ---------------------------------------------------------------------------------


def _to_utf8(path: Path, raw: Buffer) -> tuple[memoryview, str]:
    """The file as UTF-8 bytes without BOM (a view when it already was UTF-8), and the
    encoding it was in."""
    view = memoryview(raw)
    head = bytes(view[:_PREFIX_BYTES])
    if head.startswith(codecs.BOM_UTF8):
        return view[len(codecs.BOM_UTF8) :], "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return memoryview(bytes(view).decode("utf-16").encode("utf-8")), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, Message("activity.damaged_utf16")) from None
    if b"\x00" in head and not _stray_nuls(head):
        raise NotAnExport(path, Message("activity.binary"))
    try:
        # A prefix is enough to choose; a bad byte further on is caught when pyarrow reads.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _from_cp1252(raw), "cp1252"
    return view, "utf-8"


def _stray_nuls(head: bytes) -> bool:
    """Text with a few NUL bytes in it (a copy or a disk that went wrong in a row or two), not
    binary data: such a file is read with those rows rejected (`_python_read`)."""
    return not _CONTROL.search(head) and head.count(b"\x00") <= len(head) // 100


# Control bytes no text holds (tab, line ends and form feed are text): binary data has them.
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")


def _from_cp1252(raw: Buffer) -> memoryview:
    return memoryview(bytes(raw).decode("cp1252", errors="replace").encode("utf-8"))


def _header_in(
    head: bytes, is_header: HeaderTest
) -> tuple[str, int, list[str], list[list[str]]] | None:
    """`_find_header` in the file's first bytes: its first lines are looked at first, which
    hold the header in nearly every export (splitting a megabyte into lines cost a folder of
    small downloads more than reading them)."""

    def text(start: bytes) -> str:
        # A NUL byte in the header's line leaves that line the header (`_stray_nuls`).
        decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        return decode(start).replace("\x00", "")

    short = head[:_FIRST_LOOK]
    if len(short) < len(head):
        short = short[: short.rfind(b"\n") + 1]  # whole lines
        found = _find_header(text(short), is_header, whole=False)
        if found is not None:
            return found
    return _find_header(text(head), is_header)


_FIRST_LOOK = 1 << 16


def _find_header(
    text: str, is_header: HeaderTest, *, whole: bool = True
) -> tuple[str, int, list[str], list[list[str]]] | None:
    """(delimiter, header's first line, header cells, rows above it) in the file's start.
    Not `whole`, the text is the file's first lines: None unless a header is found with a
    record after it (a header's quoted cell might go on past the text's end), and None when
    the text runs out (the next lines would decide)."""
    lines = text.splitlines(keepends=True)
    forced = None
    skip = 0
    if lines and lines[0].strip().casefold().startswith("sep="):
        forced = lines[0].strip()[4:5] or None
        skip = 1
    body = "".join(lines[skip:])
    for delimiter in (forced,) if forced else DELIMITERS:
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
        preamble: list[list[str]] = []
        start = 1
        try:
            for _ in range(HEADER_SEARCH_ROWS):
                cells = next(reader)
                if is_header([c.strip().lstrip("\ufeff") for c in cells]):
                    if not whole:
                        next(reader)
                    return delimiter, start + skip, [c.strip() for c in cells], preamble
                preamble.append(cells)
                start = reader.line_num + 1
        except (StopIteration, csv.Error):
            if not whole:
                return None
            continue
    return None


def _line_offset(data: bytes, line: int) -> int:
    """Byte offset where 1-based `line` starts (within the file's first bytes, where the
    header was found)."""
    pos = 0
    for _ in range(line - 1):
        pos = data.index(b"\n", pos) + 1
    return pos


def _read_csv(
    path: Path, raw: Buffer, is_header: HeaderTest, expected: Message, typed: TypeChoices | None
) -> RawTable:
    data, encoding = _to_utf8(path, raw)
    head = bytes(data[:_PREFIX_BYTES])
    found = _header_in(head, is_header)
    if found is None:
        raise UnknownFormat(
            path, Message("activity.no_header", rows=HEADER_SEARCH_ROWS, expected=expected)
        )
    delimiter, header_row, header, preamble = found
    names = unique_names(header)
    # A view, not a copy: exports run to hundreds of megabytes.
    body = data[_line_offset(head, header_row) :]
    if b"\x00" in head:  # stray NUL bytes (`_stray_nuls`): their rows are rejected
        return _python_read(path, body, names, delimiter, header_row, header, preamble, encoding)
    # numpy lets go of the interpreter while it counts: the lines are counted during the read.
    with helpers(len(body) >= WORTH_A_THREAD_BYTES) as pool:
        counting = pool.submit(_line_count, body)
        table = _one_record_a_line(body, names, delimiter, typed, counting)
        lines = counting.result()
    try:
        if table is None:
            table = _typed_read(body, names, delimiter, typed) or _arrow_read(
                body, names, delimiter
            )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) and encoding == "utf-8":
            return _read_csv(path, _from_cp1252(raw), is_header, expected, typed)
        return _python_read(path, body, names, delimiter, header_row, header, preamble, encoding)
    rows = _record_lines(body, table.num_rows + 1, lines)
    if rows is None:
        return _python_read(path, body, names, delimiter, header_row, header, preamble, encoding)
    rows = rows[1:]
    rows += header_row - 1  # in place: a copy of millions of row numbers costs a read's tenth
    blank = _all_null(table)
    if blank is not None:
        table = table.filter(pc.invert(blank))
        rows = rows[~blank.to_numpy(zero_copy_only=False)]
    return ArrowTable(
        table,
        rows=rows.astype(np.int64, copy=False),
        header_row=header_row,
        header=header,
        preamble=preamble,
        encoding=encoding,
        delimiter=delimiter,
    )


_BOOLEAN = {pa.bool_(): pd.BooleanDtype()}


def _one_record_a_line(
    body: memoryview,
    names: list[str],
    delimiter: str,
    typed: TypeChoices | None,
    lines: Future[int],
) -> pa.Table | None:
    """The file read as if no quoted cell held a line break, which lets Arrow split it into
    blocks at any line end (several times cheaper than following the quotes); None unless
    that gave one record a line. Any break inside quotes gives fewer records than lines (a
    record then spans several) or makes the read fail, and blank lines give fewer too: then
    the caller reads it again, minding the quotes."""
    try:
        table = _typed_read(body, names, delimiter, typed, multiline=False) or _arrow_read(
            body, names, delimiter, multiline=False
        )
    except pa.ArrowInvalid:
        return None
    return table if table.num_rows + 1 == lines.result() else None


def _typed_read(
    body: memoryview,
    names: list[str],
    delimiter: str,
    typed: TypeChoices | None,
    *,
    multiline: bool = True,
) -> pa.Table | None:
    """The first choice of column types every cell converts to; None when none does (or
    the file does not split into records), and the caller reads it all as text."""
    for types in typed(names) if typed else ():
        try:
            return _arrow_read(body, names, delimiter, types, multiline=multiline)
        except pa.ArrowInvalid:
            continue
    return None


def _arrow_read(
    body: memoryview,
    names: list[str],
    delimiter: str,
    types: dict[str, pa.DataType] | None = None,
    *,
    multiline: bool = True,
) -> pa.Table:
    return pcsv.read_csv(
        pa.BufferReader(pa.py_buffer(body)),
        read_options=pcsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.large_string()) | (types or {}),
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        ),
    )


def _all_null(table: pa.Table) -> pa.ChunkedArray | None:
    if table.num_columns == 0 or table.num_rows == 0:
        return None
    mask = pc.is_null(table.column(0))
    for column in table.columns[1:]:
        mask = pc.and_(mask, pc.is_null(column))
    return mask if pc.any(mask).as_py() else None


def _newlines(buf: np.ndarray) -> int:
    # In slices: comparing the whole file at once would hold a byte per byte of it.
    step = 1 << 24
    return sum(int(np.count_nonzero(buf[i : i + step] == 10)) for i in range(0, len(buf), step))


def _line_count(body: memoryview) -> int:
    buf = np.frombuffer(body, dtype=np.uint8)
    return _newlines(buf) + (0 if len(buf) and buf[-1] == ord("\n") else 1)


def _record_lines(body: memoryview, records: int, lines: int) -> np.ndarray | None:
    """First line (1-based, within `body`) of each of its `records` CSV records.

    Plain files have one record a line, which a newline count shows cheaply (a blank line
    or a multi-line record makes fewer records than lines, nothing makes more). Otherwise a
    newline ends a record only outside quotes (an even number of quotes before it; `""`
    escapes keep the parity). None when that still does not give `records` records.
    """
    buf = np.frombuffer(body, dtype=np.uint8)
    if lines == records:
        return np.arange(1, records + 1, dtype=np.int64)
    ends: list[np.ndarray] = []
    parity = 0
    chunk = 1 << 26
    for start in range(0, len(buf), chunk):
        part = buf[start : start + chunk]
        # uint8 counts wrap at 256, which keeps the parity.
        quotes = np.cumsum(part == ord('"'), dtype=np.uint8) + np.uint8(parity)
        at = np.flatnonzero(part == ord("\n"))
        ends.append(at[(quotes[at] & 1) == 0] + start)
        parity = int(quotes[-1] & 1)
    if parity:
        return None  # the file ends inside a quote: `_python_read` finds the row that opened it
    all_newlines = np.flatnonzero(buf == ord("\n"))
    term = np.concatenate(ends) if ends else np.empty(0, dtype=np.int64)
    starts = np.concatenate(([0], term + 1))
    stops = np.concatenate((term, [len(buf)]))
    length = stops - starts
    has_cr = np.zeros(len(starts), dtype=bool)
    inside = starts < len(buf)
    has_cr[inside] = buf[np.minimum(starts[inside], len(buf) - 1)] == ord("\r")
    blank = (length == 0) | ((length == 1) & has_cr)
    first_line = np.searchsorted(all_newlines, starts) + 1
    first_line = first_line[~blank]
    if len(first_line) != records:
        return None
    return first_line.astype(np.int64)


def _record_fault(cells: list[str], delimiter: str, width: int) -> Message | None:
    """Why a record of a CSV cannot be used; None when it can (empty fields after the last
    column, which some programs end every row with, are no fields of it)."""
    if len(cells) == 1 and delimiter in cells[0]:
        # Its fields in one cell: a spreadsheet opened the CSV in one column.
        return Message("activity.reason.one_cell")
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        del cells[width:]
    if len(cells) != width:
        # `count` chooses "veld" or "velden"; a stored reason has `fields` alone.
        return Message(
            "activity.reason.field_count", count=len(cells), fields=len(cells), width=width
        )
    if any("\x00" in cell for cell in cells):
        return Message("activity.reason.nul_byte")
    return None


def _runaway_quote(lines: list[str], first: int, last: int, delimiter: str) -> bool:
    """Whether a record over lines `first` to `last` (1-based) holds a quote opened and not
    closed where its cell ends: it runs to the end of the file, or to a quote of a row below
    (`…,"niet gesloten` above `…,"wel gesloten"`), and the rows between were read as its
    text. A cell over several lines that an export quotes well reads strictly as well."""
    if last <= first:
        return False
    raw = "".join(lines[first - 1 : last])
    try:
        for _ in csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return True
    return False


def _lines_after(text: str, count: int) -> str:
    """`text` without its first `count` lines, lines counted as the csv module counts them."""
    lines = io.StringIO(text, newline="")
    for _ in range(count):
        lines.readline()
    return lines.read()


def _python_read(
    path: Path,
    body: memoryview,
    names: list[str],
    delimiter: str,
    header_row: int,
    header: list[str],
    preamble: list[list[str]],
    encoding: str,
) -> RawTable:
    """Slow but forgiving: records whose field count differs from the header are rejected,
    as are records holding a NUL byte and a record whose quote is never closed."""
    text = bytes(body).decode("utf-8", errors="replace")
    records: list[list[str]] = []
    rows: list[int] = []
    rejected: list[RejectedRow] = []
    width = len(names)
    rest, skipped = text, 0  # `rest` is the body after its first `skipped` lines
    while True:
        reader = csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter)
        start, cells, row, runaway = 1, [], header_row, False
        lines: list[str] | None = None
        try:
            for cells in reader:
                row, first = start + skipped + header_row - 1, start
                start = reader.line_num + 1
                if row == header_row or not any(c.strip() for c in cells):
                    continue
                if reader.line_num > first:  # over several lines: is its quote closed?
                    lines = lines or io.StringIO(rest, newline="").readlines()
                    if runaway := _runaway_quote(lines, first, reader.line_num, delimiter):
                        break
                if reason := _record_fault(cells, delimiter, width):
                    rejected.append(RejectedRow(row=row, reason=reason))
                    continue
                records.append(cells)
                rows.append(row)
        except csv.Error as exc:
            raise InputError(
                path, Message("activity.not_csv", line=reader.line_num, error=str(exc))
            ) from None
        if not runaway:
            break
        # A quote opened in this row runs on into the rows below, read as its cell. Its own
        # line is rejected, and the lines after it read again as the rows they are.
        rejected.append(RejectedRow(row=row, reason=Message("activity.reason.unclosed_quote")))
        skipped = row - header_row + 1
        rest = _lines_after(text, skipped)
        cells = []
    last = rejected[-1] if rejected else None
    if last and last.row == row and len(cells) < width and not text.endswith("\n"):
        # The last record, short and without the line end every row has: the file stops in
        # it (a download that broke off), which its field count alone does not say.
        why = Message("activity.reason.cut_off", fields=len(cells), width=width)
        rejected[-1] = RejectedRow(row=row, reason=why)
    frame = pd.DataFrame(records, columns=names, dtype="str") if records else None
    if frame is None:
        frame = pd.DataFrame({n: pd.Series(dtype="str") for n in names})
    frame = frame.replace("", np.nan)
    return RawTable(
        data=frame,
        rows=np.asarray(rows, dtype=np.int64),
        header_row=header_row,
        header=header,
        preamble=preamble,
        rejected=rejected,
        encoding=encoding,
        delimiter=delimiter,
    )


# --- Excel -------------------------------------------------------------------------------


_EXCEL_DIGITS = 10**15


def cell_text(value: object) -> str | None:
    """An Excel cell as the text an export would have written; ids stay whole numbers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= _EXCEL_DIGITS:
            # Excel keeps 15 digits of a number: a longer id it saved is rounded. Written as
            # Excel shows it, it is rejected as rounded, as in a CSV, never used as another id.
            return format(value, ".15G")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    # Marks no one sees, which a copy brings along: `\u200e1` would be another item than `1`.
    text = INVISIBLE.sub("", str(value)).strip()
    return text or None


def _read_workbook(
    path: Path, raw: bytes, is_header: HeaderTest, expected: Message
) -> list[RawTable]:
    """Every sheet that holds an export's header: a workbook kept a month (or an account) a
    sheet lost all sheets but the first, unsaid."""
    from openpyxl import load_workbook

    # openpyxl raises many kinds of error on a damaged or truncated file; all mean the same.
    try:
        with warnings.catch_warnings():
            # What openpyxl says of parts it ignores is nothing to the user (the register's
            # reader is as quiet); a Strict Open XML workbook is read as an ordinary one.
            warnings.simplefilter("ignore")
            source = transitional(io.BytesIO(raw))
            workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:
        raise InputError(path, Message("activity.unreadable_workbook")) from None
    titles = [ws.title for ws in workbook.worksheets]
    above: list[list[str]] = []  # the rows looked at, where no header was found
    tables: list[RawTable] = []
    try:
        for sheet in workbook.worksheets:
            table = _read_sheet(sheet, is_header, above)
            if table is not None:
                table.sheet_named = len(titles) > 1
                tables.append(table)
    except Exception:
        raise InputError(path, Message("activity.unreadable_workbook")) from None
    finally:
        workbook.close()
    if tables:
        return tables
    if any(_in_one_cell(cells, is_header) for cells in above):
        raise InputError(path, Message("activity.one_column"))
    raise UnknownFormat(
        path, Message("activity.no_header_in_sheets", sheets=titles, expected=expected)
    )


def _in_one_cell(cells: Sequence[str], is_header: HeaderTest) -> bool:
    """A known header written whole in one cell: a CSV that a spreadsheet split at another
    separator (a Dutch Excel splits at semicolons, exports use commas) and saved so."""
    filled = [cell for cell in cells if cell and cell.strip()]
    if len(filled) != 1:
        return False
    for delimiter in DELIMITERS:
        if delimiter in filled[0]:
            split = next(csv.reader([filled[0]], delimiter=delimiter))
            if is_header([c.strip().lstrip("\ufeff") for c in split]):
                return True
    return False


def _read_sheet(sheet, is_header: HeaderTest, above: list[list[str]]) -> RawTable | None:
    """The sheet's records below its header; None without one, its first rows then in
    `above`."""
    rows = sheet.iter_rows(values_only=True)
    preamble: list[list[str]] = []
    header: list[str] | None = None
    header_row = 0
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(v) or "" for v in values]
        if is_header(cells):
            header, header_row = cells, number
            break
        preamble.append(cells)
        if number >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        above.extend(preamble)
        return None
    while header and not header[-1]:
        header.pop()
    width = len(header)
    records: list[list[str | None]] = []
    numbers: list[int] = []
    for number, values in enumerate(rows, start=header_row + 1):
        cells = [cell_text(v) for v in values[:width]]
        if not any(c is not None for c in cells):
            continue
        cells += [None] * (width - len(cells))
        records.append(cells)
        numbers.append(number)
    names = unique_names(header)
    data = pd.DataFrame(
        {name: pd.Series([r[i] for r in records], dtype="str") for i, name in enumerate(names)}
    )
    return RawTable(
        data=data,
        rows=np.asarray(numbers, dtype=np.int64),
        header_row=header_row,
        header=header,
        preamble=preamble,
        sheet=sheet.title,
    )
