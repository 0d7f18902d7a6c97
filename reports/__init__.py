"""The reports: HTML overview, department packs, owners' action lists and Excel workbooks."""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from pathlib import Path

from auditor.engine import CheckMeta
from auditor.reports import scope
from auditor.reports.excel import write_workbook
from auditor.reports.html import write_pages
from auditor.reports.view import build, catalogue
from auditor.result import AuditResult
from auditor.stages import stage

# The workbooks are most of a large audit's cost and independent of the pages: a second
# process writes a share of them while this one writes the pages, when the system can fork.
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
    theirs, ours = _share(books) if PARALLEL and len(books) > 1 else ([], books)
    (out_dir / "departments").mkdir(parents=True, exist_ok=True)
    helper = _Helper(theirs) if theirs else None
    try:
        with stage("writing the web pages") as step:
            written = write_pages(result, out_dir, checks, packs, step=step)
        with stage("writing the workbooks", total=len(books)) as step:
            for _, write, _ in ours:
                write()
                step.advance()
            if helper is not None:
                helper.join()
                step.advance(len(theirs))
    finally:
        if helper is not None:
            helper.stop()
    return written + [path for path, *_ in books]


# The helper takes two thirds of the workbooks (by findings, plus a fixed cost per workbook), so
# both processes finish at about one time when the pages cost half what the workbooks do, as
# they did when openpyxl wrote them. XlsxWriter made the workbooks about twice as fast: at 500
# accounts the pages now cost about as much as all workbooks, and the helper finishes first.
HELPER_SHARE = 2 / 3
PER_WORKBOOK = 20


def _share(books):
    """The workbooks for the helper (the largest, from the overview's down) and for this
    process (the rest)."""
    target, taken, count = HELPER_SHARE * sum(size for *_, size in books), 0, 0
    while count < len(books) - 1 and taken < target:
        taken += books[count][2]
        count += 1
    return books[:count], books[count:]


def _workbooks(result, out_dir, checks, packs) -> list[tuple[Path, Callable[[], Path], int]]:
    """Every workbook to write, as its path, the call that writes it and its size (findings
    plus a fixed cost): the overview first, then the packs, largest first."""
    books = [
        (
            out_dir / "audit.xlsx",
            lambda: write_workbook(build(result, checks), out_dir / "audit.xlsx"),
            len(result.findings) + PER_WORKBOOK,
        )
    ]
    depts = sorted(scope.departments(result), key=lambda d: -len(packs[d.name].findings))
    for dept in depts:
        path = out_dir / "departments" / f"{dept.slug}.xlsx"

        def write(dept=dept, path=path) -> Path:
            return write_workbook(build(packs[dept.name], checks), path, scope_label=dept.name)

        books.append((path, write, len(packs[dept.name].findings) + PER_WORKBOOK))
    return books


class _Helper:
    """A forked process writing some workbooks; it reports back failure or success over a
    pipe, so an error there is raised here, as if this process had met it."""

    def __init__(self, books: list[tuple[Path, Callable[[], Path], int]]):
        self._read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the helper
            os.close(self._read)
            _run_helper(books, write)
        os.close(write)

    def join(self) -> None:
        with os.fdopen(self._read, "rb") as pipe:
            report = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if report:
            raise pickle.loads(report)
        if os.waitstatus_to_exitcode(status) != 0:
            raise KeyboardInterrupt  # the helper was interrupted before it could say so

    def stop(self) -> None:
        if self._pid is not None:  # this process stopped first: the helper need not go on
            os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
            self._pid = None


def _run_helper(books, pipe: int) -> None:
    """Write the workbooks and leave without running this process's exit handlers."""
    code = 0
    try:
        for _, write, _ in books:
            write()
    except BaseException as exc:
        code = 1
        try:
            message = pickle.dumps(exc)
        except Exception:
            message = pickle.dumps(RuntimeError(repr(exc)))
        os.write(pipe, message)
    finally:
        os.close(pipe)
        os._exit(code)


__all__ = ["write_reports"]
