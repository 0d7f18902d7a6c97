"""The entry point of the activity stage: export files in, one canonical frame and a ledger out.

Every record of every file ends up in exactly one of three counts: used, duplicate (the same
platform, account and item id at the same instant was seen before, in an earlier file or higher
up the same file: the first occurrence in input order counts; beside a file of whole minutes,
as a spreadsheet saves times, the same minute is the same instant) or rejected (with its row
and reason). The same platform, account and item id at another instant is a conflict: two exports
disagree about the item, or two sources number their items alike. The earliest time is kept (a
time to the second before one a file rounded to the minute), whichever row or file comes first;
the other is rejected with a reason naming the one kept, never folded into it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import mmap
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from auditor.activity.adapters import AdapterContext, Header, adapters_for, detect
from auditor.activity.adapters.base import (
    Adapter,
    DocumentAdapter,
    Parsed,
    ReasonMessages,
    Stretch,
    map_unique,
)
from auditor.activity.columns import (
    as_categories,
    as_text,
    concat_frames,
    dense_codes,
    distinct_codes,
    id_numbers,
    in_order,
    short_ids,
    take_categories,
    text_hashes,
)
from auditor.activity.coverage import Coverage, some_files
from auditor.activity.documents import (
    Document,
    is_archive,
    no_input,
    open_document,
    open_folder,
    table_members,
    what_instead,
    zipped,
)
from auditor.activity.frame import COLUMNS, LedgerEntry, RejectedRow, empty_frame
from auditor.activity.helpers import WORTH_A_THREAD_BYTES, helpers
from auditor.activity.matching import AccountIndex, match_rows
from auditor.activity.readers import (
    SUPPORTED_EXTENSIONS,
    NotAnExport,
    RawTable,
    UnknownFormat,
    joined,
    read_tables,
)
from auditor.config import Config
from auditor.copies import copy_of
from auditor.messages import Message
from auditor.models import Account
from auditor.problems import InputError, os_reason, readable
from auditor.stages import Step

if TYPE_CHECKING:
    from auditor.activity.ahead import ReadAhead

# Files an inbox tool exports its table as: one of unknown columns may be an export a mapping
# reads (a `.txt` is more often a note beside the downloads).
_TABLES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm"})


@dataclass
class ActivityLoad:
    frame: pd.DataFrame  # exactly frame.COLUMNS, dtypes as declared there
    ledger: list[LedgerEntry]  # one per input file, in input order
    skipped_files: list[str] = field(default_factory=list)  # unsupported files inside folders
    coverage: Coverage = field(default_factory=Coverage)
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # file → files it conflicts with
    file_warnings: list[Message] = field(default_factory=list)  # adapters' words on whole files
    unread: dict[str, Message] = field(default_factory=dict)  # skipped file → what it is

    def warnings(self) -> list[Message]:
        """One line per file: files of a folder that were not read (with what they are, where
        they say it), files with conflicts, and files of which no row is used."""
        lines = [
            Message("activity.not_read_because", file=name, why=self.unread[name])
            if name in self.unread
            else Message("activity.not_read", file=name)
            for name in self.skipped_files
        ]
        if any(
            name not in self.unread and PurePosixPath(name).suffix.casefold() in _TABLES
            for name in self.skipped_files
        ):
            # What a table of unknown columns most often is: an inbox or webcare export, which
            # a mapping in auditor.toml reads. Said once, after the files.
            lines.append(Message("activity.not_read_hint"))
        lines += self.file_warnings
        lines += _the_same_file(self.ledger)
        # A file's warnings name the file; its ledger, a workbook's sheet too (`file › sheet`).
        named = {w.params.get("file") for w in self.file_warnings}
        for entry in self.ledger:
            others = self.conflicts.get(entry.path)
            if others:
                n = sum(_is_conflict(r) for r in entry.rejected)
                lines.append(
                    Message(
                        "activity.conflicts", file=entry.path, count=n, files=some_files(others)
                    )
                )
            elif (
                entry.rows_rejected == entry.rows_read > 0
                and entry.path.split(" › ")[0] not in named
            ):
                lines.append(_unused(entry))
        return lines


def _the_same_file(ledger: list[LedgerEntry]) -> list[Message]:
    """A file whose bytes a file before it has (a download saved twice, `x (1).csv`): said,
    where the ledger alone showed every row of it a duplicate without saying why. A
    workbook's sheets share its digest: a file is compared with other files only."""
    first: dict[str, str] = {}
    said: dict[str, Message] = {}
    for entry in ledger:
        file = entry.path.split(" › ")[0]
        if not entry.rows_read or not entry.sha256:
            continue
        earlier = first.setdefault(entry.sha256, file)
        if earlier != file and entry.rows_duplicate == entry.rows_read:
            said.setdefault(file, Message("activity.same_file", file=file, first=earlier))
    return list(said.values())


