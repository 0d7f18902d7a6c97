"""Input problems with the place they were found, and the error the CLI turns into exit 2."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from auditor.messages import Message


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    """Something wrong with an input, at a place (file, sheet, row, column); the words are
    rendered at the edge, in the report's language."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    level: Level = Level.ERROR
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    message: Message
    # What it says matters to the audit's checks only, not to reading the accounts: `publish`
    # and `verify` leave it out (a register without a training column is still a list).
    audit_only: bool = False

    def as_message(self) -> Message:
        """The problem as one sentence: where, then what."""
        shape = "file" + ("_sheet" if self.sheet else "") + ("_row" if self.row is not None else "")
        place = Message(f"problem.place.{shape}", file=self.file, sheet=self.sheet, row=self.row)
        if self.column:
            return Message("problem.at_column", place=place, column=self.column, what=self.message)
        return Message("problem.at", place=place, what=self.message)

    def render(self, lang: str) -> str:
        return self.as_message()(lang)


class InputError(Exception):
    """Input the tool cannot use at all; the CLI reports it in one line and exits 2."""

    def __init__(self, path: str | Path | None, message: Message):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(message.key)

    def as_message(self) -> Message:
        if self.path is None:
            return self.message
        return Message("problem.at", place=Path(self.path).name, what=self.message)

    def render(self, lang: str) -> str:
        return self.as_message()(lang)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level is Level.ERROR]
