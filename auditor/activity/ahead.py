"""The first export read on a second thread while the register is read on this one.

Reading the register is Python's work (openpyxl), reading a CSV export is mostly Arrow's,
which lets go of the interpreter: done side by side they take about the longer of the two,
not their sum (a third of a second off a run of 2 M rows). Only the first file is read ahead:
the ones after it are converted with the register's accounts, which are not known yet.

What the files and the first file turn out to be, errors included, is kept until the
exports are read, and given then (`load_activity(..., ahead=)`): a missing file or a file
of no known format is said where it was said before, after anything wrong in the register.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from types import TracebackType

from auditor.activity.adapters import adapters_for
from auditor.activity.load import (
    expected_formats,
    input_files,
    read_file,
    set_up_for_reading,
    unmap,
)
from auditor.config import Config


class ReadAhead:
    """Begins reading the exports in `paths` on another thread; a context manager, which
    lets go of a first file read ahead but never asked for (the register stopped the run)."""

    def __init__(self, paths: Sequence[str | Path], config: Config):
        set_up_for_reading()
        adapters = adapters_for(config)
        self._path: Path | None = None  # the first file, once known
        self._taken = False
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._files = self._pool.submit(input_files, list(paths))
        self._first = self._pool.submit(self._read_first, adapters)

    def _read_first(self, adapters) -> tuple | None:
        files, _, _ = self._files.result()
        if not files or files[0][0].is_dir():
            return None
        self._path = files[0][0]
        return read_file(self._path, adapters, expected_formats(adapters))

    def files(self) -> tuple[list[tuple[Path, str, bool]], list[str], dict]:
        """`input_files(paths)`, or the error it raised."""
        return self._files.result()

    def take(self, path: Path) -> tuple | None:
        """`read_file(path, ...)` if `path` was read ahead (or the error that raised), once;
        else None."""
        wait([self._first])
        if self._taken or self._path is None or self._path != path:
            return None
        self._taken = True
        return self._first.result()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True)
        if self._taken or self._first.exception() is not None:
            return
        if (first := self._first.result()) is not None:
            unmap(first[0])
