"""Owners' answers read back from returned audit and department workbooks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from auditor.problems import InputError
from auditor.responses import OwnerStatus, parse_owner_status, read_responses

HEADERS = ("finding_id", "Controle", "Account", "Ernst", "Status", "Toelichting")


def write_answers(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Bevindingen",
    headers: Sequence[str] = HEADERS,
    title: str | None = "Bevindingen audit social media 2026-Q1",
    other_sheets: Sequence[str] = ("Samenvatting",),
) -> Path:
    """A returned workbook as owners send it: title rows above the header, answers filled in."""
    workbook = Workbook()
    workbook.active.title = other_sheets[0] if other_sheets else sheet
    for name in other_sheets[1:]:
        workbook.create_sheet(name)
    if other_sheets:
        workbook[other_sheets[0]].append(["Periode", "2026-Q1"])
        findings = workbook.create_sheet(sheet)
    else:
        findings = workbook.active
    if title:
        findings.append([title])
        findings.append([])
    findings.append(list(headers))
    for row in rows:
        findings.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def row(fid: str | None, status: str | None, comment: str | None = None) -> tuple[Any, ...]:
    return (fid, fid.split("-")[0] if fid else None, "x:ruimte", "hoog", status, comment)


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("opgelost", OwnerStatus.RESOLVED),
        ("  Opgelost ", OwnerStatus.RESOLVED),
        ("resolved", OwnerStatus.RESOLVED),
        ("In behandeling", OwnerStatus.IN_PROGRESS),
        ("in-progress", OwnerStatus.IN_PROGRESS),
        ("Uitzondering aangevraagd", OwnerStatus.WAIVER_REQUESTED),
        ("waiver requested", OwnerStatus.WAIVER_REQUESTED),
        ("OPEN", OwnerStatus.OPEN),
        ("persisting", OwnerStatus.OPEN),  # the report's own word: nothing changed
        (None, OwnerStatus.OPEN),
        ("", OwnerStatus.OPEN),
        ("klaar", OwnerStatus.RESOLVED),  # what owners type for done
        ("gesloten", None),  # the account, or the finding? not guessed
        ("opgelost?", None),
    ],
)
def test_owner_status_words(written: str | None, status: OwnerStatus | None) -> None:
    assert parse_owner_status(written) == status


def test_a_returned_workbook_with_edits_a_deleted_row_and_an_unknown_id(tmp_path: Path) -> None:
    path = write_answers(
        tmp_path / "audit.xlsx",
        [
            row("OWN002-a", "opgelost", "Vervanger is Piet"),  # row 4
            row("RSP001-b", "In behandeling"),  # row 5
            row("OWN001-c", "open"),  # row 6: as the report wrote it
            # OWN005-d was deleted by the owner
            row("OWN009-zzz", "opgelost"),  # row 7: no such finding
            row("ACT002-e", "open", "we posten weer vanaf mei"),  # row 8
            row(None, "opgelost", "zonder id"),  # row 9
            row("STY001-f", "gesloten"),  # row 10
            (None, None, None, None, None, None),  # row 11: empty, skipped
        ],
    )
    known = ["OWN002-a", "RSP001-b", "OWN001-c", "OWN005-d", "ACT002-e", "STY001-f"]
    load = read_responses([path]).match(known, "2026-Q1")

    assert load.files == [path.name]
    assert {fid: (a.status, a.comment, a.row) for fid, a in load.answers.items()} == {
        "OWN002-a": (OwnerStatus.RESOLVED, "Vervanger is Piet", 4),
        "RSP001-b": (OwnerStatus.IN_PROGRESS, None, 5),
        "ACT002-e": (OwnerStatus.OPEN, "we posten weer vanaf mei", 8),
    }
    assert all(a.sheet == "Bevindingen" for a in load.answers.values())
    assert load.untouched == 1
    assert load.not_returned == ["OWN005-d"]
    assert [(u.row, u.finding_id, u.message("en").split(" ")[0:2]) for u in load.unmatched] == [
        (9, None, ["empty", "finding_id"]),
        (10, "STY001-f", ["unknown", "status"]),
        (7, "OWN009-zzz", ["unknown", "finding_id"]),
    ]
    assert "2026-Q1" in load.unmatched[2].message("en")
    assert "'gesloten'" in load.unmatched[1].message("en")
    assert load.unmatched[0].as_message()("en") == (
        f"{path.name} › Bevindingen › row 9 › empty finding_id"
    )
    assert [u.message("nl") for u in load.unmatched] == [
        "finding_id is leeg",
        "onbekende status 'gesloten' (verwacht een van: open, in behandeling, opgelost, "
        "uitzondering aangevraagd, niet mee eens)",
        "onbekend finding_id 'OWN009-zzz': geen bevinding van de audit van 2026-Q1",
    ]
    assert load.unmatched[1].message("en") == (
        "unknown status 'gesloten' (expected one of: open, in progress, resolved, "
        "waiver requested, disputed)"
    )


def test_sheet_and_header_are_found_by_content(tmp_path: Path) -> None:
    path = write_answers(
        tmp_path / "terug.xlsx",
        [("RSP001-b", "hoog", "resolved", "fixed")],
        sheet="Blad1",
        headers=("Finding ID", "Severity", "STATUS", "Comment"),
        title=None,
        other_sheets=("Info", "Overzicht"),
    )
    load = read_responses([path])
    assert load.answers["RSP001-b"].status is OwnerStatus.RESOLVED
    assert (load.answers["RSP001-b"].sheet, load.answers["RSP001-b"].row) == ("Blad1", 2)


def test_the_owners_status_column_beats_the_findings_own(tmp_path: Path) -> None:
    path = write_answers(
        tmp_path / "audit.xlsx",
        [("OWN002-a", "new", "opgelost", "gedaan")],
        headers=("finding_id", "Status", "Status eigenaar", "Toelichting"),
    )
    assert read_responses([path]).answers["OWN002-a"].status is OwnerStatus.RESOLVED


def test_a_folder_of_department_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "departments"
    write_answers(folder / "ruimte.xlsx", [row("OWN002-a", "opgelost")])
    write_answers(folder / "sociaal.xlsx", [row("RSP001-b", "uitzondering aangevraagd")])
    write_answers(folder / "~$ruimte.xlsx", [row("OWN002-a", "open", "lock file")])
    other = Workbook()
    other.active.append(["Iets anders"])
    other.save(folder / "notities.xlsx")

    load = read_responses([folder])
    assert sorted(load.answers) == ["OWN002-a", "RSP001-b"]
    assert load.answers["OWN002-a"].file == "ruimte.xlsx"
    assert [(p.level, Path(p.file).name) for p in load.problems] == [("warning", "notities.xlsx")]


def test_a_finding_answered_twice_keeps_the_last_and_says_so(tmp_path: Path) -> None:
    overview = write_answers(tmp_path / "audit.xlsx", [row("OWN002-a", "in behandeling")])
    department = write_answers(tmp_path / "ruimte.xlsx", [row("OWN002-a", "opgelost")])
    load = read_responses([overview, department])
    assert load.answers["OWN002-a"].status is OwnerStatus.RESOLVED
    [problem] = load.problems
    assert problem.file == department.name
    assert "answered differently" in problem.message("en")
    assert overview.name in problem.message("en")
    assert problem.render("nl") == (
        f"{department.name} › Bevindingen › rij 4 › OWN002-a is anders beantwoord in "
        f"{overview.name} › Bevindingen › rij 4; dit antwoord wordt aangehouden"
    )


def test_conflicts_list_every_differing_answer_and_end_with_the_one_kept(tmp_path: Path) -> None:
    overview = write_answers(
        tmp_path / "audit.xlsx",
        [
            row("OWN002-a", "in behandeling"),  # row 4
            row("RSP001-b", "opgelost", "gedaan"),  # row 5
            row("OWN002-a", "opgelost", "Piet"),  # row 6: same workbook, another answer
        ],
    )
    department = write_answers(
        tmp_path / "ruimte.xlsx",
        [
            row("RSP001-b", "opgelost", "gedaan"),  # the same answer twice is no conflict
            row("OWN002-a", "opgelost", "Piet"),
            row("ACT002-c", "open"),  # left as written: no answer
        ],
    )
    load = read_responses([overview, department])
    [conflict] = load.conflicts
    assert conflict.finding_id == "OWN002-a"
    assert [(a.file, a.row, a.status) for a in conflict.answers] == [
        ("audit.xlsx", 4, OwnerStatus.IN_PROGRESS),
        ("audit.xlsx", 6, OwnerStatus.RESOLVED),
        ("ruimte.xlsx", 5, OwnerStatus.RESOLVED),
    ]
    assert conflict.kept == load.answers["OWN002-a"]
    assert conflict.as_message()("nl") == (
        "OWN002-a is verschillend beantwoord in audit.xlsx › Bevindingen › rij 4, "
        "audit.xlsx › Bevindingen › rij 6 en ruimte.xlsx › Bevindingen › rij 5; het antwoord "
        "in ruimte.xlsx › Bevindingen › rij 5 telt (het laatst gelezen)"
    )
    assert load.match(["RSP001-b"]).conflicts == []


# The Bevindingen sheet as audits before the owners' layout wrote it: header in row 1,
# finding_id first, Status and Toelichting in columns L and M.
OLD_LAYOUT = (
    "finding_id",
    "Controle",
    "Titel",
    "Ernst",
    "Auditstatus",
    "Account",
    "Platform",
    "Afdeling",
    "Beheerder",
    "Bevinding",
    "Oplossing",
    "Status",
    "Toelichting",
    "Eerder antwoord",
    "Eerdere toelichting",
    "Bewijs",
)
# The layout owners now get: an instruction above the header, Status in column D.
NEW_LAYOUT = (
    "Ernst",
    "Bevinding",
    "Account",
    "Status",
    "Toelichting",
    "Oplossing",
    "Titel",
    "Controle",
    "finding_id",
)


@pytest.mark.parametrize(
    ("headers", "title", "first_row"),
    [(OLD_LAYOUT, None, 2), (NEW_LAYOUT, "Vul per bevinding de gele kolommen in: Status ...", 3)],
)
def test_returned_workbooks_of_the_old_and_the_new_layout(
    tmp_path: Path, headers: tuple[str, ...], title: str | None, first_row: int
) -> None:
    def filled(fid: str, status: str, comment: str | None) -> list[Any]:
        values: dict[str, Any] = {"finding_id": fid, "Status": status, "Toelichting": comment}
        return [values.get(h, "Status" if h == "Auditstatus" else None) for h in headers]

    path = write_answers(
        tmp_path / "audit.xlsx",
        [filled("OWN002-a", "opgelost", "Piet"), filled("RSP001-b", "open", None)],
        headers=headers,
        title=title,
    )
    if title:  # write_answers leaves an empty row below a title; the report does not
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        workbook["Bevindingen"].delete_rows(2)
        workbook.save(path)
    load = read_responses([path])
    assert {fid: (a.status, a.comment, a.row) for fid, a in load.answers.items()} == {
        "OWN002-a": (OwnerStatus.RESOLVED, "Piet", first_row)
    }
    assert load.untouched == 1
    assert load.unmatched == []


def test_a_named_workbook_without_answers_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    workbook = Workbook()
    workbook.active.append(["Platform", "Account", "Status"])
    workbook.save(path)
    with pytest.raises(InputError) as error:
        read_responses([path])
    assert "no findings sheet" in error.value.render("en")
    assert "geen tabblad met bevindingen" in error.value.render("nl")


@pytest.mark.parametrize(
    ("name", "content"),
    [("audit.xlsx", b"finding_id;Status\n"), ("audit.xlsx", b""), ("audit.csv", b"finding_id\n")],
)
def test_a_file_that_is_no_workbook_is_an_input_error(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_responses([path])
    # Told in the catalogue's words, in either language: not openpyxl's or zipfile's.
    assert error.value.render("en").startswith(f"{name} › ")
    assert "zip" not in error.value.render("nl").lower()
    assert "openpyxl" not in error.value.render("nl")


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        read_responses([tmp_path / "weg.xlsx"])
    assert error.value.render("en").startswith("weg.xlsx › no such file or folder;")


def test_answers_round_trip_through_the_reports_own_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from auditor.reports.excel import write_workbook
    from auditor.reports.view import build, catalogue
    from tests.test_history import finding, make_result

    result = make_result(
        "2026-Q1", [finding("OWN002-a"), finding("OWN001-b"), finding("RSP001-c", waived=True)]
    )
    path = write_workbook(build(result, catalogue()), tmp_path / "audit.xlsx")

    workbook = load_workbook(path)
    sheet, header_row = next(
        (ws, cells[0].row)
        for ws in workbook.worksheets
        for cells in ws.iter_rows(max_row=30)
        if any(c.value == "finding_id" for c in cells)
    )
    headers = [c.value for c in sheet[header_row]]
    id_col, status_col = headers.index("finding_id") + 1, headers.index("Status") + 1
    for line in range(header_row + 1, sheet.max_row + 1):
        if sheet.cell(line, id_col).value == "OWN002-a":
            sheet.cell(line, status_col).value = "opgelost"
            sheet.cell(line, headers.index("Toelichting") + 1).value = "Piet vervangt"
            answered_row = line
    workbook.save(path)

    load = read_responses([path]).match(f.finding_id for f in result.findings)
    assert {fid: (a.status, a.comment, a.row) for fid, a in load.answers.items()} == {
        "OWN002-a": (OwnerStatus.RESOLVED, "Piet vervangt", answered_row)
    }
    assert load.unmatched == []
    assert load.untouched == 2  # OWN001-b and the waived RSP001-c left as written
