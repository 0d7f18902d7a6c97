"""An output folder written whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from auditor.messages import Message
from auditor.problems import OUT_OF_ROOM, InputError, os_reason


def replace_folder(
    out_dir: str | Path, fill: Callable[[Path], object], *, force: bool = False, exists: Message
) -> Path:
    """Let `fill` write into a temporary folder beside `out_dir`, then move it into place.

    An existing folder is never touched without `force` (`exists` says so); with it, the old
    folder is only removed once the new one is complete, so a reader never sees half of one.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not force:
        raise InputError(out_dir, exists)
    staging = _staging(out_dir)
    # mkdtemp keeps a folder to its maker (0700); the reports are for colleagues on the share
    # too, so the folder gets the permissions any folder made here would have.
    staging.chmod(0o777 & ~_umask())
    try:
        try:
            fill(staging)
        except OSError as exc:
            if exc.errno not in OUT_OF_ROOM:
                raise
            # The share full or a quota reached midway: said of the folder being written
            # (the write names no file, or one in the hidden folder it is staged in).
            raise InputError(out_dir, os_reason(exc)) from None
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            out_dir.rename(old)
        staging.rename(out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(out_dir: str | Path) -> None:
    """That a folder can be written where `out_dir` is to go, told before any work is kept
    elsewhere (an audit stores itself in the history before its reports are written)."""
    _staging(Path(out_dir)).rmdir()


def _staging(out_dir: Path) -> Path:
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as exc:  # a read-only share, a file where a folder is to go
        raise InputError(out_dir, os_reason(exc)) from None
