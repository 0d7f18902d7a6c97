"""Round eight: the register as people and programs leave it. A note typed under the table, a
vacancy written where a substitute belongs, two platforms named for one link, the template in
English, and what SharePoint, Forms and Google Sheets put in a register's cells."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.register import load_register

HEADER = ["Platform", "Account", "URL", "Afdeling", "Beheerder", "Vervanger", "Status"]


def _register(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """A register written by hand: its accounts, a staff list and two departments."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(header)
    for row in rows:
        ws.append(row)
    staff = wb.create_sheet("Medewerkers")
    staff.append(["Naam", "E-mail", "Afdeling", "In dienst"])
    staff.append(["Jan Jansen", "j.jansen@zeist.nl", "Communicatie", "ja"])
    staff.append(["Piet Pieters", "p.pieters@zeist.nl", "Communicatie", "ja"])
    staff.append(["Anna de Vries", "a.devries@zeist.nl", "Jeugd", "ja"])
    departments = wb.create_sheet("Afdelingen")
    departments.append(["Afdeling", "Manager"])
    departments.append(["Communicatie", "Anna de Vries"])
    departments.append(["Jeugd", "Anna de Vries"])
    wb.save(path)
    return path


def _account(platform: str, handle: str | None, url: str | None = None, **cells) -> list:
    return [
        platform,
        handle,
        url,
        cells.get("department", "Communicatie"),
        cells.get("owner", "Jan Jansen"),
        cells.get("substitute", "Piet Pieters"),
        cells.get("status", "actief"),
    ]


