"""Owners' answers read back from returned workbooks.

Owners get `audit.xlsx` or their department's `departments/<slug>.xlsx` and fill in, per
finding, a Status (open / in behandeling / opgelost / uitzondering aangevraagd, or in English
open / in progress / resolved / waiver requested) and a Toelichting/Comment. This module finds
that sheet and its header row by content, and returns every answer by `finding_id`.

A row that cannot be used (no finding_id, a status we do not know, a finding_id not in the
audit it answers, a workbook of another audit) is listed with its file, sheet and row and the
reason, never dropped. A row left as the report wrote it (status open, no comment) is no
answer and is only counted.

Workbooks come back as people handle them: a status in their own words or with a remark
after it, a finding_id retyped, the sheet renamed or copied, saved as CSV; a folder holds lock
files and other files. Each is read as meant or named with the reason (see the README).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import BaseModel, Field

from auditor.copies import copy_of
from auditor.messages import Message, StoredMessage, languages, text
from auditor.models import FindingStatus
from auditor.problems import InputError, Level, Problem
from auditor.register.workbook import Sheet
from auditor.responses_file import answer_sheets


class OwnerStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    WAIVER_REQUESTED = "waiver_requested"
    # The owner holds the finding wrong (the register is out of date, the check does not
    # apply): counted as an answer, shown beside the finding for Communicatie to decide.
    DISPUTED = "disputed"


# The words the report's drop-down offers (`responses.status.*`); the reports read them from
# here so both agree, and a returned workbook may use those of any language.
OWNER_STATUS_LABELS: dict[OwnerStatus, Message] = {
    status: Message(f"responses.status.{status.value}") for status in OwnerStatus
}


@cache
def _status_words() -> dict[str, OwnerStatus]:
    return {
        # What the report itself may have written in the column: nothing changed yet.
        **{status.value: OwnerStatus.OPEN for status in FindingStatus},
        "nieuw": OwnerStatus.OPEN,
        **{status.value.replace("_", " "): status for status in OwnerStatus},
        **{
            _word(label(lang)): status
            for lang in languages()
            for status, label in OWNER_STATUS_LABELS.items()
        },
        **_SYNONYMS,
    }


# What owners type instead of the drop-down's words, in Dutch and English. Words that could
# mean more than one status (`gesloten`: the account, or the finding?) are not guessed.
_SYNONYMS = {
    **dict.fromkeys(
        ["klaar", "gedaan", "afgerond", "afgehandeld", "hersteld", "verholpen", "aangepast"],
        OwnerStatus.RESOLVED,
    ),
    **dict.fromkeys(["done", "fixed", "solved", "completed"], OwnerStatus.RESOLVED),
    **dict.fromkeys(
        ["bezig", "mee bezig", "in uitvoering", "loopt", "ongoing", "started", "in progres"],
        OwnerStatus.IN_PROGRESS,
    ),
    **dict.fromkeys(
        ["uitzondering", "uitzondering gevraagd", "uitzondering aanvragen", "waiver"],
        OwnerStatus.WAIVER_REQUESTED,
    ),
    **dict.fromkeys(
        ["ontheffing", "ontheffing aangevraagd", "waiver request"], OwnerStatus.WAIVER_REQUESTED
    ),
    **dict.fromkeys(["nog open", "nog niet", "to do", "todo", "not done"], OwnerStatus.OPEN),
    **dict.fromkeys(
        ["niet eens", "oneens", "mee oneens", "niet akkoord", "bezwaar", "klopt niet"],
        OwnerStatus.DISPUTED,
    ),
    **dict.fromkeys(
        ["onterecht", "n.v.t.", "nvt", "n.v.t", "niet van toepassing"], OwnerStatus.DISPUTED
    ),
    **dict.fromkeys(
        ["disagree", "not agreed", "not applicable", "n/a", "incorrect"], OwnerStatus.DISPUTED
    ),
    **dict.fromkeys(
        ["niet opgelost", "niet klaar", "niet gedaan", "nog niet opgelost", "nog niet klaar"],
        OwnerStatus.OPEN,
    ),
    "nog niet gedaan": OwnerStatus.OPEN,
}


def _word(value: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(value)).strip().lower()


# A status with a remark after it: `opgelost (zie toelichting)`, `Opgelost - nieuwe vervanger`,
# `in behandeling: wacht op ICT`, `Resolved.`; the remark is the owner's word too.
_REMARK = re.compile(r"^(?P<word>[^(\[:;,.!…–—]+?)\s*(?:[(\[:;,.!…–—]|\s-\s)(?P<remark>.*)$", re.S)


SHEET_NAMES = ("bevindingen", "findings")
_ID_HEADERS = {"findingid", "bevindingid", "idbevinding"}
_OWNER_STATUS_HEADERS = {"statuseigenaar", "statusbeheerder", "ownerstatus"}
_STATUS_HEADERS = {"status", *_OWNER_STATUS_HEADERS}
_COMMENT_HEADERS = {"toelichting", "comment", "comments", "opmerking", "opmerkingen", "commentaar"}
_HEADER_SEARCH_ROWS = 30


def parse_owner_status(value: Any) -> OwnerStatus | None:
    """An owner's status as written (any case, spacing); None when we do not know the word."""
    return owner_status_and_remark(value)[0]


