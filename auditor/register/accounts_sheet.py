"""An accounts sheet as a whole: its header found, what its name says of its accounts, each
missing column and each unknown platform said once, and every row made accounts, an account
listed twice counted as a duplicate."""

from __future__ import annotations

import re

from auditor.identity import make_account_id
from auditor.messages import Message
from auditor.models import Account, AccountStatus, Platform
from auditor.problems import InputError, Level
from auditor.register.account_row import accounts_in_row
from auditor.register.cells import key
from auditor.register.columns import ACCOUNT_COLUMNS, SHEET_NAMES
from auditor.register.contents import Register
from auditor.register.header import (
    FORMER_HANDLE,
    HEADER_SEARCH_ROWS,
    IDENTITY,
    has_accounts_header,
)
from auditor.register.layout import (
    grouped_departments,
    has_department_headings,
    heading_above_header,
)
from auditor.register.person_rows import PersonRows, one_row_per_person
from auditor.register.sheet import SheetReader, Where, in_turn
from auditor.register.sheets import sheet_title
from auditor.register.status import STATUS_NAMES, STATUS_WORDS, status_in_words
from auditor.register.workbook import Sheet


def _sheet_status(name: str | None) -> AccountStatus | None:
    """The status a sheet's name gives its accounts (`Opgeheven accounts`, `Archief`)."""
    if not name:
        return None
    folded = re.sub(r"accounts?$", "", key(name))
    if folded in {
        "archief",
        "archive",
        "gearchiveerd",
        "oud",
        "oude",
        "old",
        "former",
        "vervallen",
    }:
        return AccountStatus.CLOSED
    status = STATUS_WORDS.get(key(name))
    if status is None:
        status, guessed = status_in_words(name)
        if guessed:
            return None
    return status


# Names a sheet has from the spreadsheet program, or for every register alike: no department.
_GENERIC_SHEET = re.compile(r"(blad|sheet|tabblad|tab|tabel|table)\d*")


_RANK = {AccountStatus.ACTIVE: 0, AccountStatus.PLANNED: 1, AccountStatus.CLOSED: 2}


def read_accounts(
    register: Register,
    sheet: Sheet,
    platform: str | None = None,
    seen: dict | None = None,
    kept: dict | None = None,
    by_department: bool = False,
) -> None:
    """The accounts of a sheet; `platform` for a sheet named after one, whose rows may leave
    the platform out; `seen` the accounts of the sheets read before, by id and row;
    `by_department` when the register keeps a tab per department, named after it."""
    reader = SheetReader(register, sheet, ACCOUNT_COLUMNS, role="accounts")
    reader.implied_platform = platform
    required = has_accounts_header
    if platform is not None:
        required = lambda found: has_accounts_header(found | {"platform"})  # noqa: E731
    if not reader.find_header(required):
        raise InputError(
            register.path,
            Message("register.no_header_in_sheet", sheet=sheet.name, count=HEADER_SEARCH_ROWS)
            if sheet.name
            else Message("register.no_header_in_file", count=HEADER_SEARCH_ROWS),
        )
    _implied_by_name(reader, by_department)
    if one_row_per_person(reader):
        reader.person_rows = PersonRows(reader)
    heading_above_header(reader)
    _report_missing_columns(reader)
    grouped_departments(reader)
    if FORMER_HANDLE in reader.positions:
        reader.problem(
            Message("register.former_handle_column", column=reader.labels[FORMER_HANDLE]),
            row=reader.header_row + 1,
            level=Level.WARNING,
        )
    accounts = reader.read_rows(
        lambda values, row: accounts_in_row(reader, values, row),
        identity=lambda account: account.account_id,
        duplicate=lambda account, first, row: (
            _duplicate_account(account, first, row),
            Level.ERROR,
        ),
        seen=seen,
        # An account listed twice, once in use and once closed (a handle taken up again): the
        # list of official accounts must hold it as in use.
        prefer=lambda later, earlier: _RANK[later.status] < _RANK[earlier.status],
        kept=kept,
        # A channel registered by its URL with its @name beside it, and again by the @name.
        also_known=lambda account: [make_account_id(account.platform, a) for a in account.aliases],
        named_only=lambda account: account.url is None,
        combine=reader.person_rows.combine if reader.person_rows is not None else None,
    )
    register.accounts += accounts
    _report_unknown_platforms(reader, accounts)


def _duplicate_account(account: Account, first: Where, unused: Where) -> Message:
    """An account listed twice: on one sheet by its rows, on two by sheet and row."""
    if first[0] == unused[0]:
        return Message(
            "register.duplicate_account", account=account.account_id, first=first[1], row=unused[1]
        )
    return Message(
        "register.duplicate_account_sheets",
        account=account.account_id,
        first_sheet=first[0],
        first=first[1],
        sheet=unused[0],
        row=unused[1],
    )