def _validate(register: Path, lang: str = "nl"):
    result = CliRunner().invoke(cli, ["validate", "--lang", lang, "-i", str(register)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _said(result, *words: str) -> list[str]:
    """The lines of the output holding every word given."""
    return [line for line in result.output.splitlines() if all(w in line for w in words)]


def _run(tmp_path: Path, register: Path, lang: str = "nl") -> dict:
    """The run's findings.json; every sheet's ledger balances."""
    out = tmp_path / "audit"
    args = ["run", "--lang", lang, "-i", str(register), "--period", "2026-Q3"]
    args += ["--out", str(out), "--history", str(tmp_path / "h.sqlite")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    for entry in findings["inputs"]:
        assert entry["rows_read"] == (
            entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
        ), entry
    return findings


def test_a_note_typed_under_the_table_is_a_note_even_when_it_names_a_platform(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("Facebook", "gemeentezeist"),
            _account("Instagram", "@gemeentezeist"),
            _account(None, "@zeistjeugd", department="Jeugd"),  # its platform forgotten
            [],
            ["Opmerking: TikTok nog niet live, volgt in Q1"],
            ["Instagram-account voor de jeugd volgt later dit jaar"],
        ],
    )
    wb = openpyxl.load_workbook(register)
    ws = wb["Accounts"]
    ws.cell(9, 1, "Let op: de LinkedIn-pagina wordt beheerd door HR")
    ws.merge_cells("A9:G9")  # a sentence across the table
    wb.save(register)
    result = _validate(register)
    for row in (6, 7, 9):
        (line,) = _said(result, f"Accounts › rij {row} ›")
        assert line.startswith("waarschuwing:") and "een opmerking, geen account" in line, line
    # The account whose platform was left out stays an error: it names an account.
    (line,) = _said(result, "Accounts › rij 4 ›")
    assert line.startswith("fout:") and "geen platform ingevuld" in line
    assert _said(result, "Accounts: gelezen 6, gebruikt 2, dubbel 0, afgewezen 4")


def test_two_platforms_beside_one_link_are_the_links_account_and_the_other_said(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("Facebook + Instagram", None, "https://facebook.com/gemeentezeist"),
            # A name beside the link: the other platform's account has that name.
            _account("Facebook + Instagram", "zeistjeugd", "https://www.facebook.com/zeistjeugd"),
            _account("Facebook + Instagram", "@zeistsport", substitute="n.t.b."),
        ],
    )
    result = _validate(register, lang="en")
    assert not _said(result, "twice"), result.output
    (line,) = _said(result, "Accounts › row 2 › Platform:", "also names")
    assert line == (
        'warning: register.xlsx › Accounts › row 2 › Platform: "Facebook + Instagram" also '
        "names Instagram, but the row gives an address on Facebook alone; no account on "
        "Instagram is read: put it on a row of its own with its account name or URL"
    )
    assert not _said(result, "row 3", "also names")
    # What is wrong in a cell the row's accounts share is said once.
    assert len(_said(result, "row 4 › Vervanger", "n.t.b.")) == 1
    findings = _run(tmp_path, register, lang="en")
    assert sorted(a["account_id"] for a in findings["accounts"]) == [
        "facebook:gemeentezeist",
        "facebook:zeistjeugd",
        "facebook:zeistsport",
        "instagram:zeistjeugd",
        "instagram:zeistsport",
    ]


def test_a_vacancy_or_a_question_mark_for_a_person_is_shown_as_the_register_writes_it(
    tmp_path: Path,
):
    written = ["n.t.b.", "nog niet bekend", "vacant", "volgt", "?"]
    register = _register(
        tmp_path / "register.xlsx",
        [_account("X", f"zeist{i}", substitute=w) for i, w in enumerate(written)]
        + [
            _account("X", "zeistleeg", substitute=None),
            _account("X", "zeistvacature", owner="vacature"),
        ],
    )
    findings = _run(tmp_path, register)
    by_account = {
        f["account_id"]: f for f in findings["findings"] if f["check_id"] in ("OWN001", "OWN002")
    }
    for i, w in enumerate(written):
        finding = by_account[f"x:zeist{i}"]
        assert finding["message"] == f"vervanger is '{w}': niemand genoemd", finding
        assert finding["evidence"]["substitute_name"] == w
    # An empty cell is still said to be empty.
    assert by_account["x:zeistleeg"]["message"] == "geen vervanger ingevuld"
    assert by_account["x:zeistleeg"]["evidence"]["substitute_name"] is None
    owner = by_account["x:zeistvacature"]
    assert owner["message"] == "beheerder is 'vacature': geen persoon"
    assert owner["evidence"]["matched"] == "vacature"


def test_a_main_account_with_no_responder_or_department_says_so_not_a_dash(tmp_path: Path):
    header = [*HEADER, "Type", "Beantwoording"]
    register = _register(
        tmp_path / "register.xlsx",
        [
            [*_account("X", "gemeentezeist"), "hoofdaccount", None],
            [*_account("Facebook", "gemeentezeist", department=None), "hoofdaccount", "KCC"],
        ],
        header=header,
    )
    findings = _run(tmp_path, register)
    said = {
        (f["account_id"], f["message"]) for f in findings["findings"] if f["check_id"] == "OWN006"
    }
    assert said == {
        ("x:gemeentezeist", "niet ingevuld wie beantwoordt (norm: KCC)"),
        ("facebook:gemeentezeist", "geen afdeling ingevuld (norm: Communicatie)"),
    }
    # The workbook owners return holds the same sentences, with no dash in quotes.
    book = openpyxl.load_workbook(tmp_path / "audit" / "audit.xlsx")
    texts = {str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v}
    assert "niet ingevuld wie beantwoordt (norm: KCC)" in texts
    assert not [t for t in texts if "'–'" in t or "'-'" in t]


def test_init_in_english_writes_an_english_register_that_validates_as_the_dutch_one(
    tmp_path: Path,
):
    runner = CliRunner()
    for lang in ("nl", "en"):
        folder = tmp_path / lang
        result = runner.invoke(cli, ["init", str(folder), "--lang", lang])
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(folder / "register.xlsx")
        headers = {ws.title: [c.value for c in ws[1]] for ws in book}
        examples = {ws.title: [c.value for c in ws[2]] for ws in book}
        role = headers["Accounts"].index("Rol" if lang == "nl" else "Role")
        explained = runner.invoke(cli, ["explain", "DOC002", "--lang", lang]).output
        # The template's example role is one explain gives (it was `initiator` in Dutch).
        assert examples["Accounts"][role] in explained
        validated = _validate(folder / "register.xlsx", lang=lang)
        assert validated.exit_code == 0, validated.output
        assert " 0 warnings" in validated.output or " 0 waarschuwingen" in validated.output
        if lang == "en":
            assert list(headers) == ["Accounts", "Staff", "Departments", "Waivers"]
            assert headers["Accounts"][:6] == [
                *["Platform", "Account", "URL", "Display name", "Type", "Department"]
            ]
            assert examples["Accounts"][4] == "main"
            staff = ["Firstname Lastname", "v.achternaam@zeist.nl", "Communicatie", "yes", None]
            assert examples["Staff"] == staff
            assert "Firstname Lastname, Firstname Colleague, the waiver on Waivers" in result.output
        else:
            assert list(headers) == ["Accounts", "Medewerkers", "Afdelingen", "Uitzonderingen"]
            assert examples["Accounts"][role] == "initiatiefnemer"


def test_a_column_of_checkboxes_or_true_and_false_is_said_as_the_box(tmp_path: Path):
    header = [*HEADER, "Tweestapsverificatie", "Archivering"]
    register = _register(
        tmp_path / "register.xlsx",
        [
            [*_account("X", "zeistaan"), True, True],
            [*_account("X", "zeistuit"), False, False],
            # A CSV a Dutch spreadsheet saved writes its boxes as WAAR and ONWAAR.
            [*_account("X", "zeistonwaar"), "ONWAAR", "WAAR"],
            [*_account("X", "zeistleeg"), "☐", "☑"],
        ],
        header=header,
    )
    assert _validate(register).exit_code == 0
    findings = _run(tmp_path, register)
    said = {
        (f["check_id"], f["account_id"]): f["message"]
        for f in findings["findings"]
        if f["check_id"] in ("SEC001", "ARC001")
    }
    assert said == {
        ("SEC001", "x:zeistuit"): "volgens het register staat tweestapsverificatie niet aan ('☐')",
        ("ARC001", "x:zeistuit"): said[("ARC001", "x:zeistuit")],
        ("SEC001", "x:zeistonwaar"): (
            "volgens het register staat tweestapsverificatie niet aan ('ONWAAR')"
        ),
        ("SEC001", "x:zeistleeg"): "volgens het register staat tweestapsverificatie niet aan ('☐')",
    }
    assert "☐" in said[("ARC001", "x:zeistuit")]


def test_an_owner_written_as_the_address_the_staff_list_gives_is_that_colleague(
    tmp_path: Path,
):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "zeistsport", department="Jeugd", owner="Anna de Vries"),
            _account("Instagram", "zeistjeugd", department="Jeugd", owner="a.devries@zeist.nl"),
            _account("Facebook", "zeistjeugd", substitute="mailto:A.deVries@zeist.nl"),
            # An address the staff list does not give stays as written.
            _account("TikTok", "zeistjeugd", owner="k.bos@zeist.nl"),
        ],
    )
    findings = _run(tmp_path, register)
    owners = sorted(p.name for p in (tmp_path / "audit" / "owners").iterdir())
    assert owners == ["anna-de-vries.html", "jan-jansen.html", "k-bos-zeist-nl.html"]
    page = (tmp_path / "audit" / "owners" / "anna-de-vries.html").read_text(encoding="utf-8")
    assert "zeistjeugd" in page and "zeistsport" in page
    # Still the colleague of the staff list: no finding that she is not in it.
    assert not [
        f
        for f in findings["findings"]
        if f["check_id"] == "OWN004" and f["account_id"] != "tiktok:zeistjeugd"
    ]


