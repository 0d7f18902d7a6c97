"""The Excel workbooks read back with openpyxl: sheets, headers, drop-down, types, no formulas."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from auditor.history_model import AuditHistory
from auditor.reports import write_reports
from auditor.responses import OWNER_STATUS_LABELS, OwnerStatus, read_responses
from tests.sample_audit import CHECKS, FORMULAS, sample_result

SHEETS_NL = ["Samenvatting", "Bevindingen", "Bewijs", "Scorecard", "Metrics", "Invoer", "Controles"]
SHEETS_EN = ["Summary", "Findings", "Evidence", "Scorecard", "Metrics", "Inputs", "Checks"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("xlsx")
    write_reports(sample_result("nl", hostile=True), path, checks=CHECKS)
    return path


def header_row(ws) -> int:
    """The findings sheet has an instruction above its table; other sheets start at row 1."""
    return 2 if ws.title in {"Bevindingen", "Findings"} else 1


def headers(ws, row: int | None = None) -> list:
    return [c.value for c in ws[row or header_row(ws)]]


def column(ws, header: str) -> list:
    index = headers(ws).index(header)
    return [row[index].value for row in ws.iter_rows(min_row=header_row(ws) + 1)]


def test_sheets_in_dutch_and_english(out, tmp_path):
    assert openpyxl.load_workbook(out / "audit.xlsx").sheetnames == SHEETS_NL
    write_reports(sample_result("en"), tmp_path, checks=CHECKS)
    assert openpyxl.load_workbook(tmp_path / "audit.xlsx").sheetnames == SHEETS_EN
    english = openpyxl.load_workbook(tmp_path / "audit.xlsx")["Findings"]
    owners = ["Severity", "Finding", "Account", "Status", "Toelichting", "Fix"]
    assert headers(english)[:6] == owners
    assert headers(english)[-2:] == ["finding_id", "Evidence"]
    assert "Return this file to the communications team (Communicatie) by" in english["A1"].value


def test_one_row_per_finding_with_stable_columns(out):
    ws = openpyxl.load_workbook(out / "audit.xlsx")["Bevindingen"]
    head = headers(ws)
    # what an owner reads and fills in comes first, the references and the evidence after
    assert head[:6] == ["Ernst", "Bevinding", "Account", "Status", "Toelichting", "Oplossing"]
    assert head[-2:] == ["finding_id", "Bewijs"]
    for wanted in ("Controle", "Titel", "Afdeling", "Beheerder", "Account-id", "Auditstatus"):
        assert wanted in head
    assert len(head) <= 20  # the evidence has a sheet of its own
    summary = dict(zip(column(ws, "finding_id"), column(ws, "Bewijs"), strict=True))
    rsp = next(f for f in sample_result().findings if f.check_id == "RSP001")
    assert "median_hours: 25,5" in summary[rsp.finding_id].split("\n")
    expected = [f.finding_id for f in sample_result(hostile=True).findings]
    assert column(ws, "finding_id") == expected
    assert set(column(ws, "Toelichting")) == {None}
    assert ws.freeze_panes == "D3"
    assert ws.auto_filter.ref == f"A2:{ws.cell(2, len(head)).column_letter}{len(expected) + 2}"
    accounts = dict(zip(column(ws, "Account-id"), column(ws, "Account"), strict=True))
    assert accounts["x:gemeentezeist"] == "Gemeente Zeist (X @gemeentezeist)"


def test_status_column_has_the_owners_drop_down(out):
    ws = openpyxl.load_workbook(out / "audit.xlsx")["Bevindingen"]
    status_letter = ws.cell(1, headers(ws).index("Status") + 1).column_letter
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    choices = lists[0].formula1.strip('"').split(",")
    assert choices == [
        "open",
        "in behandeling",
        "opgelost",
        "uitzondering aangevraagd",
        "niet mee eens",
    ]
    assert f"{status_letter}3" in lists[0].sqref


def test_no_cell_is_a_formula_and_input_text_reads_back_unchanged(out):
    for path in [out / "audit.xlsx", *sorted((out / "departments").glob("*.xlsx"))]:
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, ws.title, cell.coordinate)
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    values = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    for formula in FORMULAS:
        assert formula in values, formula
    quoted = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in FORMULAS]
    assert quoted and all(c.quotePrefix for c in quoted)


def test_no_placeholder_is_left_unfilled(out):
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    texts = [
        c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert [v for v in texts if re.search(r"\{[a-z_]+\}", v)] == []


def test_dates_are_dates_and_numbers_are_numbers(out):
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    summary = {row[0].value: row[1] for row in wb["Samenvatting"].iter_rows(min_row=3)}
    assert summary["Begin periode"].value == dt.datetime(2026, 7, 1)
    assert summary["Begin periode"].number_format == "dd-mm-yyyy"
    assert summary["Open bevindingen"].value == 7
    assert summary["Zonder open bevindingen"].value == pytest.approx(0.4)
    assert summary["Zonder open bevindingen"].number_format == "0%"
    metrics = wb["Metrics"]
    last_post = dict(
        zip(column(metrics, "Account-id"), column(metrics, "Laatste post"), strict=True)
    )
    assert last_post["x:gemeentezeist"] == dt.datetime(2026, 9, 29)
    median = column(metrics, "Mediane reactietijd (werkuren)")
    assert 25.5 in median
    evidence = wb["Bewijs"]
    items = list(zip(column(evidence, "Gegeven"), column(evidence, "Waarde"), strict=True))
    assert ("first_seen", dt.datetime(2026, 7, 14)) in items
    assert ("median_hours", 25.5) in items
    assert set(column(evidence, "finding_id")) <= set(column(wb["Bevindingen"], "finding_id"))


def test_metrics_name_the_accounts_as_the_findings_do_with_their_id_beside(out):
    # The Metrics sheet's Account column held the audit's ids (x:gemeentezeist) where every
    # other sheet names the account as people know it.
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    metrics = wb["Metrics"]
    assert headers(metrics)[:2] == ["Account", "Account-id"]
    named = dict(zip(column(metrics, "Account-id"), column(metrics, "Account"), strict=True))
    findings = wb["Bevindingen"]
    shown = zip(column(findings, "Account-id"), column(findings, "Account"), strict=True)
    assert named.items() >= {(i, name) for i, name in shown if i in named}
    assert len(named) > 1
    assert named["x:gemeentezeist"] == "Gemeente Zeist (X @gemeentezeist)"
    assert metrics.freeze_panes == "B2"  # the account stays in view when scrolling right


def test_metrics_name_the_platform_as_the_findings_do(out):
    # The Metrics sheet said "x" and "facebook" where Bevindingen says "X" and "Facebook".
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    platforms = set(column(wb["Metrics"], "Platform"))
    assert platforms == {"X", "Facebook", "Instagram"}
    assert platforms <= set(column(wb["Bevindingen"], "Platform"))


def test_odd_values_are_written_as_what_they_are(tmp_path):
    """A control character no cell may hold, text that looks like a link or a number, and an
    infinite figure: the workbook opens, text reads back as text and no cell is a formula."""
    result = sample_result()
    main = result.accounts[0]
    main.display_name = "Gemeente\x01Zeist"
    main.owner_name = "https://evil.example/login"
    main.metrics["posts_per_week"] = float("inf")
    result.accounts[1].display_name = "0612345678"
    write_reports(result, tmp_path, checks=CHECKS)
    metrics = openpyxl.load_workbook(tmp_path / "audit.xlsx")["Metrics"]
    rows = {
        row[1].value: dict(zip(headers(metrics), row, strict=True))
        for row in metrics.iter_rows(min_row=2)
    }
    cells = rows[main.account_id]
    assert cells["Weergavenaam"].value == "Gemeente\N{REPLACEMENT CHARACTER}Zeist"
    assert cells["Beheerder"].value == "https://evil.example/login"
    assert cells["Beheerder"].hyperlink is None
    assert cells["Posts per week"].value == "∞"
    assert rows[result.accounts[1].account_id]["Weergavenaam"].value == "0612345678"
    assert all(c.data_type != "f" for row in metrics.iter_rows() for c in row)


def test_scorecard_is_formatted_by_severity(out):
    ws = openpyxl.load_workbook(out / "audit.xlsx")["Scorecard"]
    assert headers(ws)[:3] == ["Account", "Afdeling", "Beheerder"]
    assert "REG001" not in headers(ws)  # about a platform, not an account
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    formulas = {f for r in rules for f in r.formula}
    assert {'"kritiek"', '"hoog"', '"middel"', '"laag"', '"info"'} <= formulas
    # accounts as the Bevindingen sheet names them, not by their ids (x:zeistbouwt)
    accounts = [r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert not [a for a in accounts if re.fullmatch(r"[a-z]+:\S+", a)]
    row = next(
        r for r in ws.iter_rows(min_row=2, values_only=True) if r[0].endswith("(X @zeistbouwt)")
    )
    by_check = dict(zip(headers(ws), row, strict=True))
    assert by_check["OWN002"] == "hoog"
    assert by_check["OWN004"] == "–"  # skipped
    # A column headed by a check's id says what the check is, as the page's links do.
    notes = {c.value: c.comment.text for c in ws[1] if c.comment}
    assert notes["OWN002"] == "OWN002: Geen vervanger"
    assert set(notes) == set(headers(ws)[3:])
    assert by_check["DOC003"] == "✓"


def test_ledger_and_catalogue_sheets(out):
    wb = openpyxl.load_workbook(out / "audit.xlsx")
    ledger = list(wb["Invoer"].iter_rows(values_only=True))
    assert ledger[1][:6] == ("exports/x_2026q3.csv", "x-analytics", 410, 404, 5, 1)
    assert any(row[:2] == ("exports/x_2026q3.csv", 17) for row in ledger)
    checks = wb["Controles"]
    assert column(checks, "Controle") == sorted(CHECKS)
    assert "Zorg ook voor vervanging bij ziekte en vakantie." in column(
        checks, "Citaat uit het beleid"
    )


def test_the_checks_sheet_names_each_family_in_the_report_language(tmp_path):
    # The Dutch workbook's Controles sheet said "ownership" and "house_style".
    from auditor.engine import registry

    real = {check_id: check.meta for check_id, check in registry().items()}
    for lang, own, style in (
        ("nl", "eigenaarschap", "huisstijl"),
        ("en", "ownership", "house style"),
    ):
        write_reports(sample_result(lang), tmp_path / lang, checks=real)
        sheet = openpyxl.load_workbook(tmp_path / lang / "audit.xlsx").worksheets[-1]
        ids, families = column(sheet, headers(sheet)[0]), column(sheet, headers(sheet)[3])
        family = dict(zip(ids, families, strict=True))
        assert (family["OWN001"], family["STY001"]) == (own, style)


def _workbook_text(path: Path) -> str:
    """Every XML part of the workbook, metadata included."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


