"""The workbooks written by a second process: the same files as written alone, and a failure
there is raised here, never lost."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import auditor.reports as reports
from tests.sample_audit import CHECKS, sample_result


def _cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]


def test_a_helper_writes_the_same_workbooks(tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "PARALLEL", True)
    both = reports.write_reports(sample_result(), tmp_path / "both", checks=CHECKS)
    monkeypatch.setattr(reports, "PARALLEL", False)
    alone = reports.write_reports(sample_result(), tmp_path / "alone", checks=CHECKS)
    assert sorted(p.relative_to(tmp_path / "both") for p in both) == sorted(
        p.relative_to(tmp_path / "alone") for p in alone
    )
    for path in alone:
        if path.suffix == ".xlsx":
            twin = tmp_path / "both" / path.relative_to(tmp_path / "alone")
            assert _cells(twin) == _cells(path), path.name


def test_a_failure_in_the_helper_is_raised_here(tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "PARALLEL", True)
    real = reports.write_workbook

    def failing(report, path, **kw):
        if Path(path).name == "audit.xlsx":  # the overview goes to the helper
            raise ValueError("disk full")
        return real(report, path, **kw)

    monkeypatch.setattr(reports, "write_workbook", failing)
    with pytest.raises(ValueError, match="disk full"):
        reports.write_reports(sample_result(), tmp_path / "out", checks=CHECKS)


def test_the_two_processes_share_the_workbooks_without_overlap():
    """The helper takes from the large end, this process from the small end: every workbook
    is taken exactly once, whoever is quicker."""
    import os

    queue = reports._Queue(200)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper's side
        taken = []
        while (index := queue.take_largest()) is not None:
            taken.append(index)
        os.write(write, ",".join(map(str, taken)).encode())
        os._exit(0)
    os.close(write)
    ours = []
    while (index := queue.take_smallest()) is not None:
        ours.append(index)
    with os.fdopen(read, "rb") as pipe:
        theirs = [int(i) for i in pipe.read().decode().split(",") if i]
    os.waitpid(pid, 0)
    queue.close()
    assert sorted(ours + theirs) == list(range(200))
    assert theirs == sorted(theirs) and ours == sorted(ours, reverse=True)
