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

from auditor.problems import InputError

Row = tuple[object, ...]


@dataclass
class Sheet:
    name: str | None  # None for a CSV: it is the Accounts sheet alone
    rows: list[Row]  # rows[i] is spreadsheet row i + 1


def read_sheets(path: Path, what: str = "register") -> list[Sheet]:
    """Every sheet of a workbook, or a CSV as one sheet; `what` names the file in messages."""
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, f"is a folder; give the {what} as a workbook (.xlsx) or a .csv")
    if path.stat().st_size == 0:
        raise InputError(path, "the file is empty")
    suffix = path.suffix.casefold()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    if suffix in {".csv", ".txt"}:
        return [Sheet(None, _read_csv(path))]
    if suffix == ".xls":
        raise InputError(path, "old Excel 97 format (.xls): open it in Excel and save as .xlsx")
    raise InputError(path, f"not a {what}: expected an Excel workbook (.xlsx) or a .csv file")


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise InputError(
            path,
            "not a readable Excel workbook (.xlsx): another kind of file, or damaged or truncated",
        )
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and header/footer extensions it ignores.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for ws in workbook.worksheets:
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            sheets.append(Sheet(ws.title, rows))
        workbook.close()
    except InputError:
        raise
    except Exception as exc:  # a damaged package can fail in zipfile, lxml or openpyxl alike
        raise InputError(
            path, f"the workbook cannot be read (damaged or truncated?): {exc}"
        ) from None
    return sheets


def _read_csv(path: Path) -> list[Row]:
    raw = path.read_bytes()
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "not a CSV text file (binary content)")
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
        raise InputError(path, f"the CSV cannot be read: {exc}") from None


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
