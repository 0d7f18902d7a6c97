"""Round six of registers nobody here made: workbooks other programs wrote (a Strict Open XML
workbook, one counting its days from 1904, files of other spreadsheet programs), text copied
with marks no one sees, a second column for what a column before it gives, and staff lists as
personnel and directory systems export them."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from auditor.cli import cli
from auditor.problems import Level
from auditor.register import load_register
from tests.helpers import strict_workbook, write_rows

DATA = Path(__file__).parent / "data"


def _validate(path: Path, lang: str = "en"):
    result = CliRunner().invoke(cli, ["validate", "--lang", lang, "-i", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _run(tmp_path: Path, register: Path) -> dict:
    out = tmp_path / "audit"
    args = ["run", "--lang", "en", "-i", str(register), "--period", "2026-Q3"]
    args += ["--out", str(out), "--history", str(tmp_path / "h.sqlite")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


def _errors(path: Path) -> list[str]:
    return [p.render("en") for p in load_register(path).problems if p.level is Level.ERROR]


def test_a_second_column_for_what_a_column_before_gives_says_which_one_is_read(tmp_path: Path):
    # `Kanaal` beside `Platform`, `Beheerder (back-up)` beside `Contactpersoon 2` (both the
    # substitute), a second `E-mail`: each was "not a register column", as if misspelt.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            [
                *("X", "@gemeentezeist", "Twitter", "Sanne Smit", "Joost Mulder", "Piet Bakker"),
                *("s.smit@zeist.nl", "j.mulder@zeist.nl"),
            ],
        ],
        [
            *("Platform", "Account", "Kanaal", "Contactpersoon 1", "Contactpersoon 2"),
            *("Beheerder (back-up)", "E-mail", "E-mail"),
        ],
    )
    (account,) = load_register(path).accounts
    assert (account.owner_name, account.substitute_name, account.owner_email) == (
        "Sanne Smit",
        "Joost Mulder",
        "s.smit@zeist.nl",
    )
    english = _validate(path).output
    assert (
        'register.xlsx › Accounts › row 1 › column "Kanaal" (C) is a second column for '
        'Platform: only column "Platform" (A) is read; this one is ignored' in english
    )
    assert (
        'column "Beheerder (back-up)" (F) is a second column for Vervanger: only column '
        '"Contactpersoon 2" (E) is read' in english
    )
    assert (
        'column "E-mail" (H) is a second column for E-mail beheerder: only column "E-mail" '
        "(G) is read" in english
    )
    assert "not a register column" not in english
    dutch = _validate(path, "nl").output
    assert (
        'waarschuwing: register.xlsx › Accounts › rij 1 › kolom "Kanaal" (C) is een tweede '
        'kolom voor Platform: alleen kolom "Platform" (A) wordt gelezen, deze wordt '
        "overgeslagen" in dutch
    )


def test_a_strict_open_xml_workbook_is_read_as_an_ordinary_one(tmp_path: Path):
    # openpyxl knows the ordinary namespaces only: it found no sheet, and the register was
    # "empty: no sheet holds anything".
    plain = write_rows(
        tmp_path / "plain.xlsx",
        [
            ["X", "@gemeentezeist", "Communicatie", "Sanne Smit", dt.date(2015, 3, 1)],
            ["Instagram", "@sportzeist", "Sport", "Anna de Vries", dt.date(2020, 1, 1)],
        ],
        ["Platform", "Account", "Afdeling", "Beheerder", "Gestart"],
    )
    path = strict_workbook(plain, tmp_path / "strict.xlsx")
    register = load_register(path)
    assert [(a.account_id, a.department, a.owner_name, a.started) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie", "Sanne Smit", dt.date(2015, 3, 1)),
        ("instagram:sportzeist", "Sport", "Anna de Vries", dt.date(2020, 1, 1)),
    ]
    result = _validate(path)
    assert "strict.xlsx › Accounts: read 2, used 2, duplicate 0, rejected 0" in result.output
    assert "empty" not in result.output


def test_day_numbers_in_a_workbook_counting_from_1904_are_its_days(tmp_path: Path):
    # A workbook of Excel for Mac's 1904 date system, its days typed as numbers in columns
    # formatted as text or General: read from 1900, every day was four years and a day early
    # (training on 19-01-2021 for 20-01-2025). Date cells were right, and stay right.
    days_1904 = dt.date(1904, 1, 1)
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Beheerder", "Gestart", "Training beheerder", "Bijgewerkt"])
    ws.append(
        [
            *("X", "@gemeentezeist", "Sanne Smit", (dt.date(2015, 3, 1) - days_1904).days),
            *(str((dt.date(2025, 1, 20) - days_1904).days), dt.date(2026, 2, 1)),
        ]
    )
    ws.append(["Instagram", "@sportzeist", "Anna de Vries", dt.date(2020, 1, 1), "ja", None])
    ws["E2"].number_format = "@"
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    register = load_register(path)
    assert [(a.account_id, a.started, a.owner_training) for a in register.accounts] == [
        ("x:gemeentezeist", dt.date(2015, 3, 1), dt.date(2025, 1, 20)),
        ("instagram:sportzeist", dt.date(2020, 1, 1), None),
    ]


def test_marks_of_writing_direction_copied_around_text_are_no_part_of_it(tmp_path: Path):
    # A phone's contacts, a page in Arabic or Windows' dialogs copy a name between marks that
    # set the direction of text (U+202A … U+202C, U+2066 … U+2069): kept, the account was
    # `instagram:\u202a@sportzeist\u202c` and its department not the listed `Ruimte`.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["Instagram", "\u202a@sportzeist\u202c", "Sport", "\u200fAnna de Vries"],
            [
                *("Facebook", "https://www.facebook.com/cultuurzeist\u2069"),
                *("\u2066Ruimte\u2069", "Fatima\u00a0El Amrani\u202c"),
            ],
        ],
        ["Platform", "Account", "Afdeling", "Beheerder"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department, a.owner_name) for a in register.accounts] == [
        ("instagram:sportzeist", "Sport", "Anna de Vries"),
        ("facebook:cultuurzeist", "Ruimte", "Fatima El Amrani"),
    ]


def test_a_spreadsheets_text_mark_left_in_a_workbooks_cell_is_no_part_of_it(tmp_path: Path):
    # A CSV opened in Excel and saved, or a program writing cells, leaves the apostrophe that
    # kept a date as text in the cell: `'2025-01-20` was "not a date". Before a letter it is
    # part of the name (`'s-Hertogenbosch`).
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["X", "'@gemeentezeist", "'s-Hertogenbosch", "'01-03-2015", "'2025-01-20"],
        ],
        ["Platform", "Account", "Afdeling", "Gestart", "Training beheerder"],
    )
    assert _errors(path) == []
    (account,) = load_register(path).accounts
    assert (account.account_id, account.department, account.started, account.owner_training) == (
        "x:gemeentezeist",
        "'s-Hertogenbosch",
        dt.date(2015, 3, 1),
        dt.date(2025, 1, 20),
    )


def test_a_register_libreoffice_calc_wrote_is_read_whole(tmp_path: Path):
    path = DATA / "register-libreoffice.xlsx"
    register = load_register(path)
    assert [
        (a.account_id, a.department, a.substitute_name, a.started) for a in register.accounts
    ] == [
        ("x:gemeentezeist", "Communicatie", "Joost Mulder", dt.date(2015, 3, 1)),
        ("instagram:sportzeist", "Sport", "Piet Bakker", dt.date(2020, 1, 1)),
    ]
    assert [p.email for p in register.staff] == [
        "s.smit@zeist.nl",
        "j.mulder@zeist.nl",
        "a.devries@zeist.nl",
        "p.bakker@zeist.nl",
    ]
    findings = _run(tmp_path, path)
    assert {a["account_id"] for a in findings["accounts"]} == {
        "x:gemeentezeist",
        "instagram:sportzeist",
    }


def _zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name in names:
            package.writestr(name, b"\0\1")
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


SPREADSHEET_2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Accounts"><Table>
  <Row><Cell><Data ss:Type="String">Platform</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""
WEB_QUERY = (
    "WEB\n1\nhttps://zeist.sharepoint.com/sites/communicatie/_vti_bin/owssvr.dll?XMLDATA=1"
    "&List={0A1B}&View={2C3D}&RowLimit=0&RootFolder=\n\nSelection={0A1B}-{2C3D}\n"
)


# An Excel binary workbook and a Numbers spreadsheet, as packages: the parts that tell them.
XLSB = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.bin", "xl/worksheets/sheet1.bin"]
NUMBERS = ["Index/Document.iwa", "Index/Tables/DataList.iwa", "Metadata/Properties.plist"]


@pytest.mark.parametrize(
    ("make", "english", "dutch"),
    [
        (
            lambda tmp: DATA / "register-password.xlsx",
            "the workbook is protected with a password and cannot be read: open it in Excel, "
            "remove the password",
            "de werkmap is met een wachtwoord beveiligd",
        ),
        (
            lambda tmp: DATA / "register-libreoffice.ods",
            "an OpenDocument spreadsheet (.ods): open it in LibreOffice or Excel and save it",
            "een OpenDocument-werkblad (.ods)",
        ),
        (
            lambda tmp: DATA / "register-libreoffice.xls",
            "old Excel 97 format (.xls): open it in Excel and save as .xlsx",
            "oud Excel 97-formaat (.xls)",
        ),
        # Excel's binary workbook: "not a register", or by an .xlsx name "cannot be read
        # (damaged or truncated?): File contains no valid workbook part".
        (
            lambda tmp: _zip(tmp / "register.xlsb", XLSB),
            "an Excel binary workbook (.xlsb): open it in Excel and save it as an Excel "
            "workbook (.xlsx)",
            "een binaire Excel-werkmap (.xlsb): open hem in Excel en sla hem op als "
            "Excel-werkmap (.xlsx)",
        ),
        (
            lambda tmp: _zip(tmp / "register.xlsx", XLSB),
            "an Excel binary workbook (.xlsb)",
            "een binaire Excel-werkmap (.xlsb)",
        ),
        # Apple's Numbers: "not a register", by an .xlsx name "not a readable workbook", and
        # as the folder it is on other systems "a folder".
        (
            lambda tmp: _zip(tmp / "register.numbers", NUMBERS),
            "a Numbers spreadsheet (Apple): open it in Numbers and choose File › Export To › "
            "Excel, and give the .xlsx file",
            "een Numbers-spreadsheet (Apple): open het in Numbers, kies Archief › Exporteer "
            "naar › Excel en geef het .xlsx-bestand",
        ),
        (
            lambda tmp: _zip(tmp / "register.xlsx", NUMBERS),
            "a Numbers spreadsheet (Apple)",
            "een Numbers-spreadsheet (Apple)",
        ),
        (
            lambda tmp: _folder(tmp / "register.numbers" / "Index").parent,
            "a Numbers spreadsheet (Apple)",
            "een Numbers-spreadsheet (Apple)",
        ),
        # Excel 2003's XML spreadsheet, as personnel systems still export it (named .xls: it
        # was "old Excel 97 format"; named .xml, "not a register").
        (
            lambda tmp: _text(tmp / "register.xls", SPREADSHEET_2003),
            "an Excel 2003 XML spreadsheet: open it in Excel and save it as an Excel workbook",
            "een XML-werkblad van Excel 2003: open het in Excel en sla het op als Excel-werkmap",
        ),
        (
            lambda tmp: _text(tmp / "register.xml", SPREADSHEET_2003),
            "an Excel 2003 XML spreadsheet",
            "een XML-werkblad van Excel 2003",
        ),
        # SharePoint's "Export to Excel" downloads a query, not the list: "not a register".
        (
            lambda tmp: _text(tmp / "query.iqy", WEB_QUERY),
            "a web query (.iqy), as SharePoint's Export to Excel downloads it, not the list "
            "itself: open it in Excel, which fetches the list, and save that as an Excel "
            "workbook (.xlsx)",
            "een webquery (.iqy), zoals Exporteren naar Excel van SharePoint die downloadt",
        ),
    ],
)
def test_a_spreadsheet_of_another_program_says_how_to_save_it_as_a_workbook(
    tmp_path: Path, make, english: str, dutch: str
):
    path = make(tmp_path)
    for lang, expected in [("en", english), ("nl", dutch)]:
        result = _validate(path, lang)
        assert result.exit_code == 2, result.output
        assert f"{path.name} › {expected}" in result.output, result.output
    assert "not a register" not in _validate(path).output


def test_a_register_saved_as_an_excel_template_is_read(tmp_path: Path):
    # Saved as a template (.xltx) to start each year's from: "not a register".
    wb = openpyxl.Workbook()
    wb.template = True
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Beheerder"])
    ws.append(["X", "@gemeentezeist", "Sanne Smit"])
    path = tmp_path / "register.xltx"
    wb.save(path)
    result = _validate(path)
    assert "register.xltx › Accounts: read 1, used 1, duplicate 0, rejected 0" in result.output


def _register_with_staff(path: Path, staff: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Afdeling", "Beheerder", "Vervanger"])
    ws.append(["X", "@gemeentezeist", "Communicatie", "Sanne Smit", "Joost Mulder"])
    ws.append(["Instagram", "@sportzeist", "Sport", "Anna de Vries", "Piet Bakker"])
    ws.append(["Facebook", "https://www.facebook.com/cultuurzeist", "Ruimte"])
    ws.cell(ws.max_row, 4, "Fatima El Amrani")
    ws.cell(ws.max_row, 5, "Kees de Boer")
    people = wb.create_sheet("Medewerkers")
    for row in staff:
        people.append(row)
    wb.save(path)
    return path


def _left(findings: dict) -> set[tuple[str, str, str]]:
    return {
        (f["account_id"], f["message_params"]["person"], f["evidence"]["reason"])
        for f in findings["findings"]
        if f["check_id"] == "OWN004"
    }


def test_a_staff_list_a_dutch_personnel_system_exported(tmp_path: Path):
    # One row per employment, names surname first as the directory writes them, the work
    # address under `E-mail werk` and the department under `Organisatorische eenheid`.
    # Fatima's first employment ended in 2019 and her second is current: the first row was
    # read, the second refused as a duplicate, and she was an owner who had left. `Smit, S.
    # (Sanne)` was "not in the staff list"; no address and no department was read.
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            [
                *("Personeelsnummer", "Medewerker", "Organisatorische eenheid"),
                *("Datum uit dienst", "E-mail werk"),
            ],
            ["00123", "Smit, S. (Sanne)", "Communicatie", None, "s.smit@zeist.nl"],
            ["00124", "Mulder, Joost", "Communicatie", "31-08-2026", "j.mulder@zeist.nl"],
            ["00125", "Vries, Anna de", "Sport", None, "a.devries@zeist.nl"],
            ["00126", "Bakker, Piet", "Sport", "31-12-2027", "p.bakker@zeist.nl"],
            ["00127", "El Amrani, Fatima", "Ruimte", "30-06-2019", "f.elamrani@zeist.nl"],
            ["00128", "El Amrani, Fatima", "Ruimte", None, "f.elamrani@zeist.nl"],
            ["00129", "Boer, Kees de", "Ruimte", "01-01-2024", "k.deboer@zeist.nl"],
        ],
    )
    staff = load_register(path).staff
    assert [(p.name, p.email, p.department, p.left_on) for p in staff] == [
        ("Smit, Sanne", "s.smit@zeist.nl", "Communicatie", None),
        ("Mulder, Joost", "j.mulder@zeist.nl", "Communicatie", dt.date(2026, 8, 31)),
        ("Vries, Anna de", "a.devries@zeist.nl", "Sport", None),
        ("Bakker, Piet", "p.bakker@zeist.nl", "Sport", dt.date(2027, 12, 31)),
        ("El Amrani, Fatima", "f.elamrani@zeist.nl", "Ruimte", None),
        ("Boer, Kees de", "k.deboer@zeist.nl", "Ruimte", dt.date(2024, 1, 1)),
    ]
    said = _validate(path).output
    assert (
        "Medewerkers › row 7 › El Amrani, Fatima appears twice: rows 6 and 7; row 7 is used, "
        "the employment that lasts longer, and row 6 is not" in said
    )
    assert "Medewerkers: read 7, used 6, duplicate 1, rejected 0" in said
    # Leaving before the quarter ends is having left; leaving after it is not.
    assert _left(_run(tmp_path, path)) == {
        ("x:gemeentezeist", "Joost Mulder", "left"),
        ("facebook:cultuurzeist", "Kees de Boer", "left"),
    }


def test_a_staff_list_an_english_personnel_system_exported(tmp_path: Path):
    # `Employee Name` was no name column: the whole list was unread and every owner "not in
    # the staff list". A middle name (`de`) was dropped (`Anna Vries`, not Anna de Vries), an
    # end date was not read, and `Terminated` and `On leave` were "not ja/nee".
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            ["Employee Name", "Email Address", "Department", "Termination Date"],
            ["Smit, Sanne", "s.smit@zeist.nl", "Communicatie", None],
            ["Mulder, Joost", "j.mulder@zeist.nl", "Communicatie", dt.date(2026, 8, 31)],
            ["Bakker, Piet", "p.bakker@zeist.nl", "Sport", dt.date(2027, 12, 31)],
        ],
    )
    said = _validate(path).output
    assert "Medewerkers: read 3, used 3, duplicate 0, rejected 0" in said
    assert "no header row" not in said
    parts = _register_with_staff(
        tmp_path / "parts.xlsx",
        [
            ["Last name", "First name", "Middle name", "E-mail", "Employment status"],
            ["Vries", "Anna", "de", "a.devries@zeist.nl", "Active"],
            ["Bakker", "Piet", None, "p.bakker@zeist.nl", "On leave"],
            ["Boer", "Kees", "de", "k.deboer@zeist.nl", "Terminated"],
        ],
    )
    assert _errors(parts) == []
    staff = load_register(parts).staff
    assert [(p.name, p.active) for p in staff] == [
        ("Anna de Vries", True),
        ("Piet Bakker", True),
        ("Kees de Boer", False),
    ]


def test_a_web_systems_excel_export_of_separated_text_named_xls_is_read(tmp_path: Path):
    # Tab-separated text in Windows' encoding, named .xls: "old Excel 97 format".
    path = tmp_path / "register.xls"
    path.write_bytes(
        "Platform\tAccount\tAfdeling\tBeheerder\r\n"
        "X\t@gemeentezeist\tCommunicatie\tSanne Smit\r\n"
        "Instagram\t@sportzeist\tSport\tAnna Müller\r\n".encode("cp1252")
    )
    register = load_register(path)
    assert [(a.account_id, a.owner_name) for a in register.accounts] == [
        ("x:gemeentezeist", "Sanne Smit"),
        ("instagram:sportzeist", "Anna Müller"),
    ]
    assert "register.xls: read 2, used 2, duplicate 0, rejected 0" in _validate(path).output


@pytest.mark.parametrize("header", ["Achternaam, Voornaam", "Last name, First name"])
def test_a_staff_list_whose_header_says_surname_first_in_one_column(tmp_path: Path, header: str):
    # The whole list was unread: "no header row with a Naam/Name column".
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            [header, "E-mail", "Afdeling"],
            ["Smit, Sanne", "s.smit@zeist.nl", "Communicatie"],
            ["Vries, Anna de", "a.devries@zeist.nl", "Sport"],
        ],
    )
    assert _errors(path) == []
    assert [p.name for p in load_register(path).staff] == ["Smit, Sanne", "Vries, Anna de"]
    # Sanne and Anna are in it; the others are not.
    assert _left(_run(tmp_path, path)) == {
        ("x:gemeentezeist", "Joost Mulder", "not_in_staff_list"),
        ("instagram:sportzeist", "Piet Bakker", "not_in_staff_list"),
        ("facebook:cultuurzeist", "Fatima El Amrani", "not_in_staff_list"),
        ("facebook:cultuurzeist", "Kees de Boer", "not_in_staff_list"),
    }


def test_of_two_columns_for_one_thing_the_one_shown_is_read_not_the_hidden_one(tmp_path: Path):
    # The old `Beheerder` hidden rather than deleted when `Eigenaar` took its place: the hidden
    # column, being first, was read, and every account had the owner of years ago.
    path = write_rows(
        tmp_path / "register.xlsx",
        [["X", "@gemeentezeist", "Piet Oud", "Communicatie", "Sanne Smit"]],
        ["Platform", "Account", "Beheerder", "Afdeling", "Eigenaar"],
    )
    wb = openpyxl.load_workbook(path)
    wb["Accounts"].column_dimensions["C"].hidden = True
    wb.save(path)
    (account,) = load_register(path).accounts
    assert account.owner_name == "Sanne Smit"
    said = _validate(path).output
    assert (
        'column "Beheerder" (C) is hidden and gives Beheerder, as column "Eigenaar" (E) does: '
        "the column shown is read; this one is ignored" in said
    )
    assert 'kolom "Beheerder" (C) is verborgen' in _validate(path, "nl").output


def test_days_a_spreadsheet_wrote_month_first_are_read_month_first_every_row_alike(
    tmp_path: Path,
):
    # A CSV from a Google Sheet or an Excel set to the United States: `6/15/2021` shows the
    # month comes first, yet `3/1/2015` beside it was read as 3 January and `2/3/2025` as
    # 2 March, one cell at a time.
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform,Account,Beheerder,Gestart,Training beheerder\n"
        "X,@gemeentezeist,Sanne Smit,3/1/2015,1/20/2025\n"
        "Instagram,@sportzeist,Anna de Vries,1/2/2020,2/3/2025\n"
        "TikTok,@jongzeist,Piet Bakker,6/15/2021,\n",
        encoding="utf-8",
    )
    register = load_register(path)
    assert [(a.started, a.owner_training) for a in register.accounts] == [
        (dt.date(2015, 3, 1), dt.date(2025, 1, 20)),
        (dt.date(2020, 1, 2), dt.date(2025, 2, 3)),
        (dt.date(2021, 6, 15), None),
    ]
    assert (
        'register.csv › the days here are written month first, as "1/20/2025" shows: every '
        "day written with slashes is read so (3/1/2015 is 1 March 2015)" in _validate(path).output
    )
    # A day only day first can be (`15/6/2021`) keeps the sheet day first.
    path.write_text(
        "Platform,Account,Beheerder,Gestart\n"
        "X,@gemeentezeist,Sanne Smit,3/1/2015\n"
        "TikTok,@jongzeist,Piet Bakker,15/6/2021\n",
        encoding="utf-8",
    )
    assert [a.started for a in load_register(path).accounts] == [
        dt.date(2015, 1, 3),
        dt.date(2021, 6, 15),
    ]


@pytest.mark.parametrize("second", ["Facebook", "Facebook 2"])
def test_a_register_kept_a_column_per_platform_reads_a_second_column_of_one(
    tmp_path: Path, second: str
):
    # A department with two Facebook pages, the second in a column of its own: its page was
    # lost, said only as a header that is "not a register column".
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["Communicatie", "Sanne Smit", "gemeentezeist", "gemeentezeist", "zeistcultuur"],
            ["Sport", "Anna de Vries", "sportzeist", None, None],
        ],
        ["Afdeling", "Beheerder", "Facebook", "Instagram", second],
    )
    register = load_register(path)
    assert [(a.account_id, a.department) for a in register.accounts] == [
        ("facebook:gemeentezeist", "Communicatie"),
        ("instagram:gemeentezeist", "Communicatie"),
        ("facebook:zeistcultuur", "Communicatie"),
        ("facebook:sportzeist", "Sport"),
    ]
    said = _validate(path).output
    assert "not a register column" not in said
    assert "register.xlsx: 4 accounts" in said


def test_a_sharepoint_lists_lookups_choices_and_rich_text_are_read_as_the_list_shows_them(
    tmp_path: Path,
):
    # A register kept as a SharePoint list and exported with its data as the list stores it:
    # `3;#Communicatie` was a department no one listed, `12;#Sanne Smit` an owner nobody of
    # the staff list, and a rich-text goal in its editor's markup no goal at all.
    rich = '<div class="ExternalClassA1B2"><p>informeren&nbsp;</p><p>dialoog</p></div>'
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["X", "@gemeentezeist", "3;#Communicatie", "12;#Sanne Smit", rich],
            ["Instagram", "@sportzeist", "5;#Sport", "14;#Anna de Vries;#15;#Piet Bakker", None],
            [";#Facebook;#Instagram;#", "zeistcultuur", "Ruimte", "Fatima El Amrani", None],
        ],
        ["Platform", "Account", "Afdeling", "Beheerder", "Doel"],
    )
    register = load_register(path)
    assert [
        (a.account_id, a.department, a.owner_name, [g.value for g in a.goal])
        for a in register.accounts
    ] == [
        ("x:gemeentezeist", "Communicatie", "Sanne Smit", ["informeren", "dialoog"]),
        ("instagram:sportzeist", "Sport", "Anna de Vries; Piet Bakker", []),
        ("facebook:zeistcultuur", "Ruimte", "Fatima El Amrani", []),
        ("instagram:zeistcultuur", "Ruimte", "Fatima El Amrani", []),
    ]


def test_platforms_and_goals_one_a_line_in_a_cell_are_each_read(tmp_path: Path):
    # Alt+Enter between two platforms: read as one platform `Facebook Instagram`, Facebook,
    # and the Instagram account lost without a word; two goals one a line were no goal.
    path = write_rows(
        tmp_path / "register.xlsx",
        [["Facebook\nInstagram", "@zeistcultuur", "informeren\ndialoog", "Fatima El Amrani"]],
        ["Platform", "Account", "Doel", "Beheerder"],
    )
    register = load_register(path)
    assert [(a.account_id, [g.value for g in a.goal]) for a in register.accounts] == [
        ("facebook:zeistcultuur", ["informeren", "dialoog"]),
        ("instagram:zeistcultuur", ["informeren", "dialoog"]),
    ]
    assert (
        'Platform: "Facebook Instagram" names several platforms; the row is read as an '
        "account on each: Facebook, Instagram" in _validate(path).output
    )


def test_a_csv_excel_for_mac_saved_in_the_macs_own_encoding_is_read_so(tmp_path: Path):
    # "CSV (Macintosh)": lines ended by a carriage return alone, Mac Roman. Read as Windows'
    # encoding, Zoë was `Zo‘` and no longer the Zoë of the staff list.
    path = tmp_path / "register.csv"
    path.write_bytes(
        "Platform;Account;Beheerder;Afdeling\r"
        "X;@gemeentezeist;Zoë Smit;Communicatie\r"
        "Instagram;@sportzeist;Anna de Vries;Sport\r".encode("mac_roman")
    )
    register = load_register(path)
    assert [(a.account_id, a.owner_name) for a in register.accounts] == [
        ("x:gemeentezeist", "Zoë Smit"),
        ("instagram:sportzeist", "Anna de Vries"),
    ]


def test_a_pages_name_linked_to_its_profile_is_its_display_name(tmp_path: Path):
    # `Gemeente Zeist` in the Account column, a link to the profile inserted on it (or a
    # HYPERLINK formula): the link named the account and the name was lost, so the account had
    # no display name and STY001 failed.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["X", "Gemeente Zeist", "Sanne Smit"],
            ["Instagram", None, "Anna de Vries"],
            ["TikTok", "@jongzeist", "Piet Bakker"],
        ],
        ["Platform", "Account", "Beheerder"],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Accounts"]
    ws["B2"].hyperlink = "https://x.com/gemeentezeist"
    ws["B3"] = '=HYPERLINK("https://www.instagram.com/sportzeist/","Sport Zeist")'
    ws["B4"].hyperlink = "https://www.tiktok.com/@jongzeist"
    wb.save(path)
    register = load_register(path)
    assert [(a.account_id, a.display_name) for a in register.accounts] == [
        ("x:gemeentezeist", "Gemeente Zeist"),
        ("instagram:sportzeist", "Sport Zeist"),
        ("tiktok:jongzeist", None),
    ]
    assert _errors(path) == []


def _bare_workbook(path: Path, rows: list[list[object]]) -> Path:
    """A workbook as a program that writes the least writes it: one sheet, its text as inline
    strings, no shared strings, no styles (so a day is a bare number)."""

    def cell(ref: str, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    body = "".join(
        f'<row r="{r}">'
        + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values))
        + "</row>"
        for r, values in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kind}.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
        )
    return path


def test_a_workbook_of_inline_strings_without_styles_is_read_whole(tmp_path: Path):
    # As Google Sheets' exports, scripts and streaming writers make them.
    path = _bare_workbook(
        tmp_path / "register.xlsx",
        [
            ["Platform", "Account", "Afdeling", "Beheerder", "Gestart"],
            ["X", "@gemeentezeist", "Communicatie", "Sanne Smit", 42064],
            ["Instagram", "@sportzeist", "Sport", "Anna de Vries", "01-01-2020"],
        ],
    )
    register = load_register(path)
    assert [(a.account_id, a.department, a.started) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie", dt.date(2015, 3, 1)),
        ("instagram:sportzeist", "Sport", dt.date(2020, 1, 1)),
    ]
    assert "register.xlsx › Accounts: read 2, used 2" in _validate(path).output


def test_a_staff_list_a_personnel_system_printed_as_a_report_has_only_its_colleagues(
    tmp_path: Path,
):
    # A title above, the header again on each page, a total and the line the report prints
    # under it: "Naam", "Totaal: 3 medewerkers", "Aantal" and "Afgedrukt op … door Sanne
    # Smit" were colleagues, counted among the people used.
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            ["Overzicht medewerkers per 01-10-2026"],
            [],
            ["Naam", "E-mail", "Afdeling"],
            ["Sanne Smit", "s.smit@zeist.nl", "Communicatie"],
            ["Joost Mulder", "j.mulder@zeist.nl", "Communicatie"],
            ["Naam", "E-mail", "Afdeling"],
            ["Anna de Vries", "a.devries@zeist.nl", "Sport"],
            [],
            ["Totaal: 3 medewerkers"],
            ["Aantal", "3"],
            ["Afgedrukt op 01-10-2026 door Sanne Smit"],
        ],
    )
    register = load_register(path)
    assert [p.name for p in register.staff] == ["Sanne Smit", "Joost Mulder", "Anna de Vries"]
    said = _validate(path).output
    assert "Medewerkers: read 7, used 3, duplicate 0, rejected 4" in said
    for line in [
        "Medewerkers › row 6 › the header again (Naam, E-mail, Afdeling), no colleague",
        'Medewerkers › row 9 › a totals row ("Totaal: 3 medewerkers"), no colleague',
        'Medewerkers › row 10 › a totals row ("Aantal"), no colleague',
        'Medewerkers › row 11 › a line the report printed ("Afgedrukt op 01-10-2026 door '
        'Sanne Smit"), no colleague; the row is not used',
    ]:
        assert line in said
    assert "is not an e-mail address" not in said


def test_a_register_numbers_exported_to_excel_reads_its_staff_list(tmp_path: Path):
    # Numbers exports a worksheet per table, named after its sheet and table, behind a
    # summary sheet: the staff list `Medewerkers - Tabel 1` was "not a sheet the register
    # has", and every owner "not in the staff list".
    wb = openpyxl.Workbook()
    wb.active.title = "Export Summary"
    wb.active.append(["Dit document is geëxporteerd vanuit Numbers."])
    accounts = wb.create_sheet("Accounts - Tabel 1")
    accounts.append(["Platform", "Account", "Afdeling", "Beheerder"])
    accounts.append(["X", "@gemeentezeist", "Communicatie", "Sanne Smit"])
    staff = wb.create_sheet("Medewerkers - Tabel 1")
    staff.append(["Naam", "E-mail", "Afdeling"])
    staff.append(["Sanne Smit", "s.smit@zeist.nl", "Communicatie"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    assert [p.name for p in load_register(path).staff] == ["Sanne Smit"]
    said = _validate(path).output
    assert "register.xlsx › Medewerkers - Tabel 1: read 1, used 1" in said
    assert "Medewerkers - Tabel 1 › not a sheet" not in said


def test_a_register_gathered_with_a_form_reads_the_answers_not_who_filled_it_in(
    tmp_path: Path,
):
    # A Microsoft Forms export: `Naam` and `E-mail` are who filled in the form. The one who
    # did was the account's display name and its owner's address (Joost's address on Anna's
    # account), and the questions `Wie is de beheerder?` and `Wie is de vervanger?` were not
    # register columns (the first "did you mean Vervanger?"): no owner, no substitute.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            [
                1,
                dt.datetime(2026, 9, 1, 10),
                dt.datetime(2026, 9, 1, 10, 5),
                "s.smit@zeist.nl",
                "Sanne Smit",
                "X",
                "https://x.com/gemeentezeist",
                "Communicatie",
                "Sanne Smit",
                "Joost Mulder",
            ],
            [
                2,
                dt.datetime(2026, 9, 2, 10),
                dt.datetime(2026, 9, 2, 10, 5),
                "j.mulder@zeist.nl",
                "Joost Mulder",
                "Instagram",
                "https://www.instagram.com/sportzeist/",
                "Sport",
                "Anna de Vries",
                "Piet Bakker",
            ],
        ],
        [
            "ID",
            "Begintijd",
            "Tijd van voltooien",
            "E-mail",
            "Naam",
            "Op welk platform staat het account?",
            "Wat is de link naar het account?",
            "Welke afdeling?",
            "Wie is de beheerder?",
            "Wie is de vervanger?",
        ],
    )
    register = load_register(path)
    assert [
        (a.account_id, a.display_name, a.department, a.owner_name, a.owner_email, a.substitute_name)
        for a in register.accounts
    ] == [
        ("x:gemeentezeist", None, "Communicatie", "Sanne Smit", None, "Joost Mulder"),
        ("instagram:sportzeist", None, "Sport", "Anna de Vries", None, "Piet Bakker"),
    ]
    said = _validate(path).output
    assert (
        'row 1 › column "E-mail" says who filled in the form, not the account\'s owner or '
        "name; not read" in said
    )
    assert 'column "Naam" says who filled in the form' in said
    assert "Wie is de" not in said
    # A Google Form's: its time stamp says the same.
    google = write_rows(
        tmp_path / "google.xlsx",
        [[dt.datetime(2026, 9, 1, 10), "s.smit@zeist.nl", "X", "@gemeentezeist", "Sanne Smit"]],
        ["Tijdstempel", "E-mailadres", "Platform", "Account", "Wie is de beheerder?"],
    )
    (account,) = load_register(google).accounts
    assert (account.owner_name, account.owner_email) == ("Sanne Smit", None)


def test_x_written_as_its_logos_letter_is_the_platform_x(tmp_path: Path):
    # `𝕏` (U+1D54F), as people copy it from the platform's own name: "not a platform name",
    # and the account was rejected.
    path = write_rows(
        tmp_path / "register.xlsx",
        [["𝕏", "@gemeentezeist", "Sanne Smit"], ["Ｘ", "@zeistwerkt", "Anna de Vries"]],
        ["Platform", "Account", "Beheerder"],
    )
    assert _errors(path) == []
    assert [a.account_id for a in load_register(path).accounts] == [
        "x:gemeentezeist",
        "x:zeistwerkt",
    ]


def test_a_british_personnel_systems_statuses_say_who_is_still_employed(tmp_path: Path):
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            ["Name", "Email", "Status"],
            ["Sanne Smit", "s.smit@zeist.nl", "Leaver"],
            ["Anna de Vries", "a.devries@zeist.nl", "Starter"],
            ["Joost Mulder", "j.mulder@zeist.nl", "Current"],
        ],
    )
    assert _errors(path) == []
    assert [(p.name, p.active) for p in load_register(path).staff] == [
        ("Sanne Smit", False),
        ("Anna de Vries", True),
        ("Joost Mulder", True),
    ]


def test_days_as_personnel_systems_scripts_and_english_spreadsheets_write_them(
    tmp_path: Path,
):
    # `20260831` (a personnel system's or a directory's day), `45000.5` (a day number with its
    # time, as a script writes it) and `January 15, 2024` (an English long date) were each
    # "not a date": the end of an employment and a start were lost.
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            ["Naam", "E-mail", "Datum uit dienst"],
            ["Sanne Smit", "s.smit@zeist.nl", None],
            ["Joost Mulder", "j.mulder@zeist.nl", "20260831"],
            ["Anna de Vries", "a.devries@zeist.nl", 20271231],
            ["Piet Bakker", "p.bakker@zeist.nl", "45000.5"],
            ["Fatima El Amrani", "f.elamrani@zeist.nl", "January 15, 2024"],
            ["Kees de Boer", "k.deboer@zeist.nl", "Monday, January 15, 2024"],
        ],
    )
    assert _errors(path) == []
    assert [p.left_on for p in load_register(path).staff] == [
        None,
        dt.date(2026, 8, 31),
        dt.date(2027, 12, 31),
        dt.date(2023, 3, 15),
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 15),
    ]


def test_a_persons_header_merged_across_the_name_and_the_address_reads_the_address(
    tmp_path: Path,
):
    # `Beheerder` merged across two columns, the name and the address below it: the address
    # column was a second `Beheerder`, not read, and every owner had no address.
    path = write_rows(
        tmp_path / "register.xlsx",
        [["X", "@gemeentezeist", "Sanne Smit", "s.smit@zeist.nl", "Joost Mulder"]],
        ["Platform", "Account", "Beheerder", None, "Vervanger", None],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Accounts"]
    ws["F2"] = "mailto:j.mulder@zeist.nl"
    ws.merge_cells("C1:D1")
    ws.merge_cells("E1:F1")
    wb.save(path)
    (account,) = load_register(path).accounts
    assert (account.owner_email, account.substitute_email) == (
        "s.smit@zeist.nl",
        "j.mulder@zeist.nl",
    )
    assert "second column" not in _validate(path).output


def _replace_in_package(path: Path, old: bytes, new: bytes) -> None:
    """`old` in the one part of a workbook that holds it, written as `new`."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    (member,) = [name for name, data in parts.items() if old in data]
    parts[member] = parts[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_rows_a_filter_hides_hidden_sheets_rich_text_and_a_protected_sheet_are_all_read(
    tmp_path: Path,
):
    path = _register_with_staff(
        tmp_path / "register.xlsx",
        [
            ["Naam", "E-mail", "Afdeling"],
            ["Sanne Smit", "s.smit@zeist.nl", "Communicatie"],
            ["Anna de Vries", "a.devries@zeist.nl", "Sport"],
        ],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Accounts"]
    ws["B2"] = "RICH-TEXT-HERE"
    ws.auto_filter.ref = "A1:E4"
    ws.auto_filter.add_filter_column(2, ["Sport"])
    ws.row_dimensions[2].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.protection.sheet = True
    ws.protection.password = "geheim"
    wb["Medewerkers"].sheet_state = "veryHidden"
    wb.save(path)
    # Rich text as runs in the cell's string (openpyxl 3.1.0, the floor, cannot write it):
    # `@gemeente` in bold, `zeist` plain.
    _replace_in_package(
        path, b"<t>RICH-TEXT-HERE</t>", b"<r><rPr><b/></rPr><t>@gemeente</t></r><r><t>zeist</t></r>"
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "x:gemeentezeist",
        "instagram:sportzeist",
        "facebook:cultuurzeist",
    ]
    assert [p.name for p in register.staff] == ["Sanne Smit", "Anna de Vries"]
    assert "Accounts: read 3, used 3, duplicate 0, rejected 0" in _validate(path).output


def test_a_date_month_first_in_a_column_not_read_leaves_the_read_days_alone(tmp_path: Path):
    # `Laatst gecontroleerd` is no register column: its American day said the whole sheet was
    # written month first, and `3/1/2015` in the column that is read became 1 March.
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform,Account,Beheerder,Gestart,Laatst gecontroleerd\n"
        "X,@gemeentezeist,Sanne Smit,3/1/2015,3/15/2026\n",
        encoding="utf-8",
    )
    assert [a.started for a in load_register(path).accounts] == [dt.date(2015, 1, 3)]
    assert "month first" not in _validate(path).output


@pytest.mark.parametrize(
    ("under", "platforms", "departments"),
    [
        (
            ["Publiekszaken", "Publiekszaken", "Sport & Recreatie"],
            ["facebook", "x", "instagram"],
            ["Publiekszaken", "Publiekszaken", "Sport & Recreatie"],
        ),
        (["Facebook", "X", "Instagram"], ["facebook", "x", "instagram"], [None, None, None]),
    ],
)
def test_dienst_is_the_department_or_the_platform_as_its_cells_say(
    tmp_path: Path, under, platforms, departments
):
    # `Dienst` is the online service (Facebook) in some registers, the municipality's service
    # (Dienst Publiekszaken) in more: read as the platform over departments' names, every
    # department was an unknown platform, the X account beside a handle lost its platform,
    # and `Kanaal` was said to be a second platform column.
    handles = ["@rijnwoude", "@RijnwoudeNL", "@sportrijnwoude"]
    kanaal = ["Facebook", "X (Twitter)", "Instagram"]
    path = write_rows(
        tmp_path / "register.xlsx",
        [[d, k, h, "Sanne Smit"] for d, k, h in zip(under, kanaal, handles, strict=True)],
        ["Dienst", "Kanaal", "Account", "Beheerder"],
    )
    register = load_register(path)
    assert [str(a.platform) for a in register.accounts] == platforms
    assert [a.department for a in register.accounts] == departments
    said = _validate(path, "nl").output
    assert "tweede kolom" not in said or departments[0] is None


def test_kanaal_beside_a_platform_column_holding_accounts_is_the_account(tmp_path: Path):
    # `Platform | Kanaal` with the channels' addresses and handles under `Kanaal`: both were
    # read as the platform, no column named the account, and the register was refused whole.
    path = write_rows(
        tmp_path / "register.xlsx",
        [
            ["Facebook", "https://www.facebook.com/gemeenterijnwoude", "Sanne Smit"],
            ["X", "@RijnwoudeNL", "Sanne Smit"],
            ["Instagram", "sportrijnwoude", "Anna de Vries"],
        ],
        ["Platform", "Kanaal", "Beheerder"],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "facebook:gemeenterijnwoude",
        "x:rijnwoudenl",
        "instagram:sportrijnwoude",
    ]
    assert _errors(path) == []