def _unused(entry: LedgerEntry) -> Message:
    """A file given on purpose of which no row counts: said on its own line, with the reason
    of its first row (a spreadsheet's rounding, a time in another notation mostly rejects them
    all alike). Otherwise only the ledger says so, and the run that its accounts are in no
    export, as if the file had not been given."""
    first = entry.rejected[0]
    return Message(
        "activity.file_unused",
        file=entry.path,
        count=entry.rows_read,
        row=first.row,
        reason=first.as_message(),
    )


CONFLICT = "activity.reason.conflict"  # the key of a conflict's reason


def _is_conflict(rejected: RejectedRow) -> bool:
    return rejected.message is not None and rejected.message.key == CONFLICT


def input_files(
    paths: Sequence[str | Path],
) -> tuple[list[tuple[Path, str, bool]], list[str], dict[str, Message]]:
    """Files to read with the name the reports give them and whether a folder held them, in
    order; files inside folders that are not exports; and what those are, where their name
    or a broken link says it (`documents.what_instead`).

    A folder contributes every supported file below it, sorted; hidden files, Excel's `~$`
    lock files and what the system leaves are not inputs (`documents.no_input`). A folder
    that is an unpacked archive (`documents`) is one input, given or found in a folder. A
    file named explicitly must exist and be supported. Files found in a folder are named
    from that folder on (`exports/2026-Q3/x.csv`), so the reports do not show where on
    someone's disk the exports were kept.
    """
    files: list[tuple[Path, str, bool]] = []
    skipped: list[str] = []
    said: dict[str, Message] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir() and is_archive(path):
            files.append((path, readable(str(given)), False))
        elif path.is_dir():
            below = list(path.rglob("*"))  # walked once: a share of downloads can be slow
            archives = sorted(p for p in below if p.is_dir() and is_archive(p))
            found = (p for p in below if p.is_file() or p.is_symlink() or p in archives)
            for inner in sorted(found, key=_download_first):
                relative = inner.relative_to(path).parts
                if any(no_input(part) for part in relative):
                    continue
                if any(a in inner.parents for a in archives):
                    continue  # a member of an archive, read with it
                shown = readable(Path(path.resolve().name, *relative).as_posix())
                if (what := what_instead(inner)) is not None:
                    skipped.append(shown)
                    said[shown] = what
                elif inner.is_dir() or inner.suffix.casefold() in SUPPORTED_EXTENSIONS:
                    _add(files, skipped, inner, shown, in_folder=True)
                else:
                    skipped.append(shown)
        elif (what := what_instead(path)) is not None:
            raise InputError(path, what)
        elif path.is_file():
            if path.suffix.casefold() not in SUPPORTED_EXTENSIONS:
                raise InputError(
                    path,
                    Message("activity.not_an_export", extensions=sorted(SUPPORTED_EXTENSIONS)),
                )
            _add(files, skipped, path, readable(str(given)), in_folder=False)
        else:
            raise InputError(path, Message("activity.no_such_path"))
    return files, skipped, said


def _download_first(path: Path) -> tuple:
    """Files in name order, a download before its copies (`x.csv`, then `x (1).csv`): a space
    sorts before the dot, so the copy came first, and its rows counted, not the download's."""
    stem, number = copy_of(path.stem)
    # All text, so that a name compares with a folder's name as the path's parts did.
    return (*path.parent.parts, f"{stem}{path.suffix}\0{number:09d}")


def _add(
    files: list[tuple[Path, str, bool]],
    skipped: list[str],
    path: Path,
    shown: str,
    *,
    in_folder: bool,
) -> None:
    """A file to read; a zip of tables (YouTube Studio's download) is its tables, each read
    as if a folder held it."""
    members = table_members(path)
    if members is None:
        files.append((path, shown, in_folder))
        return
    if not members:
        skipped.append(shown)  # an empty zip: named, as a folder's file that is no export
    for name in members:
        inner_shown = f"{shown}/{name}"
        if PurePosixPath(name).suffix.casefold() == ".zip":
            _add(files, skipped, path / name, inner_shown, in_folder=True)
        elif PurePosixPath(name).suffix.casefold() in SUPPORTED_EXTENSIONS:
            files.append((path / name, inner_shown, True))
        else:
            skipped.append(inner_shown)


