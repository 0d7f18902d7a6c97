"""Opening a register file: an xlsx workbook or a CSV, as sheets of raw cell values.

Anything that is not a readable register ends in `InputError` naming the file, never a
traceback: people pick the wrong file, save half a download, or rename a PDF.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from auditor.messages import Message
from auditor.problems import InputError

Row = tuple[object, ...]


@dataclass
class Sheet:
    name: str | None  # None for a CSV: it is the Accounts sheet alone
    rows: list[Row]  # rows[i] is spreadsheet row i + 1
    # Cells that hold a merged cell's value without having one of their own, as (row, column)
    # indexes into `rows`: a row of nothing else is still a blank row.
    merged: frozenset[tuple[int, int]] = frozenset()

    def own_cells(self, index: int) -> list[object]:
        """Row `index`'s cells that were typed in it, not copied from a merged cell above."""
        return [c for pos, c in enumerate(self.rows[index]) if (index, pos) not in self.merged]


def read_sheets(path: Path, what: str = "register") -> list[Sheet]:
    """Every sheet of a workbook, or a CSV as one sheet; `what` names the file in messages:
    `register` or `waivers`, an entry of the catalogue's `register.kind`."""
    kind = Message(f"register.kind.{what}")
    if not path.exists():
        raise InputError(path, Message("register.file_not_found"))
    if path.is_dir():
        raise InputError(path, Message("register.is_folder", what=kind))
    if path.stat().st_size == 0:
        raise InputError(path, Message("register.empty_file"))
    suffix = path.suffix.casefold()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    if suffix in {".csv", ".txt"}:
        return [Sheet(None, _read_csv(path))]
    if suffix == ".xls":
        raise InputError(path, Message("register.old_excel"))
    raise InputError(path, Message("register.not_a_kind", what=kind))


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise InputError(path, Message("register.not_a_workbook"))
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and header/footer extensions it ignores.
            warnings.simplefilter("ignore")
            # Not read-only: only a full worksheet knows its merged cells.
            workbook = load_workbook(path, data_only=True)
        sheets = [_sheet(ws) for ws in workbook.worksheets]
        workbook.close()
    except InputError:
        raise
    except Exception as exc:  # a damaged package can fail in zipfile, lxml or openpyxl alike
        raise InputError(path, Message("register.workbook_unreadable", detail=str(exc))) from None
    return sheets


def _sheet(ws) -> Sheet:
    """A worksheet's values, each merged cell's value copied into every cell it covers: people
    merge a department down over its accounts, and every one of those rows belongs to it."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    merged: set[tuple[int, int]] = set()
    for span in ws.merged_cells.ranges:
        top, left = span.min_row - 1, span.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(span.max_row, len(rows))):
            row = rows[r]
            for c in range(left, span.max_col):
                if (r, c) == (top, left):
                    continue
                if c >= len(row):
                    row.extend([None] * (c + 1 - len(row)))
                row[c] = value
                merged.add((r, c))
    return Sheet(ws.title, [tuple(r) for r in rows], frozenset(merged))


def _read_csv(path: Path) -> list[Row]:
    raw = path.read_bytes()
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, Message("register.csv_binary"))
    text = _decode(raw)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [tuple(row) for row in reader]
    except csv.Error as exc:
        raise InputError(path, Message("register.csv_unreadable", detail=str(exc))) from None


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
