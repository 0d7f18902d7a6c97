"""Workbook benchmark: the Excel workbooks of a large audit, without the rest of the run.

    python bench/bench_workbooks.py --accounts 500 --departments 40 --repeat 5

Writes a register (A accounts over D departments, A/2 owners) and a canonical export of N rows
(the rows change the figures, not how many cells the workbooks get), runs the audit once, then
times in this process, after one round not counted: `write_workbook` of the overview
(`audit.xlsx`), and of the overview and every department pack one after the other, as one core
writes them. Reports are built before the clock starts; the medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.data import write_activity, write_register  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--departments", type=int, default=40)
    parser.add_argument("--period", default="2026-Q3")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from auditor.audit import run_audit
    from auditor.reports import scope
    from auditor.reports.excel import write_workbook
    from auditor.reports.view import build, catalogue

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        register, export = folder / "register.xlsx", folder / "activity.csv"
        write_register(register, args.accounts, args.departments, max(1, args.accounts // 2))
        write_activity(export, args.rows, args.accounts)
        result = run_audit(register, [export], period=args.period).result
        checks = catalogue()
        packs = scope.department_results(result, checks)
        overview = build(result, checks)
        departments = [(d, build(packs[d.name], checks)) for d in scope.departments(result)]

        alone, every = [], []
        for round_no in range(args.repeat + 1):
            start = time.perf_counter()
            write_workbook(overview, folder / "audit.xlsx")
            first = time.perf_counter() - start
            for dept, report in departments:
                write_workbook(report, folder / f"{dept.slug}.xlsx", scope_label=dept.name)
            if round_no:  # the first round warms up
                alone.append(first)
                every.append(time.perf_counter() - start)
        size = (folder / "audit.xlsx").stat().st_size

    print(
        f"\n{len(result.findings):,} findings, {len(result.accounts)} accounts, "
        f"{len(departments)} department packs; medians of {args.repeat}\n"
    )
    print("| workbooks | seconds |")
    print("|---|---|")
    print(f"| overview `audit.xlsx` ({size / 1e6:.1f} MB) | {statistics.median(alone):.2f} |")
    print(f"| overview and every pack, one core | {statistics.median(every):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