def load_activity(
    paths: Sequence[str | Path],
    config: Config,
    accounts: Sequence[Account],
    *,
    step: Step | None = None,
    ahead: ReadAhead | None = None,
) -> ActivityLoad:
    """Every export in `paths` (files, folders, zips) read, matched to the register's accounts
    and combined; `step` is told how many files there are and each one read (a folder of
    downloads can hold hundreds). `ahead` has begun reading the same `paths`."""
    set_up_for_reading()
    files, skipped, said = ahead.files() if ahead is not None else input_files(paths)
    step = step or Step()
    if len(files) > 1:  # one file is a stage without a count
        step.expect(len(files))
    adapters = adapters_for(config)
    reading = _Reading(
        config,
        accounts,
        adapters,
        AccountIndex(accounts),
        expected_formats(adapters),
        unread=said,
        ahead=ahead,
    )
    gathered = _Gathered(reading)
    for path, shown, in_folder in files:
        try:
            tables = _load_file(path, shown, reading)
        except UnknownFormat as unknown:
            if not in_folder:
                raise  # named on purpose: not reading it would hide a mistake
            # A folder of downloads holds other files too (formats not supported yet).
            skipped.append(shown)
            if isinstance(unknown, NotAnExport):  # it says what it is instead
                reading.unread[shown] = unknown.message
            step.advance()
            continue
        for table in tables:  # a workbook's sheets: one entry each
            gathered.add(table)
        step.advance()
    gathered.convert_held()
    entries = gathered.entries
    loaded = _combine(gathered, config.zone, reading.why, reading.stated, reading.index)
    for entry in entries:
        assert entry.balanced(), f"ledger of {entry.path} does not balance"
    loaded.skipped_files = skipped
    loaded.unread = reading.unread
    loaded.file_warnings = [*_empty_folders(paths), *reading.warnings]
    return loaded


def _empty_folders(paths: Sequence[str | Path]) -> list[Message]:
    """A folder given for the exports that holds no file at all (the downloads went to another
    folder): said, where the run went on as if there were no exports to read."""
    return [
        Message("activity.empty_folder", folder=str(given))
        for given in paths
        if Path(given).is_dir()
        and not is_archive(Path(given))
        and not any(
            (f.is_file() or f.is_symlink()) and not no_input(f.name) for f in Path(given).rglob("*")
        )
    ]


@dataclass
class _Reading:
    """What every input file of one load is read with, and what the files say beyond their
    rows: the messages of their rows' reasons, their adapters' words on a whole file, and the
    stretch a file says it covers."""

    config: Config
    accounts: Sequence[Account]
    adapters: list[Adapter]
    index: AccountIndex
    expected: Message
    why: ReasonMessages = field(default_factory=ReasonMessages)
    warnings: list[Message] = field(default_factory=list)
    stated: dict[str, Stretch] = field(default_factory=dict)
    unread: dict[str, Message] = field(default_factory=dict)
    ahead: ReadAhead | None = None

    def convert(self, adapter: Adapter, table: RawTable, path: Path, shown: str) -> Parsed:
        context = AdapterContext(path=path, config=self.config, accounts=self.accounts, shown=shown)
        return adapter.convert(table, context)

    def kept(self, parsed: Parsed, table: RawTable, shown: Sequence[str]) -> pd.DataFrame:
        """The converted rows and where each comes from (`shown`: the file, or each file of
        a batch); what the file says is kept. The rows are matched to the accounts once every
        file is read (`_with_accounts`)."""
        rows = parsed.rows
        # Two folders of one name given (`a/exports`, `b/exports`) name their files alike.
        # Sorted, as joining files' categoricals sorts them (`concat_frames`).
        files, names = pd.factorize(pd.Index(shown, dtype="str"), sort=True)
        codes = files.astype(np.int16) if len(names) < 1 << 15 else files
        rows["source"] = pd.Categorical.from_codes(
            np.repeat(codes, table.sizes or [len(rows)]), categories=names
        )
        rows["source_row"] = table.rows
        self.why.update(parsed.reasons)
        if parsed.warning is not None:
            self.warnings.append(parsed.warning)
        if parsed.covers is not None:  # never said of a batch (`Adapter.batch_key`)
            (file,) = shown
            self.stated[file] = parsed.covers
        return rows


# The first cell of a row of sums someone added below (or above) the downloaded table.
_SUMS = frozenset({"totaal", "totalen", "total", "totals", "eindtotaal", "grand total"})
_SUMS |= {"subtotaal", "subtotal", "som", "sum"}
_TOTAL_ROW = "activity.reason.total_row"


def _sums_said(parsed: Parsed, table: RawTable) -> None:
    """A row rejected for its cells whose first cell says it holds sums (`Totaal`, `Total:`)
    is rejected as that: `platform 'Totaal' is not known` or `no video id in link ''` said
    nothing of what it was. Only rows rejected already, and only their first cells, are
    looked at; a reason that says so already (YouTube's own Total row) stays."""
    reason = parsed.rows["reason"]
    rejected = np.flatnonzero(reason.notna().to_numpy())
    if not len(rejected) or not len(table.data.columns):
        return
    # Each distinct first cell once: a file of many rejected rows repeats few of them.
    first = table.data.iloc[rejected, 0].astype(object)
    words = map_unique(first, lambda v: str(v).strip().rstrip(":").strip().casefold())
    kept = {text for text, (message, _) in parsed.reasons.items() if "total" in message.key}
    sums = rejected[
        words.isin(_SUMS).to_numpy(dtype=bool) & ~reason.iloc[rejected].isin(kept).to_numpy()
    ]
    if not len(sums):
        return
    texts = reason.astype(object).where(reason.notna(), None).to_numpy(copy=True)
    for i in sums:  # the rows of sums alone
        value = str(table.data.iat[i, 0]).strip()
        texts[i] = Message(_TOTAL_ROW, value=value)("en")
        parsed.reasons[texts[i]] = (Message(_TOTAL_ROW), value)
    parsed.rows["reason"] = take_categories(np.arange(len(texts)), list(texts))


