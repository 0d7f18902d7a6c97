"""WVR001: an expired waiver no longer applies, and the audit says so."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.messages import to_json
from auditor.register import load_register
from tests.helpers import WAIVER_HEADERS, compliant_account, main_account

ACCOUNTS = [main_account("x", "gemeentezeist"), compliant_account("sport", role=None)]


def waiver(until: dt.date | None) -> dict:
    return {
        "platform": "x",
        "account": "@sport",
        "check_id": "DOC002",
        "reason": "Rol wordt herzien",
        "approved_by": "Ilse Jansen",
        "until": until,
    }


def test_wvr001_fails_for_a_waiver_that_ended_before_the_period(make_register, audit_files):
    register = make_register(ACCOUNTS, waivers=[waiver(dt.date(2026, 9, 29))])
    result = audit_files(register)
    findings = result.findings_for("WVR001")
    assert [(f.account_id, f.subject, f.severity) for f in findings] == [
        ("x:sport", "DOC002", "info")
    ]
    assert to_json(findings[0].evidence) == {
        "check_id": "DOC002",
        "until": "2026-09-29",
        "period_end": "2026-09-30",
        "reason": "Rol wordt herzien",
        "approved_by": "Ilse Jansen",
        "source": "register.xlsx › Uitzonderingen",
        "source_row": 2,
    }
    assert findings[0].message("nl") == (
        "uitzondering voor DOC002 verlopen op 29-09-2026 (periode loopt t/m 30-09-2026); "
        "geldt niet meer"
    )
    assert findings[0].message("en") == (
        "waiver for DOC002 expired on 2026-09-29 (period runs to 2026-09-30); no longer applies"
    )
    # The finding the waiver covered counts again.
    assert [f.status for f in result.findings_for("DOC002")] == ["open"]


def test_wvr001_passes_for_a_waiver_that_still_holds(make_register, audit_files):
    for until in (dt.date(2026, 9, 30), None):
        register = make_register(ACCOUNTS, waivers=[waiver(until)], name=f"r{until}.xlsx")
        result = audit_files(register)
        assert result.findings_for("WVR001") == []
        assert [f.status for f in result.findings_for("DOC002")] == ["waived"]


# --- waivers in a file of their own, named in auditor.toml --------------------------------


def write_waiver_workbook(path: Path, rows: list[dict], title: str = "Uitzonderingen") -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.create_sheet("Toelichting").append(["Lijst van goedgekeurde uitzonderingen"])
    sheet = workbook.create_sheet(title)
    sheet.append(list(WAIVER_HEADERS.values()))
    for row in rows:
        sheet.append([row.get(name) for name in WAIVER_HEADERS])
    workbook.save(path)
    return path


def write_config(path: Path, *waiver_files: str) -> Path:
    listed = ", ".join(f'"{name}"' for name in waiver_files)
    path.write_text(f"waivers = [{listed}]\n", encoding="utf-8")
    return path


def invoke(*args: object):
    return CliRunner().invoke(cli, [*(str(a) for a in args), "--lang", "en"])


def validate_with(register: Path, config: Path):
    return invoke("validate", "-i", register, "--config", config)


def test_waivers_from_a_workbook_named_in_the_config_apply(tmp_path, make_register):
    register = make_register(ACCOUNTS)
    settings = tmp_path / "instellingen"
    settings.mkdir()
    write_waiver_workbook(settings / "uitzonderingen.xlsx", [waiver(dt.date(2026, 12, 31))])
    # The path is relative to the config file, not to where the audit is started.
    config = write_config(settings / "auditor.toml", "uitzonderingen.xlsx")
    out = tmp_path / "audit"
    result = invoke("run", "-i", register, "--config", config, "--period", "2026-Q3", "--out", out)
    assert result.exit_code == 0, result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (doc002,) = [f for f in findings["findings"] if f["check_id"] == "DOC002"]
    assert (doc002["account_id"], doc002["status"]) == ("x:sport", "waived")
    assert doc002["waiver"]["approved_by"] == "Ilse Jansen"
    (entry,) = [i for i in findings["inputs"] if i["path"].startswith("uitzonderingen.xlsx")]
    assert entry["path"] == "uitzonderingen.xlsx › Uitzonderingen"
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (1, 1, 0)


def test_a_csv_of_waivers_is_checked_row_by_row(tmp_path, make_register):
    register = make_register(ACCOUNTS)
    lines = [
        ";".join(WAIVER_HEADERS.values()),
        "x;@sport;DOC002;Rol wordt herzien;Ilse Jansen;31-12-2026",
        "x;@sport;XYZ999;Onbekende controle;Ilse Jansen;31-12-2026",
        "x;@onbekend;DOC002;Geen account;Ilse Jansen;31-12-2026",
    ]
    (tmp_path / "uitzonderingen.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config(tmp_path / "auditor.toml", "uitzonderingen.csv")
    result = validate_with(register, config)
    assert result.exit_code == 2, result.output
    assert "1 waiver;" in result.output
    assert 'uitzonderingen.csv › row 3 › Controle: "XYZ999" is not a check' in result.output
    assert "uitzonderingen.csv › row 4 › Account: account x:onbekend is not in" in result.output
    assert "uitzonderingen.csv: read 3, used 1, duplicate 0, rejected 2" in result.output


def test_waivers_of_the_register_sheet_and_a_file_add_up(tmp_path, make_register):
    other = dict(waiver(None), check_id="DOC001", reason="Doel volgt")
    register = make_register(ACCOUNTS, waivers=[waiver(None)])
    write_waiver_workbook(tmp_path / "extra.xlsx", [other], title="Waivers")
    config = write_config(tmp_path / "auditor.toml", "extra.xlsx")
    result = validate_with(register, config)
    assert result.exit_code == 0, result.output
    assert "2 waivers" in result.output
    assert "register.xlsx › Uitzonderingen: read 1, used 1" in result.output
    assert "extra.xlsx › Waivers: read 1, used 1" in result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        # told as the setting that names it, with where it was looked for
        ("ontbreekt.xlsx", "auditor.toml › waivers: file 'ontbreekt.xlsx' not found"),
        ("uitzonderingen.pdf", "not a list of waivers: expected an Excel workbook"),
        ("map", "is a folder; give the list of waivers as a workbook"),
    ],
)
def test_a_waiver_file_that_cannot_be_read_stops_with_its_name(
    tmp_path, make_register, name, message
):
    register = make_register(ACCOUNTS)
    if name.endswith(".pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    if name == "map":
        (tmp_path / name).mkdir()
    config = write_config(tmp_path / "auditor.toml", name)
    result = validate_with(register, config)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_findings_id_copied_as_the_check_waives_its_check_and_says_so(make_register, audit_files):
    """`DOC002-794387327a` copied from a report into Controle: the waiver is of check DOC002 on
    the row's account, said as a warning (it was "not a check" and the waiver was lost)."""
    copied = waiver(dt.date(2027, 3, 31)) | {"check_id": "DOC002-794387327a"}
    register = make_register(ACCOUNTS, waivers=[copied])
    result = audit_files(register)
    assert [f.status for f in result.findings_for("DOC002")] == ["waived"]
    said = [p.render("en") for p in load_register(register).problems]
    assert any(
        '"DOC002-794387327a" is the id of a finding; the waiver is for its check DOC002' in s
        for s in said
    )
    assert not any("is not a check" in s for s in said)