@pytest.mark.parametrize("slug", ["communicatie", "ruimte", "sociaal-domein"])
def test_department_workbook_holds_nothing_of_another_department(tmp_path, slug):
    result = sample_result()
    write_reports(result, tmp_path, checks=CHECKS)
    department = next(d.name for d in result.departments if d.slug == slug)
    own = {
        v
        for a in result.accounts
        if a.department == department
        for v in (a.owner_name, a.substitute_name)
    }
    foreign = {
        v
        for a in result.accounts
        if a.department != department
        for v in (a.handle, a.owner_name, a.owner_email, a.substitute_name)
        if v and v not in own
    } | {
        v
        for d in result.departments
        if d.name != department
        for v in (d.manager_name, d.manager_email)
        if v
    }
    text = _workbook_text(tmp_path / "departments" / f"{slug}.xlsx").casefold()
    assert sorted(v for v in foreign if v.casefold() in text) == []
    sheets = openpyxl.load_workbook(tmp_path / "departments" / f"{slug}.xlsx").sheetnames
    assert "Invoer" not in sheets


def test_owners_answers_read_back_from_a_returned_workbook(tmp_path):
    write_reports(sample_result(), tmp_path, checks=CHECKS)
    path = tmp_path / "departments" / "ruimte.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Bevindingen"]
    head = headers(ws)
    row = ws[3]
    finding = row[head.index("finding_id")].value
    row[head.index("Status")].value = OWNER_STATUS_LABELS[OwnerStatus.RESOLVED]("nl")
    row[head.index("Toelichting")].value = "Vervanger is Carla Smit"
    wb.save(path)
    load = read_responses([path])
    assert load.answers[finding].status is OwnerStatus.RESOLVED
    assert load.answers[finding].comment == "Vervanger is Carla Smit"
    assert load.unmatched == []


