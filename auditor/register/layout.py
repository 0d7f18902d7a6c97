"""Rows of an accounts sheet that are its layout rather than an account: a heading that gives
the accounts below it a status or a platform, a total, a note, the header again. Each is said
as a warning and passed over, not rejected as an account without a platform."""

from __future__ import annotations

import re

from auditor.identity import looks_like_url, parse_platform
from auditor.messages import Message
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.sheet import SheetReader
from auditor.register.status import STATUS_NAMES, STATUS_WORDS, status_in_words


def section_heading(reader: SheetReader, values: dict, row: int) -> bool:
    """A row that holds one text naming a status and nothing else (`Opgeheven accounts`,
    `Niet meer in gebruik`, merged across the table or not) heads the accounts below it:
    those without a status of their own have that one, up to the next such row. One naming
    a department (`Afdeling Sport`, `Team Jeugd`) gives them that department likewise."""
    heading = _only_text(values.values())
    if heading is None:
        return False
    filled = [c for c, v in values.items() if cells.text(v)]
    if filled == ["status"]:
        return False  # a status left on an emptied row is no heading
    if filled == ["department"] and row in reader.grouped_rows:
        # `Sport` alone under Afdeling, the accounts below it leaving theirs empty.
        return _department_heading(reader, heading, row, named=department_named(heading) or heading)
    # `x`, `ja` or `Twitter` alone say a status or a platform of a row left half empty.
    if looks_like_url(heading) or len(heading) > 60 or parse_platform(heading) is not None:
        return False
    if _NOTE.fullmatch(heading) or "@" in heading:  # `Vragen? Mail online@…`: a note
        return False
    status = STATUS_WORDS.get(key(heading))
    if status is None:
        status, guessed = status_in_words(heading)
        if status is None or guessed:
            return _department_heading(reader, heading, row)
    reader.section_status = status
    reader.problem(
        Message("register.section_status", value=heading, status=STATUS_NAMES[status]),
        row=row,
        level=Level.WARNING,
    )
    return True


# The words a heading of a department's block starts with (`Afdeling Sport`, `Team Jeugd`);
# the first two are no part of the department's name, the others may be (`Team Jeugd`).
_DEPARTMENT_HEADING = re.compile(
    r"(?:(?:afdeling|afd\.?|department)\s*:?\s+|(?=(?:team|directie|sector|cluster|domein"
    r"|dienst|bureau|unit|programma|organisatieonderdeel)\s))(?P<name>[^?!:;]+?)"
    r"(?:\s*\(\d+(?:\s+\w+)?\))?",  # a count after it: `Afdeling Sport (4 accounts)`
    re.IGNORECASE,
)


# Words a department's name joins its parts with, written in lower case.
_JOINING = {"en", "van", "de", "der", "den", "het", "voor", "&", "+", "-", "/"}


def department_named(heading: str) -> str | None:
    """The department a heading names (`Afdeling Sport` → `Sport`, `Team Jeugd & Sport`), or
    None for a sentence that starts with such a word (`Team Communicatie beheert alle
    hoofdaccounts`): a name is short, its words capitalised but for one at most."""
    found = _DEPARTMENT_HEADING.fullmatch(heading.strip())
    if found is None:
        return None
    name = found.group("name").strip()
    words = name.split()
    lower = [w for w in words if w[:1].islower() and w.casefold() not in _JOINING]
    if len(words) > 5 or len(lower) > 1:
        return None
    return name


def heading_above_header(reader: SheetReader) -> None:
    """`Afdeling Communicatie` in the row above the header (the first block of a sheet whose
    blocks each have a heading and the header again): the department of the accounts below,
    as the headings between the blocks are."""
    for index in range(reader.header_row - 1, -1, -1):
        texts = {t for c in reader.sheet.rows[index] if (t := cells.text(c))}
        if not texts:
            continue
        if len(texts) == 1:
            _department_heading(reader, next(iter(texts)), index + 1)
        return


def has_department_headings(reader: SheetReader) -> bool:
    """Whether a row below the header (or the one above it) heads a block of a department's
    accounts: then a sheet without a department column still gives its accounts one."""
    above = next(
        (
            i
            for i in range(reader.header_row - 1, -1, -1)
            if any(map(cells.text, reader.sheet.rows[i]))
        ),
        None,
    )
    for index in [
        *([above] if above is not None else []),
        *range(reader.header_row + 1, len(reader.sheet.rows)),
    ]:
        heading = _only_text(reader.sheet.rows[index])
        if heading is not None and department_named(heading) is not None:
            return True
    return False