def owner_status_and_remark(value: Any) -> tuple[OwnerStatus | None, str | None]:
    """The status an owner wrote, and a remark written after it in the same cell; (None,
    None) when we do not know the word. A question (`opgelost?`) is no answer."""
    if value is None:
        return OwnerStatus.OPEN, None
    word = _word(value)
    if not word:
        return OwnerStatus.OPEN, None
    if word in _status_words():
        return _status_words()[word], None
    written = str(value).strip()
    if "?" in written:
        return None, None
    found = _REMARK.match(written)
    if found is not None and (status := _status_words().get(_word(found["word"]))):
        return status, found["remark"].strip(" )]-–—.!…:;,\t\n") or None
    # `opgelost per 1 oktober`, `in behandeling bij ICT`: the longest known status the cell
    # starts with; the words after it are the remark.
    words = written.split()
    for size in range(len(words) - 1, 0, -1):
        if status := _status_words().get(_word(" ".join(words[:size]))):
            return status, " ".join(words[size:]).strip(" )]-–—.!…:;,") or None
    return None, None


class OwnerAnswer(BaseModel):
    finding_id: str
    status: OwnerStatus
    comment: str | None = None
    file: str
    sheet: str
    row: int

    def place(self) -> Message:
        """Where the answer stands: file › sheet › row."""
        return place(self.file, self.sheet, self.row)


def place(file: str, sheet: str, row: int) -> Message:
    """file › sheet › row; a CSV has no sheet: file › row."""
    if not sheet:
        return Message("problem.place.file_row", file=file, row=row)
    return Message("problem.place.file_sheet_row", file=file, sheet=sheet, row=row)


class AnswerConflict(BaseModel):
    """One finding answered differently in several rows (of one or more returned workbooks):
    every answer in the order read; the last is the one kept."""

    finding_id: str
    answers: list[OwnerAnswer]

    @property
    def kept(self) -> OwnerAnswer:
        return self.answers[-1]

    def as_message(self) -> Message:
        """The warning: which finding, where each answer stands, and which one counts."""
        return Message(
            "responses.conflict",
            finding_id=self.finding_id,
            places=[a.place() for a in self.answers[:-1]],
            kept=self.kept.place(),
        )


class UnmatchedAnswer(BaseModel):
    """A returned row that could not be used, with where it is and why."""

    file: str
    sheet: str
    row: int
    finding_id: str | None
    status: str | None
    message: StoredMessage  # why, rendered in the report's language

    def as_message(self) -> Message:
        """Where, then why: as an input problem reads."""
        return Message(
            "problem.at", place=place(self.file, self.sheet, self.row), what=self.message
        )


