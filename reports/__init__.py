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
from auditor.reports.html import pages
from auditor.reports.view import build, catalogue, for_team
from auditor.result import AuditResult
from auditor.stages import settling, stage

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
    checks = for_team(
        catalogue() if checks is None else checks, result.communications_department, result.kcc
    )
    # Settling, what is alive as each stage begins lives until the reports are written: the
    # collector does not walk it again for every pack and page (the packs took 4× as long for
    # twice the accounts), and a forked helper does not copy it by touching it.
    with settling():
        with stage("cutting the department packs"):
            packs = scope.department_results(result, checks)
        return _write_all(result, out_dir, checks, packs)


def _write_all(result, out_dir, checks, packs) -> list[Path]:
    with stage("writing the reports") as step:
        # Workbooks largest first, then the pages: the helper works from the front, this
        # process from the back, so both stay busy until the two meet.
        books = _workbooks(result, out_dir, checks, packs)
        tasks = books + pages(result, out_dir, checks, packs)
        step.expect(len(tasks))
        queue = _Queue(len(tasks))
        helper = _Helper(tasks, queue) if PARALLEL and len(tasks) > 1 else None
        try:
            while (index := queue.take_smallest()) is not None:
                tasks[index][1]()
                step.advance(1 + (helper.done() if helper is not None else 0))
            if helper is not None:
                step.advance(helper.join())
        finally:
            if helper is not None:
                helper.stop()
            queue.close()
    # The pages first, as a reader opens them.
    return [path for path, _ in tasks[len(books) :] + books]


class _Queue:
    """The reports still to write, shared by this process and the helper: the helper takes
    from the front (the largest workbooks), this process from the back (the pages), until the
    two meet. Neither has to guess beforehand what the pages cost against the workbooks (it
    differs by more than twice between audits)."""

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
    """A forked process writing reports from the front of the queue. It says each report it
    has written with a byte on one pipe (for the progress shown here), and at the end how
    many it wrote, or its failure, on another, so an error there is raised here, as if this
    process had met it."""

    def __init__(self, tasks: list[tuple[Path, Callable[[], object]]], queue: _Queue):
        self._read, write = os.pipe()
        self._ticks, ticks = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the helper
            os.close(self._read)
            os.close(self._ticks)
            _run_helper(tasks, queue, write, ticks)
        os.close(write)
        os.close(ticks)
        os.set_blocking(self._ticks, False)
        self._seen = 0

    def done(self) -> int:
        """How many more reports the helper has written since last asked."""
        try:
            news = len(os.read(self._ticks, 1 << 16))
        except BlockingIOError:
            return 0
        self._seen += news
        return news

    def join(self) -> int:
        """Wait for the helper; the number of reports it wrote that were not yet told."""
        with os.fdopen(self._read, "rb") as pipe:
            report = pickle.loads(pipe.read() or pickle.dumps(KeyboardInterrupt()))
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        os.close(self._ticks)
        if isinstance(report, BaseException):
            raise report
        if os.waitstatus_to_exitcode(status) != 0:
            raise KeyboardInterrupt  # the helper was interrupted before it could say so
        return report - self._seen

    def stop(self) -> None:
        if self._pid is not None:  # this process stopped first: the helper need not go on
            os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
            self._pid = None
            os.close(self._ticks)


def _run_helper(tasks, queue: _Queue, pipe: int, ticks: int) -> None:
    """Write reports until none is left, and leave without running this process's exit
    handlers."""
    code, written = 0, 0
    try:
        while (index := queue.take_largest()) is not None:
            tasks[index][1]()
            written += 1
            os.write(ticks, b".")
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
        os.close(ticks)
        os._exit(code)


__all__ = ["write_reports"]
