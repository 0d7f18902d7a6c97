"""The CLI as a shell runs it: a reader that goes away (`auditor … | head`) and Ctrl-C end
the command quietly with the shell's codes (128 + the signal), never with a traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor.cli import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED
from tests.generative.harness import subprocess_env
from tests.helpers import canonical_rows, compliant_account, main_account, write_export


def _inputs(folder: Path) -> tuple[Path, Path]:
    from tests.helpers import write_register

    register = write_register(
        folder / "register.xlsx",
        [main_account("x", "gemeentezeist"), compliant_account("sportzeist")],
    )
    export = write_export(folder / "x.csv", canonical_rows("gemeentezeist"))
    return register, export


def _without_reader(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Runs the auditor with its stdout a pipe whose reading end is already closed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=subprocess_env(),
    )
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, "", stderr)


def test_validate_into_a_closed_pipe_exits_quietly(tmp_path):
    register, export = _inputs(tmp_path)
    done = _without_reader(["validate", "-i", str(register), "-a", str(export)], tmp_path)
    assert done.returncode == EXIT_BROKEN_PIPE, done.stderr
    assert done.stderr == ""


def test_run_into_a_closed_pipe_exits_quietly_with_the_reports_written(tmp_path):
    register, export = _inputs(tmp_path)
    out = tmp_path / "audit"
    args = ["run", "-i", str(register), "-a", str(export), "--period", "2026-Q3", "--out", str(out)]
    done = _without_reader(args, tmp_path)
    assert done.returncode == EXIT_BROKEN_PIPE, done.stderr
    assert done.stderr == ""
    # The summary is the last thing a run prints: the audit itself is complete.
    assert (out / "findings.json").is_file()
    assert (out / "index.html").is_file()


def test_validate_piped_into_head_stops_quietly(tmp_path):
    # Thousands of problem lines: far more than a pipe holds, so `head` leaves mid-command.
    register = tmp_path / "register.csv"
    lines = ["Platform,Account,Gestart"] + [f"x,account{n},31-02-2024" for n in range(4000)]
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = (
        f"{sys.executable} -m auditor validate -i {register} | head -n 1; exit ${{PIPESTATUS[0]}}"
    )
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        timeout=120,
    )
    assert done.returncode == EXIT_BROKEN_PIPE, done.stderr
    assert "register.csv › rij " in done.stdout  # the first of its many lines
    assert done.stderr == ""


# Ctrl-C arrives while a stage of the command works: the stage is replaced by one that sends
# the process SIGINT, so the signal comes at a known moment, through the real handler.
_INTERRUPTING = textwrap.dedent(
    """
    import importlib, os, signal, sys, time

    module, name = sys.argv[1].rsplit(".", 1)

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(30)
        raise AssertionError("SIGINT did not arrive")

    setattr(importlib.import_module(module), name, interrupted)
    # Ctrl-C as at a terminal: tests started in the background by a shell inherit SIGINT
    # ignored, and the auditor rightly keeps what it inherits.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.argv = ["auditor", *sys.argv[2:]]
    from auditor.cli import main

    main()
    """
)


@pytest.mark.parametrize(
    ("stage", "command"),
    [
        ("auditor.register.load_register", "validate"),
        ("auditor.audit.run_audit", "run"),
        ("auditor.reports.write_reports", "run"),
    ],
    ids=["validate-reading", "run-auditing", "run-writing"],
)
def test_ctrl_c_exits_130_quietly_and_leaves_no_half_audit(tmp_path, stage, command):
    register, export = _inputs(tmp_path)
    out = tmp_path / "audit"
    args = [command, "-i", str(register), "-a", str(export)]
    if command == "run":
        args += ["--period", "2026-Q3", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTING, stage, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        timeout=120,
    )
    assert done.returncode == EXIT_INTERRUPTED, done.stderr
    assert "Traceback" not in done.stderr
    assert "Aborted" not in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []


def test_signals_have_the_shells_exit_codes():
    assert EXIT_INTERRUPTED == 128 + signal.SIGINT
    assert EXIT_BROKEN_PIPE == 128 + signal.SIGPIPE