class ResponsesLoad(BaseModel):
    files: list[str] = Field(default_factory=list)
    answers: dict[str, OwnerAnswer] = Field(default_factory=dict)  # by finding_id
    unmatched: list[UnmatchedAnswer] = Field(default_factory=list)
    untouched: int = 0  # findings whose rows were left as the report wrote them
    untouched_ids: set[str] = Field(default_factory=set)
    seen: set[str] = Field(default_factory=set)  # every finding_id with a row, answered or not
    not_returned: list[str] = Field(default_factory=list)  # known findings with no row (by match)
    conflicts: list[AnswerConflict] = Field(default_factory=list)  # answered differently
    problems: list[Problem] = Field(default_factory=list)
    # The audit each workbook says it belongs to (its Periode row), by file name.
    periods: dict[str, str] = Field(default_factory=dict)

    def match(
        self,
        known: Iterable[str],
        audit_label: str | None = None,
        running: str | None = None,
        unheld: tuple[str, Collection[str]] = ("", ()),
    ) -> ResponsesLoad:
        """Keep the answers to findings in `known`; list the others as unmatched, and those
        from a workbook of another audit than `audit_label`: finding_ids stay the same from
        quarter to quarter, so last year's "opgelost" would otherwise count for this one.
        `running` is the audit being run, whose own workbooks the next audit reads;
        `unheld` the history's name and the audits of workbooks it does not hold (the
        workbook is right, the history given is not)."""
        known = set(known)
        history, not_held = unheld

        def other_audit(period: str) -> Message:
            if period == running:
                return Message("responses.this_audit", period=period, audit=audit_label)
            if period in not_held:
                return Message("responses.not_in_history", period=period, history=history)
            return Message("responses.other_audit", period=period, audit=audit_label)

        stale = {
            fid: self.periods[a.file]
            for fid, a in self.answers.items()
            if audit_label and self.periods.get(a.file, audit_label) != audit_label
        }
        answers = {fid: a for fid, a in self.answers.items() if fid in known and fid not in stale}

        def why_not(fid: str) -> Message:
            if fid in stale:
                return other_audit(stale[fid])
            if audit_label:
                return Message("responses.unknown_finding_in", finding_id=fid, audit=audit_label)
            return Message("responses.unknown_finding", finding_id=fid)

        # Another audit's answers first, then those to findings this audit does not have.
        left = [(fid, a) for fid, a in self.answers.items() if fid in stale]
        placed = known | stale.keys()
        left += [(fid, a) for fid, a in self.answers.items() if fid not in placed]
        unmatched = list(self.unmatched) + [
            UnmatchedAnswer(
                file=a.file,
                sheet=a.sheet,
                row=a.row,
                finding_id=fid,
                status=a.status.value,
                message=why_not(fid),
            )
            for fid, a in left
        ]
        return self.model_copy(
            update={
                "answers": answers,
                "unmatched": unmatched,
                "not_returned": sorted(known - self.seen),
                "conflicts": [c for c in self.conflicts if c.finding_id in answers],
            }
        )


def read_responses(paths: Iterable[str | Path]) -> ResponsesLoad:
    """Read owners' answers from workbooks and folders of workbooks (`departments/`).

    When one finding is answered differently in several rows, the last one read wins; the
    rows are listed in `conflicts`, and each later one named in `problems`. A workbook given
    by name that cannot be read or has no findings sheet is an InputError; one found in a
    folder is skipped with a warning, and so are the folder's other files, named.
    """
    load = ResponsesLoad()
    done: set[Path] = set()
    for given in _expanded(paths):
        if given.exists() and given.resolve() in done:
            continue  # given twice (a folder and a file in it, or by two names): read once
        if given.is_dir():
            _read_folder(given, load, done)
        elif given.exists():
            done.add(given.resolve())
            _read_workbook(given, load, named=True)
        else:
            raise InputError(given, Message("responses.no_such_path"))
    return load


