"""The reports: HTML overview, department packs, owners' action lists and Excel workbooks."""

from __future__ import annotations

import mmap
import os
import pickle
import signal
import struct
from collections.abc import Callable
from pathlib import Path

from auditor.engine import CheckMeta
from auditor.reports import scope
from auditor.reports.excel import write_workbook
from auditor.reports.html import write_pages
from auditor.reports.view import build, catalogue
from auditor.result import AuditResult
from auditor.stages import stage

# The workbooks are independent of the pages: a second process writes workbooks while this one
# writes the pages and then joins in, when the system can fork.
PARALLEL = hasattr(os, "fork")


def write_reports(
    result: AuditResult, out_dir: Path, *, checks: dict[str, CheckMeta] | None = None
) -> list[Path]:
    """Write every report of `result` into `out_dir`; returns the files written.

    `checks` is the check catalogue (id → metadata); by default the engine's registry.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    checks = catalogue() if checks is None else checks
    with stage("cutting the department packs"):
        packs = scope.department_results(result, checks)
    books = _workbooks(result, out_dir, checks, packs)
    (out_dir / "departments").mkdir(parents=True, exist_ok=True)
    queue = _Queue(len(books))
    helper = _Helper(books, queue) if PARALLEL and len(books) > 1 else None
    try:
        with stage("writing the web pages") as step:
            written = write_pages(result, out_dir, checks, packs, step=step)
        with stage("writing the workbooks", total=len(books)) as step:
            while (index := queue.take_smallest()) is not None:
                books[index][1]()
                step.advance()
            if helper is not None:
                step.advance(helper.join())
    finally:
        if helper is not None:
            helper.stop()
        queue.close()
    return written + [path for path, _ in books]


class _Queue:
    """The workbooks still to write, largest first, shared by this process and the helper.

    The helper takes from the large end from the start; this process writes the pages and
    then takes from the small end, until the two meet. Neither has to guess beforehand what
    the pages cost against the workbooks (it differs by more than twice between audits)."""

    def __init__(self, count: int):
        # Anonymous shared memory survives a fork, and so does a pipe holding one byte: the
        # byte is the right to change the ends (no semaphore, which needs /dev/shm).
        self._ends = mmap.mmap(-1, 16)
        self._ends[:16] = struct.pack("qq", 0, count)
        self._token_out, self._token_in = os.pipe()
        os.write(self._token_in, b".")

    def _take(self, large: bool) -> int | None:
        os.read(self._token_out, 1)
        try:
            front, back = struct.unpack("qq", self._ends[:16])
            if front >= back:
                return None
            index = front if large else back - 1
            front, back = (front + 1, back) if large else (front, back - 1)
            self._ends[:16] = struct.pack("qq", front, back)
            return index
        finally:
            os.write(self._token_in, b".")

    def close(self) -> None:
        os.close(self._token_out)
        os.close(self._token_in)
        self._ends.close()

    def take_largest(self) -> int | None:
        return self._take(large=True)

    def take_smallest(self) -> int | None:
        return self._take(large=False)


def _workbooks(result, out_dir, checks, packs) -> list[tuple[Path, Callable[[], Path]]]:
    """Every workbook to write, as its path and the call that writes it, largest first: the
    overview, then the packs by their number of findings."""
    books = [
        (
            out_dir / "audit.xlsx",
            lambda: write_workbook(build(result, checks), out_dir / "audit.xlsx"),
        )
    ]
    depts = sorted(scope.departments(result), key=lambda d: -len(packs[d.name].findings))
    for dept in depts:
        path = out_dir / "departments" / f"{dept.slug}.xlsx"

        def write(dept=dept, path=path) -> Path:
            return write_workbook(build(packs[dept.name], checks), path, scope_label=dept.name)

        books.append((path, write))
    return books


class _Helper:
    """A forked process writing workbooks from the large end of the queue; it reports back
    how many it wrote, or its failure, over a pipe, so an error there is raised here, as if
    this process had met it."""

    def __init__(self, books: list[tuple[Path, Callable[[], Path]]], queue: _Queue):
        self._read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the helper
            os.close(self._read)
            _run_helper(books, queue, write)
        os.close(write)

    def join(self) -> int:
        """Wait for the helper; the number of workbooks it wrote."""
        with os.fdopen(self._read, "rb") as pipe:
            report = pickle.loads(pipe.read() or pickle.dumps(KeyboardInterrupt()))
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if isinstance(report, BaseException):
            raise report
        if os.waitstatus_to_exitcode(status) != 0:
            raise KeyboardInterrupt  # the helper was interrupted before it could say so
        return report

    def stop(self) -> None:
        if self._pid is not None:  # this process stopped first: the helper need not go on
            os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
            self._pid = None


def _run_helper(books, queue: _Queue, pipe: int) -> None:
    """Write workbooks until none is left, and leave without running this process's exit
    handlers."""
    code, written = 0, 0
    try:
        while (index := queue.take_largest()) is not None:
            books[index][1]()
            written += 1
        message = pickle.dumps(written)
    except BaseException as exc:
        code = 1
        try:
            message = pickle.dumps(exc)
        except Exception:
            message = pickle.dumps(RuntimeError(repr(exc)))
    try:
        os.write(pipe, message)
    finally:
        os.close(pipe)
        os._exit(code)


__all__ = ["write_reports"]
