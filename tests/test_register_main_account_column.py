"""A column that says of each account whether it is a main account (`Hoofdaccount?` ja/nee,
`Main account` yes/no, `x` or empty) gives the account's type, as a Type column does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.models import AccountType
from auditor.problems import Level
from auditor.register import load_register
from tests.helpers import write_rows

MAIN, SECONDARY = AccountType.MAIN, AccountType.SECONDARY


def _register(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    return write_rows(path, rows, header)


def _in_cells(register) -> list:
    """What is said of a cell (not of the columns the small sheets lack)."""
    return [p for p in register.problems if p.column is not None]


def _types(register) -> dict[str, AccountType]:
    return {a.handle: a.type for a in register.accounts}


@pytest.mark.parametrize(
    ("header", "main", "secondary"),
    [
        ("Hoofdaccount?", "ja", "nee"),
        ("Hoofdaccount", "Ja", "Nee"),
        ("Main account?", "yes", "no"),
        ("Main account", "x", None),
        ("Hoofdaccount (ja/nee)", "waar", "onwaar"),
        ("Hoofdaccount?", True, False),
        ("Main account?", "TRUE", "FALSE"),
    ],
)
def test_a_main_account_column_gives_the_type(tmp_path, header, main, secondary):
    path = _register(
        tmp_path / "register.xlsx",
        ["Platform", "Account", "Afdeling", header],
        [["X", "@gemeentezeist", "Communicatie", main], ["X", "@zeistsport", "Sport", secondary]],
    )
    register = load_register(path)
    assert _types(register) == {"gemeentezeist": MAIN, "zeistsport": SECONDARY}
    said = [p.message("nl") for p in register.problems]
    # The column is read: neither left aside nor the Type column said missing.
    assert not [s for s in said if header in s or "nevenaccount" in s], said


def test_an_unreadable_value_is_said_with_its_place(tmp_path):
    path = _register(
        tmp_path / "register.xlsx",
        ["Platform", "Account", "Afdeling", "Hoofdaccount?"],
        [["X", "@gemeentezeist", "Communicatie", "ja"], ["X", "@zeistsport", "Sport", "misschien"]],
    )
    register = load_register(path)
    assert _types(register) == {"gemeentezeist": MAIN, "zeistsport": SECONDARY}
    (problem,) = _in_cells(register)
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "register.xlsx",
        "Accounts",
        3,
        "Hoofdaccount?",
    )
    assert problem.level is Level.ERROR
    assert "misschien" in problem.message("nl") and "nevenaccount" in problem.message("nl")
    assert "as a secondary account" in problem.message("en")

    shown = CliRunner().invoke(cli, ["validate", "--inventory", str(path), "--lang", "en"])
    assert 'error: register.xlsx › Accounts › row 3 › Hoofdaccount?: "misschien"' in shown.output
    assert "Traceback" not in shown.output


def test_a_type_and_a_main_account_column_that_disagree_are_warned_and_type_wins(tmp_path):
    path = _register(
        tmp_path / "register.xlsx",
        ["Platform", "Account", "Afdeling", "Type", "Hoofdaccount?"],
        [
            ["X", "@gemeentezeist", "Communicatie", "hoofdaccount", "ja"],
            ["X", "@zeistsport", "Sport", "nevenaccount", "ja"],
            ["X", "@zeistjong", "Sport", None, "ja"],  # Type empty: the column says it
            ["X", "@zeistcultuur", "Sport", "hoofdaccount", "misschien"],
        ],
    )
    register = load_register(path)
    assert _types(register) == {
        "gemeentezeist": MAIN,
        "zeistsport": SECONDARY,
        "zeistjong": MAIN,
        "zeistcultuur": MAIN,
    }
    problems = {p.row: p for p in _in_cells(register)}
    assert set(problems) == {3, 5}
    disagree = problems[3]
    assert disagree.level is Level.WARNING and disagree.column == "Hoofdaccount?"
    nl, en = disagree.message("nl"), disagree.message("en")
    assert "nevenaccount" in nl and "Type" in nl and '"ja"' in nl
    assert "secondary account" in en and "Type" in en
    # Type decides the type: an unreadable mark beside it only warns.
    assert problems[5].level is Level.WARNING and "misschien" in problems[5].message("nl")
