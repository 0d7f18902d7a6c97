"""Reading the register: find each sheet and its header, turn every row into a model.

Every non-blank row is used, counted as a duplicate, or rejected with its reason; every
unreadable cell becomes a `Problem` naming file, sheet, row and column. Only a file that is not a
register at all raises `InputError`. Problems carry a `Message` of the catalogue's `register`
section; they are rendered at the edge, in the report's or the CLI's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.identity import (
    make_account_id,
    parse_platform,
)
from auditor.messages import Message
from auditor.models import (
    Account,
    AccountStatus,
    AccountType,
    Goal,
    Platform,
)
from auditor.problems import InputError, Level
from auditor.register import cells
from auditor.register.account_identity import HANDLE_TYPED, aliases, row_identity
from auditor.register.cells import key
from auditor.register.columns import (
    ACCOUNT_COLUMNS,
    SHEET_NAMES,
    guess_account_column,
    lookup,
)
from auditor.register.contents import Register
from auditor.register.days import closing_day, first_day
from auditor.register.departments import departments_as_listed, read_departments
from auditor.register.header import (
    HEADER_SEARCH_ROWS,
    IDENTITY,
    WIDE,
    has_accounts_header,
    locate_header,
)
from auditor.register.layout import note_or_total, section_heading
from auditor.register.person_cells import person_columns
from auditor.register.sheet import SheetReader, Where, in_turn
from auditor.register.sheets import (
    find_sheet,
    more_account_sheets,
    platform_sheets,
    report_unread_sheets,
)
from auditor.register.staff import read_people
from auditor.register.status import (
    STATUS_NAMES,
    STATUS_WORDS,
    STATUSES,
    date_in_status,
    status_in_words,
)
from auditor.register.waivers import read_waiver_file, read_waivers
from auditor.register.workbook import Sheet, read_sheets

TYPES = {
    **dict.fromkeys(
        [
            "hoofdaccount",
            "hoofd",
            "main",
            "mainaccount",
            "primary",
            "primair",
            "corporate",
            "corporateaccount",
            *["algemeen", "algemeenaccount", "gemeentebreed", "organisatiebreed", "centraal"],
            *["organisatie", "organisatieaccount", "concern", "concernaccount"],
        ],
        AccountType.MAIN,
    ),
    **dict.fromkeys(
        [
            *["nevenaccount", "neven", "secondary", "secondaryaccount", "sub", "subaccount"],
            *["themaaccount", "thema", "projectaccount", "project", "afdelingsaccount"],
            *["afdeling", "team", "teamaccount", "campagne", "campagneaccount", "tijdelijk"],
            *["wijk", "wijkaccount", "lokaal", "secundair", "decentraal"],
        ],
        AccountType.SECONDARY,
    ),
}
GOALS = {
    **dict.fromkeys(["luisteren", "listen", "listening", "monitoren"], Goal.LUISTEREN),
    **dict.fromkeys(["informeren", "inform", "informing", "informatie", "zenden"], Goal.INFORMEREN),
    **dict.fromkeys(["dialoog", "dialogue", "dialog", "gesprek", "inGesprek"], Goal.DIALOOG),
    **dict.fromkeys(
        ["samenwerken", "samenwerking", "collaborate", "collaboration", "participatie"],
        Goal.SAMENWERKEN,
    ),
}
GOALS = {key(k): v for k, v in GOALS.items()}


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
    for sheet in [accounts_sheet, *more] if accounts_sheet is not None else more:
        _read_accounts(register, sheet, seen=seen, kept=kept, by_department=by_department)
    for sheet, platform in by_platform:
        _read_accounts(register, sheet, platform, seen=seen, kept=kept)
    if (sheet := find_sheet(sheets, "staff")) is not None:
        register.staff = read_people(register, sheet)
    if (sheet := find_sheet(sheets, "departments")) is not None:
        register.departments = read_departments(register, sheet)
        departments_as_listed(register)
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


def _read_accounts(
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
    _report_missing_columns(reader)
    accounts = reader.read_rows(
        lambda values, row: _accounts(reader, values, row),
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
    name = reader.sheet.name
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


def _report_missing_columns(reader: SheetReader) -> None:
    """Each missing column once, with what follows from its absence; not once per row."""
    from auditor.engine import registry

    absent = set(ACCOUNT_COLUMNS) - set(reader.positions) - IDENTITY
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


def _accounts(reader: SheetReader, values: dict, row: int) -> list[Account] | None:
    """The accounts a row stands for: one, or one per platform or handle where the row names
    several (`Facebook + Instagram`, `@zeist / @zeistjong`); None after saying why none."""
    if section_heading(reader, values, row) or note_or_total(reader, values, row):
        return None
    if any(c.startswith(WIDE) for c in reader.positions):
        return _accounts_across(reader, values, row)
    platforms = _several(reader, values, row, "platform", _platforms_in)
    handles = _several(reader, values, row, "handle", _handles_in)
    variants = [
        {**values, "platform": platform, "handle": handle}
        for platform in platforms or [values.get("platform")]
        for handle in handles or [values.get("handle")]
    ]
    built = [a for v in variants if (a := _account(reader, v, row)) is not None]
    return built or None


def _accounts_across(reader: SheetReader, values: dict, row: int) -> list[Account] | None:
    """A row of a register kept a column per platform: an account for each platform column
    that holds a handle or a link. A mark there (`x`, `ja`, `✓`) says there is an account but
    not which, and is said so."""
    built = []
    said = len(reader.register.problems)
    for column in [c for c in reader.positions if c.startswith(WIDE)]:
        raw = cells.text(values.get(column))
        if raw is None:
            continue
        # Problems about the handle name the platform's column, as the sheet heads it.
        reader.labels["handle"] = reader.labels[column]
        if raw.casefold().rstrip(".!") in cells.YES | cells.NO:
            reader.problem(
                Message("register.mark_not_handle", value=raw, platform=reader.labels[column]),
                row=row,
                column=column,
            )
            continue
        platform = column.removeprefix(WIDE)
        for handle in _handles_in(raw) or [raw]:
            variant = {**values, "platform": platform, "handle": handle}
            if (account := _account(reader, variant, row)) is not None:
                built.append(account)
    if not built and len(reader.register.problems) == said:
        reader.problem(Message("register.no_account_across"), row=row)
    return built or None


def _several(
    reader: SheetReader, values: dict, row: int, column: str, split: Callable
) -> list[str] | None:
    """The platforms or handles a cell names when it names more than one, said as a warning;
    None when it names one or none."""
    raw = cells.text(values.get(column))
    parts = split(raw) if raw else []
    if len(parts) < 2:
        return None
    reader.problem(
        Message(f"register.several_{column}s", value=raw, parts=parts),
        row=row,
        column=column,
        level=Level.WARNING,
    )
    return parts


def _platforms_in(raw: str) -> list[str]:
    """`Facebook + Instagram`, `FB/Insta`, `Facebook en Instagram`: each platform named."""
    parts = [p for p in re.split(r"\s*(?:[+/&,;]|\ben\b|\band\b)\s*", raw) if p.strip()]
    known = [parse_platform(p) for p in parts]
    if len(parts) < 2 or any(k is None or k == Platform.OTHER for k in known):
        return []  # `X (voorheen Twitter)`, `Twitter/X`: one platform named twice
    found = list(dict.fromkeys(k.value for k in known if k is not None))
    return parts if len(found) == len(parts) else []


def _handles_in(raw: str) -> list[str]:
    """`@zeist / @zeistjong`, or one a line: each handle, when every part is an @handle."""
    parts = [p for p in re.split(r"\s*(?:[/,;\s]|\ben\b)\s*", raw) if p]
    if len(parts) < 2 or not all(HANDLE_TYPED.fullmatch(p) for p in parts):
        return []
    return parts


def _account(reader: SheetReader, values: dict, row: int) -> Account | None:
    identity = row_identity(reader, values, row)
    if identity is None:
        return None
    platform, handle, url, name_in_handle, from_name = identity

    def get(column: str, parser: Callable = cells.text) -> Any:
        return reader.parse(values, column, parser, row)

    # Without the column at all, the sheet says so once (`_report_missing_columns`).
    account_type = _choice(reader, values, "type", TYPES, row)
    if account_type is None and "type" in reader.positions and not get("type"):
        reader.problem(Message("register.no_type"), row=row, column="type", level=Level.WARNING)
    closing, closed = get("closed", closing_day) or (None, None)
    status = _status(reader, values, row, closing and (closed is None or closed <= _TODAY))
    closed = closed or date_in_status(cells.text(values.get("status")), status)
    started = get("started", first_day)
    _contradictions(reader, row, status, started, closed)
    goal_raw = get("goal")
    consulted, consulted_on = get("communicatie_consulted", cells.date_or_boolean) or (None, None)
    ack, ack_on = get("guideline_ack", cells.date_or_boolean) or (None, None)
    return Account(
        source_row=row,
        account_id=make_account_id(platform, handle),
        platform=platform,
        handle=handle,
        aliases=aliases(values, handle, name_in_handle),
        handle_from_name=from_name,
        url=url,
        display_name=get("display_name") or name_in_handle,
        type=account_type or AccountType.SECONDARY,
        department=get("department") or reader.implied_department,
        sender=get("sender"),
        **person_columns(reader, values, "owner", row),
        **person_columns(reader, values, "substitute", row),
        responder=get("responder"),
        goal=_goals(goal_raw),
        goal_raw=goal_raw,
        role=get("role"),
        audience=get("audience"),
        content_strategy=get("content_strategy"),
        communicatie_consulted=consulted,
        communicatie_consulted_on=consulted_on,
        house_style_review=get("house_style_review", first_day),
        owner_training=get("owner_training", first_day),
        guideline_ack=ack,
        guideline_ack_on=ack_on,
        bio=get("bio"),
        website=get("website"),
        expected_posts_per_week=get("expected_posts_per_week", cells.per_week),
        started=started,
        status=status,
        closed=closed,
        two_factor=get("two_factor"),
        administrators=get("administrators", cells.listing),
        archiving=get("archiving"),
    )


def _choice(reader: SheetReader, values: dict, column: str, table: dict, row: int) -> Any:
    raw = cells.text(values.get(column))
    if raw is None:
        return None
    choice = table.get(key(raw))
    if choice is None:
        # In the user's words (`hoofdaccount`), not the values the auditor keeps (`main`).
        allowed = [Message(f"register.{column}_word.{v}") for v in sorted(set(table.values()))]
        reader.problem(
            Message("register.not_one_of", value=raw, allowed=allowed), row=row, column=column
        )
    return choice


# A closing date is past when it lies before the day the register is read.
_TODAY = dt.date.today()


def _contradictions(
    reader: SheetReader,
    row: int,
    status: AccountStatus,
    started: dt.date | None,
    closed: dt.date | None,
) -> None:
    """Dates that cannot both be right, said rather than passed on: an account closed before
    it started, or in use by its status while its closing date has passed (posts after that
    date then count as posted after closing)."""
    if started and closed and closed < started:
        reader.problem(
            Message("register.closed_before_started", closed=closed, started=started),
            row=row,
            column="closed",
            level=Level.WARNING,
        )
    if (
        status is AccountStatus.ACTIVE
        and closed
        and closed < _TODAY
        and "status" in reader.positions
    ):
        reader.problem(
            Message("register.active_but_closed", closed=closed),
            row=row,
            column="status",
            level=Level.WARNING,
        )


def _status(
    reader: SheetReader, values: dict, row: int, has_closed: bool | None = None
) -> AccountStatus:
    """The account's status as people write it: `Actief`, `in gebruik`, `Gesloten per
    1-3-2024`, `niet meer actief`, `nog niet live`, `Actef`. Without one, a heading above the
    row gives it, else a closing date that has passed (or `Opgeheven: ja`) says closed. What
    cannot be read is reported and taken as actief: the audit then judges the account rather
    than skip it."""
    raw = cells.text(values.get("status"))
    if raw is None and reader.section_status is not None:
        return reader.section_status
    if raw is None and has_closed:
        return AccountStatus.CLOSED
    if raw is None:
        if "status" in reader.positions:
            reader.problem(
                Message("register.no_status"), row=row, column="status", level=Level.WARNING
            )
        return AccountStatus.ACTIVE
    if (exact := STATUSES.get(key(raw))) is not None:
        return exact
    status, guessed = status_in_words(raw)
    if status is None:
        allowed = list(STATUS_NAMES.values())
        reader.problem(
            Message("register.unknown_status", value=raw, allowed=allowed), row=row, column="status"
        )
        return AccountStatus.ACTIVE
    if guessed:
        reader.problem(
            Message("register.status_read_as", value=raw, status=STATUS_NAMES[status]),
            row=row,
            column="status",
            level=Level.WARNING,
        )
    return status


def _goals(raw: str | None) -> list[Goal]:
    """Recognised goals; words that are no goal stay in `goal_raw` for DOC001 to report."""
    if raw is None:
        return []
    words = [w for w in _split(raw) if w]
    goals = [GOALS[key(w)] for w in words if key(w) in GOALS]
    return list(dict.fromkeys(goals))


def _split(raw: str) -> list[str]:
    return [w.strip() for w in re.split(r"[,;/&+\n]|\sen\s|\sand\s", raw)]