def _expanded(paths: Iterable[str | Path]) -> list[Path]:
    """The paths given; a pattern no shell expanded (`"departments/*.xlsx"` in quotes, or on
    Windows) stands for the files it matches, when no file has that very name."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.exists() or not re.search(r"[*?\[]", str(given)):
            found.append(given)
            continue
        anchor = Path(given.anchor) if given.is_absolute() else Path()
        matches = sorted(anchor.glob(str(given.relative_to(anchor) if given.anchor else given)))
        found += [m for m in matches if not m.name.startswith("~$")] or [given]
    return found


# What a returned answer comes in: a workbook, or its findings sheet saved as CSV; an old
# .xls or a LibreOffice .ods is read to be told how to save it.
ANSWER_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv", ".xls", ".ods"})
# Files the audit itself writes beside its workbooks (`departments/` holds a page per
# workbook): no owner's answer is in them, so they are passed over without a word.
_REPORT_SUFFIXES = frozenset({".html", ".json"})


def _read_folder(folder: Path, load: ResponsesLoad, done: set[Path]) -> None:
    skipped: list[str] = []
    read_before = len(load.files)
    name = folder.name or folder.resolve().name  # `--responses .`: the folder it is
    for path in sorted(folder.iterdir(), key=_reading_order):
        if path.name.startswith(("~$", ".")):  # Excel's lock file of an open workbook; hidden
            continue
        suffix = path.suffix.casefold()
        if path.is_file() and suffix in ANSWER_SUFFIXES:
            if path.resolve() not in done:
                done.add(path.resolve())
                _read_workbook(path, load, named=False)
        elif not (path.is_file() and suffix in _REPORT_SUFFIXES):
            skipped.append(path.name + ("/" if path.is_dir() else ""))
    if skipped:
        message = Message("responses.skipped_in_folder", count=len(skipped), names=skipped)
        load.problems.append(Problem(level=Level.WARNING, file=name, message=message))
    if len(load.files) == read_before:  # given to be read, and nothing in it was: said
        empty = Message("responses.no_answers_in_folder")
        load.problems.append(Problem(level=Level.WARNING, file=name, message=empty))


def _reading_order(path: Path) -> tuple[str, int, str]:
    """By name, a workbook returned again and saved beside the first (`wonen (2).xlsx`, then
    `wonen (10).xlsx`) after it: the last answer read counts, and that is the later one. By
    name alone `wonen (2).xlsx` came before `wonen.xlsx`, and the first answer overruled it."""
    stem, number = copy_of(Path(path.name).stem)
    return stem.casefold(), number, path.name.casefold()


def _read_workbook(path: Path, load: ResponsesLoad, *, named: bool) -> None:
    if path.name.startswith("~$"):  # picked by name, e.g. by completing `audit` in a shell
        raise InputError(path, Message("responses.lock_file", workbook=path.name[2:]))
    try:
        sheets = answer_sheets(
            path, lambda rows: any(_header_columns(v) for v in rows), _HEADER_SEARCH_ROWS
        )
    except InputError as error:
        if named:
            raise
        # One unreadable file in a folder of returned workbooks does not stop the others.
        load.problems.append(Problem(level=Level.WARNING, file=path.name, message=error.message))
        return
    tables = [(sheet, *found) for sheet in sheets if (found := _find_table(sheet)) is not None]
    if not tables:
        message = _missing_columns(sheets)
        if named:
            raise InputError(path, message)
        load.problems.append(Problem(level=Level.WARNING, file=path.name, message=message))
        return
    # The file's name is what the owner and the report reader recognise; where it was kept
    # on someone's disk is not theirs to see.
    load.files.append(path.name)
    if (period := _period_of(sheets)) is not None:
        load.periods[path.name] = period
    # Every sheet that holds the table is read: an owner who filled in a copy of the sheet
    # (`Bevindingen (2)`) answered there, and two sheets that differ are a conflict, told.
    for sheet, header_row, columns in tables:
        _tell_uncomputed(load, path.name, sheet, header_row, columns)
        rows = sheet.rows[header_row:]
        for row_number, values in enumerate(rows, start=header_row + 1):
            _read_row(load, path.name, sheet.name or "", row_number, values, columns)


# A period as `Period.label` writes it; the trend table's heading `Periode | Zonder open
# bevindingen` is not one.
_PERIOD_LABEL = re.compile(r"^(\d{4}-Q[1-4]|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$")


@cache
def _period_words() -> frozenset[str]:
    return frozenset(_norm(text("report.period", lang)) for lang in languages())


def _period_of(sheets: list[Sheet]) -> str | None:
    """The audit a returned workbook belongs to, as its summary sheet names it (`Periode |
    2026-Q2`); None when no sheet says (a CSV, or a summary the owner deleted)."""
    for sheet in sheets:
        for values in sheet.rows[:_HEADER_SEARCH_ROWS]:
            cells = [v for v in values if v is not None and str(v).strip()]
            if (
                len(cells) >= 2
                and _norm(cells[0]) in _period_words()
                and _PERIOD_LABEL.match(str(cells[1]).strip())
            ):
                return str(cells[1]).strip()
    return None


def _tell_uncomputed(
    load: ResponsesLoad, file: str, sheet: Sheet, header_row: int, columns: dict[str, int]
) -> None:
    """Answer cells holding a formula whose result the file does not keep (written by a
    program that computes nothing) read as empty: said, not left to look untouched."""
    cells = sorted((r, c) for r, c in sheet.uncomputed if r >= header_row and c in columns.values())
    if not cells:
        return
    r, c = cells[0]
    message = Message(
        "register.formulas_not_computed",
        count=len(cells),
        cell=f"{get_column_letter(c + 1)}{r + 1}",
        formula=sheet.uncomputed[(r, c)],
    )
    load.problems.append(Problem(level=Level.WARNING, file=file, sheet=sheet.name, message=message))


def _find_table(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The header row (1-based) and column positions of the answers table in a sheet."""
    for row_number, values in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS], start=1):
        columns = _header_columns(values)
        if columns is not None:
            return row_number, columns
    return None


