"""History files as they turn up: read-only (a file, or a folder on an archived share), of
another organisation or another register. Told in one line before anything is written, or as
a warning naming the file; `auditor history` still lists a history it may not write."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import compliant_account, write_register


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def audited(tmp_path: Path) -> tuple[Path, Path]:
    register = write_register(tmp_path / "register.xlsx", [compliant_account("sportzeist")])
    history = tmp_path / "archief" / "h.sqlite"
    first = invoke("run", "-i", register, "--period", "2026-Q2", "--out", tmp_path / "q2",
                   "--history", history)  # fmt: skip
    assert first.exit_code == 0, first.output
    return register, history


@pytest.fixture
def read_only():
    """Makes a file or folder read-only for this process, root or not; undone afterwards."""
    made: list[tuple[Path, str]] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o555 if path.is_dir() else 0o444)
            made.append((path, "chmod"))
            return
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(path)]).returncode != 0:
            pytest.skip("as root, only an immutable file is read-only, and chattr is refused")
        made.append((path, "chattr"))

    yield make
    for path, how in made:
        if how == "chmod":
            path.chmod(0o755 if path.is_dir() else 0o644)
        else:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_history_is_told_before_the_audit_is_written(audited, tmp_path, read_only):
    register, history = audited
    before = history.read_bytes()
    read_only(history)
    result = invoke("run", "-i", register, "--period", "2026-Q3", "--out", tmp_path / "q3",
                    "--history", history)  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.output.startswith(
        "fout: h.sqlite › de auditgeschiedenis kan niet worden bijgewerkt ("
    ), result.output
    assert "Traceback" not in result.output and "readonly" not in result.output
    assert not (tmp_path / "q3").exists()
    assert history.read_bytes() == before
    listed = invoke("history", "--history", history)
    assert listed.exit_code == 0, listed.output
    assert "2026-Q2" in listed.output


def test_a_history_in_a_read_only_folder_is_listed_and_told_not_damaged(
    audited, tmp_path, read_only
):
    register, history = audited
    read_only(history.parent)
    listed = invoke("history", "--history", history, "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert '"2026-Q2"' in listed.output
    result = invoke("run", "-i", register, "--period", "2026-Q3", "--out", tmp_path / "q3",
                    "--history", history, "--lang", "en")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "the audit history cannot be updated" in result.output
    assert "damaged" not in result.output


def test_a_history_of_another_organisation_or_register_is_warned_about(audited, tmp_path):
    _, history = audited
    other = write_register(tmp_path / "ander.xlsx", [compliant_account("utrechtsport")])
    result = invoke("run", "-i", other, "--period", "2026-Q3", "--out", tmp_path / "q3",
                    "--history", history)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "waarschuwing: h.sqlite › de vorige audit in deze geschiedenis (2026-Q2) heeft geen "
        "enkel account gemeen met deze"
    ) in result.output
    config = tmp_path / "utrecht.toml"
    config.write_text('[organisation]\nname = "Gemeente Utrecht"\n', encoding="utf-8")
    result = invoke("run", "-i", other, "--period", "2026-Q4", "--out", tmp_path / "q4",
                    "--history", history, "--config", config, "--lang", "en")  # fmt: skip
    assert (
        "warning: h.sqlite › the previous audit in this history (2026-Q3) is of Gemeente "
        "Zeist, this one of Gemeente Utrecht"
    ) in result.output


def test_the_same_register_out_of_order_and_again_is_said_only_when_replaced(audited, tmp_path):
    register, history = audited
    for period, replaced in (("2026-Q3", False), ("2026-Q1", False), ("2026-Q3", True)):
        out = tmp_path / f"uit-{period}"
        result = invoke("run", "-i", register, "--period", period, "--out", out,
                        "--history", history, "--force")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert ("stond al in de geschiedenis" in result.output) is replaced, result.output
        earlier = period == "2026-Q1"  # run after 2026-Q2 and 2026-Q3: theirs are not redone
        assert (
            "h.sqlite › de geschiedenis bevat al latere audits (2026-Q2, 2026-Q3)" in result.output
        ) is earlier, result.output
        if replaced:
            assert (
                "waarschuwing: h.sqlite › de audit van 2026-Q3 stond al in de geschiedenis "
                "(uitgevoerd op "
            ) in result.output
    listed = invoke("history", "--history", history)
    assert [line.split()[0] for line in listed.output.splitlines()[1:]] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
    ]


def test_a_truncated_history_is_called_damaged_with_what_to_do(audited, tmp_path):
    _, history = audited
    cut = tmp_path / "half.sqlite"
    cut.write_bytes(history.read_bytes()[:3000])
    result = invoke("history", "--history", cut)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("fout: half.sqlite › de auditgeschiedenis is beschadigd (")
    assert "zet een reservekopie terug" in result.output


@pytest.mark.parametrize(
    ("said", "dutch"),
    [
        ("database is locked", "het bestand is in gebruik door een andere audit"),
        ("attempt to write a readonly database", "het bestand is alleen-lezen"),
        ("disk I/O error", "de schijf gaf een lees- of schrijffout"),
        ("database or disk is full", "de schijf is vol"),
        ("something new", "SQLite meldt: something new"),
    ],
)
def test_sqlites_reasons_are_said_in_the_catalogues_words(said, dutch):
    import sqlite3

    from auditor.history import sqlite_reason

    assert sqlite_reason(sqlite3.OperationalError(said))("nl").startswith(dutch)