def _entry(
    shown: str, adapter: Adapter, table: RawTable, parsed: Parsed, sha256: str
) -> LedgerEntry:
    return LedgerEntry(
        path=shown,
        format=adapter.name,
        sha256=sha256,
        rows_read=table.rows_read,
        rows_rejected=len(table.rejected),
        rejected=list(table.rejected),
        note=parsed.note,
    )


def expected_formats(adapters: list[Adapter]) -> Message:
    """What a file of no known format is told it should have been."""
    return Message("activity.expected", formats=_one_after_another(a.expects for a in adapters))


def set_up_for_reading() -> None:
    """Arrow and numpy set to allocate as the reading expects (see below); before any read."""
    _arrow_allocates_with_malloc()
    _numpy_without_huge_pages()


def _arrow_allocates_with_malloc() -> None:
    # Arrow allocates from its own mimalloc heap, numpy and pandas with malloc. A read's freed
    # Arrow buffers then stay in a heap numpy never draws from, and every array made after the
    # read is fresh pages from the kernel: a 2 M-row export took 1.0-1.1 s instead of 0.6 s.
    # Buffers already made keep the pool they came from.
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def _numpy_without_huge_pages() -> None:
    # numpy asks the kernel for huge pages for every array over 4 MB. On a virtual machine
    # that gives freed memory back to its host (free page reporting, as Firecracker's do), a
    # huge page is memory the host has to hand back first: reading a 2 M-row export took 4-6 s
    # instead of 2.5 on a busy machine, one line of integer arithmetic 335 ms instead of 25.
    # NUMPY_MADVISE_HUGEPAGE=1 in the environment keeps numpy's own choice.
    if "NUMPY_MADVISE_HUGEPAGE" in os.environ:
        return
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # numpy 1.x
        from numpy.core.multiarray import _set_madvise_hugepage
    _set_madvise_hugepage(False)


def _one_after_another(formats) -> Message:
    """The formats as one message, separated by semicolons (their columns have commas)."""
    *before, joined = list(formats)
    for first in reversed(before):
        joined = Message("activity.expects.then", first=first, rest=joined)
    return joined


@dataclass
class _Converted:
    """One table's ledger entry, its rows, and their item ids as numbers (`id_numbers`)."""

    entry: LedgerEntry
    rows: pd.DataFrame
    numbers: np.ndarray | None


@dataclass
class _Held:
    """A table read and recognised whose conversion waits for the tables of its format that
    follow it (`Adapter.batch_key`): a folder of small downloads is converted as one."""

    placed: str
    path: Path
    shown: str
    adapter: Adapter
    table: RawTable
    sha256: str
    key: object


# A batch is converted once it holds this many rows: beyond it, the overhead a batch saves is
# nothing beside the rows, and held tables are memory the conversion then needs twice.
_BATCH_ROWS = 500_000


@dataclass
class _Gathered:
    """Every file's rows in input order, in parts of one file or one batch of files, with
    each file's ledger entry and the rows it gave (`sizes`)."""

    reading: _Reading
    entries: list[LedgerEntry] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    parts: list[pd.DataFrame] = field(default_factory=list)
    numbers: list[np.ndarray | None] = field(default_factory=list)
    held: list[_Held] = field(default_factory=list)
    held_rows: int = 0

    def add(self, table: _Converted | _Held) -> None:
        if isinstance(table, _Held):
            if self.held and (table.key != self.held[0].key or self.held_rows >= _BATCH_ROWS):
                self.convert_held()
            self.held.append(table)
            self.held_rows += len(table.table.rows)
            return
        self.convert_held()  # what came before it, first: rows stay in input order
        self._take([table.entry], [len(table.rows)], table.rows, table.numbers)

    def convert_held(self) -> None:
        if not self.held:
            return
        held, self.held, self.held_rows = self.held, [], 0
        first = held[0]
        table = first.table if len(held) == 1 else joined([h.table for h in held])
        parsed = self.reading.convert(first.adapter, table, first.path, first.shown)
        _sums_said(parsed, table)
        rows = self.reading.kept(parsed, table, [h.placed for h in held])
        entries = [_entry(h.placed, h.adapter, h.table, parsed, h.sha256) for h in held]
        sizes = [len(h.table.rows) for h in held]
        self._take(entries, sizes, rows, id_numbers(parsed.rows["item_id"]))

    def _take(
        self,
        entries: list[LedgerEntry],
        sizes: list[int],
        rows: pd.DataFrame,
        numbers: np.ndarray | None,
    ) -> None:
        self.entries += entries
        self.sizes += sizes
        self.parts.append(rows)
        self.numbers.append(numbers)


