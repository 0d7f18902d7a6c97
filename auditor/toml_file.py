"""Reading a hand-edited TOML file (auditor.toml) into plain data, whatever editor saved it.

Notepad saves with a byte order mark, as UTF-16 ("Unicode") or as Windows-1252 ("ANSI");
all are read. A file that is
not TOML is an InputError naming the line and column in the catalogue's words, not tomllib's
English, with a hint for what people type: `1,5` for a number is Dutch, TOML writes `1.5`.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import Any

from auditor.messages import Message
from auditor.problems import InputError, os_reason

# tomllib's own words for what is wrong, by the start of its message: the catalogue's entry.
_REASONS = (
    ("Invalid value", "value"),
    ("Expected newline or end of document", "after_value"),
    ("Invalid statement", "statement"),
    ("Expected '=' after a key", "equals"),
    ("Expected ']' at the end of a table", "table_end"),
    ("Expected ']]' at the end of an array", "table_end"),
    ("Cannot declare", "twice"),
    ("Cannot overwrite", "twice"),
    ("Invalid date or datetime", "date"),
    ("Unterminated string", "string"),
    ("Unclosed array", "array"),
    ("Unclosed inline table", "array"),
    ("Illegal character", "character"),
)
_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")
# `drempel = 1,5`: a number written with a decimal comma.
_DECIMAL_COMMA = re.compile(r"=\s*[-+]?\d+,\d+\s*(#.*)?$")


def toml_text(path: Path) -> str:
    """The file's text: UTF-8 with or without a byte order mark, or UTF-16 with one."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, Message("config.is_a_folder")) from None
    except FileNotFoundError:
        raise InputError(path, Message("config.file_not_found")) from None
    except OSError as exc:
        raise InputError(
            path, Message("config.unreadable", error=os_reason(exc, reading=True))
        ) from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # `--config register.xlsx`
        raise InputError(path, Message("config.a_workbook"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        pass
    # Notepad's "ANSI" on a Dutch Windows: `naam = "Gemeente Súdwest-Fryslân"` in Windows-1252.
    if encoding != "utf-16" and b"\0" not in raw:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise InputError(path, Message("config.not_utf8"))


def read_toml(path: Path) -> dict[str, Any]:
    """The file's data; an InputError saying where and what when it is not TOML."""
    text = toml_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, _syntax_error(str(exc), text)) from None


def _syntax_error(error: str, text: str) -> Message:
    reason = next((key for start, key in _REASONS if error.startswith(start)), "other")
    what = Message(f"config.toml_error.{reason}")
    place = _PLACE.search(error)
    if place is None:  # tomllib says "at end of document" where it noticed only there
        return Message("config.not_toml", what=what)
    line, column = int(place[1]), int(place[2])
    lines = text.splitlines()
    content = lines[line - 1].strip() if line <= len(lines) else ""
    if _DECIMAL_COMMA.search(content):
        what = Message("config.toml_error.decimal_comma")
    return Message("config.not_toml_at", line=line, column=column, content=content, what=what)