def test_rows_a_filter_leaves_out_are_read_and_said_once_for_the_sheet(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "gemeentezeist"),
            _account("Facebook", "zeistoud", status="gesloten"),
            _account("Instagram", "gemeentezeist"),
            _account("TikTok", "zeistjong", status="gesloten"),
        ],
    )
    book = openpyxl.load_workbook(register)
    sheet = book["Accounts"]
    sheet.auto_filter.ref = "A1:G5"  # filtered on Status = actief, as a user leaves it
    sheet.auto_filter.add_filter_column(6, ["actief"])
    for row in (3, 5):
        sheet.row_dimensions[row].hidden = True
    book.save(register)
    result = _validate(register)
    assert _said(result, "Accounts: gelezen 4, gebruikt 4, dubbel 0, afgewezen 0")
    (line,) = _said(result, "verborgen")
    assert line == (
        "waarschuwing: register.xlsx › Accounts › 2 rijen zijn verborgen of weggefilterd in het "
        "rekenprogramma (rijen 3, 5) en worden toch gelezen, zoals elke andere rij"
    )
    english = _validate(register, lang="en")
    assert _said(english, "2 rows are hidden or filtered out", "(rows 3, 5)")
    # A sheet with nothing hidden says nothing of it.
    assert not _said(_validate(_register(tmp_path / "plain.xlsx", [_account("X", "z")])), "verbor")


