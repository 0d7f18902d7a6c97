"""Locating a sheet's header among its top rows, and reading what each header names.

People put a title, a date or instructions above the table, group headers merged across
columns, a remark in brackets after a header, or a column per platform; the header row is the
first that names the columns a sheet needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from auditor.identity import PLATFORM_ALIASES, looks_like_url, parse_platform, platform_from_url
from auditor.models import Platform
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.workbook import Sheet

HEADER_SEARCH_ROWS = 30


def locate_header(
    sheet: Sheet,
    table: dict[str, str],
    required: Callable[[set[str]], bool],
    guess: Callable[[str], str | None] | None = None,
    seconds: dict[int, str] | None = None,
) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """The first row among the top ones whose known headers satisfy `required`: its index, the
    position of each column it names, and each column's header as the sheet writes it;
    `guess` names a header no list holds. `seconds`, when given, gets the position of each
    header that names a column found before it in the row (`Kanaal` after `Platform`), with
    that column: only the first is read, and the reader says so.

    A header under a group header merged across columns is read with it: `Naam` and `E-mail`
    under `Eigenaar`, and again under `Vervanger`, are the owner's and the substitute's."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        labels: dict[str, str] = {}
        again: dict[int, str] = {}
        form = guess is not None and any(key(str(c)) in _FORM_TIMES for c in row if c is not None)
        for pos, cell in enumerate(row):
            if cell is None:
                continue
            header = str(cell).strip()
            if form and key(header) in _RESPONDENT:
                again[pos] = RESPONDENT  # who filled in the form: no column of the account
                continue
            if _FORMER.search(header):
                # `Account (oud)` before `Account`: the old one was the account. It is no
                # column of the register, but the name an old export may still give it.
                if (
                    guess is not None
                    and FORMER_HANDLE not in found
                    and table.get(key(_unremarked(_FORMER.sub(" ", header)))) in IDENTITY
                ):
                    found[FORMER_HANDLE] = pos
                    labels[FORMER_HANDLE] = header
                continue
            canonical = None
            if (group := _group_header(sheet, index, pos)) is not None:
                canonical = table.get(key(group + header)) or table.get(key(header + group))
                header = f"{group} {header}" if canonical else header
            # `Beheerder (back-up)` is the `Back-up beheerder`; `Eigenaar (verplicht)`,
            # `Startdatum (dd-mm-jjjj)`: a remark in brackets aside.
            canonical = (
                canonical
                or table.get(key(header))
                or _qualified(table, header)
                or table.get(key(_unremarked(header)))
                or table.get(key(_unasked(header)))
            )
            if guess is not None and header.startswith("@"):
                canonical = "handle"  # `@naam`, `@-name`: the handle, not the display name
            if canonical == "platform" and key(header) in _PLATFORM_OR_ELSE:
                canonical = _platform_or_else(sheet, index, pos, _PLATFORM_OR_ELSE[key(header)])
            if canonical is None and guess is not None:
                canonical = guess(key(header)) or guess(key(_unasked(header)))
            if canonical is None and guess is not None and (wide := _platform_column(header)):
                canonical = wide
            if (
                canonical == "owner_email"
                and "owner_email" in found
                and key(_unremarked(header)) in _ANYONES_ADDRESS
                and found.get("substitute_name", -1) > found["owner_email"]
            ):
                # `Beheerder | E-mail | Vervanger | E-mail`: an address beside each person.
                canonical = "substitute_email"
            if canonical == ADMINISTRATORS and canonical in found:
                # `Beheerder 3 | Beheerder 4`: every further column of people who may post.
                canonical = f"{MORE_ADMINISTRATORS}{pos}"
            if (
                canonical in _PERSON_ADDRESS
                and canonical in found
                and (index, pos) in sheet.merged
                and _PERSON_ADDRESS[canonical] not in found
                and _addresses_below(sheet, index, pos)
            ):
                # `Beheerder` merged across the name and the address below it: the address.
                canonical = _PERSON_ADDRESS[canonical]
            if canonical and canonical.startswith(WIDE) and canonical in found:
                # `Facebook | Instagram | Facebook`, `Facebook 2`: a second page, read too.
                canonical = f"{canonical}{ANOTHER}{pos}"
            if canonical and canonical not in found:
                found[canonical] = pos
                labels[canonical] = header
            elif canonical and not canonical.startswith(WIDE):
                first = found[canonical]
                if first in sheet.hidden_columns and pos not in sheet.hidden_columns:
                    # A column hidden before the one that replaced it (`Beheerder` hidden,
                    # `Eigenaar` after it): the one people see is the one they keep.
                    again[first] = canonical
                    found[canonical] = pos
                    labels[canonical] = header
                else:
                    again[pos] = canonical
        wide_columns = [c for c in found if c.startswith(WIDE)]
        # Beside a column that says whose the accounts are (a department, an owner): a sheet
        # of figures per platform (`Maand | Facebook | Instagram`) is none.
        if (
            len(wide_columns) >= 2
            and not found.keys() & IDENTITY
            and len(found) > len(wide_columns)
        ):
            # `Afdeling | Facebook | Instagram | X`: a column per platform, its handles below.
            if required(set(found) | {"platform", "handle"}):
                if seconds is not None:
                    seconds.update(again)
                return index, found, labels
        else:
            named = {c for c in found if not c.startswith(WIDE) and c != FORMER_HANDLE}
            if (
                guess is not None
                and not named & {"handle", "url"}
                and len(named) >= 2
                and required(named | {"url"})
                and _links_below(sheet, index, found, labels)
            ):
                named.add("url")
            if not required(named):
                continue
            _name_beside_handle(found, labels)
            if seconds is not None:
                seconds.update({p: c for p, c in again.items() if c in found or c == RESPONDENT})
            return index, {c: p for c, p in found.items() if not c.startswith(WIDE)}, labels
    return None


