"""Returned workbooks as owners send them back: the report's own `audit.xlsx`, edited the way
people edit (words of their own in Status, a copy of the sheet, ids retyped, re-saved, saved
as CSV), a folder with lock files and other files beside them, files that are no workbook.
Every answer is read or listed with its place; nothing is dropped without a word, and what
cannot be read is told in the catalogue's words, not a library's."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditor.engine import finding_id
from auditor.problems import InputError
from auditor.responses import OwnerStatus, read_responses

IDS = [
    finding_id("OWN002", "x:ruimte", None),
    finding_id("OWN001", "x:sport", None),
    finding_id("RSP001", "facebook:zeist", None),
]


@pytest.fixture
def returned(tmp_path: Path) -> Path:
    """The workbook the report writes, as an owner receives it."""
    from auditor.reports.excel import write_workbook
    from auditor.reports.view import build, catalogue
    from tests.test_history import finding, make_result

    result = make_result("2026-Q2", [finding(fid) for fid in IDS])
    return write_workbook(build(result, catalogue()), tmp_path / "audit.xlsx")


def _findings_sheet(workbook):
    for ws in workbook.worksheets:
        for cells in ws.iter_rows(max_row=30):
            if any(c.value == "finding_id" for c in cells):
                headers = [c.value for c in cells]
                return ws, cells[0].row, headers
    raise AssertionError("no findings sheet")


def fill(path: Path, answers: dict[str, tuple[object, object]], *, out: Path | None = None):
    """Type status and comment by finding_id into the workbook, as an owner does."""
    workbook = load_workbook(path)
    ws, header, headers = _findings_sheet(workbook)
    id_col = headers.index("finding_id") + 1
    for line in range(header + 1, ws.max_row + 1):
        fid = ws.cell(line, id_col).value
        if fid in answers:
            status, comment = answers[fid]
            ws.cell(line, headers.index("Status") + 1).value = status
            ws.cell(line, headers.index("Toelichting") + 1).value = comment
    workbook.save(out or path)
    return out or path


@pytest.mark.parametrize(
    ("typed", "status", "comment"),
    [
        ("Resolved.", OwnerStatus.RESOLVED, "gedaan"),
        ("opgelost!", OwnerStatus.RESOLVED, "gedaan"),
        ("Klaar", OwnerStatus.RESOLVED, "gedaan"),
        ("afgerond", OwnerStatus.RESOLVED, "gedaan"),
        ("done", OwnerStatus.RESOLVED, "gedaan"),
        ("Opgelost (zie mail van 3-10)", OwnerStatus.RESOLVED, "zie mail van 3-10; gedaan"),
        ("in behandeling: wacht op ICT", OwnerStatus.IN_PROGRESS, "wacht op ICT; gedaan"),
        ("bezig", OwnerStatus.IN_PROGRESS, "gedaan"),
        ("opgelost per 1 oktober", OwnerStatus.RESOLVED, "per 1 oktober; gedaan"),
        ("in behandeling bij ICT", OwnerStatus.IN_PROGRESS, "bij ICT; gedaan"),
        ("nog niet opgelost", OwnerStatus.OPEN, "gedaan"),
        ("In Progress", OwnerStatus.IN_PROGRESS, "gedaan"),
        ("uitzondering", OwnerStatus.WAIVER_REQUESTED, "gedaan"),
        ("Waiver", OwnerStatus.WAIVER_REQUESTED, "gedaan"),
    ],
)
def test_a_status_in_the_owners_own_words_is_read(returned, typed, status, comment):
    fill(returned, {IDS[0]: (typed, "gedaan")})
    load = read_responses([returned]).match(IDS, "2026-Q2")
    answer = load.answers[IDS[0]]
    assert (answer.status, answer.comment) == (status, comment)
    assert load.unmatched == []


def test_a_doubtful_status_is_listed_with_its_place_not_guessed(returned):
    fill(returned, {IDS[0]: ("opgelost?", None), IDS[1]: ("gesloten", "account weg")})
    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert load.answers == {}
    assert sorted((u.finding_id, u.status) for u in load.unmatched) == sorted(
        [(IDS[0], "opgelost?"), (IDS[1], "gesloten")]
    )
    assert all(
        u.as_message()("nl").startswith("audit.xlsx › Bevindingen › rij ") for u in load.unmatched
    )


def test_ids_retyped_with_spaces_invisible_characters_or_another_case_are_matched(returned):
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    id_col, status_col = headers.index("finding_id") + 1, headers.index("Status") + 1
    spoilt = {
        IDS[0]: f"  {IDS[0].replace('-', ' - ')} ",
        IDS[1]: IDS[1].lower().replace("own", "Own") + "\u200b",
        IDS[2]: IDS[2].upper(),
    }
    for line in range(header + 1, ws.max_row + 1):
        fid = ws.cell(line, id_col).value
        if fid in spoilt:
            ws.cell(line, id_col).value = spoilt[fid]
            ws.cell(line, status_col).value = "opgelost"
    workbook.save(returned)
    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert sorted(load.answers) == sorted(IDS)
    assert load.unmatched == []


def test_a_copy_of_the_sheet_filled_in_is_read_and_a_differing_copy_is_a_conflict(returned):
    workbook = load_workbook(returned)
    ws, _, _ = _findings_sheet(workbook)
    copy = workbook.copy_worksheet(ws)
    copy.title = "Bevindingen (2)"
    workbook.save(returned)
    # The owner answered in the copy only.
    workbook = load_workbook(returned)
    fill_sheet = workbook["Bevindingen (2)"]
    headers = [c.value for c in fill_sheet[2]]
    for line in range(3, fill_sheet.max_row + 1):
        if fill_sheet.cell(line, headers.index("finding_id") + 1).value == IDS[0]:
            fill_sheet.cell(line, headers.index("Status") + 1).value = "opgelost"
    workbook.save(returned)

    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert load.answers[IDS[0]].status is OwnerStatus.RESOLVED
    assert load.answers[IDS[0]].sheet == "Bevindingen (2)"
    assert load.untouched == len(IDS)  # a finding left as written, in both sheets, is one

    fill(returned, {IDS[0]: ("in behandeling", None)})  # the first sheet says otherwise
    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert [c.finding_id for c in load.conflicts] == [IDS[0]]
    assert [a.sheet for a in load.conflicts[0].answers] == ["Bevindingen", "Bevindingen (2)"]


def test_a_workbook_resorted_with_rows_deleted_and_columns_moved_is_read_by_id(returned):
    fill(returned, {IDS[2]: ("opgelost", "nieuwe planning")})
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    ws.auto_filter.ref = None
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=header + 1)]
    rows = [r for r in rows if r[headers.index("finding_id")] != IDS[1]][::-1]  # one deleted
    ws.delete_rows(header + 1, ws.max_row)
    for line in rows:
        ws.append(line)
    ws.insert_cols(1)  # a column of the owner's own, and the id moved to the front
    ws.cell(header, 1).value = "Mijn notitie"
    workbook.save(returned)

    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert {fid: (a.status, a.comment) for fid, a in load.answers.items()} == {
        IDS[2]: (OwnerStatus.RESOLVED, "nieuwe planning")
    }
    assert load.not_returned == [IDS[1]]


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1252"), (",", "utf-8-sig")])
def test_the_findings_sheet_saved_as_csv_is_read(returned, tmp_path, delimiter, encoding):
    fill(returned, {IDS[0]: ("opgelost", "Vervanger is Piët")})
    ws, _, _ = _findings_sheet(load_workbook(returned))
    path = tmp_path / "bevindingen ruimte.csv"
    with path.open("w", newline="", encoding=encoding) as file:
        writer = csv.writer(file, delimiter=delimiter)
        for values in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in values])
    load = read_responses([path]).match(IDS, "2026-Q2")
    answer = load.answers[IDS[0]]
    assert (answer.status, answer.comment) == (OwnerStatus.RESOLVED, "Vervanger is Piët")
    assert answer.place()("nl") == f"bevindingen ruimte.csv › rij {answer.row}"
    assert load.files == [path.name]


def _encrypted(path: Path) -> Path:
    # What Excel writes for a workbook with a password: an OLE box holding EncryptionInfo.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    return path


def _truncated(path: Path, returned: Path) -> Path:
    path.write_bytes(returned.read_bytes()[:3000])
    return path


@pytest.mark.parametrize(
    ("make", "dutch", "english"),
    [
        (lambda p, r: (p.write_bytes(b""), p)[1], "het bestand is leeg", "the file is empty"),
        (lambda p, r: _encrypted(p), "met een wachtwoord beveiligd", "password"),
        (lambda p, r: _truncated(p, r), "geen leesbare Excel-werkmap", "workbook"),
    ],
    ids=["empty", "password", "truncated"],
)
def test_a_returned_file_that_cannot_be_read_is_told_in_the_catalogues_words(
    returned, tmp_path, make, dutch, english
):
    path = make(tmp_path / "antwoorden ë.xlsx", returned)
    with pytest.raises(InputError) as error:
        read_responses([path])
    said = error.value.render("nl")
    assert said.startswith("antwoorden ë.xlsx › ") and dutch in said, said
    assert english in error.value.render("en")
    assert "zip" not in said.lower() and "openpyxl" not in said


def test_a_folder_with_lock_files_pages_and_other_files(returned, tmp_path):
    folder = tmp_path / "teruggekomen"
    folder.mkdir()
    fill(returned, {IDS[0]: ("opgelost", "a")}, out=folder / "ruimte.xlsx")
    fill(returned, {IDS[1]: ("bezig", "b")}, out=folder / "SPORT.XLSX")
    (folder / "~$ruimte.xlsx").write_bytes(b"\0lock")
    (folder / "ruimte.html").write_text("<html></html>", encoding="utf-8")
    (folder / "notities.txt").write_text("bellen", encoding="utf-8")
    (folder / "oud").mkdir()
    (folder / "kapot.xlsx").write_bytes(b"PK\x03\x04 half a download")

    load = read_responses([folder]).match(IDS, "2026-Q2")
    assert {fid: a.file for fid, a in load.answers.items()} == {
        IDS[0]: "ruimte.xlsx",
        IDS[1]: "SPORT.XLSX",
    }
    said = [p.as_message()("nl") for p in load.problems]
    assert said == [
        "kapot.xlsx › geen leesbare Excel-werkmap (.xlsx): een ander soort bestand, of "
        "beschadigd of onvolledig",
        "teruggekomen › 2 bestanden of mappen hierin zijn geen werkmap met antwoorden (.xlsx of "
        ".csv) en zijn overgeslagen: notities.txt, oud/ (een map hierin wordt niet gelezen; geef "
        "hem apart op met --responses)",
    ], said


def test_a_workbook_resaved_by_another_program_is_read(returned, tmp_path):
    # openpyxl's own save drops what Excel kept (cached styles, validation extensions).
    fill(returned, {IDS[0]: ("opgelost", "ok")})
    resaved = tmp_path / "opnieuw.xlsx"
    load_workbook(returned).save(resaved)
    with zipfile.ZipFile(resaved) as package:
        assert any(n.startswith("xl/worksheets/") for n in package.namelist())
    load = read_responses([resaved]).match(IDS, "2026-Q2")
    assert load.answers[IDS[0]].comment == "ok"


def test_the_run_says_how_many_answers_were_not_counted_and_where_the_first_is(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import cli
    from tests.helpers import compliant_account, write_register
    from tests.test_responses import row, write_answers

    register = write_register(tmp_path / "register.xlsx", [compliant_account("sportzeist")])
    answers = write_answers(
        tmp_path / "antwoorden.xlsx",
        [row("OWN002-0123456789", "opgelost", "x"), row("OWN001-0123456789", "gesloten")],
    )
    args = ["run", "-i", register, "--period", "2026-Q2", "--out", tmp_path / "uit"]
    result = CliRunner().invoke(cli, [str(a) for a in [*args, "--responses", answers]])
    assert result.exit_code == 0, result.output
    assert (
        "waarschuwing: 2 ingevulde antwoorden zijn niet meegeteld (het rapport noemt ze allemaal "
        "onder Antwoorden van beheerders); de eerste: antwoorden.xlsx › Bevindingen › rij 5 › "
        "onbekende status 'gesloten'"
    ) in result.output


def test_a_workbook_of_another_audit_is_listed_not_counted(returned, tmp_path):
    # finding_ids stay the same from quarter to quarter: a workbook of 2026-Q2 given to answer
    # the 2026-Q3 audit would carry last quarter's "opgelost" into this one unseen.
    fill(returned, {IDS[0]: ("opgelost", "in april")})
    load = read_responses([returned])
    assert load.match(IDS, "2026-Q2").answers[IDS[0]].comment == "in april"
    later = load.match(IDS, "2026-Q3")
    assert later.answers == {}
    assert [u.as_message()("nl") for u in later.unmatched] == [
        f"audit.xlsx › Bevindingen › rij {load.answers[IDS[0]].row} › de werkmap is van de "
        "audit van 2026-Q2, niet van die van 2026-Q3: dit antwoord telt niet; vraag de "
        "beheerder de werkmap van 2026-Q3 in te vullen"
    ]
    assert "of the 2026-Q2 audit, not of 2026-Q3" in later.unmatched[0].message("en")
    # Without its summary sheet nothing says which audit it answers: taken as it comes (the
    # trend table's heading `Periode | Zonder open bevindingen` names none).
    workbook = load_workbook(returned)
    workbook.remove(workbook[workbook.sheetnames[0]])
    workbook.create_sheet("Ontwikkeling", 0).append(["Periode", "Zonder open bevindingen"])
    workbook.save(returned)
    assert IDS[0] in read_responses([returned]).match(IDS, "2026-Q3").answers


def test_a_workbook_whose_status_column_was_deleted_says_which_column_is_gone(returned):
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    ws.delete_cols(headers.index("Status") + 1)
    ws.cell(header, headers.index("Toelichting")).value = "Toelichting (optioneel)"
    workbook.save(returned)
    with pytest.raises(InputError) as error:
        read_responses([returned])
    assert error.value.render("nl") == (
        "audit.xlsx › tabblad Bevindingen heeft een kolom finding_id, maar geen kolom Status: "
        "zet die kolom terug zoals het rapport hem schreef (de kop mag elders staan)"
    )


def test_a_header_with_a_remark_in_brackets_is_its_column(returned):
    fill(returned, {IDS[0]: ("opgelost", "ok")})
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    ws.cell(header, headers.index("Status") + 1).value = "Status (kies)"
    workbook.save(returned)
    assert read_responses([returned]).answers[IDS[0]].comment == "ok"


def test_answers_that_are_formulas_without_their_result_are_told(returned, tmp_path):
    # A script filled Status with a formula and saved without computing it: read as empty,
    # which would look like a row left untouched.
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    status = headers.index("Status") + 1
    for line in range(header + 1, ws.max_row + 1):
        ws.cell(line, status).value = '=IF(TRUE,"opgelost","open")'
    workbook.save(returned)
    load = read_responses([returned])
    assert [p.as_message()("nl") for p in load.problems] == [
        f"audit.xlsx › Bevindingen › {len(IDS)} cellen bevatten een formule waarvan het bestand "
        f"de uitkomst niet bewaart (de eerste: D{header + 1}: "
        '=IF(TRUE,"opgelost","open")); die cellen worden als leeg gelezen. Open het bestand in '
        "Excel of LibreOffice, sla het op en lees het opnieuw in"
    ]


def test_a_workbook_of_the_audit_being_run_says_the_next_audit_reads_it(returned):
    fill(returned, {IDS[0]: ("opgelost", None)})
    load = read_responses([returned]).match(IDS, "2026-Q1", running="2026-Q2")
    assert load.answers == {}
    assert load.unmatched[0].message("nl") == (
        "de werkmap hoort bij deze audit zelf (2026-Q2); de antwoorden erin leest de volgende "
        "audit: geef hem dan mee met --responses (deze audit leest die op 2026-Q1)"
    )


def test_a_workbook_named_in_capitals_or_as_xls_is_read_as_the_workbook_it_is(returned, tmp_path):
    fill(returned, {IDS[0]: ("opgelost", "ok")})
    for name in ("SPORT.XLSX", "linkedin-stijl.xls"):
        copy = tmp_path / name
        copy.write_bytes(returned.read_bytes())
        assert read_responses([copy]).answers[IDS[0]].comment == "ok", name


def test_a_folder_with_no_workbook_and_a_lock_file_given_by_name_are_told(tmp_path):
    folder = tmp_path / "leeg"
    folder.mkdir()
    (folder / "~$audit.xlsx").write_bytes(b"\x0bJan Jansen" + b"\0" * 40)
    load = read_responses([folder])
    assert [p.as_message()("nl") for p in load.problems] == [
        "leeg › in deze map staat geen werkmap met antwoorden; er is niets uit gelezen"
    ]
    with pytest.raises(InputError) as error:
        read_responses([folder / "~$audit.xlsx"])
    assert error.value.render("nl") == (
        "~$audit.xlsx › dit is het slotbestand dat Excel maakt zolang audit.xlsx open is, geen "
        "werkmap: geef audit.xlsx zelf op"
    )


def test_a_workbook_given_twice_is_read_once(returned):
    fill(returned, {IDS[0]: ("opgelost", "ok")})
    load = read_responses([returned, returned.parent, returned.parent / "." / returned.name])
    assert load.files == ["audit.xlsx"]
    assert load.conflicts == [] and load.untouched == len(IDS) - 1


def test_a_renamed_sheet_with_rows_filtered_out_of_sight_is_read_whole(returned):
    fill(returned, {IDS[1]: ("opgelost", "verborgen rij")})
    workbook = load_workbook(returned)
    ws, header, headers = _findings_sheet(workbook)
    ws.title = "Blad1"
    for line in range(header + 1, ws.max_row + 1):  # a filter hides every answered row
        if ws.cell(line, headers.index("Status") + 1).value == "opgelost":
            ws.row_dimensions[line].hidden = True
    workbook.save(returned)
    load = read_responses([returned]).match(IDS, "2026-Q2")
    assert load.answers[IDS[1]].comment == "verborgen rij"
    assert load.answers[IDS[1]].sheet == "Blad1"


def test_the_working_folder_given_as_responses_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "teruggekomen"
    folder.mkdir()
    (folder / "notities.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(folder)
    said = [p.as_message()("nl") for p in read_responses(["."]).problems]
    assert said and all(s.startswith("teruggekomen › ") for s in said), said


def test_a_pattern_no_shell_expanded_stands_for_its_files(returned, tmp_path):
    folder = tmp_path / "departments"
    folder.mkdir()
    fill(returned, {IDS[0]: ("opgelost", "a")}, out=folder / "ruimte.xlsx")
    fill(returned, {IDS[1]: ("bezig", "b")}, out=folder / "sport.xlsx")
    (folder / "~$sport.xlsx").write_bytes(b"lock")
    load = read_responses([str(folder / "*.xlsx")])
    assert load.files == ["ruimte.xlsx", "sport.xlsx"]
    with pytest.raises(InputError) as error:
        read_responses([str(folder / "*.xslx")])
    assert error.value.render("nl").startswith("*.xslx › bestand of map bestaat niet;")