def _header_columns(values: tuple[Any, ...]) -> dict[str, int] | None:
    columns = _columns_found(values)
    if {"id", "status", "comment"} <= columns.keys():
        return columns
    return None


def _columns_found(values: tuple[Any, ...]) -> dict[str, int]:
    """The answer table's columns a row names, by their key (id, status, comment); a
    remark in brackets aside (`Toelichting (optioneel)`)."""
    columns: dict[str, int] = {}
    for position, value in enumerate(values):
        header = _norm(re.sub(r"\([^)]*\)", "", str(value))) if value is not None else ""
        for key, accepted in (
            ("id", _ID_HEADERS),
            ("status", _STATUS_HEADERS),
            ("comment", _COMMENT_HEADERS),
        ):
            if header in accepted and key not in columns:
                columns[key] = position
        # Beside the finding's own status, the owner's column is the one owners fill in.
        if header in _OWNER_STATUS_HEADERS:
            columns["status"] = position
    return columns


def _missing_columns(sheets: list[Sheet]) -> Message:
    """Why no sheet holds the answers table: the sheet with a finding_id column that comes
    closest, and the columns it lacks (an owner deleted Status); a sheet with the answer
    columns and no finding_id (an owner deleted it, the column the others only point to);
    else the table in general."""
    best: tuple[int, str, list[str]] | None = None
    for sheet in sheets:
        for values in sheet.rows[:_HEADER_SEARCH_ROWS]:
            found = _columns_found(values)
            if "id" not in found and {"status", "comment"} <= found.keys():
                columns = [str(values[found[k]]).strip() for k in ("status", "comment")]
                if not sheet.name:
                    return Message("responses.missing_id_column_file", columns=columns)
                return Message("responses.missing_id_column", sheet=sheet.name, columns=columns)
            if "id" in found and (best is None or len(found) > best[0]):
                missing = [_COLUMN_NAMES[k] for k in ("status", "comment") if k not in found]
                best = (len(found), sheet.name or "", missing)
    if best is None or not best[2]:
        return Message("responses.no_findings_sheet")
    _, sheet_name, missing = best
    if not sheet_name:
        return Message("responses.missing_columns_file", missing=missing)
    return Message("responses.missing_columns", sheet=sheet_name, missing=missing)