def _only_text(values) -> str | None:
    """The one text a row holds, however many cells repeat it (merged across); None when it
    holds none or more than one. Stops at a second text: an account's row is most rows, and
    asked of every row, reading all its cells cost more than the rest of the layout."""
    found = None
    for value in values:
        text = cells.text(value)
        if text and text != found:
            if found is not None:
                return None
            found = text
    return found


def _department_heading(
    reader: SheetReader, heading: str, row: int, named: str | None = None
) -> bool:
    """`Afdeling Sport` alone in a row above its accounts, as a large register groups them
    in one sheet: the department of the accounts below it that name none, up to the next
    such heading. Rejected as accounts without a name, they lost their department."""
    name = named or department_named(heading)
    if name is None:
        return False
    reader.implied_department = name
    reader.problem(
        Message("register.section_department", value=heading, department=name),
        row=row,
        level=Level.WARNING,
    )
    return True


def _may_head_a_department(text: str) -> bool:
    """Whether a text alone in its row may be a department's name: not a status, a platform,
    a note, a total or a link."""
    if looks_like_url(text) or parse_platform(text) is not None or "@" in text:
        return False
    if _NOTE.fullmatch(text) or key(text) in _TOTAL or _counts(text):
        return False
    return STATUS_WORDS.get(key(text)) is None and status_in_words(text)[0] is None


def grouped_departments(reader: SheetReader) -> None:
    """A sheet that writes each department once, in its first column, above the accounts
    that belong to it and leaves theirs empty (the way a list is grouped by eye): each empty
    department is the one above it, said once for the sheet. Only where no department is
    written twice, so a sheet that writes them on every row keeps an empty one empty."""
    pos = reader.positions.get("department")
    if pos is None or pos != min(reader.positions.values()):
        return
    written: list[str] = []
    current: str | None = None
    filled: dict[int, str] = {}
    starts: set[int] = set()
    for index in range(reader.header_row + 1, len(reader.sheet.rows)):
        row = reader.sheet.rows[index]
        department = cells.text(row[pos]) if pos < len(row) else None
        others = [c for p, c in enumerate(row) if p != pos and cells.text(c)]
        if department and not others and not _may_head_a_department(department):
            continue  # `Opgeheven accounts`, `Totaal: 12`, `Instagram`: no department
        if department:
            written.append(department)
            # `Afdeling Sport` alone in its row is the department Sport, as a heading is.
            current = department_named(department) if not others else None
            current = current or department
            starts.add(index + 1)
        elif others and current is not None:
            filled[index + 1] = current
    if not filled or len(set(map(key, written))) != len(written):
        return
    reader.filled_department = filled
    reader.grouped_rows = starts
    rows = sorted(filled)
    listed = Message(
        "register.row_list_more" if len(rows) > 10 else "register.row_list", rows=rows[:10]
    )
    reader.problem(
        Message("register.departments_grouped", count=len(rows), rows=listed),
        column="department",
        level=Level.WARNING,
    )


# The words a total under a table starts with, and a note under it.
_TOTAL = {"totaal", "total", "totalen", "totals", "subtotaal", "subtotal", "som", "aantal"}


def _counts(text: str) -> bool:
    """A total in words, in the one cell of its row: `Totaal: 8 kanalen`, `Aantal accounts 12`."""
    word = re.match(r"\s*([^\W\d_]+)", text)
    return word is not None and key(word.group(1)) in _TOTAL and any(c.isdigit() for c in text)


_NOTE = re.compile(
    r"(opmerking|noot|nb|n\.b\.|let op|toelichting|legenda|bron|vragen|versie|laatst|bijgewerkt"
    r"|note|notes|remark|todo|\*)\b.*|\*.*"
    # A line drawn with signs around a word (`--- Wijkaccounts ---`): a heading for the eye.
    r"|[-=_~#*]{2,}.*",
    re.IGNORECASE,
)


