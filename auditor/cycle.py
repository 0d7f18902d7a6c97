"""One audit cycle: read and check, compare with the history, write the outputs. The CLI and
the demo call it; the report writers are passed in, so the core never imports them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from auditor.audit import AuditRun, Writer, run_audit, write_audit
from auditor.compare import apply_history, foreign_history
from auditor.config import Config
from auditor.folders import check_writable
from auditor.history import HistoryStore, config_digest, default_path
from auditor.messages import DEFAULT_LANG, Message, show, text
from auditor.problems import InputError
from auditor.responses import read_responses
from auditor.stages import settling, stage


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
    with settling():
        audit = run_audit(
            inventory, activity, config, period=period, start=start, end=end, lang=lang
        )
        out_dir = out or Path(f"audit-{audit.result.period.label}")
        if out_dir.exists() and not out_dir.is_dir():  # --force would not help: said first
            raise InputError(out_dir, Message("cli.run.not_a_folder"))
        if out_dir.exists() and not force:
            raise InputError(out_dir, Message("cli.run.folder_exists"))
        if out_dir.exists():
            ensure_replaceable(out_dir, [inventory, *activity, *responses, history_path])
        check_writable(out_dir)
        with stage("comparing with earlier audits"):
            record_history(audit, out_dir, history_path, responses)
        write_audit(audit.result, out_dir, write=write, force=force)
    return audit, out_dir


def ensure_replaceable(out_dir: Path, inputs: Sequence[Path | None]) -> None:
    """`--force` replaces an earlier audit's folder, never a file, a folder holding one of the
    audit's own inputs, the working folder or one above it, or a folder that holds no
    findings.json: `--out . --force` would otherwise take the register, and more, with it."""
    if not out_dir.is_dir():
        raise InputError(out_dir, Message("cli.run.not_a_folder"))
    folder = out_dir.resolve()
    held = [p for p in inputs if p is not None and p.resolve().is_relative_to(folder)]
    if held:
        raise InputError(out_dir, Message("cli.run.holds_input", example=held[0].name))
    if Path.cwd().resolve().is_relative_to(folder):
        raise InputError(out_dir, Message("cli.run.working_folder"))
    if any(folder.iterdir()) and not (folder / "findings.json").is_file():
        raise InputError(out_dir, Message("cli.run.not_an_audit"))


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
        if (foreign := foreign_history(audit.result, store)) is not None:
            audit.warnings.append(Message("problem.at", place=path.name, what=foreign))
        if (before := store.run_at(audit.result.period.label)) is not None:
            # Said, so that a run of the wrong period, or into the wrong history, is noticed.
            replaced = Message("history.replaced", period=audit.result.period.label, run_at=before)
            audit.warnings.append(Message("problem.at", place=path.name, what=replaced))
        if later := store.later_periods(audit.result.period):
            # Their reports compared with what the history held then; they are not redone.
            after = Message("history.later_audits", periods=later)
            audit.warnings.append(Message("problem.at", place=path.name, what=after))
        history = apply_history(
            audit.result, store, config_digest=config_digest(audit.config), responses=answers
        )
    if answers is not None:
        # Said in the run's summary, not only in the report: an answer that was not kept is
        # an owner's word lost unless someone asks them which one holds.
        audit.warnings += [c.as_message() for c in history.responses.conflicts]
        audit.warnings += [
            p.as_message() for p in answers.problems if p.message.key != "responses.answered_twice"
        ]
        # A row that could not be used is an owner's answer not counted: said here with the
        # first one's place and reason, the rest listed in the report.
        unmatched = history.responses.unmatched
        if unmatched:
            audit.warnings.append(
                Message(
                    "responses.unmatched_rows",
                    count=len(unmatched),
                    first=unmatched[0].as_message(),
                )
            )


# The history table's columns: name, alignment and least width (a longer heading widens it).
_COLUMNS = [
    ("period", "<", 12),
    ("run_at", "<", 17),
    ("accounts", ">", 8),
    ("open", ">", 5),
    ("waived", ">", 6),
    ("compliant", ">", 9),
    ("reply_median", ">", 12),
]


def history_listing(path: Path, fmt: str = "table", lang: str = DEFAULT_LANG) -> str:
    if not path.exists():
        raise InputError(path, Message("cli.history.missing"))
    with HistoryStore.open_to_read(path) as store:
        if fmt == "json":
            return json.dumps(store.runs_json(), ensure_ascii=False, indent=2)
        runs = store.runs()
    if not runs:
        return text("cli.history.empty", lang)
    headings = [text(f"cli.history.column.{name}", lang) for name, _, _ in _COLUMNS]
    shapes = [
        (align, max(width, len(h))) for (_, align, width), h in zip(_COLUMNS, headings, strict=True)
    ]

    def line(cells: list[str], last: str) -> str:
        row = " ".join(
            f"{c:{align}{width}}" for c, (align, width) in zip(cells, shapes, strict=True)
        )
        return f"{row}  {last}"

    lines = [line(headings, text("cli.history.column.by_severity", lang))]
    for run in runs:
        severities = [
            text("cli.run.severity_count", lang, count=n, severity=Message(f"cli.severity.{s}"))
            for s, n in run.open_by_severity.items()
            if n
        ]
        cells = [
            run.period.label,
            # On the user's clock: the history stores UTC, which read as local time was an
            # hour or two off in the Netherlands.
            f"{show(run.run_at.astimezone().date(), lang)} {run.run_at.astimezone():%H:%M}",
            show(run.accounts, lang),
            show(run.open, lang),
            show(run.waived, lang),
            show(run.compliance, lang, "%"),
            show(run.reply_median_business_hours, lang),
        ]
        lines.append(line(cells, show(severities, lang) if severities else "–"))
    return "\n".join(lines)