# The columns as the report heads them, for saying which one is gone.
_COLUMN_NAMES = {"status": "Status", "comment": "Toelichting"}


def _read_row(
    load: ResponsesLoad,
    file: str,
    sheet: str,
    row: int,
    values: tuple[Any, ...],
    columns: dict[str, int],
) -> None:
    finding_id = _finding_id(_cell(values, columns["id"]))
    raw_status = _text(_cell(values, columns["status"]))
    comment = _text(_cell(values, columns["comment"]))
    if finding_id is None and raw_status is None and comment is None:
        return
    if finding_id is None:
        load.unmatched.append(
            UnmatchedAnswer(
                file=file,
                sheet=sheet,
                row=row,
                finding_id=None,
                status=raw_status,
                message=Message("responses.empty_finding_id"),
            )
        )
        return
    load.seen.add(finding_id)
    status, remark = owner_status_and_remark(raw_status)
    if remark is not None:
        comment = remark if comment is None else f"{remark}; {comment}"
    if status is None:
        load.unmatched.append(
            UnmatchedAnswer(
                file=file,
                sheet=sheet,
                row=row,
                finding_id=finding_id,
                status=raw_status,
                message=_why_no_status(raw_status, comment),
            )
        )
        return
    if status is OwnerStatus.OPEN and comment is None:
        # Counted once per finding: a copy of the sheet, or the same workbook given twice,
        # holds the same rows again.
        load.untouched_ids.add(finding_id)
        load.untouched = len(load.untouched_ids)
        return
    answer = OwnerAnswer(
        finding_id=finding_id, status=status, comment=comment, file=file, sheet=sheet, row=row
    )
    earlier = load.answers.get(finding_id)
    conflict = next((c for c in load.conflicts if c.finding_id == finding_id), None)
    if conflict is not None:
        # Once answers differ, every later one belongs to the conflict, so the list ends
        # with the answer kept.
        conflict.answers.append(answer)
    elif earlier is not None and (earlier.status, earlier.comment) != (status, comment):
        load.conflicts.append(AnswerConflict(finding_id=finding_id, answers=[earlier, answer]))
    if earlier is not None and (earlier.status, earlier.comment) != (status, comment):
        load.problems.append(
            Problem(
                level=Level.WARNING,
                file=file,
                sheet=sheet,
                row=row,
                message=Message(
                    "responses.answered_twice",
                    finding_id=finding_id,
                    place=earlier.place(),
                ),
            )
        )
    load.answers[finding_id] = answer


def _why_no_status(raw_status: Any, comment: str | None) -> Message:
    """Why an answer is not counted for its status; the owner's comment goes along, since the
    report lists the answer by its place and reason alone and the comment is what
    Communicatie must read."""
    expected = list(OWNER_STATUS_LABELS.values())
    if comment:
        return Message(
            "responses.unknown_status_comment",
            status=raw_status,
            expected=expected,
            comment=comment,
        )
    return Message("responses.unknown_status", status=raw_status, expected=expected)


def _cell(values: tuple[Any, ...], position: int) -> Any:
    return values[position] if position < len(values) else None


_FINDING_ID = re.compile(r"^([A-Za-z]{3}\d{3})-([0-9A-Fa-f]+)$")


def _finding_id(value: Any) -> str | None:
    """A finding_id as the report wrote it, whatever a copy or a hand did to it: spaces in or
    around it, an invisible character a copy brings along, another case (`own001-7A..`)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number as a spreadsheet keeps it: 12345.0 was typed 12345
    text = _text(value)
    if text is None:
        return None
    text = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    if found := _FINDING_ID.match(text):
        return f"{found[1].upper()}-{found[2].lower()}"
    return text or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _norm(value: Any) -> str:
    return re.sub(r"[^0-9a-z]", "", str(value).lower()) if value is not None else ""
