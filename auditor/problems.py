"""Input problems with the place they were found, and the error the CLI turns into exit 2."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    level: Level = Level.ERROR
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    message: str

    @property
    def place(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"row {self.row}")
        return " › ".join(parts)

    def __str__(self) -> str:
        where = self.place
        what = f"{self.column}: {self.message}" if self.column else self.message
        return f"{where} › {what}"


class InputError(Exception):
    """Input the tool cannot use at all; the CLI reports it in one line and exits 2."""

    def __init__(self, path: str | Path | None, message: str):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{Path(self.path).name}: {message}" if self.path else message)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level is Level.ERROR]
