"""One row of an accounts sheet made the accounts it stands for: its identity, type, status,
people, goals and dates, with what cannot be read or cannot all be right said per cell.

A row may stand for several accounts (`Facebook + Instagram`, `@zeist / @zeistjong`, a column
per platform); one that is layout (a heading, a total, a note) stands for none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from auditor.identity import (
    account_as_written,
    channel_id_as_written,
    handle_as_written,
    handle_from_url,
    looks_like_url,
    make_account_id,
    normalize_handle,
    parse_platform,
    platform_from_url,
)
from auditor.messages import Message, platform_name
from auditor.models import Account, AccountStatus, AccountType, Goal, Platform
from auditor.problems import Level
from auditor.register import cells
from auditor.register.account_identity import HANDLE_TYPED, aliases, row_identity, split_former
from auditor.register.cells import CellError, key
from auditor.register.days import closing_day, first_day
from auditor.register.header import FORMER_HANDLE, MORE_ADMINISTRATORS, WIDE, wide_platform
from auditor.register.layout import note_or_total, section_heading
from auditor.register.person_cells import people_columns
from auditor.register.sheet import SheetReader
from auditor.register.status import (
    STATUS_NAMES,
    STATUSES,
    date_in_status,
    says_closed,
    status_in_words,
)

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


def accounts_in_row(reader: SheetReader, values: dict, row: int) -> list[Account] | None:
    """The accounts a row stands for: one, or one per platform or handle where the row names
    several (`Facebook + Instagram`, `@zeist / @zeistjong`); None after saying why none."""
    if section_heading(reader, values, row) or note_or_total(reader, values, row):
        return None
    if any(c.startswith(WIDE) for c in reader.positions):
        return _accounts_across(reader, values, row)
    platforms = _several(reader, values, row, "platform", _platforms_in)
    handles = _several(reader, values, row, "handle", _handles_in)
    # Or several in the URL column, where the handle column names none or one.
    links = None if handles else _several(reader, values, row, "url", _handles_in)
    column = "url" if links else "handle"
    variants = [
        {**values, "platform": platform, column: handle}
        for handle in handles or links or [values.get(column)]
        for platform in _platforms_of(handle, platforms) or [values.get("platform")]
    ]
    if platforms and not links:
        variants = _one_link_one_platform(reader, variants, values, row)
    built = [a for v in variants if (a := _account(reader, v, row)) is not None]
    if reader.person_rows is not None:
        built = [reader.person_rows.place(a, values, row) for a in built]
    _said_in_remark(reader, row, built)
    return built or None


def _former_handles(values: dict, handle: str) -> list[str]:
    """The handle in the account's `Account (oud)` cell, or in a note after its own
    (`@SportInZeist (voorheen @ZeistSport)`), when it differs from its own."""
    noted = [split_former(cells.text(values.get(c)) or "")[1] for c in ("handle", "url")]
    found = []
    for written in [cells.text(values.get(FORMER_HANDLE)), *noted]:
        former = normalize_handle(account_as_written(written)) if written else None
        if former and former != handle and not re.search(r"\s", former) and former not in found:
            found.append(former)
    return found


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
        platform = wide_platform(column)
        for handle in _handles_in(raw) or [raw]:
            variant = {**values, "platform": platform, "handle": handle}
            if (account := _account(reader, variant, row)) is not None:
                built.append(account)
    if not built and len(reader.register.problems) == said:
        reader.problem(Message("register.no_account_across"), row=row)
    _said_in_remark(reader, row, built)
    return built or None


def _several(
    reader: SheetReader, values: dict, row: int, column: str, split: Callable
) -> list[str] | None:
    """The platforms or handles a cell names when it names more than one, said as a warning;
    None when it names one or none. One a line (Alt+Enter) stays apart: `Facebook` over
    `Instagram` was read as the one platform `Facebook Instagram`, Facebook, and the
    Instagram account was lost without a word."""
    listed = cells.listing(values.get(column))
    parts = split(listed) if listed else []
    if len(parts) < 2:
        return None
    reader.problem(
        Message(f"register.several_{column}s", value=cells.text(values.get(column)), parts=parts),
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
    """`@zeist / @zeistjong`, or one a line: each handle, when every part is an @handle; or
    each profile address, when every part is one (`https://x.com/zeist`, one a line: the
    first was read, the other accounts lost with a warning)."""
    parts = [p for p in re.split(r"\s*(?:[/,;\s]|\ben\b)\s*", raw) if p]
    if len(parts) >= 2 and all(HANDLE_TYPED.fullmatch(p) for p in parts):
        return parts
    links = [p for p in re.split(r"\s*(?:[,;\s]|\ben\b)\s*", raw) if p]
    if not all(looks_like_url(p) and platform_from_url(p) for p in links):
        return []
    # One account written twice (`x.com/zeist` and `twitter.com/zeist`, or its profile and
    # a post of it) is one account: its first address.
    named = {(platform_from_url(p), (handle_from_url(p) or p).casefold()): p for p in links[::-1]}
    return [p for p in links if p in named.values()] if len(named) >= 2 else []


def _one_link_one_platform(
    reader: SheetReader, variants: list[dict], values: dict, row: int
) -> list[dict]:
    """`Facebook + Instagram` beside one Facebook address: the address is the Facebook
    account's alone. Another platform named has the account name the row gives, or, with no
    name but the address, no account, said so. Each platform was given the address and the
    account was said to be in the register twice, at `rows 2 and 2`."""
    link = cells.text(values.get("url"))
    on = platform_from_url(link) if link and looks_like_url(link) else None
    if on is None or all(parse_platform(v["platform"]) != on for v in variants):
        return variants  # an address on none of them: said where the address is read
    kept = []
    for variant in variants:
        if parse_platform(variant["platform"]) == on:
            kept.append(variant)
            continue
        name = cells.text(variant.get("handle"))
        if name and not looks_like_url(name):
            kept.append({**variant, "url": None})
            continue
        reader.problem(
            Message(
                "register.platform_without_account",
                value=cells.text(values.get("platform")),
                platform=variant["platform"],
                linked=platform_name(on.value),
            ),
            row=row,
            column="platform",
            level=Level.WARNING,
        )
    return kept


def _platforms_of(handle: object, platforms: list[str] | None) -> list[str] | None:
    """The platforms a row's account is on: each platform the row names, or, for a profile
    address among several platforms, the one it is on (`Facebook` over `Instagram` beside a
    Facebook and an Instagram address: not each address on each platform)."""
    on = platform_from_url(handle) if isinstance(handle, str) and looks_like_url(handle) else None
    if not platforms or on is None:
        return platforms
    return [p for p in platforms if parse_platform(p) == on] or platforms


def _account(reader: SheetReader, values: dict, row: int) -> Account | None:
    identity = row_identity(reader, values, row)
    if identity is None:
        return None
    platform, handle, url, name_in_handle, from_name = identity

    def get(column: str, parser: Callable = cells.text) -> Any:
        return reader.parse(values, column, parser, row)

    account_type = _account_type(reader, values, row)
    closing, closed = get("closed", closing_day) or (None, None)
    status = _status(reader, values, row, closing and (closed is None or closed <= _TODAY))
    closed = closed or date_in_status(cells.text(values.get("status")), status)
    started = get("started", first_day)
    _contradictions(reader, row, status, started, closed)
    goal_raw = get("goal", cells.listing)  # one a line (Alt+Enter): each a goal
    consulted, consulted_on = get("communicatie_consulted", cells.date_or_boolean) or (None, None)
    ack, ack_on = get("guideline_ack", cells.date_or_boolean) or (None, None)
    return Account(
        source_row=row,
        account_id=make_account_id(platform, handle),
        platform=platform,
        handle=handle,
        aliases=aliases(values, handle, name_in_handle),
        channel_id=channel_id_as_written(platform, handle, url, cells.text(values.get("handle"))),
        handle_as_written=handle_as_written(
            handle, cells.text(values.get("handle")), cells.text(values.get("url")), url
        ),
        former_handles=_former_handles(values, handle),
        handle_from_name=from_name,
        url=url,
        display_name=get("display_name") or name_in_handle,
        type=account_type,
        department=get("department")
        or reader.filled_department.get(row)
        or reader.implied_department,
        sender=get("sender"),
        **people_columns(reader, values, row),
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
        two_factor=get("two_factor", cells.recorded),
        administrators=_administrators(reader, values, row),
        archiving=get("archiving", cells.recorded),
    )


def _administrators(reader: SheetReader, values: dict, row: int) -> str | None:
    """The Administrators column, and every further one (`Beheerder 3 | Beheerder 4`), as one
    listing."""
    columns = ["administrators", *(c for c in values if c.startswith(MORE_ADMINISTRATORS))]
    listed = [reader.parse(values, c, cells.listing, row) for c in columns]
    return "; ".join(p for p in listed if p) or None


def _account_type(reader: SheetReader, values: dict, row: int) -> AccountType:
    """The Type column's word, else the yes or no of a `Hoofdaccount?` column, else secondary.
    Type is the register's own word for it (the template's column): where both are filled and
    disagree, Type decides and the other is said to differ."""
    typed = _choice(reader, values, "type", TYPES, row)
    raw = values.get("main_account")
    try:
        main = cells.boolean(raw)
    except CellError:
        written = cells.text(raw)
        if typed is None:
            reader.problem(
                Message("register.main_account_unreadable", value=written),
                row=row,
                column="main_account",
            )
        else:
            type_column = reader.labels["type"]
            reader.problem(
                Message(
                    "register.main_account_unreadable_beside_type",
                    value=written,
                    type_column=type_column,
                    type=Message(f"register.taken_type.{typed.value}"),
                ),
                row=row,
                column="main_account",
                level=Level.WARNING,
            )
        main = None
    flagged = None if main is None else AccountType.MAIN if main else AccountType.SECONDARY
    if typed is not None and flagged is not None and typed is not flagged:
        reader.problem(
            Message(
                "register.type_and_main_account_differ",
                type_column=reader.labels["type"],
                type_value=cells.text(values.get("type")),
                value=cells.text(raw) if not isinstance(raw, bool) else raw,
                type=Message(f"register.taken_type.{typed.value}"),
            ),
            row=row,
            column="main_account",
            level=Level.WARNING,
        )
    if typed is not None:
        return typed
    if "main_account" in reader.positions:
        # `x` or empty: an empty cell of such a column says no.
        return flagged or AccountType.SECONDARY
    # Without the column at all, the sheet says so once (`_report_missing_columns`).
    if "type" in reader.positions and not cells.text(values.get("type")):
        reader.problem(Message("register.no_type"), row=row, column="type", level=Level.WARNING)
    return AccountType.SECONDARY


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


def _said_in_remark(reader: SheetReader, row: int, accounts: list[Account]) -> None:
    """A remark in a column the register does not read that says what a read column should
    (`Opmerkingen: opgeheven per 1-3-2025`, `hoofdaccount`), while the row says otherwise:
    said once for the row, with how to mark it, rather than guessed either way."""
    unread = reader.unread_cells(row)
    if not unread or not accounts:
        return
    said: list[tuple[Callable[[str], bool], Callable[[str], Message]]] = []
    if any(a.status is not AccountStatus.CLOSED for a in accounts):
        said.append(
            (
                says_closed,
                lambda text: Message(
                    "register.closed_in_remark",
                    value=text,
                    status_column=reader.labels.get("status", reader.label("status")),
                    closed_column=reader.labels.get("closed", reader.label("closed")),
                ),
            )
        )
    # Only without a Type or Hoofdaccount? column: with one, the register has said, and a
    # remark may be about another account (`volgt het hoofdaccount`).
    if not reader.positions.keys() & {"type", "main_account"} and any(
        a.type is not AccountType.MAIN for a in accounts
    ):
        said.append(
            (
                says_main,
                lambda text: Message(
                    "register.main_in_remark", value=text, type_column=reader.label("type")
                ),
            )
        )
    for says, message in said:
        found = next(((h, t) for h, t in unread if says(t)), None)
        if found is not None:
            reader.problem(message(found[1]), row=row, column=found[0], level=Level.WARNING)


# A remark names the main account only in so many words: `algemeen` or `centraal` alone are
# as often about something else (`algemene vragen`).
_MAIN_IN_WORDS = re.compile(
    r"(?<![\w-])(?:hoofd[- ]?account|main[- ]account|corporate[- ]account|concern[- ]?account)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_NOT_MAIN = re.compile(
    r"\b(?:geen|niet|not|no|naast|onder|volgt|bij|van|of|dan)\s+(?:het\s+|the\s+|a\s+)?"
    r"(?:hoofd|main|corporate|concern)",
    re.IGNORECASE,
)


def says_main(text: str) -> bool:
    """Whether a remark says the account is the main one (`hoofdaccount`, `Hoofdaccount
    gemeente`, `main account`); not where it denies it or names another (`geen hoofdaccount`,
    `naast het hoofdaccount`, `deelt posts van het hoofdaccount`)."""
    return _MAIN_IN_WORDS.search(text) is not None and _NOT_MAIN.search(text) is None


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
