"""One audit cycle: read and check, compare with the history, write the outputs. The CLI and
the demo call it; the report writers are passed in, so the core never imports them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from auditor.audit import AuditRun, Writer, run_audit, write_audit
from auditor.compare import apply_history
from auditor.config import Config
from auditor.history import HistoryStore, config_digest, default_path
from auditor.numbers import fmt_num, fmt_pct
from auditor.problems import InputError
from auditor.responses import read_responses
from auditor.stages import stage


def audit_cycle(
    config: Config,
    inventory: Path,
    activity: Sequence[Path],
    *,
    write: Writer,
    period: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    out: Path | None = None,
    lang: str | None = None,
    history_path: Path | None = None,
    responses: Sequence[Path] = (),
    force: bool = False,
) -> tuple[AuditRun, Path]:
    """The audit of one period written to `out` (default `audit-<period>`); an existing
    folder is replaced only with `force`. Returns the audit and the folder."""
    audit = run_audit(inventory, activity, config, period=period, start=start, end=end, lang=lang)
    out_dir = out or Path(f"audit-{audit.result.period.label}")
    if out_dir.exists() and not force:
        raise InputError(out_dir, "the audit folder already exists; use --force to replace it")
    with stage("comparing with earlier audits"):
        record_history(audit, out_dir, history_path, responses)
    write_audit(audit.result, out_dir, write=write, force=force)
    return audit, out_dir


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