def note_or_total(reader: SheetReader, values: dict, row: int) -> bool:
    """A row under (or in) the table that is no account: a total (`Totaal | | | 12`, an Excel
    table's totals row) or a note typed in one cell (`Opmerking: accounts worden elk kwartaal
    nagelopen`). Rejected with a warning that says so, not as an account without a platform."""
    names = reader.header_names()
    index = row - 1
    for column in ("handle", "url"):
        named = cells.text(values.get(column))
        # A count (`Totaal | 8`) names no account; a number with a total word is a total.
        if (
            named
            and not named.isdigit()
            and (reader.positions[column], named.casefold()) not in names
            and not _spread(reader, index, reader.positions[column], named)
            and not _said_as_note(named)  # `Opmerking: TikTok volgt` under Account
        ):
            return False  # an account's name or link: the row is an account's
    own = _own_texts(reader, index)
    if not own:
        return False
    pos, first = own[0]
    if len(own) == 1:
        # A sentence merged across the table holds no account's name in the cells it covers.
        values = {
            c: v
            for c, v in values.items()
            if not _spread(reader, index, reader.positions.get(c), first)
        }
    if headers := _header_again(reader, index, own):
        message = Message("register.repeated_header", names=headers[:3])
    elif (
        len(own) == 1
        and not _sentence(first)
        and (platform := parse_platform(first)) is not None
        and (following := _next_filled(reader, index)) is not None
        and (_header_again(reader, following) or _names_no_platform(reader, following))
    ):
        # `Instagram` above the header again, or above accounts that name no platform: a
        # block of that platform's accounts.
        reader.implied_platform = platform.value
        message = Message("register.platform_heading", value=first)
    elif key(first) in _TOTAL or (len(own) == 1 and _counts(first)):
        message = Message("register.total_row", value=first)
    elif (cells.text(values.get("handle")) or cells.text(values.get("url"))) and not (
        len(own) == 1 and _said_as_note(first)
    ):
        return False
    elif (
        len(own) == 1
        and not looks_like_url(first)
        # A platform a note speaks of (`Opmerking: TikTok nog niet live`) is no account on it.
        and (parse_platform(first) is None or _sentence(first))
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


# What a personnel system prints with a list it makes as a report: when and by whom, the page.
_PRINTED = re.compile(
    r"(?:afgedrukt|geprint|gegenereerd|aangemaakt|geexporteerd|geëxporteerd|printed|generated"
    r"|exported|created|run)\s+(?:op|door|on|by|at)\b|(?:pagina|page)\s+\d+",
    re.IGNORECASE,
)


def not_a_colleague(reader: SheetReader, row: int) -> Message | None:
    """Why a row of a staff list is no colleague, when it is none: its header again (a
    personnel system's report repeats it on every page), a total (`Totaal: 3 medewerkers`,
    `Aantal | 3`) or the line the report prints (`Afgedrukt op 1-10-2026 door …`). Each was
    a colleague of that name, counted among the people used."""
    index = row - 1
    own = _own_texts(reader, index)
    if not own:
        return None
    first = own[0][1]
    if headers := _header_again(reader, index, own):
        return Message("register.staff_repeated_header", names=headers[:3])
    if key(first) in _TOTAL or (len(own) == 1 and _counts(first)):
        return Message("register.staff_total_row", value=first)
    if len(own) == 1 and _PRINTED.match(first):
        return Message("register.staff_report_line", value=first)
    if len(own) == 1 and _said_as_note(first):
        return Message("register.staff_note_row", value=first)
    return None


def passed_over_as_note(reader: SheetReader, row: int, message: str) -> bool:
    """A note typed under a list of departments or waivers (`NB: de afdelingen volgen de
    organisatie van 2025`), in one cell: said with `message` and passed over. It was a
    department of that name, or a waiver rejected as an error for naming no check."""
    own = _own_texts(reader, row - 1)
    if len(own) != 1 or not _said_as_note(own[0][1]):
        return False
    reader.problem(Message(message, value=own[0][1]), row=row, level=Level.WARNING)
    reader.passed_over.add(row)
    return True


def _said_as_note(text: str) -> bool:
    """A text that starts as a note does and reads as one (`Opmerking: …`, `Bron: AFAS`,
    `Vragen? …`), not a name that starts with such a word (`Noot Jansen`)."""
    # Not a line drawn around a word (`--- Team Jeugd ---`): on a staff list, a heading.
    return (
        _NOTE.fullmatch(text) is not None
        and re.match(r"[^\W\d_]", text) is not None
        and (bool(re.search(r"[:?]", text)) or len(text.split()) >= 4)
    )


def _sentence(text: str) -> bool:
    """Whether a text is a sentence or a remark rather than a name (of a platform, or of
    several: `Facebook + Instagram`): a note starting as one does, or four words or more. A
    platform with a remark in brackets (`Facebook (nog aan te maken)`) is the platform, of
    an account the row does not name."""
    if _NOTE.fullmatch(text) is not None:
        return True
    remarked = re.fullmatch(r"([^()]+)\([^()]*\)", text.strip())
    if remarked and parse_platform(remarked[1].strip()) is not None:
        return False
    return len(re.findall(r"[^\W\d_]+", text)) >= 4


def _spread(reader: SheetReader, index: int, pos: int | None, text: str) -> bool:
    """Whether the cell at `pos` in row `index` holds `text` only as a copy of a cell merged
    across the row (a note typed over the table's width), not as typed there."""
    if pos is None or (index, pos) not in reader.sheet.merged:
        return False
    row = reader.sheet.rows[index]
    return any(
        (index, p) not in reader.sheet.merged and cells.text(c) == text for p, c in enumerate(row)
    )


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
