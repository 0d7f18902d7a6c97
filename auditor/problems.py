"""Input problems with the place they were found, and the error the CLI turns into exit 2."""

from __future__ import annotations

import errno
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


def readable(name: str) -> str:
    """A file's name as text that can be shown and stored. A name the system holds as bytes
    that are no UTF-8 (a zip or a share filled on Windows: `café` in its code page) comes
    with stand-ins Python cannot write anywhere; read as Windows wrote it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")
    return name


class InputError(Exception):
    """Input the tool cannot use at all; the CLI reports it in one line and exits 2."""

    def __init__(self, path: str | Path | None, message: Message):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(message.key)

    def as_message(self) -> Message:
        if self.path is None:
            return self.message
        # `.` and `..` have no name of their own: the folder they are.
        path = Path(self.path)
        place = path.name or path.resolve().name or str(path)
        if path.name == "..":
            place = path.resolve().name or str(path)
        return Message("problem.at", place=readable(place), what=self.message)

    def render(self, lang: str) -> str:
        return self.as_message()(lang)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level is Level.ERROR]


# Why the system refused a file or folder, by errno: the catalogue's `problem.os.*`.
_OS_REASONS = {
    errno.EACCES: "no_access",
    errno.EPERM: "no_access",
    errno.EROFS: "read_only",
    errno.ENOSPC: "no_space",
    errno.EDQUOT: "no_space",
    errno.ENOENT: "not_found",
    errno.EEXIST: "exists",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
}


# Refusals that say nothing of a file: the disk, or the user's share of it, is full.
OUT_OF_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})


def os_reason(error: OSError, *, reading: bool = False) -> Message:
    """Why the system refused, in the catalogue's words (its own strerror is English).
    `reading`: a file that could not be read, of which "read-only" says nothing."""
    reason = _OS_REASONS.get(error.errno or 0, "other")
    if reading and reason == "no_access":
        reason = "no_read_access"
    return Message(f"problem.os.{reason}")


def os_input_error(error: OSError) -> InputError | None:
    """A refusal about a file or folder the user named or chose (an output folder on a
    read-only share, a folder where a file belongs) as the input error it is; None for one
    that names no file, unless it is that the disk is full."""
    if error.errno in OUT_OF_ROOM:
        return InputError(error.filename, os_reason(error))  # wherever it was, it is full
    if error.filename is None or error.errno not in _OS_REASONS:
        return None
    return InputError(error.filename, os_reason(error))
