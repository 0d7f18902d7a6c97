"""The CLI as a user meets it: exit codes, messages naming the place, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor import __version__
from auditor.cli import cli
from auditor.register import load_register
from tests.helpers import compliant_account, write_register


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_validate_clean_register_exits_0(make_register):
    path = make_register([compliant_account("sportzeist")])
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 0, result.output
    assert "1 accounts" in result.output
    assert "0 errors" in result.output


def test_validate_lists_every_problem_and_exits_2(tmp_path: Path):
    path = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("a", started="31-02-2024"),
            compliant_account("b", platform="12345", url=None),
            compliant_account("a"),
        ],
    )
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 2, result.output
    assert 'register.xlsx › Accounts › row 2 › Gestart: "31-02-2024" is not a date' in result.output
    assert 'row 3 › Platform: "12345" is not a platform name' in result.output
    assert "rows 2 and 4" in result.output
    assert "Traceback" not in result.output


def test_validate_with_only_warnings_exits_0(tmp_path: Path):
    path = write_register(tmp_path / "r.xlsx", [compliant_account("a", status=None)])
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output
    assert "taken as actief" in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leeg.xlsx", b""),
        ("kapot.xlsx", b"PK\x03\x04 truncated zip"),
        ("foto.xlsx", bytes(range(256)) * 4),
        ("register.csv", b"\x00\x01\x02\x03binary\x00"),
        ("register.csv", b"wat,is,dit\n1,2,3\n"),
        ("register.docx", b"PK\x03\x04"),
    ],
)
def test_hostile_inventory_exits_2_with_one_line_naming_the_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 2
    assert name in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_inventory_exits_2(tmp_path):
    result = invoke("validate", "--inventory", tmp_path / "nope.xlsx")
    assert result.exit_code == 2
    assert "nope.xlsx" in result.output


def test_init_writes_a_template_the_reader_accepts(tmp_path: Path):
    result = invoke("init", tmp_path / "nieuw")
    assert result.exit_code == 0, result.output
    register = load_register(tmp_path / "nieuw" / "register.xlsx")
    assert register.problems == []
    assert [a.account_id for a in register.accounts] == ["x:gemeentezeist"]
    assert register.staff and register.departments and register.waivers
    workbook = load_workbook(tmp_path / "nieuw" / "register.xlsx")
    assert workbook.sheetnames == ["Accounts", "Medewerkers", "Afdelingen", "Uitzonderingen"]
    accounts = workbook["Accounts"]
    assert accounts.freeze_panes == "A2"
    assert accounts["A1"].value == "Platform"
    lists = {
        str(v.sqref).split(":")[0][0]: v.formula1 for v in accounts.data_validations.dataValidation
    }
    headers = {c.column_letter: c.value for c in accounts[1]}
    by_header = {headers[col]: formula for col, formula in lists.items()}
    assert set(by_header) >= {"Platform", "Type", "Status", "Doel"}
    assert "hoofdaccount" in by_header["Type"]
    assert "instagram" in by_header["Platform"]
    config = (tmp_path / "nieuw" / "auditor.toml").read_text(encoding="utf-8")
    assert "[checks.ACT002]" in config
    assert "days = 60" in config


def test_init_does_not_overwrite_without_force(tmp_path: Path):
    assert invoke("init", tmp_path).exit_code == 0
    again = invoke("init", tmp_path)
    assert again.exit_code == 2
    assert "--force" in again.output
    assert invoke("init", tmp_path, "--force").exit_code == 0


def test_bad_config_exits_2_naming_the_key(make_register, tmp_path: Path):
    path = make_register([compliant_account("a")])
    config = tmp_path / "auditor.toml"
    config.write_text("[checks.ACT002]\ndayz = 3\n", encoding="utf-8")
    result = invoke("validate", "--inventory", path, "--config", config)
    assert result.exit_code == 2
    assert "checks.ACT002.dayz" in result.output


def test_bad_date_option_is_usage_error(make_register):
    path = make_register([compliant_account("a")])
    result = invoke("run", "--inventory", path, "--from", "gisteren", "--to", "2026-09-30")
    assert result.exit_code == 2
    assert "gisteren" in result.output


def test_explain_unknown_check_is_usage_error():
    result = invoke("explain", "ZZZ999")
    assert result.exit_code == 2
    assert "ZZZ999" in result.output


def test_run_writes_the_seconds_of_every_stage(make_register, tmp_path: Path):
    import json

    register = make_register([compliant_account("sportzeist")])
    timings = tmp_path / "timings.json"
    result = invoke(
        "run", "--inventory", register, "--period", "2026-Q3",
        "--out", tmp_path / "audit", "--timings", timings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    stages = json.loads(timings.read_text())
    assert list(stages)[:2] == ["reading the register", "reading the exports"]
    assert {"running the checks", "writing the web pages", "writing the workbooks"} <= set(stages)
    assert all(seconds >= 0 for seconds in stages.values())
    assert "…" not in result.output  # progress goes to a terminal's stderr only


def test_a_register_alone_is_audited_for_the_latest_ended_quarter(make_register, tmp_path: Path):
    from auditor.period import latest_ended_quarter

    register = make_register([compliant_account("sportzeist")])
    result = invoke("run", "--inventory", register, "--out", tmp_path / "audit")
    assert result.exit_code == 0, result.output
    latest = latest_ended_quarter()
    assert f"Period {latest.label}: the latest ended quarter; no activity data" in result.output