# How many cells below a header tell what its column holds, and what share of them must be
# profile addresses for a column no header list names to be the accounts' URL.
_LINK_ROWS = 50
_LINK_SHARE = 0.6

# Headers a register uses for the platform, or for what else their cells say: the department
# (the municipality's service, `Dienst Publiekszaken`, not the online one) or the account
# (`Kanaal`: `@gemeentezeist`, a channel's address, beside a `Platform` column).
_PLATFORM_OR_ELSE = {
    key("Dienst"): "department",
    key("Kanaal"): "handle",
    key("Channel"): "handle",
}


def _platform_or_else(sheet: Sheet, index: int, pos: int, otherwise: str) -> str:
    """The platform, unless the cells below say `otherwise`: mostly no platform's name (the
    department), or mostly handles and links (the account). Read as the platform whatever
    it held, a register's departments were all unknown platforms, every department lost; a
    `Platform | Kanaal` register of handles had no account column and was refused whole."""
    below = _cells_below(sheet, index, pos)
    if otherwise == "handle":  # a platform the auditor does not know (`Nextdoor`) is one still
        accounts = sum(text.startswith("@") or looks_like_url(text) for text in below)
        return "handle" if below and accounts > len(below) / 2 else "platform"
    named = sum(parse_platform(text) is not None for text in below)
    return "platform" if not below or named >= len(below) / 2 else otherwise


def _cells_below(sheet: Sheet, index: int, pos: int) -> list[str]:
    """The filled cells under a header, as many as tell what its column holds."""
    return [
        text
        for row in sheet.rows[index + 1 : index + 1 + _LINK_ROWS]
        if pos < len(row) and (text := cells.text(row[pos])) is not None
    ]


def _links_below(sheet: Sheet, index: int, found: dict[str, int], labels: dict[str, str]) -> bool:
    """A column under a header no list names (`Accountadres`, `Waar te vinden`) whose cells
    are mostly profile addresses is the accounts' URL: the register says it by what it holds.
    Without it, a header row naming no account column was no header at all, and the whole
    register was refused."""
    taken = set(found.values())
    best, best_count = None, 0
    for pos, cell in enumerate(sheet.rows[index]):
        if pos in taken or cells.text(cell) is None:
            continue
        below = _cells_below(sheet, index, pos)
        links = sum(platform_from_url(text) is not None for text in below)
        if below and links >= _LINK_SHARE * len(below) and links > best_count:
            best, best_count = pos, links
    if best is None:
        return False
    found["url"] = best
    labels["url"] = str(sheet.rows[index][best]).strip()
    return True


# `Account name` beside `Handle / URL`: where the link column says it holds the handle too,
# a column of the account's name is the name people see, not a second handle.
_ACCOUNT_NAME = {"accountname", "accountnaam", "naamaccount", "naamvanhetaccount"}
_SAYS_HANDLE = re.compile(r"handle|@|gebruikersnaam|user\s*name", re.IGNORECASE)


def _name_beside_handle(found: dict[str, int], labels: dict[str, str]) -> None:
    if "display_name" in found or not {"handle", "url"} <= found.keys():
        return
    if key(_unremarked(labels["handle"])) in _ACCOUNT_NAME and _SAYS_HANDLE.search(labels["url"]):
        found["display_name"] = found.pop("handle")
        labels["display_name"] = labels.pop("handle")


# A header of what used to be (`Account (oud)`, `Vorige beheerder`, `E-mail (tot 2024)`): kept
# beside the current column, it is none of the register's.
_FORMER = re.compile(
    r"\b(?:oud|oude|vorig|vorige|voormalig|voormalige|vroeger|vroegere|eerdere|old|previous"
    r"|former)\b|\b(?:tot|t/m|until)\s+(?:\d{1,2}[-/.]\d{1,2}[-/.])?\d{4}\b",
    re.IGNORECASE,
)


# The column of an account's former handle or URL (`Account (oud)`): not read as the account,
# only to know the account by in exports made before it was renamed.
FORMER_HANDLE = "former-handle"


