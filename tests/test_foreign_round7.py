"""Round seven: the activity exports and their folder as other programs and other hands leave
them. CSVs with a quote never closed, a stray NUL byte or empty fields after the last column;
folders holding a broken link, the system's own files, a download that did not finish."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from auditor.cli import cli
from auditor.models import Account
from auditor.register import load_register
from tests.helpers import main_account, strict_workbook, write_register, write_rows

DATA = Path(__file__).parent / "data"

HEADER = ["platform", "account", "item_id", "timestamp", "direction", "text"]


def _rows(first: int, count: int) -> list[list[str]]:
    return [
        ["x", "gemeentezeist", str(i), f"2026-07-{i:02d}T10:00:00+02:00", "out", f"bericht {i}"]
        for i in range(first, first + count)
    ]


def _lines(rows: list[list[str]], separator: str = ",") -> str:
    return "".join(separator.join(row) + "\n" for row in rows)


def _register(tmp_path: Path) -> Path:
    return write_register(tmp_path / "register.xlsx", [main_account("x", "gemeentezeist")])


def _validate(tmp_path: Path, *exports: Path, lang: str = "en"):
    args = ["validate", "--lang", lang, "-i", str(_register(tmp_path))]
    for export in exports:
        args += ["--activity", str(export)]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _ledger(tmp_path: Path, *exports: Path) -> dict[str, dict]:
    """The run's ledger by file, each balanced."""
    out = tmp_path / "audit"
    args = ["run", "--lang", "en", "-i", str(_register(tmp_path)), "--period", "2026-Q3"]
    args += ["--out", str(out), "--history", str(tmp_path / "h.sqlite")]
    for export in exports:
        args += ["--activity", str(export)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    inputs = json.loads((out / "findings.json").read_text(encoding="utf-8"))["inputs"]
    ledger = {e["path"]: e for e in inputs if not e["path"].startswith("register.xlsx")}
    for entry in ledger.values():
        assert entry["rows_read"] == (
            entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
        )
    return ledger


# --- CSVs as programs write them ---------------------------------------------------------------


def test_a_quote_never_closed_rejects_its_row_not_every_row_below_it(tmp_path: Path):
    # `"niet gesloten` opens a quote no one closes: every line below it was read as that
    # cell's text, and the three rows under it were gone without a word (read 3 of 6).
    path = tmp_path / "export.csv"
    broken = 'x,gemeentezeist,3,2026-07-03T10:00:00+02:00,out,"niet gesloten\n'
    path.write_text(_lines([HEADER, *_rows(1, 2)]) + broken + _lines(_rows(4, 3)))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (6, 5, 1)
    (rejected,) = entry["rejected"]
    assert rejected["row"] == 4
    assert "quote" in rejected["reason"] and "not closed" in rejected["reason"]
    dutch = _validate(tmp_path, path, lang="nl").output
    assert "export.csv › rij 4 › " in dutch and "aanhalingsteken" in dutch


def test_a_quote_left_open_until_a_quote_rows_below_rejects_its_row_alone(tmp_path: Path):
    # `"niet gesloten` closed by the quote that opens `"wel gesloten"` two rows down: the row
    # between was read as text of the first, and gone without a word (read 4 of 5).
    path = tmp_path / "export.csv"
    rows = _rows(1, 5)
    rows[1][5] = '"niet gesloten'
    rows[3][5] = '"wel gesloten"'
    path.write_text(_lines([HEADER, *rows]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (5, 4, 1)
    assert entry["rejected"][0]["row"] == 3


def test_a_stray_nul_byte_rejects_its_row_not_the_whole_file(tmp_path: Path):
    # One NUL byte in a row (a disk or a copy that went wrong): the whole file was refused as
    # binary data, its other rows with it.
    path = tmp_path / "export.csv"
    text = _lines([HEADER, *_rows(1, 2)]) + _lines(_rows(3, 1)).replace("bericht", "ber\0icht")
    path.write_bytes((text + _lines(_rows(4, 2))).encode())
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (5, 4, 1)
    assert entry["rejected"][0]["row"] == 4
    assert "NUL" in entry["rejected"][0]["reason"]
    dutch = _validate(tmp_path, path, lang="nl").output
    assert "export.csv › rij 4 › " in dutch and "NUL" in dutch


def test_a_file_of_binary_data_named_csv_is_still_refused_as_binary(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(range(256)) * 8)
    result = _validate(tmp_path, path)
    assert result.exit_code == 2
    assert "export.csv › binary data, not a CSV text file" in result.output


def test_empty_fields_after_the_last_column_are_no_fields_of_the_row(tmp_path: Path):
    # A program that writes a separator after every row's last cell (`…,bericht 1,,`): every
    # row was rejected for having 8 fields where the header has 6.
    path = tmp_path / "export.csv"
    path.write_text(_lines([HEADER]) + _lines([[*row, "", ""] for row in _rows(1, 4)]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (4, 4, 0)


def test_a_row_with_a_value_beyond_the_last_column_is_still_rejected(tmp_path: Path):
    path = tmp_path / "export.csv"
    rows = _rows(1, 3)
    rows[1] += ["", "iets"]
    path.write_text(_lines([HEADER, *rows]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_used"], entry["rows_rejected"]) == (2, 1)
    assert entry["rejected"][0] == {"row": 3, "reason": "has 8 fields, the header has 6"}


# --- An exports folder as people leave it ------------------------------------------------------


def _export(path: Path, first: int = 1, count: int = 3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_lines([HEADER, *_rows(first, count)]))
    return path


def test_a_broken_link_among_the_exports_is_named_with_where_it_led(tmp_path: Path):
    # A shortcut to a download since moved or deleted was passed over without a word.
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    (folder / "webcare.csv").symlink_to(tmp_path / "Downloads" / "webcare.csv")
    english = _validate(tmp_path, folder).output
    assert (
        "exports/webcare.csv: a link to webcare.csv, which is not there (moved or deleted): "
        "give the file itself; not read" in english
    )
    assert "Downloads" not in english  # where on someone's disk it led is not shown
    assert "exports/x.csv: read 3, used 3" in english
    dutch = _validate(tmp_path, folder, lang="nl").output
    assert "exports/webcare.csv: een koppeling naar webcare.csv, dat er niet is" in dutch
    named = _validate(tmp_path, folder / "webcare.csv")
    assert named.exit_code == 2
    assert "webcare.csv › a link to " in named.output


def test_the_systems_own_files_in_the_exports_folder_are_no_inputs(tmp_path: Path):
    # Windows' thumbnails and folder settings, beside the downloads or inside a zip: each was
    # "not a supported activity export", a warning about a file no one put there.
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    (folder / "Thumbs.db").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(64))
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\r\nIconResource=x\r\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "ehthumbs.db").write_bytes(b"\0" * 16)
    with zipfile.ZipFile(folder / "studio.zip", "w") as archive:
        archive.writestr("Table data.csv", _lines([HEADER, *_rows(4, 2)]))
        archive.writestr("desktop.ini", "[.ShellClassInfo]\r\n")
        archive.writestr("__MACOSX/._Table data.csv", b"\0\5\x16\7")
    result = _validate(tmp_path, folder)
    assert result.exit_code == 0
    assert "warning:" not in result.output, result.output
    assert "exports/studio.zip/Table data.csv: read 2, used 2" in result.output


def test_a_download_that_did_not_finish_says_so(tmp_path: Path):
    # Chrome and Edge leave `.crdownload`, Firefox `.part`: "not a supported activity export"
    # did not say the export is still missing.
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    _export(folder / "webcare.csv.crdownload")
    _export(folder / "berichten.csv.part")
    english = _validate(tmp_path, folder).output
    for name in ("webcare.csv.crdownload", "berichten.csv.part"):
        assert f"exports/{name}: a download that did not finish" in english
    assert "[activity.mappings]" not in english  # no inbox export of unknown columns
    dutch = _validate(tmp_path, folder, lang="nl").output
    assert "exports/webcare.csv.crdownload: een download die niet is voltooid" in dutch
    named = _validate(tmp_path, folder / "berichten.csv.part")
    assert named.exit_code == 2
    assert "berichten.csv.part › a download that did not finish" in named.output


def test_a_zip_inside_a_zip_is_read(tmp_path: Path):
    # All of a quarter's downloads zipped again to send them on: the zip inside was "not a
    # supported activity export", its rows left out.
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("Table data.csv", _lines([HEADER, *_rows(1, 3)]))
    folder = tmp_path / "exports"
    folder.mkdir()
    with zipfile.ZipFile(folder / "kwartaal.zip", "w") as archive:
        archive.writestr("juli/studio.zip", inner.getvalue())
        archive.writestr("augustus.csv", _lines([HEADER, *_rows(4, 2)]))
    ledger = _ledger(tmp_path, folder)
    assert ledger["exports/kwartaal.zip/juli/studio.zip/Table data.csv"]["rows_used"] == 3
    assert ledger["exports/kwartaal.zip/augustus.csv"]["rows_used"] == 2


def test_json_under_a_csvs_name_says_it_is_no_table(tmp_path: Path):
    # What an API or a platform's download link gives when it fails, saved under the
    # export's name: "not a supported activity export" did not say what it holds.
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    (folder / "tiktok.csv").write_text('{"error": {"code": "rate_limit", "message": "..."}}')
    english = _validate(tmp_path, folder).output
    assert "exports/tiktok.csv: JSON, not a table of rows" in english
    assert "[activity.mappings]" not in english


def test_the_same_export_saved_twice_is_said_and_the_first_download_counts(tmp_path: Path):
    # A browser saves a second download of a file as `x (1).csv`: its rows were counted once,
    # but the copy came first (a space sorts before the dot), so the ledger said every row of
    # the download itself was a duplicate, and nothing said why.
    folder = tmp_path / "exports"
    _export(folder / "berichten.csv")
    (folder / "berichten (1).csv").write_bytes((folder / "berichten.csv").read_bytes())
    _export(folder / "berichten (2).csv", 4, 2)  # another download under a copy's name
    english = _validate(tmp_path, folder).output
    assert (
        "exports/berichten (1).csv: the same file as exports/berichten.csv (a download saved "
        "twice): its rows are counted once" in english
    )
    assert "berichten (2).csv: the same file" not in english
    ledger = _ledger(tmp_path, folder)
    assert ledger["exports/berichten.csv"]["rows_used"] == 3
    assert ledger["exports/berichten (1).csv"]["rows_duplicate"] == 3
    assert ledger["exports/berichten (2).csv"]["rows_used"] == 2
    assert list(ledger) == [
        "exports/berichten.csv",
        "exports/berichten (1).csv",
        "exports/berichten (2).csv",
    ]
    dutch = _validate(tmp_path, folder, lang="nl").output
    assert "exports/berichten (1).csv: hetzelfde bestand als exports/berichten.csv" in dutch


def test_the_sheets_of_one_workbook_are_not_the_same_file_twice(tmp_path: Path):
    wb = openpyxl.Workbook()
    for title, first in (("Juli", 1), ("Augustus", 4)):
        ws = wb.create_sheet(title)
        for row in [HEADER, *_rows(first, 2)]:
            ws.append(row)
    wb.remove(wb["Sheet"])
    wb.save(tmp_path / "export.xlsx")
    assert "the same file" not in _validate(tmp_path, tmp_path / "export.xlsx").output


# --- Export workbooks other programs wrote -----------------------------------------------------


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Export"
    for row in [HEADER, *rows]:
        wb.active.append(row)
    wb.save(path)
    return path


def _times(first: int, count: int) -> list[list[object]]:
    return [
        ["x", "gemeentezeist", str(i), dt.datetime(2026, 7, i, 10), "out", ""]
        for i in range(first, first + count)
    ]


def test_an_export_workbook_saved_as_strict_open_xml_is_read(tmp_path: Path):
    # openpyxl knows the ordinary namespaces only: it found no sheet, "no known header in
    # sheets" (and an openpyxl warning on the terminal). The register learned this in round six.
    plain = _workbook(tmp_path / "plain.xlsx", _times(1, 3))
    path = strict_workbook(plain, tmp_path / "export.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing of openpyxl's on the user's terminal
        result = _validate(tmp_path, path)
    assert result.exit_code == 0, result.output
    assert "export.xlsx: read 3, used 3, duplicate 0, rejected 0" in result.output


def test_marks_of_writing_direction_and_hard_spaces_in_an_export_workbook_are_no_part_of_it(
    tmp_path: Path,
):
    # A workbook whose cells a copy filled with marks no one sees: `\u200e1` was another item
    # than the CSV's `1`, the same post counted twice; a time behind a mark was "not a date".
    csv_export = _export(tmp_path / "x.csv", 1, 3)
    rows = [
        [
            *("\u202ax\u202c", "\u200e@gemeentezeist\u200f", f"\u200e{i}\u00a0"),
            *(f"\u200e2026-07-{i:02d}T10:00:00+02:00", "\u00a0out", ""),
        ]
        for i in range(1, 4)
    ]
    path = _workbook(tmp_path / "kopie.xlsx", rows)
    ledger = _ledger(tmp_path, csv_export, path)
    assert ledger[str(path)]["rows_duplicate"] == 3, ledger[str(path)]


def test_an_export_workbook_counting_its_days_from_1904_gives_its_own_times(tmp_path: Path):
    # Excel for Mac's date system: date cells are read on it (openpyxl reads the workbook's
    # epoch); four years and a day early they would fall outside every period.
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    for row in [HEADER, *_times(1, 3)]:
        wb.active.append(row)
    wb.save(tmp_path / "mac.xlsx")
    from auditor.activity.load import load_activity
    from auditor.settings import parse_config

    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    loaded = load_activity([tmp_path / "mac.xlsx"], parse_config({}), [account])
    assert loaded.frame["timestamp"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2026-07-01 08:00",
        "2026-07-02 08:00",
        "2026-07-03 08:00",
    ]


def test_an_export_libreoffice_calc_wrote_is_read_whole():
    # tests/data/export-libreoffice.xlsx: three posts, as LibreOffice Calc saves a workbook.
    from auditor.activity.load import load_activity
    from auditor.settings import parse_config

    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    loaded = load_activity([DATA / "export-libreoffice.xlsx"], parse_config({}), [account])
    (entry,) = loaded.ledger
    assert (entry.rows_read, entry.rows_used) == (3, 3)
    assert loaded.frame["item_id"].tolist() == ["1", "2", "3"]
    assert loaded.frame["timestamp"].dt.strftime("%d %H:%M").tolist() == [
        "01 08:00",
        "02 08:00",
        "03 08:00",
    ]


def test_a_spreadsheet_of_another_program_among_the_exports_says_how_to_save_it(tmp_path: Path):
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    (folder / "webcare.ods").write_bytes((DATA / "register-libreoffice.ods").read_bytes())
    english = _validate(tmp_path, folder).output
    assert "exports/webcare.ods: a spreadsheet of another program (.ods)" in english
    assert "save it as .xlsx or CSV" in english


def test_an_export_that_may_not_be_read_says_so_not_that_it_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # "no access: the folder or file is read-only" said of a file that could not be READ:
    # being read-only is no reason not to read it.
    folder = tmp_path / "exports"
    _export(folder / "x.csv")
    secret = _export(folder / "webcare.csv")
    if os.geteuid() == 0:  # root reads any file: the system's refusal, as it comes
        opened = Path.open

        def refuse(self: Path, *args, **kwargs):
            if self == secret:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return opened(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    else:
        secret.chmod(0)
    try:
        english = _validate(tmp_path, folder)
        dutch = _validate(tmp_path, folder, lang="nl")
    finally:
        secret.chmod(0o644)
    assert english.exit_code == 2
    assert "webcare.csv › cannot be read: no access: the file is someone else's, or its " in (
        english.output
    )
    assert "read-only" not in english.output
    assert "alleen-lezen" not in dutch.output and "geen toegang: het bestand" in dutch.output


# --- Registers: what round six left ------------------------------------------------------------


def _staff_register(path: Path, staff: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Afdeling", "Beheerder", "Vervanger"])
    ws.append(["X", "@gemeentezeist", "Communicatie", "Sanne Smit", "Joost Mulder"])
    people = wb.create_sheet("Medewerkers")
    for row in staff:
        people.append(row)
    wb.save(path)
    return path


def _register_validate(path: Path, lang: str = "en") -> str:
    result = CliRunner().invoke(cli, ["validate", "--lang", lang, "-i", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def test_a_directorys_many_columns_the_register_does_not_read_are_said_once(tmp_path: Path):
    # An Active Directory export as the staff list: one "not a register column" line for each
    # of its nine other columns, the warnings that matter lost among them.
    path = _staff_register(
        tmp_path / "register.xlsx",
        [
            [
                *("Employee ID", "Display Name", "Email Address", "Department", "Job Title"),
                *("Office", "Manager", "Telephone Number", "Mobile", "Company", "Created"),
            ],
            [
                *("10001", "Sanne Smit", "s.smit@zeist.nl", "Communicatie", "Adviseur"),
                *("Zeist", "Ilse Jansen", "030", "06", "Gemeente Zeist", "2020-01-01"),
            ],
            [
                *("10002", "Joost Mulder", "j.mulder@zeist.nl", "Communicatie", "Adviseur"),
                *("Zeist", "Ilse Jansen", "030", "06", "Gemeente Zeist", "2020-01-01"),
            ],
        ],
    )
    english = _register_validate(path)
    assert "is not a register column" not in english
    assert (
        "register.xlsx › Medewerkers › row 1 › 8 columns are not register columns and are "
        'ignored: "Employee ID", "Job Title", "Office", "Manager", "Telephone Number", '
        '"Mobile", "Company", "Created"' in english
    )
    assert "In dienst" not in english  # `Employee ID` is no misspelt In dienst
    dutch = _register_validate(path, "nl")
    assert "Medewerkers › rij 1 › 8 kolommen horen niet bij het register" in dutch


def test_an_id_column_draws_no_suggestion_of_a_column_it_is_not(tmp_path: Path):
    path = _staff_register(
        tmp_path / "register.xlsx",
        [["Employee ID", "Naam", "E-mail"], ["10001", "Sanne Smit", "s.smit@zeist.nl"]],
    )
    english = _register_validate(path)
    assert 'column "Employee ID" is not a register column; ignored\n' in english


def test_sheets_numbers_named_after_a_platform_or_a_status_keep_their_meaning(tmp_path: Path):
    # Numbers exports a tab per table as `<sheet> - Tabel 1`: that suffix was known on the
    # register's own sheets only, so a tab per platform lost its platform (its rows, which
    # name none, rejected) and a tab of closed accounts was read as accounts in use.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Instagram - Tabel 1"
    ws.append(["Account", "Afdeling", "Beheerder"])
    ws.append(["@sportzeist", "Sport", "Anna de Vries"])
    closed = wb.create_sheet("Opgeheven - Tabel 1")
    closed.append(["Platform", "Account", "Afdeling", "Beheerder"])
    closed.append(["X", "@zeistoud", "Sport", "Anna de Vries"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    register = load_register(path)
    assert sorted((a.account_id, a.status.value) for a in register.accounts) == [
        ("instagram:sportzeist", "active"),
        ("x:zeistoud", "closed"),
    ]


def test_profile_addresses_one_a_line_in_a_cell_are_each_an_account(tmp_path: Path):
    # Two links one a line (Alt+Enter) in one cell: the first was read, the second account
    # lost; beside `Facebook` over `Instagram` the Facebook page was read twice ("appears
    # twice: rows 2 and 2") and Instagram "does not match the URL"; two @handles one a line
    # in the URL column became the account `x:zeistjong@zeistcultuur`.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["X", "https://x.com/zeistjong\nhttps://x.com/zeistcultuur", None, "Sport"],
            [
                "Facebook\nInstagram",
                None,
                "https://www.facebook.com/sportzeist\nhttps://www.instagram.com/sportzeist",
                "Sport",
            ],
            ["X", None, "@zeistsport\n@zeistmuseum", "Sport"],
            # one account written twice stays one account
            ["X", None, "https://x.com/zeistkunst\nhttps://twitter.com/ZeistKunst", "Sport"],
        ],
        ["Platform", "Account", "URL", "Afdeling"],
    )
    register = load_register(path)
    assert sorted(a.account_id for a in register.accounts) == [
        "facebook:sportzeist",
        "instagram:sportzeist",
        "x:zeistcultuur",
        "x:zeistjong",
        "x:zeistkunst",
        "x:zeistmuseum",
        "x:zeistsport",
    ]
    english = _register_validate(path)
    assert "appears twice" not in english and "does not match" not in english
    assert english.count("the first is used") == 1  # the one account written twice
    assert "row 5 › URL: " in english
    assert (
        'row 2 › Account: "https://x.com/zeistjong https://x.com/zeistcultuur" names several '
        "accounts; the row is read as each of them" in english
    )


def test_a_quote_inside_a_cell_and_a_text_over_two_lines_below_it_reject_nothing(tmp_path: Path):
    # A quote inside an unquoted cell (`27" scherm`) leaves the file's quotes odd; the last
    # row's text over two lines is whole all the same, and no row is a quote left open.
    path = tmp_path / "export.csv"
    rows = _rows(1, 3)
    rows[0][5] = 'een 27" scherm'
    rows[2][5] = '"eerste regel\ntweede regel"'
    path.write_text(_lines([HEADER, *rows]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (3, 3, 0)
