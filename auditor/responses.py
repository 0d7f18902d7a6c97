"""Owners' answers read back from returned workbooks.

Owners get `audit.xlsx` or their department's `departments/<slug>.xlsx` and fill in, per
finding, a Status (open / in behandeling / opgelost / uitzondering aangevraagd, or in English
open / in progress / resolved / waiver requested) and a Toelichting/Comment. This module finds
that sheet and its header row by content, and returns every answer by `finding_id`.

A row that cannot be used (no finding_id, a status we do not know, a finding_id not in the
audit it answers) is listed with its file, sheet and row and the reason, never dropped. A row
left as the report wrote it (status open, no comment) is no answer and is only counted.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import BaseModel, Field

from auditor.messages import Message, StoredMessage, languages
from auditor.models import FindingStatus
from auditor.problems import InputError, Level, Problem


class OwnerStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    WAIVER_REQUESTED = "waiver_requested"


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
    }


def _word(value: Any) -> str:
    return re.sub(r"[\s_\-]+", " ", str(value)).strip().lower()


SHEET_NAMES = ("bevindingen", "findings")
_ID_HEADERS = {"findingid", "bevindingid", "idbevinding"}
_OWNER_STATUS_HEADERS = {"statuseigenaar", "statusbeheerder", "ownerstatus"}
_STATUS_HEADERS = {"status", *_OWNER_STATUS_HEADERS}
_COMMENT_HEADERS = {"toelichting", "comment", "comments", "opmerking", "opmerkingen", "commentaar"}
_HEADER_SEARCH_ROWS = 30


def parse_owner_status(value: Any) -> OwnerStatus | None:
    """An owner's status as written (any case, spacing); None when we do not know the word."""
    if value is None:
        return OwnerStatus.OPEN
    word = _word(value)
    if not word:
        return OwnerStatus.OPEN
    return _status_words().get(word)


class OwnerAnswer(BaseModel):
    finding_id: str
    status: OwnerStatus
    comment: str | None = None
    file: str
    sheet: str
    row: int

    def place(self) -> Message:
        """Where the answer stands: file › sheet › row."""
        return Message(
            "problem.place.file_sheet_row", file=self.file, sheet=self.sheet, row=self.row
        )


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
        place = Message(
            "problem.place.file_sheet_row", file=self.file, sheet=self.sheet, row=self.row
        )
        return Message("problem.at", place=place, what=self.message)


class ResponsesLoad(BaseModel):
    files: list[str] = Field(default_factory=list)
    answers: dict[str, OwnerAnswer] = Field(default_factory=dict)  # by finding_id
    unmatched: list[UnmatchedAnswer] = Field(default_factory=list)
    untouched: int = 0  # rows left as the report wrote them
    seen: set[str] = Field(default_factory=set)  # every finding_id with a row, answered or not
    not_returned: list[str] = Field(default_factory=list)  # known findings with no row (by match)
    conflicts: list[AnswerConflict] = Field(default_factory=list)  # answered differently
    problems: list[Problem] = Field(default_factory=list)

    def match(self, known: Iterable[str], audit_label: str | None = None) -> ResponsesLoad:
        """Keep the answers to findings in `known`; list the others as unmatched."""
        known = set(known)
        answers = {fid: a for fid, a in self.answers.items() if fid in known}
        unmatched = list(self.unmatched) + [
            UnmatchedAnswer(
                file=a.file,
                sheet=a.sheet,
                row=a.row,
                finding_id=fid,
                status=a.status.value,
                message=Message("responses.unknown_finding_in", finding_id=fid, audit=audit_label)
                if audit_label
                else Message("responses.unknown_finding", finding_id=fid),
            )
            for fid, a in self.answers.items()
            if fid not in known
        ]
        return self.model_copy(
            update={
                "answers": answers,
                "unmatched": unmatched,
                "not_returned": sorted(known - self.seen),
                "conflicts": [c for c in self.conflicts if c.finding_id in known],
            }
        )


def read_responses(paths: Iterable[str | Path]) -> ResponsesLoad:
    """Read owners' answers from workbooks and folders of workbooks (`departments/`).

    When one finding is answered differently in several rows, the last one read wins; the
    rows are listed in `conflicts`, and each later one named in `problems`. A workbook given
    by name without a findings sheet is an InputError; one found in a folder is skipped with
    a warning.
    """
    load = ResponsesLoad()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for path in sorted(given.glob("*.xlsx")):
                if not path.name.startswith("~$"):  # Excel's lock file of an open workbook
                    _read_workbook(path, load, named=False)
        elif given.exists():
            _read_workbook(given, load, named=True)
        else:
            raise InputError(given, Message("responses.no_such_path"))
    return load


def _read_workbook(path: Path, load: ResponsesLoad, *, named: bool) -> None:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(path, Message("responses.unreadable", error=str(exc))) from exc
    try:
        found = _find_table(workbook)
        if found is None:
            message = Message("responses.no_findings_sheet")
            if named:
                raise InputError(path, message)
            load.problems.append(Problem(level=Level.WARNING, file=path.name, message=message))
            return
        sheet, header_row, columns = found
        # The file's name is what the owner and the report reader recognise; where it was kept
        # on someone's disk is not theirs to see.
        load.files.append(path.name)
        rows = workbook[sheet].iter_rows(min_row=header_row + 1, values_only=True)
        for row_number, values in enumerate(rows, start=header_row + 1):
            _read_row(load, path.name, sheet, row_number, values, columns)
    finally:
        workbook.close()


def _find_table(workbook: Any) -> tuple[str, int, dict[str, int]] | None:
    """The sheet, header row (1-based) and column positions of the answers table."""
    names = sorted(workbook.sheetnames, key=lambda n: _norm(n) not in SHEET_NAMES)
    for name in names:
        sheet = workbook[name]
        for row_number, values in enumerate(
            sheet.iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True), start=1
        ):
            columns = _header_columns(values)
            if columns is not None:
                return name, row_number, columns
    return None


def _header_columns(values: tuple[Any, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for position, value in enumerate(values):
        header = _norm(value)
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
    if {"id", "status", "comment"} <= columns.keys():
        return columns
    return None


def _read_row(
    load: ResponsesLoad,
    file: str,
    sheet: str,
    row: int,
    values: tuple[Any, ...],
    columns: dict[str, int],
) -> None:
    finding_id = _text(_cell(values, columns["id"]))
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
    status = parse_owner_status(raw_status)
    if status is None:
        load.unmatched.append(
            UnmatchedAnswer(
                file=file,
                sheet=sheet,
                row=row,
                finding_id=finding_id,
                status=raw_status,
                message=Message(
                    "responses.unknown_status",
                    status=raw_status,
                    expected=list(OWNER_STATUS_LABELS.values()),
                ),
            )
        )
        return
    if status is OwnerStatus.OPEN and comment is None:
        load.untouched += 1
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
                    place=Message(
                        "problem.place.file_sheet_row",
                        file=earlier.file,
                        sheet=earlier.sheet,
                        row=earlier.row,
                    ),
                ),
            )
        )
    load.answers[finding_id] = answer


def _cell(values: tuple[Any, ...], position: int) -> Any:
    return values[position] if position < len(values) else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _norm(value: Any) -> str:
    return re.sub(r"[^0-9a-z]", "", str(value).lower()) if value is not None else ""
