"""Running the CLI on generated inputs and judging the outcome the way a user would."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from auditor.cli import cli
from auditor.messages import languages, text
from auditor.problems import readable

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2026-Q3"
ALLOWED_EXITS = (0, 1, 2)


@dataclass
class Outcome:
    exit_code: int
    output: str
    exception: BaseException | None


def invoke(args: Sequence[str | Path]) -> Outcome:
    result: Result = CliRunner().invoke(cli, [str(a) for a in args])
    return Outcome(result.exit_code, result.output, result.exception)


def subprocess_env() -> dict[str, str]:
    """The environment for `python -m auditor`: this checkout first on the path, as the
    installed package may point at another."""
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def validate_args(register: Path, exports: Sequence[Path]) -> list[str | Path]:
    return ["validate", "--inventory", register, *[a for e in exports for a in ("--activity", e)]]


def run_args(
    register: Path, exports: Sequence[Path], out: Path, *, period: str | None = PERIOD
) -> list[str | Path]:
    args: list[str | Path] = ["run", "--inventory", register, "--out", out]
    args += ["--history", out.parent / "history.sqlite"]
    args += [a for e in exports for a in ("--activity", e)]
    return args + (["--period", period] if period else [])


def assert_handled(outcome: Outcome, inputs: Sequence[Path]) -> None:
    """Exit 0, 1 or 2; never a traceback; an exit 2 names the input at fault."""
    shown = outcome.output
    assert "Traceback" not in shown, shown
    assert not any(text("cli.crashed", lang) in shown for lang in languages()), shown
    # CliRunner catches what escapes the command and reports exit 1: that is a crash too.
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
        repr(outcome.exception),
        shown,
    )
    assert outcome.exit_code in ALLOWED_EXITS, shown
    if outcome.exit_code == 2:
        prefixes = tuple(text("cli.error", lang, what="") for lang in languages())
        errors = [line for line in shown.splitlines() if line.startswith(prefixes)]
        assert errors, shown
        # A name that is no UTF-8 is shown as Windows wrote it.
        names = [shown_name for p in inputs for shown_name in (p.name, readable(p.name))]
        # Options name themselves; every other error names the file it is about.
        assert any(
            any(name in line for name in names) or re.search(r"--\w+", line) for line in errors
        ), shown


def assert_ledger_balances(out: Path) -> dict:
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    for entry in findings["inputs"]:
        assert entry["rows_read"] == (
            entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
        ), entry
        assert len(entry["rejected"]) == entry["rows_rejected"], entry
    return findings


_LEDGER_LINE = re.compile(r"read (\d+), used (\d+), duplicate (\d+), rejected (\d+)$")


def assert_printed_ledger_balances(output: str) -> None:
    for line in output.splitlines():
        if match := _LEDGER_LINE.search(line):
            read, used, duplicate, rejected = map(int, match.groups())
            assert read == used + duplicate + rejected, line
