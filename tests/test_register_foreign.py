"""Registers of other organisations (a province, a water board, a safety region, another
municipality), kept by hand the way nobody here would have made them: a tab per department,
notes under the table, placeholders for an owner, addresses with a display name, a million
formatted rows."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table

from auditor.cli import cli
from auditor.problems import Level
from auditor.register import load_register
from auditor.register.workbook import read_sheets

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _empty() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("foto.jpg", b"\xff\xd8")
    return out.getvalue()


ODS, EMPTY, ZIP = _ods(), _empty(), _zip()


def _errors(register) -> list[str]:
    return [p.render("en") for p in register.problems if p.level is Level.ERROR]


def _said(register) -> list[str]:
    return [p.render("en") for p in register.problems]


def _tabs(path: Path, tabs: dict[str, list[list[object]]], header: list[str]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        ws.append([f"Provincie Utrecht – sociale media, {name}"])
        ws.append([])
        ws.append(header)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_register_kept_a_tab_per_department_reads_every_tab(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Communicatie": [
                ["Facebook", "provincieutrecht", "Jan Bakker"],
                ["Instagram", "provincieutrecht", "Jan Bakker"],
            ],
            "Mobiliteit": [
                ["X", "PU_Mobiliteit", "Piet de Vries"],
                ["Instagram", "provincieutrecht", "Piet de Vries"],  # also on Communicatie
            ],
            "Blad3": [["YouTube", "provincieutrecht", "Els Mol"]],
        },
        ["Kanaal", "Account", "Eigenaar"],
    )
    register = load_register(path)
    departments = {a.account_id: a.department for a in register.accounts}
    assert departments == {
        "facebook:provincieutrecht": "Communicatie",
        "instagram:provincieutrecht": "Communicatie",
        "x:pu_mobiliteit": "Mobiliteit",
        "youtube:provincieutrecht": None,  # `Blad3` names no department
    }
    entries = {e.path: (e.rows_read, e.rows_used, e.rows_duplicate) for e in register.ledger}
    assert entries == {
        "register.xlsx › Communicatie": (2, 2, 0),
        "register.xlsx › Mobiliteit": (2, 1, 1),
        "register.xlsx › Blad3": (1, 1, 0),
    }
    said = _said(register)
    assert not [m for m in said if "not read" in m]
    assert (
        "register.xlsx › Mobiliteit › row 5 › account instagram:provincieutrecht appears twice: "
        'on sheet "Communicatie" row 5 and on sheet "Mobiliteit" row 5; the one on sheet '
        '"Mobiliteit" is not used'
    ) in said
    assert any(
        m.startswith("register.xlsx › Mobiliteit › the accounts on this sheet")
        and '"Mobiliteit"' in m
        for m in said
    )


def test_a_tab_of_closed_accounts_gives_them_their_status(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [["Facebook", "wsrivierenland", "Anna Smit", "Communicatie", None]],
            "Opgeheven accounts": [
                ["X", "wsrl", "Bert Jansen", "Communicatie", None],
                ["Hyves", "wsrl", "Bert Jansen", "Communicatie", "actief"],  # its own status
            ],
            "Oude accounts": [["Hyves", "wsrivierenland", "Anna Smit", "Communicatie", None]],
            "Kopie van Accounts": [["Facebook", "wsrivierenland", "Anna Smit", "Com", None]],
            "Statistieken": [["Facebook", "wsrivierenland", "Anna Smit", "Com", None]],
        },
        ["Platform", "Account", "Eigenaar", "Afdeling", "Status"],
    )
    register = load_register(path)
    status = {a.account_id: (a.status.value, a.department) for a in register.accounts}
    assert status == {
        "facebook:wsrivierenland": ("active", "Communicatie"),
        "x:wsrl": ("closed", "Communicatie"),
        "hyves:wsrl": ("active", "Communicatie"),
        "hyves:wsrivierenland": ("closed", "Communicatie"),
    }
    said = _said(register)
    assert any("Opgeheven accounts" in m and "taken as gesloten" in m for m in said)
    # A copy kept beside the register is not read, and says so.
    assert any(m.startswith("register.xlsx › Kopie van Accounts › not a sheet") for m in said)
    assert any(m.startswith("register.xlsx › Statistieken › not a sheet") for m in said)
    assert not _errors(register)


def test_a_sheet_formatted_down_to_its_last_row_reads_as_its_accounts(tmp_path: Path):
    """Excel writes every formatted cell of a sheet formatted whole (borders, a fill) down to
    row 1,048,576: a register of two accounts then holds a million rows of empty cells."""
    base = tmp_path / "base.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Eigenaar"])
    ws.append(["Facebook", "gemeentebaarn", "Kees"])
    ws["A2"].hyperlink = "https://www.facebook.com/gemeentebaarn"
    ws.append(["Instagram", "gemeentebaarn", "Kees"])
    ws.merge_cells("C2:C3")
    ws["A1"].font = Font(bold=True)  # the format `s="1"` below
    wb.save(base)
    path = tmp_path / "register.xlsx"
    empty = "".join(
        f'<row r="{n}" spans="1:3" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}" s="1"/>'
        f'<c r="C{n}" s="1"></c></row><row r="{n + 1}" ht="15" customHeight="1"/>'
        for n in range(4, 300_000, 2)
    )
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
            target.writestr(member, data)
    (sheet,) = read_sheets(path)
    assert len(sheet.rows) == 3  # not 300,000 rows of nothing
    assert sheet.links == {(1, 0): "https://www.facebook.com/gemeentebaarn"}
    register = load_register(path)
    assert [(a.account_id, a.owner_name) for a in register.accounts] == [
        ("facebook:gemeentebaarn", "Kees"),
        ("instagram:gemeentebaarn", "Kees"),
    ]
    assert not _errors(register)


def test_an_owner_who_is_a_vacancy_or_a_pointer_is_no_owner(tmp_path: Path, audit_files):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Facebook", "gemeentewoerden", "vacature", "n.t.b."],
                ["Instagram", "gemeentewoerden", "zie tabblad Contacten", "Idem"],
                ["LinkedIn", "gemeente-woerden", "Kees Smit", "Vacant"],
                ["X", "gemwoerden", "Nog niet bekend", "Marie Jansen"],
            ]
        },
        ["Platform", "Account", "Eigenaar", "Vervanger"],
    )
    register = load_register(path)
    people = {a.account_id: (a.owner_name, a.substitute_name) for a in register.accounts}
    assert people == {
        "facebook:gemeentewoerden": (None, None),
        "instagram:gemeentewoerden": (None, None),
        "linkedin:gemeente-woerden": ("Kees Smit", None),
        "x:gemwoerden": (None, "Marie Jansen"),
    }
    said = _said(register)
    assert (
        'register.xlsx › Accounts › row 5 › Eigenaar: "zie tabblad Contacten" points elsewhere, '
        "which the auditor does not read; fill in the name here (now: no one in this role)"
    ) in said
    assert (
        'register.xlsx › Accounts › row 4 › Eigenaar: "vacature" is no person\'s name; the '
        "account has no one in this role"
    ) in said
    result = audit_files(path)
    assert {f.account_id for f in result.findings_for("OWN001")} == {
        "facebook:gemeentewoerden",
        "instagram:gemeentewoerden",
        "x:gemwoerden",
    }


def test_an_address_copied_with_its_display_name_is_the_address(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Facebook", "wsrl", "Anna Smit", '"Anna Smit" <A.Smit@wsrl.nl>'],
                ["X", "wsrl", "Bert Jansen", "Jansen, Bert <b.jansen@wsrl.nl>"],
                ["Instagram", "wsrl", "Els Mol", "mailto:e.mol@wsrl.nl"],
                ["YouTube", "wsrl", "Els Mol", "Els Mol (e.mol@wsrl.nl)"],
                ["TikTok", "wsrl", None, '"Mol, Els" <e.mol@wsrl.nl>'],
                ["Threads", "wsrl", None, "e.mol@wsrl.nl"],
            ]
        },
        ["Platform", "Account", "Eigenaar", "E-mail beheerder"],
    )
    register = load_register(path)
    assert [a.owner_email for a in register.accounts] == [
        "a.smit@wsrl.nl",
        "b.jansen@wsrl.nl",
        "e.mol@wsrl.nl",
        "e.mol@wsrl.nl",
        "e.mol@wsrl.nl",
        "e.mol@wsrl.nl",
    ]
    # Without a name in its own column, the name the address was copied with is the owner's.
    assert [a.owner_name for a in register.accounts][-2:] == ["Mol, Els", None]
    assert not [p for p in register.problems if p.column == "E-mail beheerder"]


def test_a_total_and_notes_under_the_table_are_no_accounts(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Kanalen"
    ws.append(["Kanaal", "Account", "Afdeling", "Posts per week"])
    ws.append(["Facebook", "https://facebook.com/gemeentenieuwegein", "Communicatie", 5])
    ws.append(["Instagram", "@gemeentenieuwegein", "Communicatie", 3])
    ws.append(["Totaal", None, None, "=SUBTOTAL(109,[Posts per week])"])
    ws.add_table(Table(displayName="Kanalen", ref="A1:D4", totalsRowCount=1))
    ws.append([])
    ws.append(["Opmerking: accounts worden elk kwartaal nagelopen door team Online."])
    ws.append(["Vragen? Mail online@nieuwegein.nl"])
    ws.append([None, None, "Laatst bijgewerkt door de webredactie op 3 maart"])
    ws.append(["TikTok", None, "Jeugd", 2])  # an account without its name is still said so
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.account_id for a in register.accounts] == [
        "facebook:gemeentenieuwegein",
        "instagram:gemeentenieuwegein",
    ]
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (7, 2, 5)
    reasons = {r.row: r.reason for r in entry.rejected}
    assert reasons[4] == 'a totals row ("Totaal"), no account; the row is not used'
    assert reasons[6].startswith('a note, no account: "Opmerking: accounts worden')
    assert (
        reasons[7] == 'a note, no account: "Vragen? Mail online@nieuwegein.nl"; the row is not used'
    )
    assert reasons[8].startswith('a note, no account: "Laatst bijgewerkt')
    # Only the account without a name is an error.
    assert _errors(register) == [
        "register.xlsx › Kanalen › row 9 › Account: no account name or profile URL; "
        "the row is not used"
    ]


def test_dates_as_people_write_them_where_a_day_is_asked(tmp_path: Path):
    written = [
        ("1 januari 2024", dt.date(2024, 1, 1), None),
        ("maandag 1 januari 2024", dt.date(2024, 1, 1), None),
        ("5-apr-2023", dt.date(2023, 4, 5), None),
        ("1-1-24", dt.date(2024, 1, 1), None),
        ("45292", dt.date(2024, 1, 1), None),  # a serial number, as a CSV keeps it
        ("jan-24", dt.date(2024, 1, 1), dt.date(2024, 1, 31)),
        ("maart 2023", dt.date(2023, 3, 1), dt.date(2023, 3, 31)),
        ("Q3 2024", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("1e kwartaal 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("12-2023", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (2019, dt.date(2019, 1, 1), dt.date(2019, 12, 31)),  # a year in a number cell
    ]
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Facebook", f"acc{i}", value, value, "actief"]
                for i, (value, _, _) in enumerate(written)
            ]
            + [["Facebook", "vaag", "voorjaar 2022", None, "actief"]]
        },
        ["Platform", "Account", "Startdatum", "Opgeheven per", "Status"],
    )
    register = load_register(path)
    got = {a.handle: (a.started, a.closed) for a in register.accounts}
    for i, (value, first, last) in enumerate(written):
        # A period starts on its first day and, as a closing date, ends on its last.
        assert got[f"acc{i}"] == (first, last or first), value
    assert got["vaag"] == (None, None)
    assert _errors(register) == [
        'register.xlsx › Accounts › row 16 › Startdatum: "voorjaar 2022" is not a date '
        "(use dd-mm-yyyy or an Excel date)"
    ]
    # Periods read as a day are said, once for the column when there are many.
    said = _said(register)
    assert any("› Startdatum: 7 rows: a month, quarter or year" in m for m in said), said


def test_yes_and_no_with_a_remark_or_as_a_ticked_box(tmp_path: Path):
    answers = [
        ("Ja (mondeling)", True, None),
        ("ja, 3-2-2024", True, dt.date(2024, 2, 3)),
        ("nee\n(volgt)", False, None),
        ("nee - volgt", False, None),
        ("✔️", True, None),  # a tick copied from Teams: the sign and an emoji selector
        ("☑", True, None),
        ("☒", False, None),
        ("WAAR", True, None),
        ("Jansen", None, None),  # no answer at all: still said
    ]
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Facebook", f"acc{i}", value, value] for i, (value, _, _) in enumerate(answers)
            ]
        },
        ["Platform", "Account", "Communicatie betrokken", "Handreiking gelezen"],
    )
    register = load_register(path)
    got = [(a.communicatie_consulted, a.communicatie_consulted_on) for a in register.accounts]
    assert got == [(yes, on) for _, yes, on in answers]
    assert [a.guideline_ack for a in register.accounts] == [yes for _, yes, _ in answers]
    assert _errors(register) == [
        f'register.xlsx › Accounts › row 12 › {column}: "Jansen" is neither a date nor ja/nee'
        for column in ("Communicatie betrokken", "Handreiking gelezen")
    ]


def test_a_formula_whose_result_the_file_does_not_keep_is_said_once(tmp_path: Path):
    """A register written by a script (or exported by a tool) that computes no formulas: the
    cells read as empty, and the user must know why."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Eigenaar", "Status"])
    ws.append(["Facebook", "gemeentebunnik", "Els Mol", "actief"])
    ws.append(["Instagram", "=B2", "=C2", "actief"])
    ws.append(["X", "bunnik", '=HYPERLINK("https://x.com/elsmol";"Els Mol")', '=IF(1,"actief")'])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    register = load_register(path)
    assert _errors(register) == [
        "register.xlsx › Accounts › row 3 › Account: no account name or profile URL; the row is "
        "not used",
        "register.xlsx › Accounts › 3 cells hold a formula whose result the file does not keep "
        "(the first: B3: =B2); they are read as empty. Open the file in Excel or LibreOffice, "
        "save it and read it again",
    ]
    # Once saved by a spreadsheet program, the file keeps every result: nothing to say.
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                for cell, value in [
                    (b"B3", b"gemeentebunnik"), (b"C3", b"Els Mol"),
                    (b"C4", b"Els Mol"), (b"D4", b"actief"),
                ]:  # fmt: skip
                    data = re.sub(
                        rb'<c r="' + cell + rb'"([^>]*)>(<f>.*?</f>)<v\s*/>',
                        rb'<c r="' + cell + rb'"\1 t="str">\2<v>' + value + rb"</v>",
                        data,
                    )
            target.writestr(member, data)
    register = load_register(saved)
    assert not _errors(register)
    assert [(a.account_id, a.owner_name) for a in register.accounts] == [
        ("facebook:gemeentebunnik", "Els Mol"),
        ("instagram:gemeentebunnik", "Els Mol"),
        ("x:bunnik", "Els Mol"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "register.xlsx",
            OLE + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512,
            "the workbook is protected with a password and cannot be read: open it in Excel, "
            "remove the password",
        ),
        ("register.ods", ODS, "an OpenDocument spreadsheet (.ods): open it in LibreOffice"),
        ("register.xlsx", ODS, "an OpenDocument spreadsheet (.ods)"),  # renamed
        ("register.xls", b"<html><table><tr><td>Platform</td></tr></table></html>", "a web page"),
        ("register.xlsx", EMPTY, "the workbook is empty: no sheet holds anything"),
        # A zip of something else: said in the user's words, not the zip library's.
        ("register.xlsx", ZIP, "not a readable Excel workbook (.xlsx)"),
    ],
)
def test_a_file_that_is_no_register_says_what_it_is(tmp_path: Path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content() if callable(content) else content)
    result = CliRunner().invoke(cli, ["validate", "--inventory", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert f"{name} › {said}" in result.output
    assert "Traceback" not in result.output


def test_a_csv_named_as_a_workbook_and_a_workbook_named_as_a_csv_are_read(tmp_path: Path):
    csv = tmp_path / "register.xlsx"
    csv.write_bytes("\ufeffPlatform;Account\r\nFacebook;gemeentezeist\r\n".encode())
    wb = Workbook()
    wb.active.append(["Platform", "Account"])
    wb.active.append(["Instagram", "gemeentezeist"])
    wb.save(tmp_path / "register.csv")
    assert [a.account_id for a in load_register(csv).accounts] == ["facebook:gemeentezeist"]
    workbook = load_register(tmp_path / "register.csv")
    assert [a.account_id for a in workbook.accounts] == ["instagram:gemeentezeist"]


def test_a_short_link_is_said_to_be_one_and_names_no_account(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Register": [
                ["Twitter/X", "https://bit.ly/3abcXYZ", None],
                ["LinkedIn", "lnkd.in/eXaMpLe", "gemeente-woerden"],  # the name is used
            ]
        },
        ["Platform", "URL", "Account"],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["linkedin:gemeente-woerden"]
    assert _errors(register) == [
        'register.xlsx › Register › row 4 › URL: "https://bit.ly/3abcXYZ" is a short link, which '
        "does not say which account it leads to (the auditor follows no links); give the "
        "address of the profile; the row is not used"
    ]


def test_headers_of_a_safety_region_and_a_water_board(tmp_path: Path):
    header = [
        "Platform", "@naam", "Profile", "Department/team", "Eigenaar (naam)",
        "Eigenaar (e-mail)", "Naam beheerder 2", "E-mailadres beheerder 2", "Start date",
        "Closed on",
    ]  # fmt: skip
    row = [
        "X", "@VRUtrecht", "https://x.com/VRUtrecht", "Crisiscommunicatie", "Karin de Boer",
        "k.deboer@vru.nl", "Tom Visser", "t.visser@vru.nl", "2019-03-01", "31-12-2025",
    ]  # fmt: skip
    register = load_register(_tabs(tmp_path / "register.xlsx", {"Accounts": [row]}, header))
    (account,) = register.accounts
    assert (account.account_id, account.display_name) == ("x:vrutrecht", None)
    assert (account.department, account.owner_name, account.owner_email) == (
        "Crisiscommunicatie",
        "Karin de Boer",
        "k.deboer@vru.nl",
    )
    assert (account.substitute_name, account.substitute_email) == ("Tom Visser", "t.visser@vru.nl")
    assert (account.started, account.closed) == (dt.date(2019, 3, 1), dt.date(2025, 12, 31))
    assert not [m for m in _said(register) if "not a register column" in m]


def test_a_row_for_two_platforms_or_two_handles_is_an_account_on_each(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Facebook + Instagram", "gemeentezeist", "Jan Smit"],
                ["FB/Insta", "zeistsport", "Jan Smit"],
                ["Twitter/X", "zeist", "Jan Smit"],  # one platform, named twice
                ["Instagram", "@zeistjong\n@zeistcultuur", "Jan Smit"],
                ["Instagram", "@zeistjong / @zeistsport", "Jan Smit"],  # both seen
                ["Facebook en Instagram", "gemeentezeist", "Jan Smit"],  # both seen
            ]
        },
        ["Platform", "Account", "Eigenaar"],
    )
    register = load_register(path)
    assert [(a.source_row, a.account_id) for a in register.accounts] == [
        (4, "facebook:gemeentezeist"),
        (4, "instagram:gemeentezeist"),
        (5, "facebook:zeistsport"),
        (5, "instagram:zeistsport"),
        (6, "x:zeist"),
        (7, "instagram:zeistjong"),
        (7, "instagram:zeistcultuur"),
    ]
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_duplicate) == (6, 4, 2)
    said = _said(register)
    assert (
        'register.xlsx › Accounts › row 4 › Platform: "Facebook + Instagram" names several '
        "platforms; the row is read as an account on each: Facebook, Instagram"
    ) in said
    assert (
        'register.xlsx › Accounts › row 7 › Account: "@zeistjong @zeistcultuur" names several '
        "accounts; the row is read as each of them: @zeistjong, @zeistcultuur"
    ) in said