def _implied_by_name(reader: SheetReader, by_department: bool) -> None:
    """What a sheet's name says of its accounts: a status (`Opgeheven accounts`), or, in a
    register kept a tab per department, their department. Said once for the sheet."""
    name = sheet_title(reader.sheet.name) if reader.sheet.name else None
    status = _sheet_status(name)
    if status is not None:
        reader.section_status = status
        reader.problem(
            Message("register.sheet_status", sheet=name, status=STATUS_NAMES[status]),
            level=Level.WARNING,
        )
        return
    folded = key(name or "")
    generic = {key(n) for n in SHEET_NAMES["accounts"]}
    if not by_department or folded in generic or _GENERIC_SHEET.fullmatch(folded):
        return
    reader.implied_department = name
    reader.problem(Message("register.sheet_department", department=name), level=Level.WARNING)


# What the reader assumes for every account when the register has no such column.
_ASSUMED = {
    "type": Message("register.assumed_type"),
    "status": Message("register.assumed_status"),
}


_MISSING = {"register.missing_column", "register.missing_columns_quiet"}
_SHEETS_NAMED = 5


def missing_columns_once(register: Register, start: int) -> None:
    """A column missing on several accounts sheets (a tab per department, each with the same
    header) said once, on the first, with the others named: 200 tabs gave 2,600 lines of the
    same dozen warnings. `start`: the first problem of the accounts sheets."""
    first: dict[tuple[str, str], int] = {}
    others: dict[int, list[str]] = {}
    keep = []
    for index, problem in enumerate(register.problems):
        if index < start or problem.message.key not in _MISSING:
            keep.append(problem)
            continue
        identity = (problem.message.key, repr(problem.message.to_store()))
        if identity in first:
            others[first[identity]].append(problem.sheet or "")
            continue
        first[identity] = len(keep)
        others[len(keep)] = []
        keep.append(problem)
    for index, sheets in others.items():
        if not sheets:
            continue
        named = sheets[:_SHEETS_NAMED] + (["…"] if len(sheets) > _SHEETS_NAMED else [])
        problem = keep[index]
        keep[index] = problem.model_copy(
            update={
                "message": Message(
                    "register.also_on_sheets",
                    what=problem.message,
                    count=len(sheets),
                    sheets=named,
                )
            }
        )
    register.problems[:] = keep


def _report_missing_columns(reader: SheetReader) -> None:
    """Each missing column once, with what follows from its absence; not once per row."""
    from auditor.engine import registry

    absent = set(ACCOUNT_COLUMNS) - set(reader.positions) - IDENTITY
    # A `Hoofdaccount?` column says the type as Type does: either one serves.
    absent.discard("main_account")
    if "main_account" in reader.positions:
        absent.discard("type")
    if reader.implied_department or has_department_headings(reader):
        absent.discard("department")  # the sheet's name or its headings give it
    quiet = []
    for column in ACCOUNT_COLUMNS:
        if column not in absent:
            continue
        consequences = [_ASSUMED[column]] if column in _ASSUMED else []
        if column == "status" and "closed" in reader.positions:
            closed = reader.labels.get("closed", reader.label("closed"))
            consequences = [Message("register.assumed_status_unless", column=closed)]
        consequences += [
            Message("register.check_fails_everywhere", check=check.meta.id, name=check.meta.name)
            for check in registry().values()
            if column in check.meta.needs and set(check.meta.needs) <= absent
        ]
        label = reader.label(column)
        if consequences:
            reader.problem(
                Message(
                    "register.missing_column", column=label, consequences=in_turn(consequences)
                ),
                row=reader.header_row + 1,
                level=Level.WARNING,
                audit_only=column not in _ASSUMED,
            )
        else:
            quiet.append(Message("register.quoted", text=label))
    if quiet:
        reader.problem(
            Message("register.missing_columns_quiet", count=len(quiet), columns=quiet),
            row=reader.header_row + 1,
            level=Level.WARNING,
            audit_only=True,
        )


def _report_unknown_platforms(reader: SheetReader, accounts: list[Account]) -> None:
    """One warning per platform the auditor has no name for: its accounts stay in the audit."""
    known = {p.value for p in Platform}
    rows: dict[str, list[int]] = {}
    for account in accounts:
        if account.platform not in known:
            rows.setdefault(account.platform, []).append(account.source_row or 0)
    for platform, where in rows.items():
        listed = Message(
            "register.row_list_more" if len(where) > 10 else "register.row_list", rows=where[:10]
        )
        reader.problem(
            Message("register.unknown_platform", platform=platform, count=len(where), rows=listed),
            column="platform",
            level=Level.WARNING,
        )
