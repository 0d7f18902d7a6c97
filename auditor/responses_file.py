"""Opening a returned workbook: only what answers are read from, quickly.

An audit's own `audit.xlsx` holds every finding's evidence and figures besides the answers
table (over a million cells for a large organisation), so an .xlsx is read in openpyxl's
streaming mode: the first rows of every sheet (to find the table and the Periode line) and
the whole of the sheets that hold the table. Anything else (a CSV, a file that is no
workbook, a damaged one) is opened as the register is, which says what is wrong in the
catalogue's words.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.register.workbook import Sheet, read_sheets

Row = tuple[Any, ...]


def answer_sheets(path: Path, holds_table: Callable[[list[Row]], bool], head: int) -> list[Sheet]:
    """Every sheet of the file: whole where `holds_table` says its first `head` rows hold the
    answers table, else those first rows only."""
    if not _is_workbook_package(path):
        return read_sheets(path, what="responses")
    try:
        return _streamed(path, holds_table, head)
    except Exception:  # a damaged package fails in zipfile, lxml or openpyxl alike
        return read_sheets(path, what="responses")  # its words for what is wrong


def _is_workbook_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "xl/workbook.xml" in names and "mimetype" not in names


def _streamed(path: Path, holds_table: Callable[[list[Row]], bool], head: int) -> list[Sheet]:
    from openpyxl import load_workbook

    sheets: list[Sheet] = []
    whole: list[str] = []
    with path.open("rb") as handle, warnings.catch_warnings():
        # openpyxl warns about data validation and header/footer extensions it ignores.
        warnings.simplefilter("ignore")
        # A file handle, not the name: openpyxl goes by the name's extension alone, and an
        # owner's `SPORT.XLSX` or a LinkedIn-style `.xls` zip is a workbook all the same.
        workbook = load_workbook(handle, read_only=True, data_only=True)
        try:
            for ws in workbook.worksheets:
                first = list(ws.iter_rows(max_row=head, values_only=True))
                if holds_table(first):
                    sheets.append(Sheet(ws.title, list(ws.iter_rows(values_only=True))))
                    whole.append(ws.title)
                else:
                    sheets.append(Sheet(ws.title, first))
        finally:
            workbook.close()
    if whole and _has_formulas(path):
        formulas = _formulas(path, whole)
        sheets = [
            Sheet(s.name, s.rows, uncomputed=_uncomputed(s, formulas.get(s.name or "", {})))
            for s in sheets
        ]
    return sheets


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as package:
        return any(
            b"<f>" in data or b"<f " in data
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
            for data in [package.read(name)]
        )


def _formulas(path: Path, titles: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of the named sheets, by (row, column) from 0."""
    from openpyxl import load_workbook

    found: dict[str, dict[tuple[int, int], str]] = {}
    with path.open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(handle, read_only=True, data_only=False)
        try:
            for title in titles:
                for r, values in enumerate(workbook[title].iter_rows(values_only=True)):
                    for c, value in enumerate(values):
                        if isinstance(value, str) and value.startswith("="):
                            found.setdefault(title, {})[(r, c)] = value
        finally:
            workbook.close()
    return found


def _uncomputed(sheet: Sheet, formulas: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """The formulas whose result the file does not keep: their cells read as empty."""
    rows = sheet.rows
    return {
        (r, c): formula
        for (r, c), formula in formulas.items()
        if r >= len(rows) or c >= len(rows[r]) or rows[r][c] is None
    }