def test_an_emoji_beside_a_handle_or_link_is_no_part_of_it(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Instagram", "instagram.com/zeistjong 🎉", "Jan Smit"],
                ["Instagram", "📷 @zeistcultuur", "Jan Smit"],
                ["X", "@zeist ✅", "Jan Smit"],
                ["Facebook", "＠ｇｅｍｅｅｎｔｅｚｅｉｓｔ", "Jan Smit"],  # wide forms
            ]
        },
        ["Platform", "Account", "Eigenaar"],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "instagram:zeistjong",
        "instagram:zeistcultuur",
        "x:zeist",
        "facebook:gemeentezeist",
    ]
    assert not [p for p in register.problems if p.column == "Account"]


def test_headers_under_a_group_header_merged_across_them_are_read_with_it(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    ws.append(["Social media – Waterschap Rivierenland"])
    ws.merge_cells("A1:G1")
    ws.append(["Account", None, None, "Eigenaar", None, "Vervanger", None])
    for span in ("A2:C2", "D2:E2", "F2:G2"):
        ws.merge_cells(span)
    ws.append(["Platform", "Naam", "URL", "Naam", "E-mail", "Naam", "E-mail"])
    ws.append([
        "Facebook", "wsrivierenland", "https://facebook.com/waterschaprivierenland",
        "Anna Smit", "a.smit@wsrl.nl", "Bert Jansen", "b.jansen@wsrl.nl",
    ])  # fmt: skip
    ws.append(["X", "wsrl", None, "Anna Smit", "a.smit@wsrl.nl", "Bert Jansen", "bjansen"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    account, _ = register.accounts
    assert account.account_id == "facebook:waterschaprivierenland"
    assert (account.owner_name, account.owner_email) == ("Anna Smit", "a.smit@wsrl.nl")
    assert (account.substitute_name, account.substitute_email) == (
        "Bert Jansen",
        "b.jansen@wsrl.nl",
    )
    said = _said(register)
    assert not [m for m in said if "not a register column" in m], said
    # Messages name a column by its group and its own header.
    assert (
        'register.xlsx › Overzicht › row 5 › Vervanger E-mail: "bjansen" is not an e-mail address'
    ) in said


def test_main_and_secondary_as_other_organisations_call_them(tmp_path: Path):
    kinds = {
        "Algemeen": "main",
        "Organisatieaccount": "main",
        "Gemeentebreed": "main",
        "Campagne": "secondary",
        "Teamaccount": "secondary",
        "Tijdelijk": "secondary",
        "Wijkaccount": "secondary",
    }
    path = _tabs(
        tmp_path / "register.xlsx",
        {"Accounts": [["X", f"acc{i}", kind] for i, kind in enumerate(kinds)]},
        ["Platform", "Account", "Soort account"],
    )
    register = load_register(path)
    assert [a.type.value for a in register.accounts] == list(kinds.values())
    assert not _errors(register)


def test_platforms_abbreviated_as_a_spreadsheet_keeps_them(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {"Accounts": [["LI", "gemeente-woerden"], ["TW", "gemwoerden"], ["X.com", "woerden"]]},
        ["Platform", "Account"],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "linkedin:gemeente-woerden",
        "x:gemwoerden",
        "x:woerden",
    ]


def test_a_register_kept_a_column_per_platform(tmp_path: Path):
    """`Afdeling | Eigenaar | Facebook | Instagram | X`: each department's handles under their
    platform, as a province's communication team kept it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kanalen"
    ws.append(["Afdeling", "Eigenaar", "Facebook", "Instagram", "X (Twitter)"])
    ws.append(["Communicatie", "Jan Bakker", "provincieutrecht", "@provincieutrecht", None])
    ws.append(["Mobiliteit", "Piet de Vries", None, None, "https://x.com/PU_Mobiliteit"])
    ws.append(["Cultuur", "Els Mol", "x", None, None])  # a mark, not a handle
    ws.append(["Natuur", "Els Mol", None, None, None])
    ws["D3"] = "@pu_mobiliteit"
    ws["D3"].hyperlink = "https://www.instagram.com/pu_mobiliteit/"
    wb.create_sheet("Bereik").append(["Maand", "Facebook", "Instagram"])  # figures: no accounts
    wb["Bereik"].append(["januari", 1200, 800])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [(a.source_row, a.account_id, a.department) for a in register.accounts] == [
        (2, "facebook:provincieutrecht", "Communicatie"),
        (2, "instagram:provincieutrecht", "Communicatie"),
        (3, "instagram:pu_mobiliteit", "Mobiliteit"),
        (3, "x:pu_mobiliteit", "Mobiliteit"),
    ]
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 2, 2)
    assert _errors(register) == [
        'register.xlsx › Kanalen › row 4 › Facebook: "x" says there is an account on Facebook, '
        "but not which: give its account name or profile address",
        "register.xlsx › Kanalen › row 5 › no account name or profile address in any of the "
        "platforms' columns; the row is not used",
    ]


def test_a_platform_is_named_alone_alike_in_a_column_and_a_tab(tmp_path: Path):
    # One word list for both: a column per platform knew `-pagina` but not `-pagina's` or
    # `-kanalen`, which a tab per platform knew; a tab knew neither `-accountnaam` nor
    # `-handle`, which a column did.
    wide = _tabs(
        tmp_path / "kolommen.xlsx",
        {"Accounts": [["Sport", "zeistsport", "@zeistsport"]]},
        ["Afdeling", "Facebookpagina's", "Instagram-kanalen"],
    )
    assert [a.account_id for a in load_register(wide).accounts] == [
        "facebook:zeistsport",
        "instagram:zeistsport",
    ]
    tabs = Workbook()
    tabs.remove(tabs.active)
    for name, handle in [("Instagram-accountnaam", "@zeistsport"), ("X-handle", "@zeist")]:
        ws = tabs.create_sheet(name)
        ws.append(["Account", "Afdeling"])
        ws.append([handle, "Sport"])
    tabs.save(tmp_path / "tabbladen.xlsx")
    assert [a.account_id for a in load_register(tmp_path / "tabbladen.xlsx").accounts] == [
        "instagram:zeistsport",
        "x:zeist",
    ]


def test_a_header_with_a_remark_in_brackets_is_its_column(tmp_path: Path):
    header = [
        "Platform*", "Accountnaam (zonder @)", "Eigenaar (verplicht)",
        "E-mail eigenaar (verplicht)", "Startdatum (dd-mm-jjjj)", "Type (hoofd/neven)",
        "Doel (zie handreiking)", "Rol\n(zie toelichting)",
    ]  # fmt: skip
    row = ["X", "zeist", "Jan Smit", "j.smit@zeist.nl", "01-03-2024", "hoofd", "informeren", "x"]
    register = load_register(_tabs(tmp_path / "register.xlsx", {"Accounts": [row]}, header))
    (account,) = register.accounts
    assert (account.owner_name, account.owner_email) == ("Jan Smit", "j.smit@zeist.nl")
    assert (account.started, account.type.value) == (dt.date(2024, 3, 1), "main")
    assert (account.goal_raw, account.role) == ("informeren", "x")
    assert not [m for m in _said(register) if "not a register column" in m]


def test_statuses_as_other_registers_write_them(tmp_path: Path):
    statuses = {
        "Online": "active",
        "In de lucht": "active",
        "Lopend": "active",
        "Afgeschaft": "closed",
        "Stopgezet": "closed",
        # Still in use until it is closed: said, since it reads both ways.
        "Wordt opgeheven per 1-1-2027": "active",
    }
    path = _tabs(
        tmp_path / "register.xlsx",
        {"Accounts": [["X", f"acc{i}", s] for i, s in enumerate(statuses)]},
        ["Platform", "Account", "Status"],
    )
    register = load_register(path)
    assert [a.status.value for a in register.accounts] == list(statuses.values())
    assert register.accounts[-1].closed is None
    assert not _errors(register)
    assert (
        'register.xlsx › Accounts › row 9 › Status: status "Wordt opgeheven per 1-1-2027" read '
        "as actief"
    ) in _said(register)


def test_blocks_copied_with_their_header_and_a_platform_above(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    for row in [
        ["Facebook"],
        ["Platform", "Account", "Eigenaar"],
        ["Facebook", "gemeentezeist", "Jan Smit"],
        [],
        ["Instagram"],
        ["Platform", "Account", "Eigenaar"],
        [None, "gemeentezeist", "Jan Smit"],  # the block's platform
        ["Kanaal", "Accountnaam", "Beheerder"],  # the header again, in other words
        ["X", "zeist", "Jan Smit"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.account_id for a in register.accounts] == [
        "facebook:gemeentezeist",
        "instagram:gemeentezeist",
        "x:zeist",
    ]
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (6, 3, 3)
    assert not _errors(register)
    assert [r.reason for r in entry.rejected][1:] == [
        "the header again (Platform, Account, Eigenaar), no account; the row is not used",
        "the header again (Kanaal, Accountnaam, Beheerder), no account; the row is not used",
    ]


def test_a_post_address_with_no_account_name_is_one_error_that_says_why(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {"Accounts": [["Instagram", "https://instagram.com/p/CxYz123/", "Jan Smit"]]},
        ["Platform", "URL", "Eigenaar"],
    )
    register = load_register(path)
    assert register.accounts == []
    assert [p.render("en") for p in register.problems if p.row == 4] == [
        'register.xlsx › Accounts › row 4 › URL: "https://instagram.com/p/CxYz123/" is not a '
        "profile on instagram (the address of a post or video?) and no account name is given; "
        "give the address of the profile; the row is not used"
    ]


def test_a_day_after_a_word_that_says_from_when(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["X", "zeist", "sinds 2019", "per 1-3-2024"],
                ["X", "zeistjong", "m.i.v. 1-1-2025", None],
            ],
        },
        ["Platform", "Account", "Gestart", "Opgeheven per"],
    )
    register = load_register(path)
    got = [(a.started, a.closed) for a in register.accounts]
    assert got == [
        (dt.date(2019, 1, 1), dt.date(2024, 3, 1)),
        (dt.date(2025, 1, 1), None),
    ]
    assert not _errors(register)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    placed=st.lists(
        st.tuples(
            st.sampled_from(["x", "instagram", "facebook"]),
            # Handles, never a word that says there is none yet (`volgt`, `nvt`).
            st.from_regex(r"[a-z0-9_]{2,10}", fullmatch=True).map(lambda h: "zeist" + h),
            st.lists(st.sampled_from(["Sport", "Cultuur", "Jeugd"]), min_size=1, max_size=2),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_account_on_department_tabs_is_used_once(tmp_path_factory, placed):
    """However accounts are spread over department tabs, and listed on more than one, each is
    used once, every row is accounted for, and it belongs to the first tab that lists it (a
    register of one tab says no department by its name)."""
    tabs: dict[str, list[list[object]]] = {"Sport": [], "Cultuur": [], "Jeugd": []}
    for platform, handle, departments in placed:
        for department in departments:
            tabs[department].append([platform, handle, "Jan Smit"])
    tabs = {name: rows for name, rows in tabs.items() if rows}
    path = _tabs(
        tmp_path_factory.mktemp("tabs") / "register.xlsx", tabs, ["Platform", "Account", "Eigenaar"]
    )
    register = load_register(path)
    first_tab: dict[str, str | None] = {}
    for name, rows in tabs.items():
        for platform, handle, _ in rows:
            first_tab.setdefault(f"{platform}:{handle}", name if len(tabs) > 1 else None)
    assert {a.account_id: a.department for a in register.accounts} == first_tab
    assert len(register.accounts) == len(first_tab)
    for entry in register.ledger:
        assert entry.rows_read == entry.rows_used + entry.rows_duplicate + entry.rows_rejected
    assert sum(e.rows_read for e in register.ledger) == sum(len(r) for r in tabs.values())


def test_a_contacts_tab_is_the_staff_list(tmp_path: Path):
    path = _tabs(
        tmp_path / "register.xlsx",
        {"Accounts": [["X", "zeist", "Jan Smit"]]},
        ["Platform", "Account", "Eigenaar"],
    )
    wb = load_workbook(path)
    contacts = wb.create_sheet("Contacten")
    contacts.append(["Naam", "E-mail", "In dienst"])
    contacts.append(["Jan Smit", "j.smit@zeist.nl", "nee"])
    wb.save(path)
    register = load_register(path)
    assert [(p.name, p.active) for p in register.staff or []] == [("Jan Smit", False)]
    assert not [m for m in _said(register) if "Contacten" in m and "not read" in m]


def test_a_platform_heading_above_accounts_that_name_none(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    for row in [
        ["Platform", "Account", "Eigenaar"],
        ["Facebook"],
        [None, "gemeentezeist", "Jan Smit"],
        [None, "zeistsport", "Jan Smit"],
        ["Instagram"],
        [None, "gemeentezeist", "Jan Smit"],
        ["X", "zeist", "Jan Smit"],
        ["LinkedIn"],  # half a row: still an account without a name
        ["TikTok", "zeist", "Jan Smit"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.account_id for a in register.accounts] == [
        "facebook:gemeentezeist",
        "facebook:zeistsport",
        "instagram:gemeentezeist",
        "x:zeist",
        "tiktok:zeist",
    ]
    assert _errors(register) == [
        "register.xlsx › Accounts › row 8 › Account: no account name or profile URL; the row "
        "is not used"
    ]


def test_a_register_with_a_reserve_contact_a_purpose_column_and_a_count_under_it(tmp_path: Path):
    """Seen on a register made for a user check: `Reservecontact` is the substitute, `Doel van
    het kanaal` the goal, and `Totaal | 8` under the table is a total, not an account of a
    platform called "totaal"."""
    from openpyxl import Workbook

    from auditor.register import load_register

    wb = Workbook()
    ws = wb.active
    header = ["Kanaal", "Accountnaam / URL", "Team", "Contactpersoon", "Reservecontact"]
    ws.append([*header, "Doel van het kanaal"])
    link = "https://www.facebook.com/GemeenteHouten/"
    ws.append(["Facebook", link, "Communicatie", "Lotte Bakker", "Ruben Smit", "informeren"])
    ws.append([])
    ws.append(["Totaal", 8])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    register = load_register(path)
    (account,) = register.accounts
    assert (account.substitute_name, [g.value for g in account.goal]) == (
        "Ruben Smit",
        ["informeren"],
    )
    totals = [p for p in register.problems if p.message.key == "register.total_row"]
    assert [p.row for p in totals] == [4]


def test_a_total_in_words_in_a_column_the_register_does_not_read_is_a_total(tmp_path: Path):
    """Seen on a register made for a user check: `Totaal: 8 kanalen` under the table, in the
    `Nr.` column the auditor skips, was an account without a platform (an error)."""
    from openpyxl import Workbook

    from auditor.register import load_register

    wb = Workbook()
    ws = wb.active
    ws.append(["Nr.", "Social medium", "Accountnaam / URL", "Team", "Beheerder 1"])
    ws.append([1, "X (Twitter)", "https://x.com/heuveldorp", "Communicatie", "Mark de Vries"])
    ws.append([])
    ws.append(["Totaal: 8 kanalen"])
    ws.append(["Aantal accounts in 2025"])  # a count in words with a number: a total too
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.handle for a in register.accounts] == ["heuveldorp"]
    totals = [p.row for p in register.problems if p.message.key == "register.total_row"]
    assert totals == [4, 5]
    assert [p for p in register.problems if p.level.name == "ERROR"] == []


def test_two_platforms_and_two_handles_in_one_row_are_said_once(tmp_path: Path):
    from openpyxl import Workbook

    from auditor.register import load_register

    wb = Workbook()
    wb.active.append(["Platform", "Account", "Afdeling", "Beheerder"])
    wb.active.append(["Facebook + Instagram", "@zeist / @zeistjong", "Sport", "Anna de Vries"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert len(register.accounts) == 4
    said = [p.message.key for p in register.problems if p.row == 2]
    assert said.count("register.several_handles") == 1, said


def test_an_address_column_is_the_owners_or_substitutes_by_the_words_for_either(tmp_path):
    """`E-mailadres verantwoordelijke` beside `Verantwoordelijke`, `Mail reservecontact` beside
    `Reservecontact`: any header the lists take for the person, with an address word."""
    path = tmp_path / "register.csv"
    path.write_text(
        "Kanaal;Link;Afdeling;Verantwoordelijke;E-mailadres verantwoordelijke;"
        "Reservecontact;Mail reservecontact\n"
        "X;https://x.com/bunnik;Communicatie;Pieter Jansen;p.jansen@bunnik.nl;"
        "Anouk de Vries;a.devries@bunnik.nl\n",
        encoding="utf-8",
    )
    register = load_register(path)
    [account] = register.accounts
    assert (account.owner_name, account.owner_email) == ("Pieter Jansen", "p.jansen@bunnik.nl")
    assert (account.substitute_name, account.substitute_email) == (
        "Anouk de Vries",
        "a.devries@bunnik.nl",
    )
    assert not any("not a register column" in said for said in _said(register))


def test_a_handle_in_the_link_column_beside_a_name_names_the_account(tmp_path):
    """`@haileytupy2.0` under Link beside `Bunnik Jong` under the account's name: the account
    is the handle, the name its display name (the handle was dropped as "no web address" and
    the account became `bunnikjong`, which no export names)."""
    path = tmp_path / "register.csv"
    path.write_text(
        "Kanaal;Naam account;Link;Afdeling;Verantwoordelijke\n"
        "TikTok;Bunnik Jong;@haileytupy2.0;Jeugd;Anouk de Vries\n"
        "Instagram;bunnik_cultuur;n.v.t.;Cultuur;Pieter Jansen\n",
        encoding="utf-8",
    )
    register = load_register(path)
    tiktok, instagram = register.accounts
    assert (tiktok.account_id, tiktok.display_name) == ("tiktok:haileytupy2.0", "Bunnik Jong")
    assert instagram.account_id == "instagram:bunnik_cultuur"  # a placeholder is no handle
    assert not any("@haileytupy2.0" in said for said in _said(register))


def test_a_municipalitys_own_words_for_team_name_and_back_up_are_columns(tmp_path):
    """`Dienst / Team`, `Weergegeven naam`, `Back-up persoon`: each was "not a register
    column", so every account lacked its department, display name and substitute."""
    path = tmp_path / "register.csv"
    path.write_text(
        "Medium;Profiel (link);Weergegeven naam;Dienst / Team;Eigenaar (naam);Back-up persoon\n"
        "Facebook;https://www.facebook.com/gemeentewijkdorp;Gemeente Wijkdorp;Communicatie;"
        "Marieke Visser;Tom Bos\n",
        encoding="utf-8",
    )
    register = load_register(path)
    [account] = register.accounts
    assert (account.display_name, account.department, account.substitute_name) == (
        "Gemeente Wijkdorp",
        "Communicatie",
        "Tom Bos",
    )
    assert not any("not a register column" in said for said in _said(register))


def test_naam_op_het_kanaal_and_reserve_are_columns(tmp_path):
    """Seen on a register made for a user check: `Naam op het kanaal` (the display name) and
    `Reserve` (the substitute) were "not a register column", so every account lacked both."""
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform / kanaal;Link naar profiel;Naam op het kanaal;Afdeling;Eigenaar;Reserve\n"
        "Instagram;https://www.instagram.com/lindewaard/?hl=nl;Lindewaard;Communicatie;"
        "Iris Mulder;Tom Peters\n",
        encoding="utf-8",
    )
    register = load_register(path)
    [account] = register.accounts
    assert (account.handle, account.display_name, account.substitute_name) == (
        "lindewaard",
        "Lindewaard",
        "Tom Peters",
    )
    assert not any("not a register column" in said for said in _said(register))