def test_a_substitute_named_in_the_owners_cell_is_the_substitute(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "a", owner="Anna de Vries, Jan Jansen (vervanger)", substitute=None),
            _account("X", "b", owner="Anna de Vries\nJan Jansen (back-up)", substitute=None),
            _account("X", "c", owner="Anna de Vries (vervanger: Jan Jansen)", substitute=None),
            _account("X", "d", owner="Vries, Anna de; Jansen, Jan (reserve)", substitute=None),
            # A remark that is no name, one person alone, a substitute of its own: as before.
            _account("X", "e", owner="Anna de Vries (vervanging bij ziekte)", substitute=None),
            _account("X", "f", owner="Jansen, Jan (vervanger)", substitute=None),
            _account("X", "g", owner="Anna de Vries, Jan Jansen (vervanger)"),
        ],
    )
    result = _validate(register, lang="en")
    (line,) = _said(result, "row 3 › Beheerder")
    assert line == (
        'warning: register.xlsx › Accounts › row 3 › Beheerder: "Anna de Vries Jan Jansen '
        '(back-up)" names Jan Jansen as the substitute: read as the substitute, not as a '
        "second owner"
    )
    assert len(_said(result, "as the substitute: read as")) == 4
    findings = _run(tmp_path, register)
    no_substitute = sorted(
        f["account_id"] for f in findings["findings"] if f["check_id"] == "OWN002"
    )
    assert no_substitute == ["x:e", "x:f"]
    substitutes = {f["account_id"] for f in findings["findings"] if f["check_id"] == "OWN004"}
    assert not substitutes, "Jan Jansen and Anna de Vries are the staff list's"


def test_colleagues_copied_with_their_addresses_in_one_cell_are_each_an_owner(tmp_path: Path):
    rows = {
        "x": "Jan Jansen <j.jansen@zeist.nl>; Piet Pieters <p.pieters@zeist.nl>",
        "tiktok": "Jansen, Jan <j.jansen@zeist.nl>; Pieters, Piet <p.pieters@zeist.nl>",
        "instagram": "Jan Jansen (j.jansen@zeist.nl), Piet Pieters (p.pieters@zeist.nl)",
        "facebook": "j.jansen@zeist.nl; P.Pieters@zeist.nl",
        "youtube": "Jan Jansen <j.jansen@zeist.nl>; Kees Bos <k.bos@zeist.nl>",
    }
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account(platform, "zeist", owner=cell, substitute="Anna de Vries")
            for platform, cell in rows.items()
        ],
    )
    findings = _run(tmp_path, register)
    # The second colleague was lost: Kees Bos, whom the staff list does not have, was never
    # said to be missing from it.
    (missing,) = [f for f in findings["findings"] if f["check_id"] == "OWN004"]
    assert (missing["account_id"], missing["message"]) == (
        "youtube:zeist",
        "beheerder Kees Bos staat niet in de medewerkerslijst",
    )
    owners = sorted(p.name for p in (tmp_path / "audit" / "owners").iterdir())
    assert owners == ["jan-jansen.html", "kees-bos.html", "piet-pieters.html"]
    page = (tmp_path / "audit" / "owners" / "piet-pieters.html").read_text(encoding="utf-8")
    shown = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for platform in ("X", "TikTok", "Instagram", "Facebook"):
        assert f"{platform} @zeist" in shown, platform


