"""The reports: HTML overview, department packs, owners' action lists and Excel workbooks."""

from __future__ import annotations

from pathlib import Path

from auditor.engine import CheckMeta
from auditor.reports import scope
from auditor.reports.excel import write_workbook
from auditor.reports.html import write_pages
from auditor.reports.view import build, catalogue
from auditor.result import AuditResult
from auditor.stages import stage


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
    with stage("writing the web pages"):
        written = write_pages(result, out_dir, checks, packs)
    with stage("writing the workbooks"):
        written.append(write_workbook(build(result, checks), out_dir / "audit.xlsx"))
        for dept in scope.departments(result):
            path = out_dir / "departments" / f"{dept.slug}.xlsx"
            pack = build(packs[dept.name], checks)
            written.append(write_workbook(pack, path, scope_label=dept.name))
    return written


__all__ = ["write_reports"]
