"""A department the register lists without any account of its own gets a pack that says so
plainly, and the overview names such departments and links their packs. The pack was the
full one, empty: "Alle actieve accounts voldoen aan het beleid", a scorecard of no accounts,
and no link to it anywhere."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from tests.helpers import compliant_account, main_account

# The helpers' departments: Communicatie and Sport have accounts, Ruimte has none.
ACCOUNTS = [main_account("x", "gemeentezeist"), compliant_account("zeistsport")]


def _run(make_register, out, lang: str):
    register = make_register(ACCOUNTS)
    run = CliRunner().invoke(
        cli, ["run", "-i", str(register), "--period", "2026-Q3", "--out", str(out), "--lang", lang]
    )
    assert run.exit_code in (0, 1), run.output
    return out


def _words(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("nl", "Er staan geen social media-accounts van Ruimte in het register", "voldoen aan"),
        ("en", "The register holds no social media accounts of Ruimte", "comply"),
    ],
)
def test_a_department_without_accounts_gets_a_pack_that_says_so(
    make_register, tmp_path, lang, says, never
):
    out = _run(make_register, tmp_path / "out", lang)
    pack = (out / "departments" / "ruimte.html").read_text(encoding="utf-8")
    words = _words(pack)
    assert says in words and "Communicatie" in words  # where to report an account
    # Nothing that reads as a judgement, nor tables of nothing.
    assert never not in words
    assert "<table" not in pack and 'id="scorecard-title"' not in pack
    # A department with accounts keeps its full pack.
    sport = (out / "departments" / "sport.html").read_text(encoding="utf-8")
    assert 'id="scorecard-title"' in sport and says not in _words(sport)

    book = load_workbook(out / "departments" / "ruimte.xlsx", read_only=True)
    first = book.worksheets[0]
    texts = [c for row in first.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(says in c for c in texts)


def test_the_overview_names_the_departments_without_accounts(make_register, tmp_path):
    out = _run(make_register, tmp_path / "out", "nl")
    index = (out / "index.html").read_text(encoding="utf-8")
    section = index[
        index.index('id="departments-title"') : index.index(
            "</section>", index.index('id="departments-title"')
        )
    ]
    assert 'href="departments/ruimte.html"' in section
    assert "1 afdeling heeft geen accounts in het register" in _words(section)
    assert 'href="departments/sport.html"' in section  # in the table, as before
