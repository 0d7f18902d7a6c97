"""Generated registers and exports through the whole CLI: whatever people hand over, the
auditor answers with a report or a message naming the place, never a crash."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.generative.harness import (
    Outcome,
    assert_handled,
    assert_ledger_balances,
    assert_printed_ledger_balances,
    invoke,
    run_args,
    subprocess_env,
    validate_args,
)
from tests.generative.strategies import (
    ExportSpec,
    RegisterSpec,
    export_sets,
    registers,
    write_export_spec,
    write_register_spec,
)


def budget(share: float) -> settings:
    """A share of the active profile's examples, so the profiles scale every test alike."""
    return settings(max_examples=max(1, int(settings.default.max_examples * share)))


def _write(
    folder: Path, register: RegisterSpec, files: list[ExportSpec]
) -> tuple[Path, list[Path]]:
    inventory = write_register_spec(register, folder)
    (folder / "exports").mkdir()
    written = [write_export_spec(spec, folder / "exports") for spec in files]
    return inventory, written


@budget(1.0)
@given(register=registers(), files=export_sets())
def test_validate_never_crashes(register: RegisterSpec, files: list[ExportSpec]):
    with tempfile.TemporaryDirectory() as tmp:
        inventory, written = _write(Path(tmp), register, files)
        outcome = invoke(validate_args(inventory, written))
        assert_handled(outcome, [inventory, *written])
        assert_printed_ledger_balances(outcome.output)


@budget(0.8)
@given(
    register=registers(),
    files=export_sets(),
    as_folder=st.booleans(),
    period=st.sampled_from(["2026-Q3", "2026-Q1", None]),
)
def test_run_never_crashes_and_every_ledger_balances(
    register: RegisterSpec, files: list[ExportSpec], as_folder: bool, period: str | None
):
    with tempfile.TemporaryDirectory() as tmp:
        inventory, written = _write(Path(tmp), register, files)
        given_exports = [Path(tmp) / "exports"] if as_folder else written
        out = Path(tmp) / "audit"
        outcome = invoke(run_args(inventory, given_exports, out, period=period))
        assert_handled(outcome, [inventory, *written, *given_exports, out])
        if outcome.exit_code == 0:
            assert_ledger_balances(out)


@budget(0.5)
@given(register=registers(clean=True), files=export_sets(max_files=2))
def test_what_validate_accepts_run_reports_on(register: RegisterSpec, files: list[ExportSpec]):
    with tempfile.TemporaryDirectory() as tmp:
        inventory, written = _write(Path(tmp), register, files)
        checked = invoke(validate_args(inventory, written))
        assert_handled(checked, [inventory, *written])
        # A clean register still meets exports whose header is not known (exit 2).
        assume(checked.exit_code == 0)
        out = Path(tmp) / "audit"
        outcome = invoke(run_args(inventory, written, out))
        assert outcome.exit_code == 0, outcome.output
        findings = assert_ledger_balances(out)
        assert len(findings["inputs"]) >= 1 + len(written)


@budget(0.05)
@given(register=registers(), files=export_sets(max_files=2))
def test_a_real_process_never_crashes(register: RegisterSpec, files: list[ExportSpec]):
    # As the user runs it: a fresh interpreter, real stdout and stderr, the real exit status.
    with tempfile.TemporaryDirectory() as tmp:
        inventory, written = _write(Path(tmp), register, files)
        out = Path(tmp) / "audit"
        done = subprocess.run(
            [sys.executable, "-m", "auditor", *map(str, run_args(inventory, written, out))],
            capture_output=True,
            text=True,
            cwd=tmp,
            env=subprocess_env(),
            timeout=300,
        )
        outcome = Outcome(done.returncode, done.stdout + done.stderr, None)
        assert_handled(outcome, [inventory, *written])
        if done.returncode == 0:
            assert_ledger_balances(out)


@budget(0.3)
@given(register=registers())
def test_publish_never_crashes_and_verify_finds_every_published_account(
    register: RegisterSpec,
):
    import json
    import re

    with tempfile.TemporaryDirectory() as tmp:
        inventory = write_register_spec(register, Path(tmp))
        out = Path(tmp) / "public"
        outcome = invoke(["publish", "--inventory", inventory, "--out", out])
        assert_handled(outcome, [inventory, out])
        if outcome.exit_code != 0:
            return
        published = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
        queries = [f"{a['platform']}:{a['handle']}" for a in published["accounts"]]
        queries += [a["url"] for a in published["accounts"] if a["url"]]
        if not queries:
            return
        answered = invoke(["verify", "--inventory", inventory, "--format", "json", *queries])
        assert_handled(answered, [inventory])
        # The answer is the JSON document; the register's errors may stand before it.
        start = re.search(r"(?m)^\{$", answered.output)
        assert start, answered.output
        results = json.loads(answered.output[start.start() :])["results"]
        for result in results:
            assert result["verdict"] in ("active", "closed"), result
