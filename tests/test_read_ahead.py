"""The first export is read on a second thread while the register is read (`ReadAhead`): the
same rows, ledger and warnings as when read after it, and every error said where it was said
before, the register's first."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.activity.ahead import ReadAhead
from auditor.activity.load import load_activity
from auditor.cli import cli
from auditor.config import Config
from auditor.register import load_register
from tests.helpers import (
    canonical_rows,
    compliant_account,
    main_account,
    message_pair,
    write_export,
    write_register,
)


@pytest.fixture
def register(tmp_path) -> Path:
    return write_register(
        tmp_path / "register.xlsx",
        [main_account("x", "gemeentezeist"), compliant_account("zeistsport")],
    )


def _exports(folder: Path) -> dict[str, list[Path]]:
    folder.mkdir()
    main = canonical_rows("gemeentezeist", every_days=2)
    sport = canonical_rows("zeistsport", every_days=3)
    pair = message_pair("gemeentezeist", "q1", "2026-07-02T09:00", "2026-07-02T11:00")
    write_export(folder / "a.csv", main + pair)
    write_export(folder / "b.csv", sport + main[:3])  # three rows again: duplicates
    # First in the folder, and of no known format: passed over, as it was.
    (folder / "0.csv").write_text("no header here\n1,2,3\n", encoding="utf-8")
    return {
        "one file": [folder / "a.csv"],
        "two files": [folder / "b.csv", folder / "a.csv"],
        "a folder": [folder],
    }


@pytest.mark.parametrize("given", ["one file", "two files", "a folder"])
def test_exports_read_ahead_are_read_as_after_the_register(tmp_path, register, given):
    paths = _exports(tmp_path / "exports")[given]
    accounts = load_register(register).accounts
    config = Config()
    in_turn = load_activity(paths, config, accounts)
    with ReadAhead(paths, config) as ahead:
        read_ahead = load_activity(paths, config, accounts, ahead=ahead)
    assert read_ahead.frame.equals(in_turn.frame)
    assert read_ahead.ledger == in_turn.ledger
    assert read_ahead.skipped_files == in_turn.skipped_files
    assert [m.key for m in read_ahead.warnings()] == [m.key for m in in_turn.warnings()]
    assert sum(e.rows_used for e in read_ahead.ledger) > 0
    assert ("exports/0.csv" in read_ahead.skipped_files) == (given == "a folder")


def _run(register: Path, exports: Path, out: Path):
    return CliRunner().invoke(
        cli,
        ["run", "--inventory", str(register), "--activity", str(exports), "--out", str(out)],
    )


def test_a_broken_register_is_said_before_a_missing_export(tmp_path):
    broken = tmp_path / "register.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    result = _run(broken, tmp_path / "missing.csv", tmp_path / "audit")
    assert result.exit_code == 2, result.output
    assert "register.xlsx" in result.output
    assert "missing.csv" not in result.output
    assert not (tmp_path / "audit").exists()


def test_a_first_export_of_no_known_format_is_said_after_a_sound_register(tmp_path, register):
    odd = tmp_path / "notes.csv"
    odd.write_text("no header here\n1,2,3\n", encoding="utf-8")
    result = _run(register, odd, tmp_path / "audit")
    assert result.exit_code == 2, result.output
    assert "notes.csv" in result.output
    assert "Traceback" not in result.output


def _mapped(path: Path) -> bool:
    return str(path) in Path("/proc/self/maps").read_text()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="Linux shows what is mapped")
def _register_stops(ahead: ReadAhead, export: Path) -> None:
    with ahead:
        for _ in range(200):  # read on the other thread, and held for the exports' stage
            if _mapped(export):
                break
            time.sleep(0.025)
        assert _mapped(export)
        raise RuntimeError("the register could not be read")


def test_a_first_export_read_ahead_is_let_go_when_the_register_stops_the_run(tmp_path):
    export = write_export(tmp_path / "a.csv", canonical_rows("gemeentezeist"))
    ahead = ReadAhead([export], Config())  # still held here, as a run's error holds it
    with pytest.raises(RuntimeError, match="register"):
        _register_stops(ahead, export)
    assert not _mapped(export)  # unmapped, not left until collected
