"""A staff list pasted from the organisation's directory (an Entra ID or Active Directory
export): `displayName`, `mail`, `department`, `accountEnabled`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.register import load_register

DIRECTORY = ["userPrincipalName", "displayName", "surname", "mail", "givenName", "jobTitle"]
DIRECTORY += ["department", "accountEnabled"]


def _register(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Afdeling", "Eigenaar", "Vervanger"])
    ws.append(["Instagram", "@gemeentedal", "Communicatie", "Eva Smit", "Ruben Kok"])
    ws.append(["X", "@daljeugd", "Jeugd", "Sam de Boer", "Eva Smit"])
    staff = wb.create_sheet("Medewerkers")
    staff.append(DIRECTORY)
    for upn, name, surname, given, title, department, enabled in [
        ("e.smit@dal.nl", "Eva Smit", "Smit", "Eva", "Adviseur", "Communicatie", True),
        ("r.kok@dal.nl", "Ruben Kok", "Kok", "Ruben", "Adviseur", "Communicatie", "TRUE"),
        ("s.deboer@dal.nl", "Sam de Boer", "de Boer", "Sam", "Jongerenwerker", "Jeugd", False),
    ]:
        staff.append([upn, name, surname, upn, given, title, department, enabled])
    wb.save(path)
    return path


def test_a_disabled_directory_account_is_someone_who_left(tmp_path: Path):
    path = _register(tmp_path / "register.xlsx")
    staff = {p.name: (p.email, p.active) for p in load_register(path).staff}
    assert staff == {
        "Eva Smit": ("e.smit@dal.nl", True),
        "Ruben Kok": ("r.kok@dal.nl", True),
        "Sam de Boer": ("s.deboer@dal.nl", False),
    }
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "-i", str(path), "--period", "2026-Q3", "--out", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    left = {
        (f["account_id"], f["message_params"]["person"])
        for f in findings
        if f["check_id"] == "OWN004"
    }
    assert left == {("x:daljeugd", "Sam de Boer")}