def _load_file(path: Path, shown: str, reading: _Reading) -> list[_Converted | _Held]:
    """Each table in the file (a workbook's sheets) converted, or held to be converted with
    the small files of its format that follow it; what the file says beyond its rows goes
    into `reading`."""
    if path.is_dir():
        return [_load_document(path, shown, open_folder(path), reading)]
    first = reading.ahead.take(path) if reading.ahead is not None else None
    raw, document, tables = first or read_file(path, reading.adapters, reading.expected)
    if document is not None:
        try:
            return [_load_document(path, shown, document, reading)]
        finally:
            unmap(raw)
    # hashlib lets go of the interpreter while it hashes: the digest of a large export is
    # computed on the other core while this one converts the rows. Not during the read,
    # which keeps both cores busy itself.
    adapters = reading.adapters
    large = len(raw) >= WORTH_A_THREAD_BYTES
    loaded: list[_Held | tuple] = []
    try:
        with helpers(large) as pool:
            digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())
            for table in tables:
                adapter = detect(table.header, adapters)
                assert adapter is not None
                placed = f"{shown} › {table.sheet}" if table.sheet_named else shown
                key = None if large else adapter.batch_key(table)
                if key is not None:  # its digest is known below
                    loaded.append(
                        _Held(placed, path, shown, adapter, table, "", (adapter.name, key))
                    )
                    continue
                parsed = reading.convert(adapter, table, path, shown)
                _sums_said(parsed, table)
                # Both Arrow and hashlib let go of the interpreter: the ids are read as
                # numbers on the second core while this one matches the accounts.
                numbers = pool.submit(id_numbers, parsed.rows["item_id"])
                rows = reading.kept(parsed, table, [placed])
                loaded.append((placed, adapter, table, parsed, rows, numbers.result()))
            sha256 = digest.result()
    finally:
        unmap(raw)
    out: list[_Converted | _Held] = []
    for item in loaded:
        if isinstance(item, _Held):
            item.sha256 = sha256
            out.append(item)
        else:
            placed, adapter, table, parsed, rows, item_numbers = item
            entry = _entry(placed, adapter, table, parsed, sha256)
            out.append(_Converted(entry, rows, item_numbers))
    return out


def read_file(
    path: Path, adapters: list[Adapter], expected: Message
) -> tuple[bytes | mmap.mmap, Document | None, list[RawTable]]:
    """A file's bytes, and the document it is (JSON, an archive) or the tables it holds;
    errors as a user is told them (a file that cannot be opened, one of no known format)."""
    try:
        raw = _contents(path)
    except OSError as exc:
        raise InputError(
            path, Message("activity.unreadable_file", error=os_reason(exc, reading=True))
        ) from None
    try:
        document = open_document(path, raw)
        if document is not None:
            return raw, document, []
        tables = read_tables(
            path,
            raw,
            partial(_recognised, adapters=adapters),
            expected,
            typed=partial(_column_types, adapters=adapters),
        )
    except BaseException:
        unmap(raw)
        raise
    return raw, None, tables


def unmap(raw: bytes | mmap.mmap) -> None:
    """Let go of a file's bytes (`read_file`)."""
    # Unmapped now rather than whenever it is collected: some systems keep a mapped file
    # from being moved or deleted. Should anything still point into it, the mapping stays
    # until that is gone.
    if isinstance(raw, mmap.mmap):
        with contextlib.suppress(BufferError):
            raw.close()


def _load_document(path: Path, shown: str, document: Document, reading: _Reading) -> _Converted:
    """A JSON export or an archive: the first document adapter that reads it converts it."""
    table = adapter = None
    for candidate in reading.adapters:
        if isinstance(candidate, DocumentAdapter):
            table = candidate.read(document)
            if table is not None:
                adapter = candidate
                break
    if adapter is None or table is None:
        raise UnknownFormat(path, Message("activity.unknown_document", expected=reading.expected))
    parsed = reading.convert(adapter, table, path, shown)
    rows = reading.kept(parsed, table, [shown])
    entry = _entry(shown, adapter, table, parsed, document.sha256())
    return _Converted(entry, rows, id_numbers(parsed.rows["item_id"]))


def _recognised(cells: Sequence[str], adapters: list[Adapter]) -> bool:
    return detect(cells, adapters) is not None


def _column_types(names: list[str], adapters: list[Adapter]) -> list[dict[str, pa.DataType]]:
    adapter = detect(names, adapters)
    return adapter.column_types(Header(names)) if adapter else []


