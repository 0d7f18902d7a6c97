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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.register.workbook import (
    Sheet,
    has_workbook,
    keeps_uncomputed_formulas,
    read_sheets,
    uncomputed,
)

Row = tuple[Any, ...]


def answer_sheets(path: Path, holds_table: Callable[[list[Row]], bool], head: int) -> list[Sheet]:
    """Every sheet of the file: whole where `holds_table` says its first `head` rows hold the
    answers table, else those first rows only."""
    if not has_workbook(path):
        return read_sheets(path, what="responses")
    try:
        return _streamed(path, holds_table, head)
    except Exception:  # a damaged package fails in zipfile, lxml or openpyxl alike
        return read_sheets(path, what="responses")  # its words for what is wrong


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
    if whole and keeps_uncomputed_formulas(path):
        formulas = _formulas(path, whole)
        sheets = [
            Sheet(s.name, s.rows, uncomputed=uncomputed(s.rows, formulas.get(s.name or "", {})))
            for s in sheets
        ]
    return sheets


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
