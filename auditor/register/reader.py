"""Reading the register: find each sheet and its header, turn every row into a model.

Every non-blank row is used, counted as a duplicate, or rejected with its reason; every
unreadable cell becomes a `Problem` naming file, sheet, row and column. Only a file that is not a
register at all raises `InputError`. Problems carry a `Message` of the catalogue's `register`
section; they are rendered at the edge, in the report's or the CLI's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.identity import (
    home_addresses,
    looks_like_url,
    make_account_id,
    normalize_handle,
    parse_platform,
    parse_url,
    platform_key,
    profile_path,
    unwrapped,
)
from auditor.identity import platform_from_url as url_platform
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


def _section_heading(reader: SheetReader, values: dict, row: int) -> bool:
    """A row that holds one text naming a status and nothing else (`Opgeheven accounts`,
    `Niet meer in gebruik`, merged across the table or not) heads the accounts below it:
    those without a status of their own have that one, up to the next such row."""
    texts = {t for v in values.values() if (t := cells.text(v))}
    if len(texts) != 1:
        return False
    if [c for c, v in values.items() if cells.text(v)] == ["status"]:
        return False  # a status left on an emptied row is no heading
    [heading] = texts
    # `x`, `ja` or `Twitter` alone say a status or a platform of a row left half empty.
    if looks_like_url(heading) or len(heading) > 60 or parse_platform(heading) is not None:
        return False
    if _NOTE.fullmatch(heading) or "@" in heading:  # `Vragen? Mail online@…`: a note
        return False
    status = STATUS_WORDS.get(key(heading))
    if status is None:
        status, guessed = status_in_words(heading)
        if status is None or guessed:
            return False
    reader.section_status = status
    reader.problem(
        Message("register.section_status", value=heading, status=STATUS_NAMES[status]),
        row=row,
        level=Level.WARNING,
    )
    return True


# The words a total under a table starts with, and a note under it.
_TOTAL = {"totaal", "total", "totalen", "totals", "subtotaal", "subtotal", "som", "aantal"}
_NOTE = re.compile(
    r"(opmerking|noot|nb|n\.b\.|let op|toelichting|legenda|bron|vragen|versie|laatst|bijgewerkt"
    r"|note|notes|remark|\*)\b.*|\*.*",
    re.IGNORECASE,
)


def _note_or_total(reader: SheetReader, values: dict, row: int) -> bool:
    """A row under (or in) the table that is no account: a total (`Totaal | | | 12`, an Excel
    table's totals row) or a note typed in one cell (`Opmerking: accounts worden elk kwartaal
    nagelopen`). Rejected with a warning that says so, not as an account without a platform."""
    names = reader.header_names()
    for column in ("handle", "url"):
        named = cells.text(values.get(column))
        # A count (`Totaal | 8`) names no account; a number with a total word is a total.
        if (
            named
            and not named.isdigit()
            and (reader.positions[column], named.casefold()) not in names
        ):
            return False  # an account's name or link: the row is an account's
    index = row - 1
    own = _own_texts(reader, index)
    if not own:
        return False
    pos, first = own[0]
    if headers := _header_again(reader, index, own):
        message = Message("register.repeated_header", names=headers[:3])
    elif (
        len(own) == 1
        and (platform := parse_platform(first)) is not None
        and (following := _next_filled(reader, index)) is not None
        and (_header_again(reader, following) or _names_no_platform(reader, following))
    ):
        # `Instagram` above the header again, or above accounts that name no platform: a
        # block of that platform's accounts.
        reader.implied_platform = platform.value
        message = Message("register.platform_heading", value=first)
    elif key(first) in _TOTAL:
        message = Message("register.total_row", value=first)
    elif cells.text(values.get("handle")) or cells.text(values.get("url")):
        return False
    elif (
        len(own) == 1
        and not looks_like_url(first)
        and parse_platform(first) is None
        and (
            _NOTE.fullmatch(first) is not None
            # A sentence where no name is kept: under Platform, or outside the table.
            or (len(first.split()) >= 4 and pos in _unnamed(reader))
        )
    ):
        message = Message("register.note_row", value=first)
    else:
        return False
    reader.problem(message, row=row, level=Level.WARNING)
    reader.passed_over.add(row)
    return True


def _own_texts(reader: SheetReader, index: int) -> list[tuple[int, str]]:
    """The texts typed in row `index` itself (not copied from a merged cell), by position."""
    return [
        (pos, t)
        for pos, c in enumerate(reader.sheet.rows[index])
        if (index, pos) not in reader.sheet.merged and (t := cells.text(c))
    ]


def _names_no_platform(reader: SheetReader, index: int) -> bool:
    """Whether row `index` names an account (a handle or a link) but no platform."""
    row = reader.sheet.rows[index]

    def cell(column: str) -> str | None:
        pos = reader.positions.get(column)
        return cells.text(row[pos]) if pos is not None and pos < len(row) else None

    return (
        "platform" in reader.positions
        and not cell("platform")
        and bool(cell("handle") or cell("url"))
    )


def _next_filled(reader: SheetReader, index: int) -> int | None:
    """The index of the first row below row `index` that holds anything."""
    rows = range(index + 1, len(reader.sheet.rows))
    return next((i for i in rows if _own_texts(reader, i)), None)


def _header_again(
    reader: SheetReader, index: int, own: list[tuple[int, str]] | None = None
) -> list[str]:
    """The header names row `index` holds under their own columns, when most of what it holds
    (`own`, when known) is that: the header again, as a block copied with it."""
    own = _own_texts(reader, index) if own is None else own
    names = reader.header_names()
    headers = [t for p, t in own if (p, t.casefold()) in names]
    return headers if len(headers) >= 2 and len(headers) * 2 > len(own) else []


def _unnamed(reader: SheetReader) -> set[int]:
    """Positions where a cell holds no name of an account: the Platform column and every
    position outside the known columns."""
    known = set(reader.positions.values()) - {reader.positions.get("platform")}
    width = max((len(r) for r in reader.sheet.rows), default=0)
    return set(range(width)) - known


def _accounts(reader: SheetReader, values: dict, row: int) -> list[Account] | None:
    """The accounts a row stands for: one, or one per platform or handle where the row names
    several (`Facebook + Instagram`, `@zeist / @zeistjong`); None after saying why none."""
    if _section_heading(reader, values, row) or _note_or_total(reader, values, row):
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
    if len(parts) < 2 or not all(_HANDLE_TYPED.fullmatch(p) for p in parts):
        return []
    return parts


def _account(reader: SheetReader, values: dict, row: int) -> Account | None:
    identity = _identity(reader, values, row)
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
        aliases=_aliases(values, handle, name_in_handle),
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


def _identity(
    reader: SheetReader, values: dict, row: int
) -> tuple[str, str, str | None, str | None, bool] | None:
    """The account's platform, handle, profile URL, when the handle column held a name
    rather than a handle, that name, and whether the handle is a name folded (`Gemeente Zeist`
    with no URL); None after reporting why the row cannot be an account.

    A profile URL names the account exactly, so its handle is the identity; a handle column
    that disagrees (often holding the display name) is reported, not used.
    """
    raw_platform = cells.text(values.get("platform")) or reader.implied_platform
    raw_handle = _as_typed(reader, cells.text(values.get("handle")), row, "handle")
    raw_url = _as_typed(reader, cells.text(values.get("url")), row, "url")
    raw_url = raw_url or _profile_url(values.get("website"))
    name_beside = None
    if raw_url and not looks_like_url(raw_url):
        if raw_handle is None:
            raw_handle, raw_url = raw_url, None  # a bare handle typed in the URL column
        elif _HANDLE_TYPED.fullmatch(raw_url) and re.search(r"\s", raw_handle):
            # `@bunnikjong` in the link column beside `Bunnik Jong`: the link column names
            # the account, the other its name as people know it.
            name_beside, raw_handle, raw_url = raw_handle, raw_url, None
        else:
            reader.notice(
                "not_a_url", Message("register.not_a_url", value=raw_url), row=row, column="url"
            )
            raw_url = None
    url = raw_url or (raw_handle if raw_handle and looks_like_url(raw_handle) else None)
    if raw_handle and raw_handle == url:
        raw_handle = None
    from_url = url_platform(url) if url else None
    platform = platform_key(raw_platform) if raw_platform else None
    if raw_platform and platform is None and from_url is None:
        reader.problem(
            Message("register.not_a_platform", value=raw_platform), row=row, column="platform"
        )
        return None
    if from_url is not None and platform != from_url.value:
        if platform is not None:
            reader.notice(
                "platform_from_url",
                Message("register.platform_from_url", value=raw_platform, platform=from_url.value),
                row=row,
                column="platform",
            )
        platform = from_url.value
    if platform is None and url and raw_platform is None:
        platform = _platform_of_host(url)
        if platform is not None:
            reader.problem(
                Message("register.platform_from_host", url=url, platform=platform),
                row=row,
                column="platform",
                level=Level.WARNING,
            )
    if platform is None:
        reader.problem(Message("register.no_platform"), row=row, column="platform")
        return None
    url_handle = None
    if url and (from_url is not None or platform not in _HOSTED):
        url_handle = _url_handle(platform, url)
    # Another site's address, or one on the platform that names no account (a video's, a
    # short link).
    if url and url_handle is None and raw_handle is None and _short_link(url):
        column = _holding(values, url)
        reader.problem(Message("register.short_link", url=url), row=row, column=column)
        return None
    if url and url_handle is None and (from_url is not None or platform in _HOSTED):
        if raw_handle is None:
            # Nothing else names the account: one error that says why, not a warning that
            # the account name is used followed by one that there is none.
            column = _holding(values, url)
            reader.problem(
                Message("register.not_a_profile_no_handle", url=url, platform=platform),
                row=row,
                column=column,
            )
            return None
        reader.notice(
            "not_a_profile",
            Message("register.not_a_profile", url=url, platform=platform),
            row=row,
            column="url",
        )
    typed = normalize_handle(raw_handle) if raw_handle else None
    if typed is not None and not any(ch.isalnum() for ch in typed):
        # `????????`: what a file's encoding left of a name whose letters it could not hold.
        # No platform has such a handle, and `verify` could never find it.
        reader.problem(
            Message(
                "register.no_letters_url" if url_handle else "register.no_letters",
                # As the cell has it: the cleaning took trailing question marks for punctuation.
                value=cells.text(values.get("handle")) or raw_handle,
            ),
            row=row,
            column="handle",
            level=Level.WARNING if url_handle else Level.ERROR,
        )
        if url_handle is None:
            return None
        typed = None
    name_in_handle = None
    same = typed == url_handle or (
        platform == Platform.MASTODON and typed in home_addresses(url_handle or "")
    )
    if url_handle and typed and not same:
        reader.notice(
            "name_not_handle",
            Message("register.name_not_handle", value=raw_handle, handle=url_handle),
            row=row,
            column="handle",
        )
        if re.search(r"[\s,]", raw_handle):  # a display name, not a mistyped handle
            name_in_handle = raw_handle
    handle = url_handle or typed
    if handle is None:
        reader.problem(
            Message("register.no_handle"),
            row=row,
            column="handle" if "handle" in reader.positions else "url",
        )
        return None
    from_name = url_handle is None and bool(raw_handle and re.search(r"\s", raw_handle))
    if from_name:
        reader.notice(
            "looks_like_name",
            Message("register.looks_like_name", value=raw_handle),
            row=row,
            column="handle",
        )
    return platform, handle, url, name_in_handle or name_beside, from_name


# What a handle or URL cell says when there is none: typed, it would become an account that
# anyone could then create under that name.
_PLACEHOLDER = re.compile(
    r"leeg|volgt|onbekend|unknown|nb|ntb|nnb|tbd|todo|nvt|na|geen|none|nietbekend"
    r"|nogniet|nogaanmaken|nogaantemaken|nogtemaken|aanvragen|aangevraagd|zieboven|idem"
)


def _as_typed(reader: SheetReader, raw: str | None, row: int, column: str) -> str | None:
    """A handle or profile URL cell without what was typed around it: brackets and quotes, a
    full stop after it, a platform's name before it (`Twitter: @GemeenteZeist`), a note after a
    link (`https://x.com/Zeist (oud: …)`). A cell with two links is read by its first, and
    says so."""
    if raw is None:
        return None
    # Wide forms an East Asian keyboard or a PDF gives (`＠zeist`) are the plain characters.
    raw = unicodedata.normalize("NFKC", raw)
    # An emoji or sign beside it (`instagram.com/zeist 🎉`, `📷 @zeist`) is no part of it.
    text = unwrapped(" ".join(t for t in raw.split() if not _only_symbols(t)) or raw)
    if _PLACEHOLDER.fullmatch(key(text)) or key(text).startswith(("nogaan", "nognie", "nogte")):
        return None  # `(nog aanmaken)`, `volgt`, `onbekend`: no handle yet, not one called so
    tokens = [unwrapped(t) for t in text.split()]
    links = [t for t in tokens if t and looks_like_url(t)]
    # A profile before a site: `https://www.zeist.nl/sport https://x.com/zeistsport`.
    links.sort(key=lambda link: url_platform(link) is None)
    if len(links) > 1:
        reader.problem(
            Message("register.several_links", value=raw, used=links[0]),
            row=row,
            column=column,
            level=Level.WARNING,
        )
        return links[0]
    if links and (not looks_like_url(text) or re.search(r"\s[(\[–-]", text)):
        return links[0]  # `Twitter: https://x.com/Zeist`, `https://x.com/Zeist (oud)`
    label, colon, rest = text.partition(":")
    rest = rest.strip()
    if colon and rest and " " not in rest and not rest.startswith("//") and parse_platform(label):
        return rest  # `Twitter: @GemeenteZeist`, and the id form `x:gemeentezeist`
    handles = [t for t in tokens if _HANDLE_TYPED.fullmatch(t)]
    if len(tokens) > 1 and len(handles) == 1:
        # `@GemeenteZeist (Gemeente Zeist)`, `@zeist op X`, `Gemeente Zeist (@zeist)`: the one
        # @handle among words. Taken whole, the words became the account (`x:zeistopx`).
        return handles[0]
    return text or None


# Hosts of short links and link pages: an address there says nothing of the account it
# leads to, and the auditor does not follow it (it reads no web).
_SHORTENERS = {
    *("bit.ly", "t.co", "tinyurl.com", "ow.ly", "buff.ly", "lnkd.in", "goo.gl", "is.gd"),
    *("rebrand.ly", "s.id", "shorturl.at", "cutt.ly", "tiny.cc", "linktr.ee", "fb.me"),
    *("youtu.be", "vm.tiktok.com", "instagr.am", "bit.do", "rb.gy"),
}


def _holding(values: dict, url: str) -> str:
    """The column whose cell holds the address: URL, or Account or Website where it was typed."""
    return next(
        (c for c in ("url", "handle", "website") if url in (cells.text(values.get(c)) or "")),
        "url",
    )


def _short_link(url: str) -> bool:
    parsed = parse_url(url)
    host = (parsed.hostname or "").casefold().removeprefix("www.") if parsed else ""
    # TikTok's share button gives `tiktok.com/t/ZT…` besides vm.tiktok.com.
    on_tiktok_t = host == "tiktok.com" and bool(parsed) and parsed.path.startswith("/t/")
    return host in _SHORTENERS or on_tiktok_t


def _only_symbols(token: str) -> bool:
    """An emoji or a sign (`🎉`, `✅`, `👉`), with the joiners that build one; not `?`."""
    return all(unicodedata.category(ch).startswith("S") or ch in "\u200d\ufe0f" for ch in token)


def _platform_of_host(url: str) -> str | None:
    """The platform a profile address names when the Platform cell is empty and the auditor
    does not know its host: a fediverse server's `/@name` is Mastodon; a platform's host, its
    name (`www.flickr.com/photos/zeist` → `flickr`, `t.me/zeist` → `telegram`)."""
    parsed = parse_url(url)
    host = (parsed.hostname or "") if parsed else ""
    if not host or profile_path(url) is None:
        return None
    segments = [s for s in parsed.path.split("/") if s] if parsed else []
    if segments and segments[0].startswith("@"):
        return Platform.MASTODON.value
    labels = host.casefold().removeprefix("www.").removeprefix("m.").split(".")
    # Only a host that is a platform: the municipality's own site (zeist.nl/sport) is none.
    return _OTHER_PLATFORMS.get(labels[-2]) if len(labels) >= 2 else None


# Platforms the auditor has no adapter for, by the name in their host.
_OTHER_PLATFORMS = {
    name: name
    for name in (
        *("flickr", "pinterest", "snapchat", "vimeo", "soundcloud", "twitch", "reddit"),
        *("medium", "tumblr", "nextdoor", "discord", "spotify", "telegram", "strava", "issuu"),
        *("substack", "hyves", "vk", "weibo", "wechat", "line"),
    )
} | {"t": "telegram"}


def _aliases(values: dict, handle: str, name_in_handle: str | None) -> list[str]:
    """A handle typed beside a profile URL that names the account otherwise: a YouTube
    channel has an @name and a channel id, and `verify` must know it by either."""
    typed = cells.text(values.get("handle"))
    if typed is None or name_in_handle is not None or looks_like_url(typed):
        return []
    alias = normalize_handle(typed)
    return [alias] if alias and alias != handle and not re.search(r"\s", typed) else []


def _profile_url(website: object) -> str | None:
    """A platform profile typed in a Link/Website column of a register without a URL column:
    it names the account, whatever else it fails to be. So does an `@handle`, a profile on a
    server of the fediverse (`https://indieweb.social/@name`), whose host no list holds, and
    one on another platform's host (`flickr.com/photos/zeist`)."""
    raw = cells.text(website)
    if not raw:
        return None
    if _HANDLE_TYPED.fullmatch(raw):
        return raw
    if looks_like_url(raw) and (
        url_platform(raw) is not None or _on_fediverse(raw) or _platform_of_host(raw)
    ):
        return raw
    return None


_HANDLE_TYPED = re.compile(r"@[\w.]+(@[\w.-]+)?")


def _on_fediverse(url: str) -> bool:
    parsed = parse_url(url)
    return parsed is not None and re.fullmatch(r"/@[\w.]+/?", parsed.path or "") is not None


# Platforms whose profiles live on hosts the auditor knows; any other URL is not their profile.
_KNOWN = {p.value for p in Platform}
_HOSTED = _KNOWN - {Platform.MASTODON, Platform.OTHER}


def _url_handle(platform: str, url: str) -> str | None:
    """The handle a profile URL names; a Mastodon account keeps its server (`name@server`);
    on a platform the auditor does not know, the first part of the path that is no prefix
    (`flickr.com/photos/gemeentezeist` → `gemeentezeist`)."""
    if platform not in _KNOWN:
        return normalize_handle(profile_path(url))
    handle = normalize_handle(url)
    if handle and platform == Platform.MASTODON and "@" not in handle:
        parsed = parse_url(url)
        host = parsed.hostname if parsed else None
        if host:
            return f"{handle}@{host.casefold()}"
    return handle


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