def _contents(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped where the system allows: an export of hundreds of
    megabytes is then read where it lies instead of being copied first. A table inside a
    zip (`table_members`) is read out of it."""
    if not path.exists() and (inside := zipped(path)) is not None:
        return inside
    with path.open("rb") as handle:
        try:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):  # an empty file, or one that cannot be mapped
            return handle.read()


def _with_accounts(rows: pd.DataFrame, index: AccountIndex, why: ReasonMessages) -> pd.DataFrame:
    """Every file's rows with their accounts. Matched once for all files: per file, a folder
    of small downloads (one a month and account) cost more to match than to read."""
    matched = match_rows(rows, index)
    reason = rows["reason"]
    unnamed = (matched.account_codes < 0) & reason.isna().to_numpy()
    if unnamed.any():
        no_account = Message("activity.reason.no_account")
        text = no_account("en")
        why[text] = (no_account, None)
        reason = as_text(reason).where(~unnamed, text).astype("category")
    out = rows.drop(columns=["account", "page_id", "display_name", "reason"])
    for name in _CATEGORICAL:
        if name in out:
            out[name] = as_categories(out[name])
    out["account_id"] = matched.account_id
    out["handle"] = matched.handle
    out["registered"] = matched.registered
    out["reason"] = reason
    return out


_CATEGORICAL = [name for name, dtype in COLUMNS.items() if dtype == "category"]


def repeated_items(
    account: np.ndarray, item_id: pd.Series, numbers: np.ndarray | None = None
) -> np.ndarray:
    """For each row, the position of the first row with its (account code, item id) pair
    when that came earlier, else -1.

    `numbers` are the ids as numbers when known (`id_numbers`). Only ids that occur more
    than once at all can repeat a pair, and those are usually few: the pairs are compared
    among them alone.
    """
    if numbers is None:
        numbers = id_numbers(item_id)
    if numbers is None:
        numbers = short_ids(item_id)
    exact = numbers is not None
    if exact:
        item = numbers
    else:
        hashed = text_hashes(item_id)
        item = distinct_codes(item_id)[0] if hashed is None else hashed.view(np.int64)
        exact = hashed is None
    again = _occur_again(item)
    first = np.full(len(item), -1, dtype=np.int64)
    if again.any():
        positions = np.flatnonzero(again)
        # Hashes only say which ids may repeat: those few are compared as the texts.
        same = item[again] if exact else distinct_codes(item_id.iloc[positions])[0]
        earliest = _first_of_pair(account[again], same, positions)
        later = earliest != positions
        first[positions[later]] = earliest[later]
    return first


def _first_of_pair(account: np.ndarray, item: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Per row, the first of `positions` with its (account, item) pair. The pair is one
    integer, sorted: exports that number their ids per account (1, 2, 3 … on every account)
    repeat nearly every id, and pandas' two-key groupby of all rows cost seven times the rest
    of the check."""
    low, span = int(item.min()), int(item.max()) - int(item.min()) + 1
    room = 1 << (62 - max(len(item) - 1, 1).bit_length())
    if span * (int(account.max()) + 2) < room:  # numbered ids: one sort, not two
        items, distinct = item - low, span
    else:
        items, distinct = dense_codes(item)
    order, pairs = in_order((account + 1) * distinct + items)  # account -1: no account
    starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
    # The least position of each pair: `in_order` keeps equal values in position order only
    # when it can sort words, not when it falls back to argsort.
    first = np.minimum.reduceat(positions[order], starts)
    earliest = np.empty(len(pairs), dtype=np.int64)
    earliest[order] = np.repeat(first, np.diff(np.append(starts, len(pairs))))
    return earliest


def _occur_again(values: np.ndarray) -> np.ndarray:
    """Which values occur more than once. Ids numbered in one run (a range about as wide as
    there are rows) are counted directly, which is far cheaper than hashing them."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    low = int(values.min())
    if int(values.max()) - low < 4 * len(values) + 1024:
        offset = values - low if low else values
        counts = np.bincount(offset)
        if counts.max() < 2:
            return np.zeros(len(values), dtype=bool)
        return counts[offset] > 1
    # Ids spread wide (packed text): sorted, equal neighbours are the repeated values, usually
    # none or few; only then is every row looked up among them. numpy sorts integers far
    # faster than a hash table of millions can be filled.
    ordered = np.sort(values)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(repeated):
        return np.zeros(len(values), dtype=bool)
    if len(repeated) * 100 < len(values):
        return np.isin(values, np.unique(repeated))
    # Many repeats (overlapping exports: 30 % of the rows again): looking every row up among
    # them cost seven times one more sort, whose equal neighbours are the answer.
    order, ordered = in_order(values)
    equal = ordered[1:] == ordered[:-1]
    again = np.zeros(len(values), dtype=bool)
    again[1:] = equal
    again[:-1] |= equal
    found = np.empty(len(values), dtype=bool)
    found[order] = again
    return found


def _combine(
    gathered: _Gathered,
    zone: str | dt.tzinfo,
    why: ReasonMessages,
    stated: dict[str, Stretch],
    index: AccountIndex,
) -> ActivityLoad:
    parts, numbers, entries = gathered.parts, gathered.numbers, gathered.entries
    # The files' rows follow each other in input order, a batch's files too.
    sizes = gathered.sizes
    if not parts:
        return ActivityLoad(frame=empty_frame(), ledger=entries)
    rows = _with_accounts(concat_frames(parts), index, why)
    # Numbers for every file's ids, or none: a text id anywhere makes all ids text.
    item_numbers = np.concatenate(numbers) if all(n is not None for n in numbers) else None
    usable = rows["reason"].isna().to_numpy()
    account = rows["account_id"].cat.codes.to_numpy().astype(np.int64)
    ns = _nanoseconds(rows["timestamp"])
    first = np.full(len(rows), -1, dtype=np.int64)
    if usable.all():
        first = repeated_items(account, rows["item_id"], item_numbers)
    else:
        kept = np.flatnonzero(usable)
        among = repeated_items(
            account[usable],
            rows["item_id"][usable].reset_index(drop=True),
            None if item_numbers is None else item_numbers[usable],
        )
        first[kept[among >= 0]] = kept[among[among >= 0]]
    conflict = np.zeros(len(rows), dtype=bool)
    if (first >= 0).any():
        coarse = _to_the_minute(ns, usable, sizes)
        first = _earliest_kept(first, ns, coarse)
    repeated = first >= 0
    again = np.flatnonzero(repeated)  # usually few: compared among themselves only
    if len(again):
        conflict[again] = ~same_time(
            ns[again], ns[first[again]], coarse[again] | coarse[first[again]]
        )
    duplicate = repeated & ~conflict
    used = usable & ~repeated
    # What the audit holds of each file: its used rows and their duplicates, not its conflicts.
    counted = used | duplicate
    starts = np.cumsum([0, *sizes[:-1]])
    coverage = _coverage(
        [entry.path for entry in entries], sizes, rows, account, ns, counted, stated
    )
    conflicts: dict[str, list[str]] = {}
    sources = rows["source"].astype("str") if conflict.any() else None
    for entry, start, size in zip(entries, starts, sizes, strict=True):
        end = start + size
        entry.rows_used = int(np.count_nonzero(used[start:end]))
        entry.rows_duplicate = int(np.count_nonzero(duplicate[start:end]))
        bad = np.flatnonzero(~usable[start:end]) + start
        clash = np.flatnonzero(conflict[start:end]) + start
        if len(bad):
            rejected = rows.iloc[bad]
            texts = [str(text) for text in rejected["reason"]]
            # One message a distinct reason, shared by its rows.
            messages = {text: why.message(text) for text in set(texts)}
            entry.rejected += [
                RejectedRow(row=int(r), reason=text, message=messages[text])
                for r, text in zip(rejected["source_row"], texts, strict=True)
            ]
        if len(clash):
            entry.rejected += _conflicts(rows, sources, clash, first[clash], zone)
            conflicts[entry.path] = list(dict.fromkeys(sources.iloc[first[clash]]))
        if len(bad) or len(clash):
            entry.rejected.sort(key=lambda r: r.row)
            entry.rows_rejected = len(entry.rejected)
    frame = rows[list(COLUMNS)] if used.all() else rows.loc[used, list(COLUMNS)]
    frame = frame.reset_index(drop=True)
    # Only the columns not yet in their declared type: converting the others would copy them.
    frame = frame.astype({k: v for k, v in COLUMNS.items() if str(frame[k].dtype) != v})
    return ActivityLoad(frame=frame, ledger=entries, coverage=coverage, conflicts=conflicts)


_MINUTE = 60 * 10**9  # nanoseconds


def _earliest_kept(first: np.ndarray, ns: np.ndarray, coarse: np.ndarray) -> np.ndarray:
    """`first` (per row, the row its item was first met in, or -1) with each repeated item's
    earliest instant as the row kept, the others pointing to it. Kept as met, the rows of one
    export in another order (or its files named otherwise) gave other figures where two rows
    give one item two times. A time to the second is kept before one a file rounded to the
    minute (`coarse`), which is the same time said less exactly; rows alike stay in the order
    met."""
    again = np.flatnonzero(first >= 0)
    if not len(again):
        return first
    heads = np.unique(first[again])
    members = np.concatenate([heads, again])
    groups = np.concatenate([heads, first[again]])
    # By item, then exactness, instant and place.
    order = np.lexsort((members, ns[members], coarse[members], groups))
    members, groups = members[order], groups[order]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    kept = np.repeat(members[starts], np.diff(np.r_[starts, len(members)]))
    out = first.copy()
    out[members] = np.where(members == kept, -1, kept)
    return out


def same_time(here: np.ndarray, there: np.ndarray, coarse: np.ndarray) -> np.ndarray:
    """Which pairs of instants (UTC nanoseconds) are one item's time: equal, or, where one
    comes from a file of whole minutes (`coarse`), in the same minute. A spreadsheet shows a
    time to the minute and saves it so (08:42:20 comes back as 08:42): an export saved again
    holds the same messages as the download beside it, not others under the same ids."""
    minute = coarse & (here // _MINUTE == there // _MINUTE)
    return (here == there) | minute


def _to_the_minute(ns: np.ndarray, usable: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Per row: its file's usable times are all whole minutes (it says no more than that)."""
    whole = (ns % _MINUTE == 0) | ~usable
    starts = np.cumsum([0, *sizes])
    files = [bool(whole[a:b].all()) for a, b in itertools.pairwise(starts)]
    return np.repeat(np.array(files, dtype=bool), sizes)


def _nanoseconds(timestamps: pd.Series) -> np.ndarray:
    """UTC nanoseconds since 1970 per row (NaT as int64's minimum)."""
    stamps = pd.DatetimeIndex(timestamps).tz_convert("UTC").as_unit("ns")
    return stamps.tz_localize(None).asi8


def _coverage(
    paths: list[str],
    sizes: list[int],
    rows: pd.DataFrame,
    account: np.ndarray,
    ns: np.ndarray,
    counted: np.ndarray,
    stated: dict[str, Stretch],
) -> Coverage:
    """Each file's stretch (its rows in the audit, every account) and the accounts it names;
    widened to what the file says it covers (`Parsed.covers`): an archive of a whole account
    covers the days up to its making, the silent ones after its last post too. Worked out
    for all files at once: the rows of each follow each other, in input order."""
    coverage = Coverage()
    if counted.all():  # usually: no row rejected or repeated
        times, codes, per_file = ns, account, sizes
    else:
        times, codes = ns[counted], account[counted]
        ends = np.cumsum(sizes)
        per_file = [
            int(np.count_nonzero(counted[end - size : end]))
            for end, size in zip(ends, sizes, strict=True)
        ]
    if not len(times):
        return coverage
    file = np.repeat(np.arange(len(paths)), per_file)
    starts = np.flatnonzero(np.r_[True, file[1:] != file[:-1]])
    firsts, lasts = np.minimum.reduceat(times, starts), np.maximum.reduceat(times, starts)
    for index, low, high in zip(
        file[starts].tolist(), firsts.tolist(), lasts.tolist(), strict=True
    ):
        first, last = pd.Timestamp(low, tz="UTC"), pd.Timestamp(high, tz="UTC")
        if (says := stated.get(paths[index])) is not None:
            first, last = min(first, says[0]), max(last, says[1])
        coverage.files[paths[index]] = (first, last)
    categories = rows["account_id"].cat.categories
    named = codes >= 0
    # Each (file, account) once, in file order and then the accounts' order: counted where
    # there are no more pairs than rows (nearly always), else sorted.
    keys = codes[named] if len(paths) == 1 else file[named] * len(categories) + codes[named]
    span = len(paths) * len(categories)
    if span <= len(keys) + (1 << 16):
        pairs = np.flatnonzero(np.bincount(keys, minlength=span))
    else:
        pairs = np.unique(keys)
    files, accounts = divmod(pairs, len(categories))
    # Plain strings once: an Index looked up per pair cost more than the pairs themselves
    # (a folder of 500 downloads naming 500 accounts each has 250,000).
    names = [str(name) for name in categories.tolist()]
    for index, code in zip(files.tolist(), accounts.tolist(), strict=True):
        coverage.accounts.setdefault(names[code], []).append(paths[index])
    return coverage


def _conflicts(
    rows: pd.DataFrame,
    sources: pd.Series,
    clash: np.ndarray,
    first: np.ndarray,
    zone: str | dt.tzinfo,
) -> list[RejectedRow]:
    """Rejections for conflicting rows (few), each naming the row it conflicts with."""
    local = rows["timestamp"].dt.tz_convert(zone)
    here = local.iloc[clash].dt.strftime(_SHOWN).to_numpy(dtype=object)
    there = local.iloc[first].dt.strftime(_SHOWN).to_numpy(dtype=object)
    row_here = rows["source_row"].to_numpy()[clash]
    row_there = rows["source_row"].to_numpy()[first]
    files = sources.to_numpy(dtype=object)[first]
    return [
        RejectedRow(
            row=int(r),
            reason=Message("activity.reason.conflict", file=f, row=int(r0), first=t0, here=t),
        )
        for r, f, r0, t0, t in zip(row_here, files, row_there, there, here, strict=True)
    ]


_SHOWN = "%Y-%m-%d %H:%M:%S"
