"""Exports that are not tables: a JSON file, a CAR file, or an archive of JSON files — a zip,
or the folder it unpacks to. An archive is one export; only the members its format names are read (a
Mastodon archive also holds media, which are never opened).

Nothing here knows a format beyond what makes a folder an archive; the document adapters
(`adapters.base.DocumentAdapter`) recognise a document by its content.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from auditor.activity.readers import CSV_EXTENSIONS, EXCEL_EXTENSIONS, Buffer, NotAnExport
from auditor.messages import Message
from auditor.problems import InputError, os_reason, readable

# A folder holding one of these at its top is an unpacked archive: one export, whose other
# files (media, likes) are not inputs of their own.
ARCHIVE_MARKERS = ("outbox.json",)
_ZIP_MAGIC = b"PK\x03\x04"
_WORKBOOK_MEMBER = "[Content_Types].xml"
# What a system leaves in any folder it shows, beside the downloads and in a zip made of
# them: Windows' thumbnails and folder settings, the Mac's resource forks. No one put them
# there, so no one is told they were not read (as hidden files are not).
_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini"})
# What a browser writes a download to until it finishes: Chrome and Edge, Firefox, Safari,
# Opera.
_UNFINISHED = frozenset({".crdownload", ".part", ".partial", ".download", ".opdownload"})
# Spreadsheets openpyxl cannot read: LibreOffice's and OpenOffice's, Apple's Numbers.
_OTHER_SPREADSHEETS = frozenset({".ods", ".fods", ".numbers"})


def no_input(part: str) -> bool:
    """Whether a file or folder of this name is no one's input: hidden files, Excel's `~$`
    lock files, what the system leaves (`_SYSTEM_FILES`, a zip's `__MACOSX`)."""
    return part.startswith((".", "~$", "__MACOSX")) or part.casefold() in _SYSTEM_FILES


def what_instead(path: Path) -> Message | None:
    """What a file among the exports is instead of an export, told by its name or by where
    it leads: a download that did not finish, a spreadsheet of another program, a link to a
    file no longer there. None for any other file."""
    if path.suffix.casefold() in _UNFINISHED:
        return Message("activity.unfinished_download")
    if path.suffix.casefold() in _OTHER_SPREADSHEETS:
        return Message("activity.other_spreadsheet", kind=path.suffix.casefold())
    if path.is_symlink() and not path.exists():
        # The name it leads to, not its folder: the reports do not show someone's disk.
        target = PurePosixPath(os.readlink(path).replace("\\", "/")).name
        return Message("activity.broken_link", target=readable(target))
    return None


@dataclass
class Document:
    path: Path
    own: bytes | None  # the file's bytes when it is a single file (JSON or CAR)
    _member: Callable[[str], bytes | None]
    # The file's digest; for a folder, built from the members read.
    _digest: Any = field(default_factory=hashlib.sha256)
    _of_members: bool = False

    def member(self, name: str) -> bytes | None:
        """A member of the archive by its file name (in any folder of a zip, the shallowest
        first); for a single JSON file, a file of that name beside it. None when absent."""
        data = self._member(name)
        if data is not None and self._of_members:
            self._digest.update(name.encode() + b"\0" + data)
        return data

    def sha256(self) -> str:
        """The digest of what was read of it: the file itself, or the members read."""
        return self._digest.hexdigest()


def is_archive(folder: Path) -> bool:
    return any((folder / name).is_file() for name in ARCHIVE_MARKERS)


def open_folder(folder: Path) -> Document:
    def member(name: str) -> bytes | None:
        path = folder / name
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError as exc:
            raise InputError(
                path, Message("activity.unreadable_file", error=os_reason(exc, reading=True))
            ) from None

    return Document(folder, None, member, _of_members=True)


def open_document(path: Path, raw: Buffer) -> Document | None:
    """The file as a document, or None when it is a table (CSV text or a workbook)."""
    head = bytes(memoryview(raw)[:256])
    if head.startswith(_ZIP_MAGIC):
        # A damaged workbook is a workbook still: reading it as one says what is wrong.
        return None if path.suffix.casefold() in EXCEL_EXTENSIONS else _open_zip(path, raw)
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if text[:1] not in (b"{", b"[") and not is_car(head):
        return None
    if path.suffix.casefold() in CSV_EXTENSIONS | EXCEL_EXTENSIONS and text[:1] == b"{":
        # What an API or a download link answers when it fails, saved as the export. (A
        # CSV's first cell never starts with a brace: its header is there.)
        raise NotAnExport(path, Message("activity.json_not_table"))
    own = bytes(raw)
    digest = hashlib.sha256(own)

    def beside(name: str) -> bytes | None:
        sibling = path.parent / name
        return None if sibling == path else open_folder(path.parent).member(name)

    return Document(path, own, beside, digest)


def table_members(path: Path) -> list[str] | None:
    """The members of a zip of tables, such as YouTube Studio's download (`Table data.csv`,
    `Chart data.csv`, `Totals.csv`): each is read as a file of its own, named
    `<zip>/<member>`; a zip among them (downloads zipped again to send them on) is read so
    in turn. None for any other file, and for a zip that is one export (an archive with its
    marker) or a workbook."""
    if path.suffix.casefold() != ".zip":
        return None
    try:
        if path.is_file():
            opened = zipfile.ZipFile(path)
        elif (inside := zipped(path)) is not None:
            opened = zipfile.ZipFile(io.BytesIO(inside))
        else:
            return None
        with opened as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None  # read as a document, which says what is wrong with it
    bases = {PurePosixPath(name).name for name in names}
    if _WORKBOOK_MEMBER in names or bases & set(ARCHIVE_MARKERS):
        return None
    return sorted(
        name for name in names if not any(no_input(part) for part in PurePosixPath(name).parts)
    )


def zipped(path: Path) -> bytes | None:
    """The bytes of `<zip>/<member>` as `table_members` names it, through any zip inside
    the zip; None when `path` is not inside a zip file."""
    for archive in path.parents:
        if archive.suffix.casefold() == ".zip" and archive.is_file():
            return _member(zipfile.ZipFile(archive), path.relative_to(archive).parts)
    return None


def _member(archive: zipfile.ZipFile, parts: tuple[str, ...]) -> bytes:
    with archive:
        for end in range(1, len(parts)):
            name = "/".join(parts[:end])
            if name.casefold().endswith(".zip") and name in archive.NameToInfo:
                inner = zipfile.ZipFile(io.BytesIO(archive.read(name)))
                return _member(inner, parts[end:])
        return archive.read("/".join(parts))


def is_car(head: bytes) -> bool:
    """A CAR file (content-addressed archive, as a Bluesky repository is exported): a
    varint length, then a DAG-CBOR map naming `roots` and `version`."""
    length, at = 0, 0
    for shift in range(0, 28, 7):
        if at >= len(head):
            return False
        byte = head[at]
        at += 1
        length |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
    header = head[at : at + length]
    return 0 < length < 1024 and header[:1] in (b"\xa1", b"\xa2") and b"roots" in header


def _open_zip(path: Path, raw: Buffer) -> Document | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw) if isinstance(raw, bytes) else _Mapped(raw))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(path, Message("activity.damaged_zip")) from None
    if _WORKBOOK_MEMBER in names:
        return None
    by_name: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.count("/"), n)):
        by_name.setdefault(PurePosixPath(name).name, name)
    digest = hashlib.sha256()
    digest.update(memoryview(raw))

    def member(name: str) -> bytes | None:
        inner = by_name.get(name)
        return archive.read(inner) if inner is not None else None

    return Document(path, None, member, digest)


class _Mapped(io.RawIOBase):
    """A memory-mapped file as zipfile reads it: an archive with its media runs to
    gigabytes, of which only the members asked for are read (mmap is not `seekable` before
    Python 3.13)."""

    def __init__(self, mapped: Buffer):
        self._mapped = mapped

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._mapped.read(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._mapped.seek(offset, whence)
        return self._mapped.tell()

    def tell(self) -> int:
        return self._mapped.tell()
