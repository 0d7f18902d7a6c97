"""A closed or planned account on the scorecard: the checks that judge only accounts in use are
not applicable to it (n.v.t.), not passed (✓), which read as a model account."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register

JUDGES_EVERY_ACCOUNT = {"REG002", "WVR001"}


def test_checks_of_accounts_in_use_are_not_applicable_to_a_closed_or_planned_one(tmp_path: Path):
    register = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("sportzeist"),
            compliant_account("zwemzeist", status="gesloten", closed=dt.date(2026, 5, 1)),
            compliant_account("loopzeist", status="gepland"),
        ],
        staff=DEFAULT_STAFF,
        departments=DEFAULT_DEPARTMENTS,
    )
    out = tmp_path / "audit"
    args = ["run", "-i", register, "--period", "2026-Q3", "--out", out]
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output

    book = openpyxl.load_workbook(out / "audit.xlsx")
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    header = next(row for row in rows if row and "SEC001" in row)
    checks = [c for c in header if isinstance(c, str) and re.fullmatch(r"[A-Z]{3}\d{3}", c)]
    by_handle = {}
    for row in rows[rows.index(header) + 1 :]:
        cells = dict(zip(header, row, strict=False))
        by_handle[next(h for h in ("sportzeist", "zwemzeist", "loopzeist") if h in str(row))] = (
            cells
        )
    run = {c for c in checks if by_handle["sportzeist"][c] != "–"}  # no exports: some not run
    assert run >= {"OWN001", "SEC001", "DOC001", "STY001"}
    for handle in ("zwemzeist", "loopzeist"):
        cells = by_handle[handle]
        assert {c for c in checks if cells[c] == "n.v.t."} == run - JUDGES_EVERY_ACCOUNT
        assert all(cells[c] == "✓" for c in JUDGES_EVERY_ACCOUNT & set(checks))
    assert "n.v.t." not in by_handle["sportzeist"].values()

    page = (out / "index.html").read_text(encoding="utf-8")
    scorecard = page[page.index('id="scorecard-title"') :]
    scorecard = scorecard[: scorecard.index("</section>")]
    assert "niet van toepassing: gesloten of gepland account" in scorecard  # the legend says it
    assert scorecard.count("score--not-applicable") == 1 + 2 * len(run - JUDGES_EVERY_ACCOUNT)
