"""A register kept one row per person and account, as an access list is: the rows of an
account make one account with its owner, substitute and administrators (they were refused as
duplicates: every substitute lost)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from auditor.register import load_register
from tests.helpers import write_rows

HEADER = ["Platform", "Account", "Afdeling", "Beheerder", "Rol"]
ROWS = [
    ["Instagram", "@gemeentedal", "Communicatie", "Eva Smit", "eigenaar"],
    ["Instagram", "@gemeentedal", "Communicatie", "Ruben Kok", "vervanger"],
    ["Instagram", "@gemeentedal", "Communicatie", "Lotte Bos", "redacteur"],
    ["X", "@gemeentedal", "Communicatie", "Lotte Bos", "beheerder"],
    ["X", "@gemeentedal", "Communicatie", "Eva Smit", "Eigenaar"],
    ["X", "@gemeentedal", "Communicatie", "Ruben Kok", "back-up"],
    ["Facebook", "@bibdal", "Bibliotheek", "Sam de Boer", "vervanger"],
    ["Facebook", "@bibdal", "Bibliotheek", "Mo Ali", "stagiair"],
]


def _people(path: Path) -> dict[str, tuple]:
    register = load_register(path)
    return {
        a.account_id: (a.owner_name, a.substitute_name, a.administrators, a.role)
        for a in register.accounts
    }


def test_the_rows_of_an_account_make_one_account_with_its_people(tmp_path: Path):
    path = write_rows(tmp_path / "register.xlsx", ROWS, HEADER)
    register = load_register(path)
    assert _people(path) == {
        "instagram:gemeentedal": ("Eva Smit", "Ruben Kok", "Lotte Bos", None),
        # `beheerder` first, `Eigenaar` after: the owner is the one the register says.
        "x:gemeentedal": ("Eva Smit", "Ruben Kok", "Lotte Bos", None),
        # No owner row: whoever else may post stands in as the owner, as a Beheerder column
        # without roles would have them.
        "facebook:bibdal": ("Mo Ali", "Sam de Boer", None, None),
    }
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_duplicate) == (8, 8, 0)
    said = [(p.row, p.column, p.message("nl")) for p in register.problems]
    assert not [s for s in said if "twee keer" in s[2]]
    assert [s for s in said if "één rij per persoon" in s[2]] == [
        (
            1,
            None,
            'één rij per persoon en account: kolom "Rol" geeft de rol van wie in kolom '
            '"Beheerder" staat (back-up, beheerder, eigenaar, redacteur); de rijen van een '
            "account zijn samen één account, met eigenaar, vervanger en de anderen als "
            "beheerders",
        )
    ]
    assert (9, "Rol", 'rol "stagiair" is geen eigenaar of vervanger; gelezen als beheerder') in said


def test_the_audit_knows_the_substitute_of_each_account(tmp_path: Path):
    path = write_rows(tmp_path / "register.xlsx", ROWS, HEADER)
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "-i", str(path), "--period", "2026-Q3", "--out", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    no_substitute = {f["account_id"] for f in findings if f["check_id"] == "OWN002"}
    assert no_substitute == set()


def test_a_role_of_the_account_is_read_as_before(tmp_path: Path):
    rows = [
        ["Instagram", "@gemeentedal", "Communicatie", "Eva Smit", "informeren"],
        ["Instagram", "@gemeentedal", "Communicatie", "Ruben Kok", "webcare en informeren"],
        ["X", "@gemeentedal", "Communicatie", "Eva Smit", "eigenaar"],  # one such word
    ]
    path = write_rows(tmp_path / "register.xlsx", rows, HEADER)
    register = load_register(path)
    assert {a.account_id: a.role for a in register.accounts} == {
        "instagram:gemeentedal": "informeren",
        "x:gemeentedal": "eigenaar",
    }
    said = [p.message("nl") for p in register.problems]
    assert any("staat er twee keer in: rij 2 en 3" in s for s in said)


def test_people_numbered_in_turn_and_a_back_up_in_brackets(tmp_path: Path):
    # `Contactpersoon 1 | Contactpersoon 2 | Beheerder 3 | Beheerder 4`: the owner, the
    # substitute, and two more administrators (`Contactpersoon 1` was skipped: no owner).
    header = ["Platform", "Account", "Contactpersoon 1", "Contactpersoon 2", "Beheerder 3"]
    path = write_rows(
        tmp_path / "register.xlsx",
        [["Instagram", "@gemeentedal", "Eva Smit", "Ruben Kok", "Sam de Boer", "Mo Ali"]],
        [*header, "Beheerder 4"],
    )
    assert _people(path) == {
        "instagram:gemeentedal": ("Eva Smit", "Ruben Kok", "Sam de Boer; Mo Ali", None)
    }
    # `Beheerder (back-up)` is the back-up, not a second owner column left unread.
    path = write_rows(
        tmp_path / "backup.xlsx",
        [["X", "@gemeentedal", "Eva Smit", "Lotte Bos"]],
        ["Platform", "Account", "Beheerder", "Beheerder (back-up)"],
    )
    assert _people(path) == {"x:gemeentedal": ("Eva Smit", "Lotte Bos", None, None)}


def test_webcare_as_the_accounts_role_is_no_persons_part(tmp_path: Path):
    rows = [
        ["X", "@gemeentedal", "Communicatie", "Eva Smit", "webcare"],
        ["Facebook", "@gemeentedal", "Communicatie", "Eva Smit", "webcare"],
        ["Instagram", "@gemeentedal", "Communicatie", "Ruben Kok", "initiator"],
    ]
    path = write_rows(tmp_path / "register.xlsx", rows, HEADER)
    assert {a.account_id: a.role for a in load_register(path).accounts} == {
        "x:gemeentedal": "webcare",
        "facebook:gemeentedal": "webcare",
        "instagram:gemeentedal": "initiator",
    }