def test_a_sharepoint_link_column_giving_the_address_and_its_text_is_the_address(
    tmp_path: Path,
):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", None, "https://x.com/gemeentezeist, Gemeente Zeist op X"),
            _account("LinkedIn", None, "https://www.linkedin.com/company/zeist/, LinkedIn"),
            # SharePoint's multiple choice: `;#` between the platforms chosen.
            _account(";#Facebook;#Instagram;#", "zeistjeugd"),
            _account("Facebook;#Instagram", "zeistsport"),
        ],
    )
    result = _validate(register)
    assert result.exit_code == 0, result.output
    assert not _said(result, "#Instagram"), result.output
    findings = _run(tmp_path, register)
    assert sorted(a["account_id"] for a in findings["accounts"]) == [
        "facebook:zeistjeugd",
        "facebook:zeistsport",
        "instagram:zeistjeugd",
        "instagram:zeistsport",
        "linkedin:zeist",
        "x:gemeentezeist",
    ]


def test_a_note_under_the_staff_departments_or_waivers_is_no_row_of_theirs(tmp_path: Path):
    register = _register(tmp_path / "register.xlsx", [_account("X", "zeist")])
    book = openpyxl.load_workbook(register)
    staff = book["Medewerkers"]
    staff.append([])
    staff.append(["Opmerking: lijst bijgewerkt op 1 maart door P&O"])
    staff.append(["Bron: AFAS, export van 1 maart 2026"])
    staff.append(["Noot Jansen", "n.jansen@zeist.nl", "Jeugd", "ja"])  # a colleague all the same
    departments = book["Afdelingen"]
    departments.append(["NB: de afdelingen volgen de organisatie van 2025"])
    departments.append(["Bronbeheer", "Anna de Vries"])  # a department starting as `Bron` does
    waivers = book.create_sheet("Uitzonderingen")
    waivers.append(["Platform", "Account", "Controle", "Reden", "Goedgekeurd door", "Geldig tot"])
    waivers.append(["X", "zeist", "ACT001", "verbouwing", "Anna de Vries", "31-12-2026"])
    waivers.append(["Opmerking: uitzonderingen vervallen aan het eind van het jaar"])
    book.save(register)
    result = _validate(register)
    assert result.exit_code == 0, result.output
    assert not _said(result, "fout:")
    assert _said(result, "Medewerkers: gelezen 6, gebruikt 4, dubbel 0, afgewezen 2")
    assert _said(result, "Afdelingen: gelezen 4, gebruikt 3, dubbel 0, afgewezen 1")
    assert _said(result, "Uitzonderingen: gelezen 2, gebruikt 1, dubbel 0, afgewezen 1")
    assert _said(result, "4 medewerkers, 3 afdelingen, 1 uitzondering")
    (line,) = _said(result, "Uitzonderingen › rij 3 ›")
    assert line == (
        "waarschuwing: register.xlsx › Uitzonderingen › rij 3 › een opmerking, geen "
        'uitzondering: "Opmerking: uitzonderingen vervallen aan het eind van het jaar"; de rij '
        "wordt niet gebruikt"
    )
    assert _said(result, "Medewerkers › rij 6 › een opmerking, geen medewerker")
    assert _said(result, "Afdelingen › rij 4 › een opmerking, geen afdeling")


