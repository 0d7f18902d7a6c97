"""Reading the register: find each sheet and its header, turn every row into a model.

Every non-blank row is used, counted as a duplicate, or rejected with its reason; every
unreadable cell becomes a `Problem` naming file, sheet, row and column. Only a file that is not a
register at all raises `InputError`. Problems carry a `Message` of the catalogue's `register`
section; they are rendered at the edge, in the report's or the CLI's language.

This module only puts the sheets in their roles and reads them in turn; each job has a module:
`workbook` opens the file, `sheets` tells which sheet is which, `sheet` reads one sheet (with
`header` to find its header), `accounts_sheet` an accounts sheet and `account_row` one of its
rows (`account_identity`, `person_cells` and `layout` its cells and its rows that are none),
`staff`, `departments` and `waivers` the other sheets, `contents` what the register holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from auditor.messages import Message
from auditor.models import Account
from auditor.problems import InputError
from auditor.register import cells
from auditor.register.accounts_sheet import missing_columns_once, read_accounts
from auditor.register.columns import ACCOUNT_COLUMNS, guess_account_column, lookup
from auditor.register.contents import Register
from auditor.register.departments import (
    departments_as_listed,
    departments_written_alike,
    read_departments,
)
from auditor.register.header import has_accounts_header, locate_header
from auditor.register.sheet import Where
from auditor.register.sheets import (
    find_sheet,
    more_account_sheets,
    platform_sheets,
    report_unread_sheets,
)
from auditor.register.staff import people_as_listed, read_people
from auditor.register.waivers import read_waiver_file, read_waivers
from auditor.register.workbook import read_sheets

__all__ = ["Register", "load_register"]


def load_register(path: str | Path, waiver_files: Sequence[str | Path] = ()) -> Register:
    """The register workbook, with the waivers of its own sheet and of `waiver_files`."""
    path = Path(path)
    sheets = read_sheets(path)
    if not any(cells.text(c) for sheet in sheets for row in sheet.rows for c in row):
        raise InputError(path, Message("register.empty_workbook"))
    register = Register(path=path)
    accounts_sheet = find_sheet(sheets, "accounts")
    if accounts_sheet is None:
        # A CSV is the Accounts sheet alone; in a workbook it is the sheet with the accounts'
        # header, whatever its name (Blad1, or behind a sheet of instructions).
        others = {
            id(s) for role in ("staff", "departments", "waivers") if (s := find_sheet(sheets, role))
        }
        candidates = [s for s in sheets if id(s) not in others]
        table = lookup(ACCOUNT_COLUMNS)
        accounts_sheet = next(
            (
                s
                for s in candidates
                if locate_header(s, table, has_accounts_header, guess_account_column)
            ),
            None if platform_sheets(candidates) else (candidates[0] if candidates else None),
        )
    by_platform = platform_sheets([s for s in sheets if s is not accounts_sheet])
    if accounts_sheet is None and not by_platform:
        raise InputError(path, Message("register.no_accounts_sheet"))
    taken = {id(accounts_sheet)} | {id(s) for s, _ in by_platform}
    more = more_account_sheets([s for s in sheets if id(s) not in taken])
    # A register kept a tab per department: each tab's name is the department of its
    # accounts that name none.
    by_department = accounts_sheet is not None and bool(more)
    seen: dict[str, Where] = {}
    kept: dict[str, Account] = {}
    start = len(register.problems)
    for sheet in [accounts_sheet, *more] if accounts_sheet is not None else more:
        read_accounts(register, sheet, seen=seen, kept=kept, by_department=by_department)
    for sheet, platform in by_platform:
        read_accounts(register, sheet, platform, seen=seen, kept=kept)
    missing_columns_once(register, start)
    if (sheet := find_sheet(sheets, "staff")) is not None:
        register.staff = read_people(register, sheet)
        people_as_listed(register)
    if (sheet := find_sheet(sheets, "departments")) is not None:
        register.departments = read_departments(register, sheet)
        departments_as_listed(register)
    departments_written_alike(register)
    if (sheet := find_sheet(sheets, "waivers")) is not None:
        register.waivers = read_waivers(register, sheet)
    for file in map(Path, waiver_files):
        register.waivers += read_waiver_file(register, file)
    used = (
        taken
        | {id(sheet) for sheet in more}
        | {id(s) for role in ("staff", "departments", "waivers") if (s := find_sheet(sheets, role))}
    )
    report_unread_sheets(register, [s for s in sheets if id(s) not in used])
    return register
