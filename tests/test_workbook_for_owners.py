"""The findings sheet as an owner gets it, fills it in and sends it back, through the CLI: what to
fill in and by when, Status and Toelichting in view beside the account and finding, printable;
the next audit reads the answers, and says so when two answers to one finding disagree."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.history import HistoryStore
from tests.helpers import compliant_account, main_account, write_register

ACCOUNTS = [
    main_account("x", "gemeentezeist"),
    compliant_account("sportzeist", substitute_name=None, substitute_email=None),
    compliant_account(
        "ruimtezeist",
        display_name="Ruimte Zeist",
        department="Ruimte",
        owner_name="Fatima El Amrani",
        owner_email="f.elamrani@zeist.nl",
        substitute_name="Kees de Boer",
        substitute_email="k.deboer@zeist.nl",
        content_strategy=None,
        guideline_ack=None,
    ),
]


def run(*args: object):
    result = CliRunner().invoke(cli, ["run", *(str(a) for a in args)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The audit owners got: 2026-Q2, in a history of its own."""
    root = tmp_path_factory.mktemp("owners")
    register = write_register(root / "register.xlsx", ACCOUNTS)
    run(
        "--inventory",
        register,
        "--period",
        "2026-Q2",
        "--out",
        root / "q2",
        "--history",
        root / "h",
    )
    return root / "q2"


def findings_sheet(path: Path):
    workbook = openpyxl.load_workbook(path)
    return workbook, next(ws for ws in workbook if ws.title in {"Bevindingen", "Findings"})


def header_row(ws) -> int:
    """Found as auditor.responses finds it: the row with finding_id in it."""
    return next(
        cells[0].row
        for cells in ws.iter_rows(max_row=30)
        if "finding_id" in [c.value for c in cells]
    )


def table(ws) -> tuple[int, list, list[dict]]:
    row = header_row(ws)
    head = [c.value for c in ws[row]]
    rows = [
        dict(zip(head, values, strict=False))
        for values in ws.iter_rows(min_row=row + 1, values_only=True)
    ]
    return row, head, rows


def run_date(workbook) -> dt.date:
    summary = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    made = summary.get("Gemaakt op") or summary.get("Generated")
    assert isinstance(made, dt.datetime), summary
    return made.date()


@pytest.mark.parametrize("name", ["audit.xlsx", "departments/ruimte.xlsx"])
def test_the_findings_sheet_puts_what_to_fill_in_beside_account_and_finding(first, name):
    workbook, ws = findings_sheet(first / name)
    row, head, rows = table(ws)
    assert rows, "the register was made to have findings"
    status = head.index("Status") + 1
    assert status <= 8
    assert ws.max_column == len(head) <= 20
    account, finding = head.index("Account") + 1, head.index("Bevinding") + 1
    assert head[status : status + 1] == ["Toelichting"]  # right after the Status column
    assert max(account, finding) < status

    # Frozen right of the account (and the finding before it), below the header row.
    frozen = ws[ws.freeze_panes]
    assert (frozen.column, frozen.row) == (account + 1, row + 1)

    # The cells to fill in stand out and stay editable; the rest does not look like them.
    for col in (status, status + 1):
        cell = ws.cell(row + 1, col)
        assert cell.fill.fgColor.rgb.endswith("FFF4C2")
        assert cell.protection.locked is False
        assert cell.border.left.style == "thin"
    assert not ws.cell(row + 1, finding).fill.fgColor.rgb.endswith("FFF4C2")

    # Print: landscape, one page wide, the header row on every page.
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth in (1, None)  # left out, it is the format's default, 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == f"${row}:${row}"

    # Above the table: what to fill in, with which values, and by when (a date).
    assert row == 2
    instruction = ws["A1"].value
    # `[reports] answer_within_days`, 30 by default, after the audit ran.
    due = (run_date(workbook) + dt.timedelta(days=30)).strftime("%d-%m-%Y")
    for words in ("Status", "Toelichting", "opgelost", "uitzondering aangevraagd", due):
        assert words in instruction, words
    assert " je " not in f" {instruction} "


def test_english_keeps_the_three_headers_owners_return(first, tmp_path):
    register = first.parent / "register.xlsx"
    run(
        "--inventory",
        register,
        "--period",
        "2026-Q2",
        "--out",
        tmp_path / "en",
        "--lang",
        "en",
        "--history",
        tmp_path / "h",
    )
    _, ws = findings_sheet(tmp_path / "en" / "audit.xlsx")
    _, head, _ = table(ws)
    assert {"finding_id", "Status", "Toelichting"} <= set(head)
    assert head.index("Status") + 1 <= 8
    assert "Return this file" in ws["A1"].value
    assert "waiver requested" in ws["A1"].value


