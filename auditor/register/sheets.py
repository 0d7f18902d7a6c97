"""Which sheets of a workbook are the register's, and in what role: the Accounts sheet under
any name, a tab per platform or per department, the staff, departments and waivers sheets;
and the sheets with content that are none of these, named rather than passed over."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from auditor.messages import Message
from auditor.problems import Level, Problem
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.columns import ACCOUNT_COLUMNS, SHEET_NAMES, guess_account_column, lookup
from auditor.register.contents import Register
from auditor.register.header import has_accounts_header, locate_header, platform_named_alone
from auditor.register.workbook import Sheet


def find_sheet(sheets: list[Sheet], role: str) -> Sheet | None:
    names = {key(n) for n in SHEET_NAMES[role]}
    for sheet in sheets:
        if sheet.name is not None and sheet_key(sheet.name) in names:
            return sheet
    return None


# What Numbers adds to the name of a sheet it exports to Excel, a worksheet per table:
# `Medewerkers - Tabel 1`. The staff list so named was "not a sheet the register has".
_NUMBERS_TABLE = re.compile(r"\s+-\s+(?:tabel|table)\s*\d+\s*$", re.IGNORECASE)


def sheet_title(name: str) -> str:
    """A sheet's name without the table's number Numbers adds to it: what it says of its
    rows (a platform, a department, closed accounts) is said before it."""
    return _NUMBERS_TABLE.sub("", name)


def sheet_key(name: str) -> str:
    """A sheet's name as its role is known by: folded, without a table's number after it."""
    return key(sheet_title(name))


def platform_sheets(sheets: list[Sheet]) -> list[tuple[Sheet, str]]:
    """Sheets named after a platform (`Facebook`, `Instagram`, `X (Twitter)`) whose header is
    an accounts header once the platform is taken from the name: a register kept a tab per
    platform. Sheets of the register's other roles are not among them."""
    roles = {key(n) for role in ("staff", "departments", "waivers") for n in SHEET_NAMES[role]}
    table = lookup(ACCOUNT_COLUMNS)
    found = []
    for sheet in sheets:
        if sheet.name is None or sheet_key(sheet.name) in roles:
            continue
        # The name is the platform's and nothing more (`Twitter statistieken` is no list of
        # accounts), give or take a word for accounts (`Instagram-accounts`).
        platform = platform_named_alone(sheet_title(sheet.name))
        if platform is None:
            continue
        implied = lambda f: has_accounts_header(f | {"platform"})  # noqa: E731
        if locate_header(sheet, table, implied, guess_account_column):
            found.append((sheet, platform.value))
    return found


# Sheet names of a copy kept beside the register, not a part of it (last year's tab, a
# backup, an example), or of figures about the accounts (followers, a content calendar):
# their accounts would all be duplicates, or accounts long gone.
_COPY = re.compile(
    r"kopie|copy|backup|sjabloon|template|voorbeeld|example|instructie|toelichting|(19|20)\d\d"
    r"|statistiek|stats|cijfers|volgers|followers|analytics|bereik|kpi|planning|kalender|begroting"
)


# The name a spreadsheet program gives a copied sheet (`Accounts (2)`, `Communicatie (3)`).
_PROGRAM_COPY = re.compile(r"\(\d+\)\s*$")


def more_account_sheets(sheets: list[Sheet]) -> list[Sheet]:
    """Sheets beside the Accounts sheet whose header is an accounts header: a register kept a
    tab per department (`Communicatie`, `Mobiliteit`), or with its closed accounts on a tab of
    their own (`Opgeheven accounts`). Sheets of the register's other roles, and copies, are not
    among them."""
    roles = {key(n) for role in ("staff", "departments", "waivers") for n in SHEET_NAMES[role]}
    table = lookup(ACCOUNT_COLUMNS)
    return [
        sheet
        for sheet in sheets
        if sheet.name is not None
        and sheet_key(sheet.name) not in roles
        and not _COPY.search(key(sheet.name))
        and not _PROGRAM_COPY.search(sheet.name)
        and locate_header(sheet, table, has_accounts_header, guess_account_column)
    ]


def report_unread_sheets(register: Register, sheets: list[Sheet]) -> None:
    """A sheet with content that is none of the register's is named, not passed over in
    silence: a staff list on a sheet called "Personeelslijst" would otherwise never count."""
    names = {key(n): (role, ns[0]) for role, ns in SHEET_NAMES.items() for n in ns}
    register_sheets = [ns[0] for ns in SHEET_NAMES.values()]
    for sheet in sheets:
        if not any(cells.text(c) for row in sheet.rows for c in row):
            continue
        match = process.extractOne(
            key(sheet.name or ""), list(names), scorer=fuzz.partial_ratio, score_cutoff=85
        )
        if match:
            role, name = names[match[0]]
            message = Message(
                "register.unread_sheet_hint",
                sheets=register_sheets,
                role=Message(f"register.sheet_role.{role}"),
                name=name,
            )
        else:
            message = Message("register.unread_sheet", sheets=register_sheets)
        register.problems.append(
            Problem(
                level=Level.WARNING,
                file=register.path.name,
                sheet=sheet.name,
                message=message,
            )
        )