def test_trend_sheet_and_earlier_answers_with_history(tmp_path):
    result = sample_result()
    bouwt = next(f for f in result.findings if f.check_id == "OWN002")
    result.history = AuditHistory.model_validate(
        {
            "previous_period": "2026-Q2",
            "counts": {"new": 1, "persisting": 6, "resolved": 1},
            "resolved": [
                {
                    "finding_id": "DOC003-x",
                    "check_id": "DOC003",
                    "severity": "low",
                    "account_id": "x:zeistbouwt",
                    "platform": "x",
                    "department": "Ruimte",
                    "message": {"nl": "Geen contentstrategie vastgelegd.", "en": "No strategy."},
                }
            ],
            "trend": {
                "periods": ["2026-Q2", "2026-Q3"],
                "compliance": [0.25, 0.4],
                "compliance_by_department": {"Ruimte": [0.5, 0.0]},
                "open_by_severity": {"high": [3, 2]},
                "reply_median_business_hours": [4.0, 2.5],
            },
            "responses": {
                "answered_period": "2026-Q2",
                "by_finding": {
                    bouwt.finding_id: {
                        "status": "resolved",
                        "comment": "Carla neemt het over",
                        "period": "2026-Q2",
                        "sheet": "Bevindingen",
                        "row": 2,
                        "contradiction": True,
                    }
                },
                "contradictions": [bouwt.finding_id],
            },
        }
    )
    write_reports(result, tmp_path, checks=CHECKS)
    wb = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    assert wb.sheetnames[:3] == ["Samenvatting", "Ontwikkeling", "Bevindingen"]
    trend = list(wb["Ontwikkeling"].iter_rows(values_only=True))
    assert ("Opgelost", 1) in [row[:2] for row in trend]
    assert any(row[:3] == ("2026-Q2", 0.25, 3) for row in trend)
    assert any("DOC003-x" in row for row in trend)
    findings = wb["Bevindingen"]
    answer = dict(
        zip(column(findings, "finding_id"), column(findings, "Eerder antwoord"), strict=True)
    )
    assert answer[bouwt.finding_id].startswith("opgelost (2026-Q2) – Gemeld als opgelost")
    assert "Carla neemt het over" in column(findings, "Eerdere toelichting")
    # the answer columns must not be mistaken for the owners' own Status/Toelichting
    assert read_responses([tmp_path / "audit.xlsx"]).answers == {}
    ruimte = openpyxl.load_workbook(tmp_path / "departments" / "ruimte.xlsx")
    trend = list(ruimte["Ontwikkeling"].iter_rows(values_only=True))
    assert any(row[:2] == ("2026-Q2", 0.5) for row in trend)
