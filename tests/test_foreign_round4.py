"""Round four of registers and exports nobody here made: a large organisation's register,
accounts named otherwise in the exports, times around a change of the clock, strange text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.problems import Level
from auditor.register import load_register


def _register(path: Path, rows: list[list[object]], header: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_departments_as_headings_between_the_accounts_give_them_their_department(
    tmp_path: Path,
):
    # Each heading was rejected as an account without a name, and every account had no
    # department: OWN005 failed for all, no department had a pack.
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["Afdeling Communicatie"],
            ["X", "@GemeenteZeist", "Sanne Smit", "actief"],
            ["Afd. Sport (2 accounts)"],
            ["Instagram", "@sportzeist", "Anna de Vries", "inactief"],
            ["X", "@sportzeist", "Anna de Vries", "actief"],
            ["Team Jeugd"],
            ["TikTok", "@zeistjong", "Kees de Boer", "actief"],
            ["Opgeheven accounts"],
            ["Facebook", "@zeistjong", "Kees de Boer", None],
        ],
        ["Platform", "Account", "Beheerder", "Status"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department, a.status.value) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie", "active"),
        ("instagram:sportzeist", "Sport", "closed"),
        ("x:sportzeist", "Sport", "active"),
        ("tiktok:zeistjong", "Team Jeugd", "active"),
        ("facebook:zeistjong", "Team Jeugd", "closed"),
    ]
    said = [p.render("en") for p in register.problems]
    assert not [p for p in register.problems if p.level is Level.ERROR]
    assert (
        'register.xlsx › Accounts › row 4 › heading "Afd. Sport (2 accounts)": the accounts '
        'below it without a department of their own belong to department "Sport"' in said
    )
    # The sheet has no department column, but its headings give one: no "fails everywhere".
    assert not [s for s in said if "OWN005" in s]
    result = CliRunner().invoke(cli, ["validate", "--lang", "en", "-i", str(path)])
    assert "read 9, used 5, duplicate 0, rejected 4" in result.output


def test_a_sentence_or_a_team_in_the_account_column_is_no_department_heading(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "@GemeenteZeist", "Communicatie"],
            ["Team Sport beheert vanaf 2027 ook deze accounts; vragen? Mail de redactie"],
            ["X", "@sportzeist", None],
        ],
        ["Platform", "Account", "Afdeling"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie"),
        ("x:sportzeist", None),
    ]


def test_a_column_missing_on_every_department_tab_is_said_once(tmp_path: Path):
    # 200 tabs, each without "Doel": 200 times each of a dozen warnings (2,600 lines).
    wb = Workbook()
    wb.remove(wb.active)
    for number in range(12):
        ws = wb.create_sheet(f"Afdeling {number}")
        ws.append(["Platform", "Account", "Beheerder"])
        ws.append(["X", f"@zeist{number}", "Anna de Vries"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert len(register.accounts) == 12
    missing = [p.render("en") for p in register.problems if 'no column "Doel"' in p.render("en")]
    assert missing == [
        'register.xlsx › Afdeling 0 › row 1 › no column "Doel": DOC001 (goal-documented) fails '
        "for every account it applies to; the same on 11 other sheets: Afdeling 1, Afdeling 2, "
        "Afdeling 3, Afdeling 4, Afdeling 5, …"
    ]
    dutch = [p.render("nl") for p in register.problems if 'kolom "Doel"' in p.render("nl")]
    assert dutch[0].endswith(
        "zo ook op 11 andere bladen: Afdeling 1, Afdeling 2, Afdeling 3, Afdeling 4, Afdeling 5, …"
    )
