"""The quarter-to-quarter cycle as its readers meet it: what the overview, the workbook and
findings.json say of last quarter's findings that no longer occur."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register


def text_of(page: Path) -> str:
    """A page's text as a reader sees it: tags gone, spaces folded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """Two quarters, each in both languages: in the second, one account's finding is fixed,
    another account is closed in the register and a third deleted from it."""
    tmp = tmp_path_factory.mktemp("cycle")

    def register(name: str, accounts: list[dict]) -> Path:
        return write_register(
            tmp / name, accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS
        )

    q2 = register(
        "q2.xlsx",
        [
            compliant_account("sportzeist", two_factor="nee"),
            compliant_account("zwemzeist", display_name="Zwemmen Zeist", two_factor="nee"),
            compliant_account("loopzeist", display_name="Lopen Zeist", two_factor="nee"),
        ],
    )
    q3 = register(
        "q3.xlsx",
        [
            compliant_account("sportzeist", two_factor="ja"),
            compliant_account(
                "zwemzeist",
                display_name="Zwemmen Zeist",
                two_factor="nee",
                status="gesloten",
                closed=dt.date(2026, 6, 30),
            ),
        ],
    )
    out = {}
    for lang in ("nl", "en"):
        for period, path in (("2026-Q2", q2), ("2026-Q3", q3)):
            out[lang, period] = tmp / lang / period
            args = ["run", "-i", path, "--out", out[lang, period], "--period", period]
            args += ["--lang", lang, "--history", tmp / lang / "history.sqlite"]
            result = CliRunner().invoke(cli, [str(a) for a in args])
            assert result.exit_code == 0, result.output
    return out


def test_findings_json_says_which_findings_ended_with_their_account(cycle):
    history = json.loads((cycle["nl", "2026-Q3"] / "findings.json").read_text("utf-8"))["history"]
    ended = {(r["check_id"], r["account_id"]): r["account_closed"] for r in history["resolved"]}
    assert ended == {("SEC001", "x:sportzeist"): False, ("SEC001", "x:zwemzeist"): True}
    assert (history["counts"]["resolved"], history["counts"]["account_closed"]) == (2, 1)


@pytest.mark.parametrize(
    ("lang", "tile", "closed_row", "fixed_row"),
    [
        (
            "nl",
            "2 Opgelost sinds vorige audit, waarvan 1 doordat het account is gesloten",
            "Zwemmen Zeist (X) volgens het register staat tweestapsverificatie niet aan ('nee') "
            "account gesloten",
            "Sport Zeist (X) volgens het register staat tweestapsverificatie niet aan ('nee') "
            "opgelost",
        ),
        (
            "en",
            "2 Fixed since the last audit, of which 1 because the account was closed",
            "Zwemmen Zeist (X) according to the register two-factor authentication is not on "
            "('nee') account closed",
            "Sport Zeist (X) according to the register two-factor authentication is not on "
            "('nee') fixed",
        ),
    ],
)
def test_the_overview_says_a_finding_ended_because_its_account_closed(
    cycle, lang, tile, closed_row, fixed_row
):
    page = text_of(cycle[lang, "2026-Q3"] / "index.html")
    assert tile in page
    assert closed_row in page
    assert fixed_row in page


@pytest.mark.parametrize(
    ("lang", "sheet", "how", "closed", "fixed"),
    [
        ("nl", "Ontwikkeling", "Hoe", "account gesloten", "opgelost"),
        ("en", "Trend", "How", "account closed", "fixed"),
    ],
)
def test_the_workbook_says_a_finding_ended_because_its_account_closed(
    cycle, lang, sheet, how, closed, fixed
):
    ws = openpyxl.load_workbook(cycle[lang, "2026-Q3"] / "audit.xlsx")[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if "finding_id" in r)
    below = rows[rows.index(header) + 1 :]
    below = below[: [r[0] for r in [*below, [None]]].index(None)]  # up to the first blank row
    table = [dict(zip(header, r, strict=True)) for r in below]
    # The account as people know it, as the findings sheet names it, not the audit's id.
    assert {r["Account"]: r[how] for r in table} == {
        "Sport Zeist (X @sportzeist)": fixed,
        "Zwemmen Zeist (X @zwemzeist)": closed,
    }


@pytest.mark.parametrize(
    ("lang", "sheet", "caption"),
    [
        ("nl", "Ontwikkeling", "Niet meer in het register"),
        ("en", "Trend", "No longer in the register"),
    ],
)
def test_the_workbook_names_the_findings_gone_with_a_deleted_account(cycle, lang, sheet, caption):
    # The overview named the deleted account; the workbook gave a count and no more.
    ws = openpyxl.load_workbook(cycle[lang, "2026-Q3"] / "audit.xlsx")[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert [caption, 1] in [r[:2] for r in rows]
    titled = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(caption + " (")]
    assert len(titled) == 1
    header = rows[titled[0] + 1]
    gone = dict(zip(header, rows[titled[0] + 2], strict=True))
    assert (gone["Account"], gone["finding_id"][:6]) == ("X @loopzeist", "SEC001")


@pytest.mark.parametrize(
    ("lang", "sheet", "caption", "columns"),
    [
        ("nl", "Ontwikkeling", "Kerncijfers per audit", ["Periode", "Zonder open bevindingen"]),
        ("en", "Trend", "Key figures per audit", ["Period", "Without open findings"]),
    ],
)
def test_a_department_workbook_shows_the_trend_columns_its_page_shows(
    cycle, lang, sheet, caption, columns
):
    # A pack holds its department's share of compliant accounts per audit, not the
    # organisation's counts: its page shows that column alone, its workbook added two
    # columns headed "Open bevindingen" and "Mediane reactietijd" with every cell empty.
    ws = openpyxl.load_workbook(cycle[lang, "2026-Q3"] / "departments" / "sport.xlsx")[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    at = [r[0] for r in rows].index(caption)
    header = [v for v in rows[at + 1] if v is not None]
    assert header == columns
    assert [r[0] for r in rows[at + 2 : at + 4]] == ["2026-Q2", "2026-Q3"]
