"""The quarterly cycle as the CLI uses it: history beside the audit folder, owners' answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from auditor.audit import AuditRun
from auditor.compare import apply_history
from auditor.history import HistoryStore, config_digest, default_path
from auditor.numbers import fmt_num, fmt_pct
from auditor.responses import read_responses


def record_history(
    audit: AuditRun,
    out_dir: Path,
    history_path: Path | None,
    responses: Sequence[Path] = (),
) -> None:
    """Compare with the previous audit, store this one, and fill `result.history`."""
    path = history_path or default_path(out_dir)
    answers = read_responses(responses) if responses else None
    with HistoryStore.open(path) as store:
        apply_history(
            audit.result, store, config_digest=config_digest(audit.config), responses=answers
        )


def history_listing(path: Path, fmt: str = "table") -> str:
    from auditor.problems import InputError

    if not path.exists():
        raise InputError(path, "no audit history here yet; `auditor run` makes it")
    with HistoryStore.open(path) as store:
        if fmt == "json":
            return json.dumps(store.runs_json(), ensure_ascii=False, indent=2)
        runs = store.runs()
    if not runs:
        return "No audits recorded yet."
    lines = [
        f"{'period':<12} {'run at':<17} {'accounts':>8} {'open':>5} {'waived':>6} "
        f"{'compliant':>9} {'reply median':>12}  by severity"
    ]
    for run in runs:
        severities = ", ".join(f"{n} {s}" for s, n in run.open_by_severity.items() if n)
        lines.append(
            f"{run.period.label:<12} {run.run_at:%Y-%m-%d %H:%M}  {run.accounts:>8} "
            f"{run.open:>5} {run.waived:>6} {fmt_pct(run.compliance, 'en'):>9} "
            f"{fmt_num(run.reply_median_business_hours, 'en'):>12}  {severities or '–'}"
        )
    return "\n".join(lines)