def test_a_column_missing_from_an_english_register_is_named_as_the_english_template_does(
    tmp_path: Path,
):
    assert CliRunner().invoke(cli, ["init", str(tmp_path), "--lang", "en"]).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "register.xlsx")
    book["Accounts"].delete_cols(4)  # Display name
    book.save(tmp_path / "register.xlsx")
    result = _validate(tmp_path / "register.xlsx", lang="en")
    (line,) = _said(result, "no column")
    assert 'no column "Display name": STY001' in line, line
    # A Dutch register is told the Dutch name, in either language.
    dutch = _register(tmp_path / "nl.xlsx", [_account("X", "zeist")])
    assert _said(_validate(dutch, lang="en"), 'no column "Weergavenaam"')


def test_days_written_with_their_count_are_read(tmp_path: Path):
    written = ["1st February 2026", "1st of February 2026", "1e februari 2026", "01.02.2026"]
    register = _register(
        tmp_path / "register.xlsx",
        [[*_account("X", f"zeist{i}"), day] for i, day in enumerate(written)],
        header=[*HEADER, "Gestart"],
    )
    result = _validate(register, lang="en")
    assert not _said(result, "Gestart"), result.output
    findings = _run(tmp_path, register, lang="en")
    assert len(findings["accounts"]) == len(written)
    assert {a.started.isoformat() for a in load_register(register).accounts} == {"2026-02-01"}


def test_a_heading_drawn_with_dashes_or_a_todo_between_the_accounts_is_a_note(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "zeist"),
            ["--- Wijkaccounts ---"],
            _account("Facebook", "zeistwijk"),
            ["TODO: TikTok-account aanvragen bij Communicatie"],
        ],
    )
    result = _validate(register)
    assert result.exit_code == 0 and not _said(result, "fout:"), result.output
    assert _said(result, "rij 3 › een opmerking, geen account", "--- Wijkaccounts ---")
    assert _said(result, "rij 5 › een opmerking, geen account", "TODO")
    assert _said(result, "Accounts: gelezen 4, gebruikt 2, dubbel 0, afgewezen 2")


def test_a_colleague_with_a_remark_after_the_name_on_the_staff_list_is_that_colleague(
    tmp_path: Path,
):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "zeist", owner="Kees Bos", substitute="Els Mol"),
            _account("Facebook", "zeist", owner="k.bos@zeist.nl", substitute="Anna de Vries"),
        ],
    )
    book = openpyxl.load_workbook(register)
    staff = book["Medewerkers"]
    staff.append(["Kees Bos (vervanger)", "k.bos@zeist.nl", "Communicatie", "☑"])
    staff.append(["Mol, Els (tijdelijk)", "e.mol@zeist.nl", "Communicatie", True])
    book.save(register)
    findings = _run(tmp_path, register)
    assert not [f for f in findings["findings"] if f["check_id"] == "OWN004"]
    owners = sorted(p.name for p in (tmp_path / "audit" / "owners").iterdir())
    assert owners == ["kees-bos.html"]


def test_a_manager_with_a_title_or_a_remark_is_named_as_the_person(tmp_path: Path):
    register = _register(tmp_path / "register.xlsx", [_account("X", "zeist")])
    book = openpyxl.load_workbook(register)
    book["Afdelingen"]["B2"] = "Dhr. P. Pieters (interim)"
    book["Afdelingen"]["B3"] = "Vries, Anna de (a.i.)"
    book.save(register)
    managers = {d.name: d.manager_name for d in load_register(register).departments}
    # Surname first stays so, as in an owner cell (the people it names are matched alike).
    assert managers == {"Communicatie": "P. Pieters", "Jeugd": "Vries, Anna de"}


