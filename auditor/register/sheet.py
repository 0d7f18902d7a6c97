"""Reading one sheet of the register: its header, its data rows, and the problems of its cells.

Every sheet goes through `SheetReader.read_rows`, which keeps the sheet's ledger in one place:
each row used, counted as a duplicate, or rejected with the reason said last.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from auditor.activity.frame import LedgerEntry, RejectedRow
from auditor.identity import looks_like_url
from auditor.messages import Message
from auditor.models import AccountStatus
from auditor.problems import Level, Problem, readable
from auditor.register import cells
from auditor.register.cells import CellError, key
from auditor.register.columns import guess_account_column, lookup
from auditor.register.contents import Register
from auditor.register.days import DAY_PARSERS
from auditor.register.header import RESPONDENT, WIDE, locate_header
from auditor.register.workbook import Row, Sheet

# A row of a sheet: the sheet's name (None for a CSV) and the row's number.
Where = tuple[str | None, int]


# A warning recurring on more rows than this is said once for its column, in the words of the
# catalogue's `register.notice_summary.<kind>`.
_NOTICES_PER_ROW = 5
# How many of the latest problems a problem said again of its row is looked for among.
_SAME_ROW = 8
# More columns the register does not read than this are said in one line, together.
_UNKNOWN_APART = 3
# A header that names an identifier or a number (`Employee ID`, `Personeelsnummer`, `Nr.`):
# such a column is no misspelling of a register column it happens to resemble.
_IDENTIFIER = re.compile(r"(?:\b(?:id|nr|no|code)|nummer|number)\W*$", re.IGNORECASE)


# Columns where a cell that links to an address it does not show means that address.
_LINKED = {"url", "handle", "website", "account"}


class SheetReader:
    """One sheet: its header, and a `Problem` factory that knows the place."""

    def __init__(
        self,
        register: Register,
        sheet: Sheet,
        columns: dict[str, list[str]],
        path: Path | None = None,
        *,
        role: str,
    ):
        self.register = register
        self.path = path or register.path  # a waiver file is a sheet of the register
        self.sheet = sheet
        self.table = lookup(columns)
        self.sheet_role = role
        self.notices: dict[tuple[str, str], list[tuple[int, Message]]] = {}
        self.names = [(c, n) for c, names in columns.items() for n in names]
        self.header_row = -1
        self.positions: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        # The status a heading row gives the accounts below it (`Opgeheven accounts`).
        self.section_status: AccountStatus | None = None
        # The platform a sheet named after one gives rows that name none (a sheet "Instagram").
        self.implied_platform: str | None = None
        # The department a sheet named after one gives rows that name none (a sheet "Sport").
        self.implied_department: str | None = None
        # A department written once above the accounts that leave theirs empty: by row.
        self.filled_department: dict[int, str] = {}
        self.grouped_rows: set[int] = set()  # the rows that write such a department
        # Rows that are no entry at all (a total, a note): what they hold is not asked for.
        self.passed_over: set[int] = set()
        self._header_names: set[tuple[int, str]] | None = None
        # A sheet kept one row per person and account: where each row's person goes
        # (`person_rows.PersonRows`); None for a row per account.
        self.person_rows: Any = None
        # Columns the header holds that are no register column (`Opmerkingen`), by position:
        # not read, but a remark there may say what a read column should (`opgeheven`).
        self.unread: dict[int, str] = {}
        self._month_first: bool | None = None

    @property
    def file(self) -> str:
        return readable(self.path.name)

    @property
    def place(self) -> str:
        """The file and sheet, as the ledger and the reports name them."""
        return f"{self.file} › {self.sheet.name}" if self.sheet.name else self.file

    def problem(
        self,
        message: Message,
        *,
        row: int | None = None,
        column: str | None = None,
        level: Level = Level.ERROR,
        audit_only: bool = False,
    ) -> None:
        label = self.labels.get(column, column) if column else None
        problem = Problem(
            level=level,
            file=self.file,
            sheet=self.sheet.name,
            row=row,
            column=label,
            message=message,
            audit_only=audit_only,
        )
        # A row read as an account on each platform it names reads its other cells once for
        # each: what is wrong there is said once (`"n.t.b." is geen naam`, not twice).
        if row is not None and problem in self.register.problems[-_SAME_ROW:]:
            return
        self.register.problems.append(problem)

    def notice(self, kind: str, message: Message, *, row: int, column: str) -> None:
        """A warning that may recur on many rows: said per row when it is rare, else once for
        the column with a few examples (a register whose Account column holds display names
        would otherwise give a thousand lines of one message)."""
        seen = self.notices.setdefault((kind, column), [])
        if (row, message) not in seen[-_SAME_ROW:]:  # the row's accounts share the cell
            seen.append((row, message))

    def flush_notices(self) -> None:
        for (kind, column), seen in self.notices.items():
            if len(seen) <= _NOTICES_PER_ROW:
                for row, message in seen:
                    self.problem(message, row=row, column=column, level=Level.WARNING)
                continue
            examples = [
                Message("register.example", row=row, what=message) for row, message in seen[:3]
            ]
            self.problem(
                Message(
                    "register.many_rows",
                    count=len(seen),
                    summary=Message(f"register.notice_summary.{kind}"),
                    examples=in_turn(examples),
                ),
                column=column,
                level=Level.WARNING,
            )
        self.notices.clear()

    def find_header(self, required: Callable[[set[str]], bool]) -> bool:
        guess = guess_account_column if self.sheet_role == "accounts" else None
        seconds: dict[int, str] = {}
        located = locate_header(self.sheet, self.table, required, guess, seconds)
        if located is None:
            return False
        index, found, self.labels = located
        self.header_row = index
        self.positions = found
        header = self.sheet.rows[index]
        unknown: list[str] = []
        for pos, cell in enumerate(header):
            if cells.text(cell) and pos not in found.values():
                column = str(cell).strip()
                self.unread[pos] = column
                if pos in seconds:
                    self.problem(
                        self._second(column, pos, seconds[pos]),
                        row=index + 1,
                        level=Level.WARNING,
                    )
                    continue
                meant = self.suggestion(column, set(found))
                if meant is None:
                    unknown.append(column)
                    continue
                self.problem(
                    Message("register.unknown_column_suggestion", column=column, suggestion=meant),
                    row=index + 1,
                    level=Level.WARNING,
                )
        self._unknown_columns(unknown, index + 1)
        return True

    def _unknown_columns(self, unknown: list[str], row: int) -> None:
        """Columns no register column is close to: each on its own line when they are few
        (a remark column), said once together when they are many (a directory's or a
        personnel system's export, whose warnings that matter were lost among them)."""
        if len(unknown) > _UNKNOWN_APART:
            quoted = [Message("register.quoted", text=column) for column in unknown]
            message = Message("register.unknown_columns", count=len(unknown), columns=quoted)
            self.problem(message, row=row, level=Level.WARNING)
            return
        for column in unknown:
            message = Message("register.unknown_column", column=column)
            self.problem(message, row=row, level=Level.WARNING)

    def _second(self, column: str, pos: int, canonical: str) -> Message:
        """A header naming a column the row named before it (`Kanaal` after `Platform`, a
        second `E-mail`, `Beheerder (back-up)` beside `Contactpersoon 2`): which one is read.
        Said as "not a register column", it read as if the header were misspelt."""
        from openpyxl.utils import get_column_letter

        if canonical == RESPONDENT:
            return Message("register.form_respondent", column=column)
        first = self.positions[canonical]
        hidden = pos in self.sheet.hidden_columns and first not in self.sheet.hidden_columns
        return Message(
            "register.hidden_column_shown_read" if hidden else "register.second_column",
            column=column,
            letter=get_column_letter(pos + 1),
            what=self.label(canonical),
            first=self.labels.get(canonical, canonical),
            first_letter=get_column_letter(first + 1),
        )

    def report_uncomputed(self) -> None:
        """Once for the sheet: the cells of its columns below the header that hold a formula
        whose result the file does not keep. Read as empty, they would leave accounts without
        a name, an owner or a date, and no one would know why."""
        from openpyxl.utils import get_column_letter

        used = set(self.positions.values())
        cells_ = sorted(
            (r, c)
            for r, c in self.sheet.uncomputed
            if r > self.header_row and c in used and r + 1 not in self.passed_over
        )
        if not cells_:
            return
        r, c = cells_[0]
        self.problem(
            Message(
                "register.formulas_not_computed",
                count=len(cells_),
                cell=f"{get_column_letter(c + 1)}{r + 1}",
                formula=self.sheet.uncomputed[(r, c)],
            )
        )

    def report_errors(self) -> None:
        """Once for the sheet: the cells of its columns below the header that show a formula's
        error (`#N/A`), read as empty."""
        by_position = {pos: column for column, pos in self.positions.items()}
        cells_ = sorted(
            (r, c)
            for r, c in self.sheet.errors
            if r > self.header_row and c in by_position and r + 1 not in self.passed_over
        )
        if not cells_:
            return
        r, c = cells_[0]
        self.problem(
            Message("register.formula_errors", count=len(cells_), value=self.sheet.errors[(r, c)]),
            row=r + 1,
            column=by_position[c],
        )

    def report_hidden_rows(self, read: list[int]) -> None:
        """Once for the sheet: the rows read that the spreadsheet program hides or a filter
        leaves out. Read as any other row, they were not said: a register filtered on
        `actief` showed its user fewer accounts than the audit counted, and no word why."""
        hidden = [row for row in read if row - 1 in self.sheet.hidden_rows]
        if not hidden:
            return
        listed = Message(
            "register.row_list_more" if len(hidden) > 10 else "register.row_list",
            rows=hidden[:10],
        )
        self.problem(
            Message("register.hidden_rows", count=len(hidden), rows=listed), level=Level.WARNING
        )

    def header_names(self) -> set[tuple[int, str]]:
        """Every name a column found may be headed by, at its position, folded: what the
        header again holds (the sheet's own header, or the same in other accepted words)."""
        if self._header_names is None:
            by_column: dict[str, set[str]] = {}
            for column, name in self.names:
                by_column.setdefault(column, set()).add(name.casefold())
            self._header_names = {
                (pos, name)
                for column, pos in self.positions.items()
                for name in by_column.get(column, set()) | {self.labels.get(column, "").casefold()}
            }
        return self._header_names

    def suggestion(self, header: str, found: set[str]) -> str | None:
        """The column a header close to any name of a column not found yet probably means
        ("Rolle": "Rol"), named as the template names it; None when none is close."""
        if _IDENTIFIER.search(header):
            return None  # `Employee ID`, `Personeelsnummer`: a number, no misspelt column
        names = {key(n): c for c, n in self.names if c not in found}
        match = process.extractOne(key(header), list(names), scorer=fuzz.ratio, score_cutoff=80)
        return self.label(names[match[0]]) if match else None

    def label(self, column: str) -> str:
        """A column's header as the template (`auditor init`) writes it, in the language the
        sheet's own headers are in: a register written from the English template was told
        of a missing `Weergavenaam`, not its `Display name`."""
        from auditor.template import HEADERS, in_language

        templates = HEADERS.get(self.sheet_role, ())
        written = {key(h) for h in self.labels.values()}
        english = sum(key(in_language(h, "en")) in written for h, _ in templates)
        dutch = sum(key(h) in written for h, _ in templates)
        lang = "en" if english > dutch else "nl"
        for header, _ in templates:
            if self.table.get(key(header)) == column:
                return in_language(header, lang)
        return column

    def data_rows(self) -> list[tuple[int, dict[str, Any]]]:
        out = []
        for index in range(self.header_row + 1, len(self.sheet.rows)):
            row: Row = self.sheet.rows[index]
            own = self.sheet.own_cells(index)
            if all(cells.text(c) is None and not isinstance(c, bool) for c in own):
                continue
            values = {c: (row[p] if p < len(row) else None) for c, p in self.positions.items()}
            for column in [c for c in values if c in _LINKED or c.startswith(WIDE)]:
                link = self.sheet.links.get((index, self.positions[column]))
                shown = cells.text(values[column]) or ""
                if not (link and looks_like_url(link) and not looks_like_url(shown)):
                    continue
                if column == "handle" and " " in shown and not cells.text(values.get("url")):
                    # `Gemeente Zeist` linked to its profile: the page's name beside its
                    # address, as a URL column beside the name gives it. Replaced by the
                    # link, the name was lost (no display name, STY001 failed).
                    values["url"] = link
                else:
                    values[column] = link  # `@GemeenteZeist` linked to its profile
            out.append((index + 1, values))
        return out

    def unread_cells(self, row: int) -> list[tuple[str, str]]:
        """The header and text of each cell of spreadsheet row `row` in a column not read."""
        cells_ = self.sheet.rows[row - 1]
        return [
            (header, text)
            for pos, header in self.unread.items()
            if pos < len(cells_) and (text := cells.text(cells_[pos]))
        ]

    def parse(self, values: dict, column: str, parser: Callable, row: int) -> Any:
        value = values.get(column)
        if parser in DAY_PARSERS and self.sheet.date1904:
            value = cells.from_1904(value)
        if parser in DAY_PARSERS and self.month_first():
            value = cells.as_month_first(value)
        try:
            parsed = parser(value)
        except CellError as exc:
            self.problem(exc.message, row=row, column=column)
            return None
        if parser in DAY_PARSERS and cells.is_period(value):
            day = parsed[1] if isinstance(parsed, tuple) else parsed
            written = cells.text(value)
            self.notice(
                "period",
                Message("register.period_read", value=written, day=day),
                row=row,
                column=column,
            )
        return parsed

    def month_first(self) -> bool:
        """Whether the sheet writes its days month first (`6/15/2021` among them, no
        `15/6/2021`): then every day with slashes is, every row alike. Read one by one,
        `3/1/2015` beside `6/15/2021` was 3 January. Said once for the sheet."""
        if self._month_first is None:
            read = sorted(set(self.positions.values()))  # a column not read says nothing here
            example = cells.slashed_month_first(
                row[pos]
                for row in self.sheet.rows[self.header_row + 1 :]
                for pos in read
                if pos < len(row)
            )
            self._month_first = example is not None
            if example is not None:
                self.problem(Message("register.month_first", example=example), level=Level.WARNING)
        return self._month_first

    def read_rows(
        self,
        build: Callable[[dict[str, Any], int], Any],
        identity: Callable[[Any], str] | None = None,
        duplicate: Callable[[Any, Where, Where], tuple[Message, Level]] | None = None,
        seen: dict[str, Where] | None = None,
        prefer: Callable[[Any, Any], bool] | None = None,
        kept: dict[str, Any] | None = None,
        also_known: Callable[[Any], list[str]] | None = None,
        named_only: Callable[[Any], bool] | None = None,
        combine: Callable[[Any, Any], bool] | None = None,
    ) -> list[Any]:
        """Every data row through `build`, with the sheet's ledger kept in one place.

        `build` returns the row's model, or None after reporting why the row is not used; rows
        whose `identity` was seen before count as duplicates, reported by `duplicate` with the
        sheet and row of the one used and of the one not used; the later row takes the earlier
        one's place where `prefer(later, earlier)` (`kept`, shared with the sheets read before
        as `seen` is, holds the items by identity). `also_known` gives the other identities an
        item goes by (a handle typed beside a channel's URL): a later row that gives only one
        of those (`named_only`: no link of its own) is a duplicate too. A row with its own
        link is its own account, whatever another row typed beside theirs. Where `combine(earlier,
        later)` takes what a later row adds to an earlier item (a register kept one row per
        person), the row is used, not a duplicate.
        """
        entry = LedgerEntry(
            path=self.place,
            format="register",
            sha256=_sha256(self.path),
        )
        items: list[Any] = []
        first: dict[str, Where] = {} if seen is None else seen
        kept = {} if kept is None else kept
        read: list[int] = []
        for row, values in self.data_rows():
            entry.rows_read += 1
            read.append(row)
            built = build(values, row)
            if built is None:
                entry.rows_rejected += 1
                entry.rejected.append(RejectedRow(row=row, reason=_last_error(self.register)))
                continue
            here = (self.sheet.name, row)
            used = False
            # A row may stand for several items (`Facebook + Instagram`): it is used when one
            # of them is, a duplicate when all of them are.
            for item in built if isinstance(built, list) else [built]:
                if identity is not None:
                    own = identity(item)
                    aliases = [_ALIAS + a for a in (also_known(item) if also_known else [])]
                    keys = [own, *aliases]
                    candidates = [own]
                    if named_only is not None and named_only(item):
                        candidates.append(_ALIAS + own)
                    key_ = next((k for k in candidates if k in first), None)
                    if key_ is not None and first[key_] == here:
                        # One row read twice as one account (`Facebook + Instagram` beside an
                        # X address): said where its cells disagree, not as `rows 2 and 2`.
                        used = True
                        continue
                    if key_ is not None:
                        assert duplicate is not None
                        earlier = kept.get(key_)
                        if combine is not None and earlier is not None and combine(earlier, item):
                            used = True
                            continue
                        if prefer is not None and earlier is not None and prefer(item, earlier):
                            message, level = duplicate(item, here, first[key_])
                            self.problem(message, row=row, level=level)
                            _replace(earlier, item, items, self.register.accounts)
                            for k in keys:
                                kept[k], first[k] = item, here
                        else:
                            message, level = duplicate(item, first[key_], here)
                            self.problem(message, row=row, level=level)
                        continue
                    for k in keys:
                        first.setdefault(k, here)
                        kept.setdefault(k, item)
                items.append(item)
                used = True
            if used:
                entry.rows_used += 1
            else:
                entry.rows_duplicate += 1
        self.flush_notices()
        self.report_uncomputed()
        self.report_errors()
        self.report_hidden_rows(read)
        self.register.ledger.append(entry)
        return items


# How an identity an item also goes by is kept beside the identities items have.
_ALIAS = "also-known-as:"


def _replace(old: Any, new: Any, *lists: list[Any]) -> None:
    """Put `new` where `old` stands, in whichever list holds it."""
    for items in lists:
        for i, item in enumerate(items):
            if item is old:
                items[i] = new
                return


def _sha256(path: Path) -> str:
    """The file's digest, read once for all its sheets (each accounts tab asks for it)."""
    stat = path.stat()
    return _digest(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def in_turn(messages: list[Message]) -> Message:
    """Sentences said one after the other, separated by semicolons."""
    first, *rest = messages
    return Message("register.in_turn", first=first, rest=in_turn(rest)) if rest else first


def _last_error(register: Register) -> Message:
    """Why the row just read is not used: the last problem reported, without its place."""
    problem = register.problems[-1]
    if problem.column:
        return Message("register.in_column", column=problem.column, what=problem.message)
    return problem.message