# A register gathered with a form (Microsoft Forms, Google Forms) and exported: the form's
# own columns say when it was filled in, and by whom (`Naam`, `E-mail`). Read as the
# account's, the one who filled it in was its display name and its owner's address.
_FORM_TIMES = {
    *("begintijd", "tijdvanvoltooien", "tijdstiplaatstewijziging", "tijdstempel"),
    *("starttime", "completiontime", "lastmodifiedtime", "timestamp"),
}
_RESPONDENT = {"naam", "name", "email", "emailadres", "emailaddress", "mailadres"}
RESPONDENT = "form-respondent"
# Its questions are the headers: `Wie is de beheerder?`, `Wat is de link naar het account?`.
_QUESTION = re.compile(
    r"^\s*(?:wie\s+is|wat\s+is|welke|wanneer\s+is|who\s+is|what\s+is|which)"
    r"(?:\s+(?:de|het|the))?\s+(.+?)\s*\?\s*$",
    re.IGNORECASE,
)


def _unasked(header: str) -> str:
    """A form's question as the header it asks for: `Wie is de beheerder?` is `beheerder`."""
    asked = _QUESTION.match(header)
    return asked[1] if asked else header


# A person's column, and the column of that person's address.
_PERSON_ADDRESS = {"owner_name": "owner_email", "substitute_name": "substitute_email"}
_ADDRESS_CELL = re.compile(r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def _addresses_below(sheet: Sheet, index: int, pos: int) -> bool:
    """Whether the cells below a header are mostly e-mail addresses."""
    below = _cells_below(sheet, index, pos)
    found = sum(_ADDRESS_CELL.fullmatch(text) is not None for text in below)
    return bool(below) and found >= _LINK_SHARE * len(below)


# Headers that say an address but not whose: the person's in the column before.
_ANYONES_ADDRESS = {"email", "emailadres", "mail", "mailadres", "emailaddress", "emailaddres"}


# A register kept a column per platform: such a column's name in `positions`, before the
# platform's (`platform-column:facebook`).
WIDE = "platform-column:"


# Between a platform's column and its position, in a further column of the same platform.
ANOTHER = "#"


def wide_platform(column: str) -> str:
    """The platform of a column of a register kept a column per platform."""
    return column.removeprefix(WIDE).split(ANOTHER)[0]


def _platform_column(header: str) -> str | None:
    """The column of a platform a header names alone (`Facebook`, `Instagram-account`), or
    numbered among others of it (`Facebook 2`)."""
    numbered = re.fullmatch(r"(.*\D)\s*\d{1,2}", header.strip())
    if numbered and (platform := platform_named_alone(numbered[1])) is not None:
        return WIDE + platform.value
    platform = platform_named_alone(header)
    return None if platform is None else WIDE + platform.value


def platform_named_alone(name: str) -> Platform | None:
    """The platform a header or a sheet's name names and nothing more, give or take a word
    for accounts after it (`Facebook`, `Instagram-accounts`, `X (Twitter)`; not `Twitter
    statistieken`, not `Overig`)."""
    bare = re.sub(r"(accounts?|accountnaam|handle|kanalen|kanaal|paginas?)$", "", key(name))
    platform = PLATFORM_ALIASES.get(bare)
    return None if platform is None or platform == Platform.OTHER else platform


ADMINISTRATORS = "administrators"
# A further column of administrators, by its position (`Beheerder 4` beside `Beheerder 3`).
MORE_ADMINISTRATORS = "administrators+"


def _qualified(table: dict[str, str], header: str) -> str | None:
    """A header whose brackets say which one it is (`Beheerder (back-up)`, `E-mail (vervanger)`):
    read as the words together, either way round."""
    found = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]+)\)\s*", header)
    if found is None:
        return None
    base, inside = found.groups()
    return table.get(key(inside + base)) or table.get(key(base + inside))


def _unremarked(header: str) -> str:
    return re.sub(r"[(\[][^)\]]*[)\]]", " ", header)


def _group_header(sheet: Sheet, index: int, pos: int) -> str | None:
    """The text merged across the columns above a header cell, if any: a group header."""
    if index == 0:
        return None
    above = sheet.rows[index - 1]
    merged = (index - 1, pos) in sheet.merged or (index - 1, pos + 1) in sheet.merged
    value = cells.text(above[pos]) if pos < len(above) else None
    return value if merged and value else None


def has_accounts_header(found: set[str]) -> bool:
    """Platform and account (or URL) columns; or a URL column beside another known one, since a
    profile URL names the platform too; or platform and a Link or Website column, which serves
    as the URL where it holds profiles (`Kanaal | Link | Naam`)."""
    if "platform" in found and "website" in found:
        return True
    return bool(found & {"handle", "url"}) and ("platform" in found or {"url"} < found)


# The columns that name an account rather than say something of it.
IDENTITY = {"platform", "handle", "url"}
