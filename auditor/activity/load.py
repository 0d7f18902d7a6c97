"""The entry point of the activity stage: export files in, one canonical frame and a ledger out.

Every record of every file ends up in exactly one of three counts: used, duplicate (the same
platform, account and item id was seen before, in an earlier file or higher up the same file:
the first occurrence in input order counts) or rejected (with its row and reason).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from auditor.activity.adapters import AdapterContext, adapters_for, detect
from auditor.activity.adapters.base import Adapter, Parsed
from auditor.activity.frame import COLUMNS, LedgerEntry, RejectedRow, empty_frame
from auditor.activity.matching import AccountIndex, match_rows
from auditor.activity.readers import SUPPORTED_EXTENSIONS, RawTable, read_table
from auditor.config import Config
from auditor.models import Account
from auditor.problems import InputError


@dataclass
class ActivityLoad:
    frame: pd.DataFrame  # exactly frame.COLUMNS, dtypes as declared there
    ledger: list[LedgerEntry]  # one per input file, in input order
    skipped_files: list[str] = field(default_factory=list)  # unsupported files inside folders


def input_files(paths: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to read with the name the reports give them, in order, and files inside folders
    that are not exports.

    A folder contributes every supported file below it, sorted; hidden files and Excel's
    `~$` lock files are not inputs. A file named explicitly must exist and be supported.
    Files found in a folder are named from that folder on (`exports/2026-Q3/x.csv`), so the
    reports do not show where on someone's disk the exports were kept.
    """
    files: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = inner.relative_to(path).parts
                if any(part.startswith((".", "~$")) for part in relative):
                    continue
                shown = Path(path.resolve().name, *relative).as_posix()
                if inner.suffix.casefold() in SUPPORTED_EXTENSIONS:
                    files.append((inner, shown))
                else:
                    skipped.append(shown)
        elif path.is_file():
            if path.suffix.casefold() not in SUPPORTED_EXTENSIONS:
                kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
                raise InputError(path, f"not an activity export (expected one of {kinds})")
            files.append((path, str(given)))
        else:
            raise InputError(path, "no such file or folder")
    return files, skipped


def load_activity(
    paths: Sequence[str | Path], config: Config, accounts: Sequence[Account]
) -> ActivityLoad:
    files, skipped = input_files(paths)
    adapters = adapters_for(config)
    index = AccountIndex(accounts)
    expected = "expected the canonical columns or a supported export; " + "; ".join(
        a.expects for a in adapters
    )
    entries: list[LedgerEntry] = []
    parts: list[pd.DataFrame] = []
    account_ids: list[list[str]] = []
    for number, (path, shown) in enumerate(files):
        entry, part, ids = _load_file(path, shown, config, accounts, adapters, index, expected)
        part["file"] = np.int64(number)
        entries.append(entry)
        parts.append(part)
        account_ids.append(ids)
    frame = _combine(parts, account_ids, entries)
    for entry in entries:
        assert entry.balanced(), f"ledger of {entry.path} does not balance"
    return ActivityLoad(frame=frame, ledger=entries, skipped_files=skipped)


def _load_file(
    path: Path,
    shown: str,
    config: Config,
    accounts: Sequence[Account],
    adapters: list[Adapter],
    index: AccountIndex,
    expected: str,
) -> tuple[LedgerEntry, pd.DataFrame, list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    table = read_table(path, raw, lambda cells: detect(cells, adapters) is not None, expected)
    adapter = detect(table.header, adapters)
    assert adapter is not None
    parsed = adapter.convert(table, AdapterContext(path=path, config=config, accounts=accounts))
    rows, account_ids = _with_accounts(parsed, table, index, shown)
    entry = LedgerEntry(
        path=shown,
        format=adapter.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        rows_read=table.rows_read,
        rows_rejected=len(table.rejected),
        rejected=list(table.rejected),
        note=parsed.note,
    )
    return entry, rows, account_ids


def _with_accounts(
    parsed: Parsed, table: RawTable, index: AccountIndex, source: str
) -> tuple[pd.DataFrame, list[str]]:
    rows = parsed.rows
    matched = match_rows(rows, index)
    reason = rows["reason"]
    unnamed = (matched.account_codes < 0) & reason.isna().to_numpy()
    if unnamed.any():
        reason = reason.copy()
        reason[unnamed] = "no account"
    out = rows.drop(columns=["account", "page_id", "display_name", "reason"])
    out["account_id"] = matched.account_id
    out["handle"] = matched.handle
    out["registered"] = matched.registered
    out["account_code"] = matched.account_codes
    out["source"] = source
    out["source_row"] = table.rows
    out["reason"] = reason
    return out, matched.account_ids


def _global_account_codes(parts: list[pd.DataFrame], ids: list[list[str]]) -> np.ndarray:
    """Matching numbers accounts per file; one numbering across files, looping over accounts."""
    numbering: dict[str, int] = {}
    out = []
    for part, file_ids in zip(parts, ids, strict=True):
        table = np.array([numbering.setdefault(i, len(numbering)) for i in file_ids] + [-1])
        out.append(table[part["account_code"].to_numpy()])
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def _combine(
    parts: list[pd.DataFrame], account_ids: list[list[str]], entries: list[LedgerEntry]
) -> pd.DataFrame:
    if not parts:
        return empty_frame()
    rows = pd.concat(parts, ignore_index=True)
    usable = rows["reason"].isna().to_numpy()
    account = _global_account_codes(parts, account_ids)
    item, _ = pd.factorize(rows["item_id"])
    key = account.astype(np.int64) * (int(item.max()) + 2 if len(item) else 1) + item
    duplicate = np.zeros(len(rows), dtype=bool)
    duplicate[usable] = pd.Series(key[usable]).duplicated(keep="first").to_numpy()
    used = usable & ~duplicate
    file_of = rows["file"].to_numpy()
    n_files = len(entries)
    used_count = np.bincount(file_of[used], minlength=n_files)
    dup_count = np.bincount(file_of[duplicate], minlength=n_files)
    rejected = ~usable
    rejected_rows = rows.loc[rejected, ["file", "source_row", "reason"]]
    for number, entry in enumerate(entries):
        entry.rows_used = int(used_count[number])
        entry.rows_duplicate = int(dup_count[number])
    for file_number, group in rejected_rows.groupby("file", sort=True):
        entry = entries[int(file_number)]
        entry.rejected += [
            RejectedRow(row=int(r), reason=str(why))
            for r, why in zip(group["source_row"], group["reason"], strict=True)
        ]
        entry.rejected.sort(key=lambda r: r.row)
        entry.rows_rejected = len(entry.rejected)
    frame = rows[list(COLUMNS)] if used.all() else rows.loc[used, list(COLUMNS)]
    return frame.reset_index(drop=True).astype(COLUMNS)