def test_boxes_as_a_wiki_exports_them_and_a_word_with_its_mark_are_yes_and_no(tmp_path: Path):
    header = [*HEADER, "Handreiking gelezen", "Tweestapsverificatie"]
    register = _register(
        tmp_path / "register.xlsx",
        [
            [*_account("X", "wikija"), "[x]", "[x]"],
            [*_account("X", "wikinee"), "[ ]", "[ ]"],
            [*_account("X", "markja"), "Ja ✓", "ja ✓"],
            [*_account("X", "marknee"), "nee ✗", "Nee ✗"],
        ],
        header=header,
    )
    result = _validate(register)
    assert not _said(result, "Handreiking gelezen:"), result.output
    findings = _run(tmp_path, register)
    failed = {
        (f["check_id"], f["account_id"])
        for f in findings["findings"]
        if f["check_id"] in ("DOC005", "SEC001")
    }
    assert failed == {
        ("DOC005", "x:wikinee"),
        ("DOC005", "x:marknee"),
        ("SEC001", "x:wikinee"),
        ("SEC001", "x:marknee"),
    }


def test_a_sharepoint_csv_with_its_link_in_a_link_column_names_the_account_once(
    tmp_path: Path,
):
    register = tmp_path / "register.csv"
    register.write_text(
        "Titel,Platform,Account,Afdeling,Beheerder,Vervanger,Status,Link\n"
        '"Gemeente Zeist",X,,"3;#Communicatie","12;#Jan Jansen;#13;#Piet Pieters",'
        '"14;#Anna de Vries",Actief,"https://x.com/zeist, Zeist op X"\n'
        # Two platforms beside an address on neither: the account is read once.
        '"Zeist Jeugd",";#Facebook;#Instagram;#",,Jeugd,Anna de Vries,Jan Jansen,Actief,'
        '"https://www.youtube.com/@zeistjeugd, YouTube"\n',
        encoding="utf-8",
    )
    result = _validate(register)
    assert not _said(result, "twee keer"), result.output
    assert _said(result, "register.csv: gelezen 2, gebruikt 2, dubbel 0, afgewezen 0")
    assert sorted(a.account_id for a in load_register(register).accounts) == [
        "x:zeist",
        "youtube:zeistjeugd",
    ]


def test_a_paused_account_is_in_use_and_a_status_with_a_coloured_sign_is_its_word(
    tmp_path: Path,
):
    written = {
        "⏸ gepauzeerd": "active",
        "On hold": "active",
        "🟢 actief": "active",
        "🔴 gesloten": "closed",
        "🟠 gepland": "planned",
    }
    register = _register(
        tmp_path / "register.xlsx",
        [_account("X", f"zeist{i}", status=w) for i, w in enumerate(written)],
    )
    result = _validate(register)
    assert not _said(result, "Status:"), result.output
    statuses = [a.status.value for a in load_register(register).accounts]
    assert statuses == list(written.values())


def test_a_note_typed_under_the_account_or_the_owner_is_a_note(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [
            _account("X", "zeist"),
            [None, "Opmerking: TikTok nog niet live, volgt in Q1"],
            [None, None, "Let op: alle URLs gecontroleerd op 1-2-2026"],
            [None, None, None, None, "NB: beheer gaat per 1 maart naar team Online"],
            [None, "@zeistjeugd"],  # an account with its platform forgotten: an error
        ],
    )
    result = _validate(register)
    for row in (3, 4, 5):
        (line,) = _said(result, f"Accounts › rij {row} ›")
        assert line.startswith("waarschuwing:") and "een opmerking, geen account" in line, line
    (line,) = _said(result, "Accounts › rij 6 ›")
    assert line.startswith("fout:") and "geen platform ingevuld" in line


def test_a_platform_with_a_remark_and_no_name_is_an_account_without_a_name(tmp_path: Path):
    register = _register(
        tmp_path / "register.xlsx",
        [_account("X", "zeist"), ["Facebook (nog aan te maken)"]],
    )
    (line,) = _said(_validate(register), "Accounts › rij 3 ›")
    assert line.startswith("fout:") and "geen accountnaam of profiel-URL" in line, line