def answer(path: Path, answers: dict[str, tuple[str, str | None]]) -> None:
    """Fill in Status and Toelichting as an owner does, in Excel's place of openpyxl."""
    workbook, ws = findings_sheet(path)
    row, head, _ = table(ws)
    id_col = head.index("finding_id") + 1
    for line in range(row + 1, ws.max_row + 1):
        fid = ws.cell(line, id_col).value
        if fid in answers:
            status, comment = answers[fid]
            ws.cell(line, head.index("Status") + 1).value = status
            ws.cell(line, head.index("Toelichting") + 1).value = comment
    workbook.save(path)


def finding_ids(path: Path) -> list[str]:
    _, ws = findings_sheet(path)
    return [r["finding_id"] for r in table(ws)[2] if r["finding_id"]]


def copy_of(first: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The audit's folder and history as the next quarter finds them."""
    shutil.copytree(first, tmp_path / "q2")
    shutil.copy(first.parent / "h", tmp_path / "h")
    return tmp_path / "q2", tmp_path / "h"


def test_answers_in_the_written_workbook_are_read_by_the_next_audit(first, tmp_path):
    q2, history = copy_of(first, tmp_path)
    returned = q2 / "departments" / "ruimte.xlsx"
    one = finding_ids(returned)[0]
    answer(returned, {one: ("opgelost", "Strategie staat nu in het register")})

    result = run(
        "--inventory",
        first.parent / "register.xlsx",
        "--period",
        "2026-Q3",
        "--out",
        tmp_path / "q3",
        "--history",
        history,
        "--responses",
        returned,
    )
    assert "verschillend beantwoord" not in result.output
    with HistoryStore.open(history) as store:
        stored = store.responses()
    assert {fid: (a.status, a.comment) for fid, a in stored.items()} == {
        one: ("resolved", "Strategie staat nu in het register")
    }
    assert stored[one].row == 3  # below the instruction and the header
    index = (tmp_path / "q3" / "index.html").read_text(encoding="utf-8")
    assert "Antwoorden van beheerders" in index
    if one in finding_ids(tmp_path / "q3" / "audit.xlsx"):  # still failing: the answer beside it
        _, ws = findings_sheet(tmp_path / "q3" / "audit.xlsx")
        shown = {r["finding_id"]: r["Eerdere toelichting"] for r in table(ws)[2]}
        assert shown[one] == "Strategie staat nu in het register"


def test_two_returned_workbooks_that_disagree_are_reported(first, tmp_path):
    q2, history = copy_of(first, tmp_path)
    overview, pack = q2 / "audit.xlsx", q2 / "departments" / "ruimte.xlsx"
    fid = finding_ids(pack)[0]
    answer(overview, {fid: ("in behandeling", "Communicatie pakt het op")})
    answer(pack, {fid: ("opgelost", "Al gedaan")})

    result = run(
        "--inventory",
        first.parent / "register.xlsx",
        "--period",
        "2026-Q3",
        "--out",
        tmp_path / "q3",
        "--history",
        history,
        "--responses",
        overview,
        "--responses",
        pack,
    )
    warning = next(line for line in result.output.splitlines() if fid in line)
    assert "verschillend beantwoord" in warning
    assert "audit.xlsx › Bevindingen › rij" in warning
    assert "ruimte.xlsx › Bevindingen › rij" in warning
    with HistoryStore.open(history) as store:
        assert store.responses()[fid].comment == "Al gedaan"  # the last one read

    index = (tmp_path / "q3" / "index.html").read_text(encoding="utf-8")
    assert "Verschillend beantwoord: het laatst gelezen antwoord telt" in index
    section = index[index.index("Verschillend beantwoord") :]
    assert "Communicatie pakt het op" in section and "Al gedaan" in section
    # The overview workbook lists each answer with its place, and which one counts.
    trend = openpyxl.load_workbook(tmp_path / "q3" / "audit.xlsx")["Ontwikkeling"]
    answers = [row[:6] for row in trend.iter_rows(values_only=True) if row[0] == fid]
    assert [(file, answer, counts) for _, file, _, _, answer, counts in answers] == [
        ("audit.xlsx", "in behandeling – Communicatie pakt het op", "nee"),
        ("ruimte.xlsx", "opgelost – Al gedaan", "ja"),
    ]
    # A department's pack names no other department's workbook.
    pack_page = (tmp_path / "q3" / "departments" / "ruimte.html").read_text(encoding="utf-8")
    assert "Verschillend beantwoord" not in pack_page
    pack = openpyxl.load_workbook(tmp_path / "q3" / "departments" / "ruimte.xlsx")
    assert not [
        c
        for ws in pack
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c == "Verschillend beantwoord: het laatst gelezen antwoord telt"
    ]
