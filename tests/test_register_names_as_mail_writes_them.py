"""Names as a mail program writes colleagues, pasted into a register: `Jansen, P. (Piet)`, the
name they go by in brackets after the initials, and double surnames (`Bakker-de Wit, J.`)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.register.people import split_mentions


def _register(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Eigenaar", "Vervanger", "Afdeling", "Type"])
    ws.append(
        ["X", "@gemeentezand", "Jansen, P. (Piet)", "Vos, A.M. (Anouk)", "Communicatie", "hoofd"]
    )
    ws.append(["Instagram", "@gemeentezand", "Piet Jansen", "Anouk Vos", "Communicatie", "hoofd"])
    ws.append(
        ["Facebook", "@zandsport", "Vos, A.M. (Anouk)", "Jansen, P. (Piet)", "Sport", "neven"]
    )
    ws.append(["LinkedIn", "gemeente-zand", "Bakker-de Wit, J. (Jolanda)", None, "HRM", "neven"])
    staff = wb.create_sheet("Medewerkers")
    staff.append(["Naam", "E-mail", "Afdeling", "Uit dienst"])
    staff.append(["Piet Jansen", "p.jansen@zand.nl", "Communicatie", None])
    staff.append(["Anouk Vos", "a.vos@zand.nl", "Sport", None])
    staff.append(["Jolanda Bakker-de Wit", "j.bakker@zand.nl", "HRM", "2026-05-01"])
    wb.save(path)
    return path


def test_one_action_list_per_colleague_however_the_mail_program_wrote_them(tmp_path: Path):
    out = tmp_path / "audit"
    args = ["run", "-i", str(_register(tmp_path / "register.xlsx")), "--period", "2026-Q3"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    # Piet and Anouk once each (they were `jansen-p` and `piet-jansen`, `vos-a-m` and
    # `anouk-vos`); Jolanda left in May: whoever stands in acts for her account, not she.
    pages = sorted(p.stem for p in (out / "owners").glob("*.html"))
    assert len(pages) == 2 and {"piet", "anouk"} == {
        next(w for w in ("piet", "anouk") if w in page) for page in pages
    }
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    left = [f for f in findings if f["check_id"] == "OWN004"]
    assert [(f["account_id"], f["message_params"]["day"]) for f in left] == [
        ("linkedin:gemeente-zand", "2026-05-01")
    ]


def test_a_role_in_brackets_stays_a_remark_and_a_double_surname_one_name():
    assert split_mentions("Jansen, P. (Piet)") == ["Jansen, Piet"]
    assert split_mentions("Jansen, P. (projectleider)") == ["Jansen, P."]
    assert split_mentions("Jansen, P. (Projectleider)") == ["Jansen, P."]
    assert split_mentions("Jansen, P. (Anna)") == ["Jansen, P."]  # not her initial
    assert split_mentions("Bakker-de Wit, Jolanda") == ["Bakker-de Wit, Jolanda"]
    assert split_mentions("Bakker-de Wit, Jolanda; Jansen-Smit, A.") == [
        "Bakker-de Wit, Jolanda",
        "Jansen-Smit, A.",
    ]
