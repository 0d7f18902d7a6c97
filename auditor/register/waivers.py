"""Waivers: the register's own Uitzonderingen sheet and waiver files beside it, each row a
check (or several) waived on one account, with a reason, who approved it and until when."""

from __future__ import annotations

import re
from pathlib import Path

from auditor.identity import looks_like_url, make_account_id, normalize_handle, parse_platform
from auditor.identity import platform_from_url as url_platform
from auditor.messages import Message
from auditor.models import Waiver
from auditor.problems import InputError, Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.columns import WAIVER_COLUMNS
from auditor.register.contents import Register
from auditor.register.days import last_day
from auditor.register.layout import passed_over_as_note
from auditor.register.sheet import SheetReader
from auditor.register.sheets import find_sheet
from auditor.register.workbook import Sheet, read_sheets


def read_waiver_file(register: Register, path: Path) -> list[Waiver]:
    """A file of waivers: its Uitzonderingen/Waivers sheet, else its first sheet (a CSV's only)."""
    sheets = read_sheets(path, what="waivers")
    sheet = find_sheet(sheets, "waivers") or (sheets[0] if sheets else None)
    if sheet is None:
        raise InputError(path, Message("register.no_waiver_sheet"))
    return read_waivers(register, sheet, path)


def read_waivers(register: Register, sheet: Sheet, path: Path | None = None) -> list[Waiver]:
    from auditor.engine import registry

    reader = SheetReader(register, sheet, WAIVER_COLUMNS, path, role="waivers")
    if not reader.find_header(lambda found: {"account", "check_id"} <= found):
        reader.problem(Message("register.no_waiver_header"))
        return []
    # A check by its id as people type it (`STY001`, `sty 001`, `STY-001`) or by its name as
    # the reports show it beside the id (`display-name`).
    known_checks = {key(check_id): check_id for check_id in registry()}
    known_checks |= {key(check.meta.name): check_id for check_id, check in registry().items()}
    known_accounts = {a.account_id for a in register.accounts}
    return reader.read_rows(
        lambda values, row: _waiver(reader, values, row, known_checks, known_accounts)
    )


# Several checks waived on one row: `ACT003, ACT004`, `STY001 en STY002`, one a line.
# A finding's id as the reports and workbooks show it: its check's id and a hash.
_FINDING_ID = re.compile(r"\s*([A-Za-z]{3}-?\d{3})-[0-9a-fA-F]{6,}\s*")


_CHECKS_APART = re.compile(r"[,;/+&\n]|\s(?:en|and)\s", re.IGNORECASE)


def _waiver(
    reader: SheetReader,
    values: dict,
    row: int,
    known_checks: dict[str, str],
    known_accounts: set[str],
) -> list[Waiver] | None:
    if passed_over_as_note(reader, row, "register.waiver_note_row"):
        return None
    written = [p.strip() for p in _CHECKS_APART.split(cells.text(values.get("check_id")) or "")]
    written = [p for p in written if p]
    if not written:
        reader.problem(Message("register.no_check_id"), row=row, column="check_id")
        return None
    check_ids = []
    for part in written:
        check_id = known_checks.get(key(part))
        finding = _FINDING_ID.fullmatch(part)
        if check_id is None and finding and known_checks.get(key(finding[1])):
            # A finding's id copied from a report (`OWN001-794387327a`): a waiver is of a check
            # on an account, and the id names the check.
            check_id = known_checks[key(finding[1])]
            reader.problem(
                Message("register.finding_id_as_check", written=part, check=check_id),
                row=row,
                column="check_id",
                level=Level.WARNING,
            )
        if check_id is None:
            reader.problem(
                Message("register.unknown_check", check=part.upper().replace(" ", "")),
                row=row,
                column="check_id",
            )
        elif check_id not in check_ids:
            check_ids.append(check_id)
    if not check_ids:
        return None
    account_id = _waiver_account(values)
    if account_id is None:
        reader.problem(
            Message("register.no_waiver_account"),
            row=row,
            column="account",
        )
        return None
    if account_id not in known_accounts:
        reader.problem(
            Message("register.waiver_account_unknown", account=account_id),
            row=row,
            column="account",
        )
        return None
    reason = reader.parse(values, "reason", cells.text, row)
    approved_by = reader.parse(values, "approved_by", cells.text, row)
    until = reader.parse(values, "until", last_day, row)
    return [
        Waiver(
            source_row=row,
            account_id=account_id,
            check_id=check_id,
            reason=reason,
            approved_by=approved_by,
            until=until,
            source=reader.place,
        )
        for check_id in check_ids
    ]


def _waiver_account(values: dict) -> str | None:
    raw = cells.text(values.get("account"))
    if raw is None:
        return None
    platform = parse_platform(cells.text(values.get("platform")))
    if platform is None and ":" in raw and not looks_like_url(raw):
        prefix, _, rest = raw.partition(":")
        platform = parse_platform(prefix)
        if platform is not None:
            raw = rest
    if platform is None and looks_like_url(raw):
        platform = url_platform(raw)
    handle = normalize_handle(raw)
    if platform is None or handle is None:
        return None
    return make_account_id(platform, handle)
