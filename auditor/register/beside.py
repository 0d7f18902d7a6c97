"""Registers kept in a folder under a name of their own (`Register sociale media Gemeente
X.xlsx`): `auditor init` there writes no template beside them, and says how to use them."""

from __future__ import annotations

from pathlib import Path

from auditor.problems import InputError
from auditor.register.cells import key
from auditor.register.columns import ACCOUNT_COLUMNS, guess_account_column, lookup
from auditor.register.header import has_accounts_header, locate_header
from auditor.register.sheets import find_sheet
from auditor.register.workbook import Sheet, read_sheets

TEMPLATE_NAME = "register.xlsx"
_WORKBOOKS = {".xlsx", ".xlsm"}


def registers_in(folder: Path) -> list[Path]:
    """The workbooks in `folder` (not below it) that hold a register, other than
    `register.xlsx`: an Accounts sheet, or a sheet headed as accounts are. Excel's lock files,
    hidden files and workbooks that cannot be read are none."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if (
            path.name == TEMPLATE_NAME
            or path.name.startswith(("~$", "."))
            or path.suffix.casefold() not in _WORKBOOKS
            or not path.is_file()
        ):
            continue
        try:
            sheets = read_sheets(path)
        except InputError:
            continue
        if _holds_accounts(sheets):
            found.append(path)
    return found


def _holds_accounts(sheets: list[Sheet]) -> bool:
    if find_sheet(sheets, "accounts") is not None:
        return True
    table = lookup(ACCOUNT_COLUMNS)
    for sheet in sheets:
        header = locate_header(sheet, table, has_accounts_header, guess_account_column)
        # An activity export in the canonical format names platform and account too; its
        # items' ids and times are what no register holds.
        if header is not None and not {"itemid", "timestamp"} & _keys(sheet, header[0]):
            return True
    return False


def _keys(sheet: Sheet, row: int) -> set[str]:
    return {key(str(cell)) for cell in sheet.rows[row] if cell is not None}
