"""Hostile text in a register goes through the whole audit and comes out inert."""

from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from tests.helpers import canonical_rows, compliant_account, main_account

FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
MARKUP = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">']


def test_register_text_cannot_become_a_formula_or_markup(make_register, make_export, tmp_path):
    accounts = [
        main_account("x", "gemeentezeist"),
        compliant_account(
            "sport",
            display_name=FORMULAS[0],  # fails STY001, so it is quoted in a message too
            owner_name=FORMULAS[1],
            substitute_name=FORMULAS[2],
            role=FORMULAS[3],
            audience=MARKUP[0],
            content_strategy=MARKUP[1],
            department="<b>Sport</b>",
        ),
    ]
    register = make_register(accounts)
    export = make_export(canonical_rows("gemeentezeist") + canonical_rows("sport", every_days=3))
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "--inventory", str(register), "--activity", str(export), "--out", str(out),
              "--period", "2026-Q3"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    workbooks = [out / "audit.xlsx", *sorted((out / "departments").glob("*.xlsx"))]
    seen: set[str] = set()
    for path in workbooks:
        for ws in load_workbook(path):
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name} {ws.title}!{cell.coordinate}"
                    if isinstance(cell.value, str):
                        seen.update(f for f in FORMULAS if f in cell.value)
    assert seen >= set(FORMULAS[:2])  # the display name and the owner reached the workbook

    pages = [
        out / "index.html",
        *(out / "departments").glob("*.html"),
        *(out / "owners").glob("*.html"),
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "<b>Sport</b>" not in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Sport&lt;/b&gt;" in index
