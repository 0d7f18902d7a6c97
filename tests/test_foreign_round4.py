"""Round four of registers and exports nobody here made: a large organisation's register,
accounts named otherwise in the exports, times around a change of the clock, strange text."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import cli
from auditor.problems import Level
from auditor.register import load_register
from tests.helpers import DEFAULT_STAFF, canonical_rows, compliant_account, main_account
from tests.helpers import write_rows as _register


def test_departments_as_headings_between_the_accounts_give_them_their_department(
    tmp_path: Path,
):
    # Each heading was rejected as an account without a name, and every account had no
    # department: OWN005 failed for all, no department had a pack.
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["Afdeling Communicatie"],
            ["X", "@GemeenteZeist", "Sanne Smit", "actief"],
            ["Afd. Sport (2 accounts)"],
            ["Instagram", "@sportzeist", "Anna de Vries", "inactief"],
            ["X", "@sportzeist", "Anna de Vries", "actief"],
            ["Team Jeugd"],
            ["TikTok", "@zeistjong", "Kees de Boer", "actief"],
            ["Opgeheven accounts"],
            ["Facebook", "@zeistjong", "Kees de Boer", None],
        ],
        ["Platform", "Account", "Beheerder", "Status"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department, a.status.value) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie", "active"),
        ("instagram:sportzeist", "Sport", "closed"),
        ("x:sportzeist", "Sport", "active"),
        ("tiktok:zeistjong", "Team Jeugd", "active"),
        ("facebook:zeistjong", "Team Jeugd", "closed"),
    ]
    said = [p.render("en") for p in register.problems]
    assert not [p for p in register.problems if p.level is Level.ERROR]
    assert (
        'register.xlsx › Accounts › row 4 › heading "Afd. Sport (2 accounts)": the accounts '
        'below it without a department of their own belong to department "Sport"' in said
    )
    # The sheet has no department column, but its headings give one: no "fails everywhere".
    assert not [s for s in said if "OWN005" in s]
    result = CliRunner().invoke(cli, ["validate", "--lang", "en", "-i", str(path)])
    assert "read 9, used 5, duplicate 0, rejected 4" in result.output


def test_a_sentence_that_starts_with_a_team_is_no_department_heading(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "@GemeenteZeist", "Communicatie"],
            ["Team Sport beheert vanaf 2027 ook deze accounts; vragen? Mail de redactie"],
            ["Team Communicatie beheert alle hoofdaccounts"],
            ["X", "@sportzeist", None],
        ],
        ["Platform", "Account", "Afdeling"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie"),
        ("x:sportzeist", None),
    ]


def test_a_column_missing_on_every_department_tab_is_said_once(tmp_path: Path):
    # 200 tabs, each without "Doel": 200 times each of a dozen warnings (2,600 lines).
    wb = Workbook()
    wb.remove(wb.active)
    for number in range(12):
        ws = wb.create_sheet(f"Afdeling {number}")
        ws.append(["Platform", "Account", "Beheerder"])
        ws.append(["X", f"@zeist{number}", "Anna de Vries"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert len(register.accounts) == 12
    missing = [p.render("en") for p in register.problems if 'no column "Doel"' in p.render("en")]
    assert missing == [
        'register.xlsx › Afdeling 0 › row 1 › no column "Doel": DOC001 (goal-documented) fails '
        "for every account it applies to; the same on 11 other sheets: Afdeling 1, Afdeling 2, "
        "Afdeling 3, Afdeling 4, Afdeling 5, …"
    ]
    dutch = [p.render("nl") for p in register.problems if 'kolom "Doel"' in p.render("nl")]
    assert dutch[0].endswith(
        "zo ook op 11 andere bladen: Afdeling 1, Afdeling 2, Afdeling 3, Afdeling 4, Afdeling 5, …"
    )


def test_two_owners_in_one_cell_each_have_the_account_in_their_own_list(
    tmp_path: Path, make_register
):
    # One page was made for a person called "Anna de Vries / Piet Bakker", and neither
    # Anna's nor Piet's own list held the account.
    register = make_register(
        [
            compliant_account("samen", owner_name="Anna de Vries / Piet Bakker", owner_email=None),
            compliant_account("sport", owner_name="Anna de Vries", two_factor="nee"),
            compliant_account(
                "jeugd",
                owner_name="Kees Weg",
                owner_email=None,
                substitute_name="Piet Bakker; Sanne Smit",
                substitute_email=None,
            ),
        ],
        staff=[
            *DEFAULT_STAFF,
            {"name": "Kees Weg", "active": "nee", "left_on": dt.date(2026, 5, 1)},
        ],
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "-i",
            str(register),
            "--out",
            str(out),
            "--period",
            "2026-Q3",
            "--history",
            str(tmp_path / "h.sqlite"),
        ],
    )
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (out / "owners").iterdir())
    assert pages == ["anna-de-vries.html", "piet-bakker.html", "sanne-smit.html"]
    anna = (out / "owners" / "anna-de-vries.html").read_text(encoding="utf-8")
    piet = (out / "owners" / "piet-bakker.html").read_text(encoding="utf-8")
    sanne = (out / "owners" / "sanne-smit.html").read_text(encoding="utf-8")
    assert "@samen" in anna and "@sport" in anna and "@jeugd" not in anna
    # Piet is @sport's substitute: named where he stands in, not among his own accounts
    piet, standing_in = piet.split('id="substitute-title"')
    assert "@samen" in piet and "@jeugd" in piet and "@sport" not in piet
    assert "@sport" in standing_in
    assert "@jeugd" in sanne and "@samen" not in sanne


@pytest.mark.parametrize(
    ("owner", "substitute"),
    [("Vries, Anna de", "Piet Bakker"), ("Anna de Vries", "Bakker, Piet")],
)
def test_a_person_written_surname_first_is_the_staff_lists_person(
    make_register, audit_files, owner, substitute
):
    # `Vries, Anna de` (as an HR list writes her) was "not in the staff list" that holds
    # Anna de Vries: a high finding for a colleague who is there.
    account = compliant_account(
        "sport",
        owner_name=owner,
        owner_email=None,
        substitute_name=substitute,
        substitute_email=None,
    )
    result = audit_files(make_register([account]))
    assert result.findings_for("OWN004") == []


def test_the_owner_written_surname_first_as_the_substitute_is_one_person(
    make_register, audit_files
):
    account = compliant_account(
        "sport",
        owner_name="Anna de Vries",
        owner_email=None,
        substitute_name="Vries, Anna de",
        substitute_email=None,
    )
    result = audit_files(make_register([account]))
    assert [f.evidence["matched_on"] for f in result.findings_for("OWN003")] == ["name"]


def test_a_staff_list_written_surname_first_and_a_surname_alone_stay_apart(
    make_register, audit_files
):
    staff = [{"name": "Vries, Anna de", "email": None}, {"name": "Bakker, Piet", "email": None}]
    kept = compliant_account(
        "sport",
        owner_name="Anna de Vries",
        owner_email=None,
        substitute_name="Jan de Vries",
        substitute_email=None,
    )
    result = audit_files(make_register([kept], staff=staff))
    assert [f.evidence["name"].name for f in result.findings_for("OWN004")] == ["Jan de Vries"]


def test_an_inbox_export_naming_its_channel_by_a_team_name_is_said(tmp_path: Path, make_register):
    # The messages of "Team Webcare" counted for an account of that name, not in the
    # register: the register's accounts had no reply times, and nothing said why (only
    # REG002, for its replies, as if it were an account missing from the register).
    register = make_register([main_account("x", "GemeenteZeist")])
    export = tmp_path / "berichten.csv"
    export.write_text(
        "Message ID,Conversation ID,Direction,Message Type,Created at,Channel,Medium\n"
        "1,c1,inbound,Mention,2026-07-03 10:00,Team Webcare,Twitter\n"
        "2,c1,outbound,Reply,2026-07-03 11:00,Team Webcare,Twitter\n"
        "3,c3,inbound,Mention,2026-07-07 10:00,@GemeenteZeist,Twitter\n"
        "4,c3,outbound,Reply,2026-07-07 11:00,@GemeenteZeist,Twitter\n",
        encoding="utf-8",
    )
    args = ["run", "-i", str(register), "-a", str(export), "--period", "2026-Q3"]
    args += ["--out", str(tmp_path / "out"), "--history", str(tmp_path / "h.sqlite")]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (
        "warning: incoming messages for 1 account that is not in the register: x:teamwebcare; "
        "their reply times count for no account of the register" in result.output
    )
    # The register's own account, named by its handle, is not among them.
    assert "x:gemeentezeist;" not in result.output
    # One that only receives messages may be a person writing in: counted, never named.
    export.write_text(
        "Message ID,Conversation ID,Direction,Message Type,Created at,Channel,Medium\n"
        "1,c1,inbound,Mention,2026-07-03 10:00,@een_inwoner,Twitter\n"
        "3,c3,inbound,Mention,2026-07-07 10:00,@GemeenteZeist,Twitter\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, [*args, "--lang", "en", "--force"])
    assert result.exit_code == 0, result.output
    assert "een_inwoner" not in result.output
    assert "incoming messages for 1 account that is not in the register and posts or " in (
        result.output
    )
    for written in ("index.html", "findings.json"):
        assert "een_inwoner" not in (tmp_path / "out" / written).read_text(encoding="utf-8")


def test_an_export_made_before_the_account_was_renamed_is_the_renamed_accounts(
    tmp_path: Path, make_export, audit_files
):
    # The old handle's posts were an account missing from the register (REG002, high), and
    # the renamed account had no export at all.
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account (oud)", "Account", "Status"])
    ws.append(["X", "@ZeistSport", "@SportInZeist", "actief"])
    ws.append(["X", "https://x.com/ZeistJong", "@zeistjeugd", "actief"])
    ws.append(["X", "@zeistnieuws", "@ZeistCentraal", "actief"])
    ws.append(["X", None, "@zeistnieuws", "actief"])  # the old name taken up by another
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.account_id for a in register.accounts] == [
        "x:sportinzeist",
        "x:zeistjeugd",
        "x:zeistcentraal",
        "x:zeistnieuws",
    ]
    rows = canonical_rows("ZeistSport", every_days=7) + canonical_rows("ZeistJong", every_days=7)
    rows += canonical_rows("zeistnieuws", every_days=7)
    result = audit_files(tmp_path / "register.xlsx", [make_export(rows)])
    assert result.findings_for("REG002") == []
    posts = {a.account_id: a.metrics["posts"] for a in result.accounts}
    assert posts == {
        "x:sportinzeist": 14,
        "x:zeistjeugd": 14,
        "x:zeistcentraal": 0,
        "x:zeistnieuws": 14,
    }
    # Verify knows an account by its own handles only: the old one may be someone else's now.
    verified = CliRunner().invoke(
        cli, ["verify", "--lang", "en", "-i", str(tmp_path / "register.xlsx"), "@ZeistSport"]
    )
    assert "not in the register" in verified.output


def test_a_finding_of_an_account_deleted_from_the_register_is_gone_not_fixed(
    tmp_path: Path, make_register
):
    # An account whose row was deleted had its findings counted as fixed.
    def run(register: Path, period: str) -> dict:
        out = tmp_path / period
        args = ["run", "-i", str(register), "--out", str(out), "--period", period]
        result = CliRunner().invoke(cli, [*args, "--history", str(tmp_path / "h.sqlite")])
        assert result.exit_code == 0, result.output
        return json.loads((out / "findings.json").read_text(encoding="utf-8"))

    fixed_later = compliant_account("sportzeist", two_factor="nee")
    deleted_later = compliant_account("zwemzeist", two_factor="nee")
    run(make_register([fixed_later, deleted_later], name="q2.xlsx"), "2026-Q2")
    fixed = compliant_account("sportzeist", two_factor="ja")
    q3 = run(make_register([fixed], name="q3.xlsx"), "2026-Q3")
    history = q3["history"]
    assert (history["counts"]["resolved"], history["counts"]["gone"]) == (1, 1)
    assert [(r["check_id"], r["account_id"]) for r in history["resolved"]] == [
        ("SEC001", "x:sportzeist")
    ]
    assert [(r["check_id"], r["account_id"]) for r in history["gone"]] == [
        ("SEC001", "x:zwemzeist")
    ]
    page = (tmp_path / "2026-Q3" / "index.html").read_text(encoding="utf-8")
    assert (
        "1 bevinding van vorige keer hoort bij een account dat niet meer in het register staat "
        "(X @zwemzeist): die telt niet als opgelost" in page
    )


def test_a_channel_listed_by_its_url_and_again_by_its_name_is_one_account(tmp_path: Path):
    # The channel was two accounts: `youtube:uc…` (with @gemeentezeist beside it) and
    # `youtube:gemeentezeist`; exports naming @gemeentezeist counted for the second only.
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["YouTube", "@GemeenteZeist", "https://www.youtube.com/channel/UCabc123"],
            ["YouTube", "@gemeentezeist", None],
            ["X", "@zeistjong", None],
        ],
        ["Platform", "Account", "URL"],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["youtube:ucabc123", "x:zeistjong"]
    assert (
        "register.xlsx › Accounts › row 3 › account youtube:gemeentezeist appears twice: "
        "rows 2 and 3; row 3 is not used" in [p.render("en") for p in register.problems]
    )
    [ledger] = register.ledger
    assert (ledger.rows_used, ledger.rows_duplicate) == (2, 1)


def test_a_row_of_a_workbook_export_is_placed_on_its_sheet(tmp_path: Path, make_register):
    # `act.xlsx › row 3` while the rows are on the second sheet: row 3 of the first sheet
    # (a sheet of explanation) is no place to look. LinkedIn's posts are behind `Metrics`.
    register = make_register([main_account("x", "GemeenteZeist")])
    wb = Workbook()
    wb.active.title = "Uitleg"
    wb.active.append(["Deze export bevat de berichten van het afgelopen kwartaal"])
    ws = wb.create_sheet("Berichten")
    ws.append(["platform", "account", "item_id", "timestamp", "direction"])
    ws.append(["x", "@GemeenteZeist", "1", "2026-07-01 10:00", "out"])
    ws.append(["x", "@GemeenteZeist", "2", "gisteren", "out"])
    wb.save(tmp_path / "act.xlsx")
    result = CliRunner().invoke(
        cli, ["validate", "--lang", "en", "-i", str(register), "-a", str(tmp_path / "act.xlsx")]
    )
    assert "act.xlsx › Berichten › row 3 › timestamp 'gisteren' is not a date" in (result.output)
    assert "act.xlsx › Berichten: read 2, used 1, duplicate 0, rejected 1" in result.output


def test_a_page_named_as_a_closed_page_was_named_is_the_page_in_use(
    tmp_path: Path, make_register, audit_files
):
    # Meta's export names the page by its id and name; the closed page above the current one
    # in the register had the same name and took every post (REG002: posted after closing),
    # while the page in use was silent.
    closed = main_account(
        "facebook",
        "oudgemeentezeist",
        url="https://www.facebook.com/oudgemeentezeist",
        type="nevenaccount",
        status="gesloten",
        closed=dt.date(2024, 1, 1),
    )
    in_use = main_account("facebook", "gemeentezeist", url="https://www.facebook.com/gemeentezeist")
    register = make_register([closed, in_use])
    header = '"Post ID","Page ID","Page name","Publish time",Permalink'
    rows = [
        f'"{1000 + i}","100064318726455","Gemeente Zeist","07/{1 + i:02d}/2026 09:00",'
        f"https://www.facebook.com/x/posts/{i}"
        for i in range(20)
    ]
    export = tmp_path / "fb.csv"
    export.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    result = audit_files(register, [export])
    posts = {a.account_id: a.metrics.get("posts") for a in result.accounts}
    assert posts == {"facebook:oudgemeentezeist": 0, "facebook:gemeentezeist": 20}
    assert result.findings_for("REG002") == []


@pytest.mark.parametrize(
    ("substitute", "email", "said"),
    [
        ("sport@zeist.nl", None, "substitute is the shared mailbox 'sport@zeist.nl', not a person"),
        (None, "sport@zeist.nl", "substitute is the shared mailbox 'sport@zeist.nl', not a person"),
        ("Team Sport", None, "substitute 'Team Sport' is a team or function, not a person"),
    ],
)
def test_a_team_or_mailbox_as_the_substitute_is_no_person_not_a_missing_colleague(
    make_register, audit_files, substitute, email, said
):
    # It was "substitute sport@zeist.nl is not in the staff list": the register's keeper was
    # sent to add a mailbox to the staff list.
    account = compliant_account("sport", substitute_name=substitute, substitute_email=email)
    result = audit_files(make_register([account]))
    assert result.findings_for("OWN004") == []
    assert [f.message("en") for f in result.findings_for("OWN002")] == [said]


@pytest.mark.parametrize(
    "written",
    [
        unicodedata.normalize("NFD", "Cultuurhuis Zeïst"),  # as a Mac writes it
        "Cultuurhuis Zeist",  # typed without the diaeresis
    ],
)
def test_a_page_name_written_with_its_accent_apart_or_without_it_is_the_registers(
    tmp_path: Path, make_register, audit_files, written
):
    # `Zeïst` in the register and `Zeı̈st` (e + a separate diaeresis) in the export were two
    # names: the page's posts were an account missing from the register (REG002).
    page = compliant_account(
        "cultuurhuis.zeist.nl",
        platform="facebook",
        url="https://www.facebook.com/cultuurhuis.zeist.nl",
        display_name="Cultuurhuis Zeïst",
    )
    main = main_account("facebook", "gemeentezeist", url="https://www.facebook.com/gemeentezeist")
    register = make_register([page, main])
    header = '"Post ID","Page ID","Page name","Publish time",Permalink'
    rows = [
        f'"{2000 + i}","100099999999999","{written}","07/{1 + i:02d}/2026 09:00",'
        f"https://www.facebook.com/x/posts/{i}"
        for i in range(5)
    ]
    export = tmp_path / "fb.csv"
    export.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    result = audit_files(register, [export])
    posts = {a.account_id: a.metrics.get("posts") for a in result.accounts}
    assert posts == {"facebook:cultuurhuis.zeist.nl": 5, "facebook:gemeentezeist": 0}
    assert result.findings_for("REG002") == []


def test_a_department_written_once_above_its_accounts_is_theirs(tmp_path: Path):
    # The rows under a department left theirs empty, as a list grouped by eye does: each
    # had no department (OWN005) and no pack.
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["Communicatie", "X", "@GemeenteZeist", "actief"],
            [None, "Facebook", "@gemeentezeist", "actief"],
            ["Sport"],
            [None, "X", "@sportzeist", "actief"],
            [None, "Instagram", "@sportzeist", "actief"],
            ["Opgeheven accounts"],
            [None, "TikTok", "@zeistoud", None],
        ],
        ["Afdeling", "Platform", "Account", "Status"],
    )
    register = load_register(path)
    assert [(a.account_id, a.department, a.status.value) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie", "active"),
        ("facebook:gemeentezeist", "Communicatie", "active"),
        ("x:sportzeist", "Sport", "active"),
        ("instagram:sportzeist", "Sport", "active"),
        ("tiktok:zeistoud", "Sport", "closed"),
    ]
    said = [p.render("en") for p in register.problems]
    assert (
        "register.xlsx › Accounts › Afdeling: each department is written once above its "
        "accounts, which leave theirs empty: 4 rows take the department above them "
        "(rows 3, 5, 6, 8)" in said
    )
    assert not [p for p in register.problems if p.level is Level.ERROR]


def test_a_department_left_empty_where_every_row_writes_its_own_stays_empty(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["Communicatie", "X", "@GemeenteZeist"],
            ["Sport", "X", "@sportzeist"],
            [None, "X", "@zeistjong"],
            ["Sport", "Instagram", "@sportzeist"],
        ],
        ["Afdeling", "Platform", "Account"],
    )
    register = load_register(path)
    assert [a.department for a in register.accounts] == ["Communicatie", "Sport", None, "Sport"]


def test_an_account_renamed_between_two_audits_keeps_its_findings(tmp_path: Path):
    # Renamed from @ZeistSport to @SportInZeist (the old name in `Account (oud)`), its
    # finding of last quarter was "fixed" and the same finding "new".
    def register(name: str, rows: list[list[object]]) -> Path:
        return _register(
            tmp_path / name, rows, ["Platform", "Account (oud)", "Account", "Tweestapsverificatie"]
        )

    def run(path: Path, period: str) -> dict:
        out = tmp_path / period
        args = ["run", "-i", str(path), "--out", str(out), "--period", period]
        result = CliRunner().invoke(cli, [*args, "--history", str(tmp_path / "h.sqlite")])
        assert result.exit_code == 0, result.output
        return json.loads((out / "findings.json").read_text(encoding="utf-8"))

    run(register("q2.xlsx", [["X", None, "@ZeistSport", "nee"]]), "2026-Q2")
    q3 = run(register("q3.xlsx", [["X", "@ZeistSport", "@SportInZeist", "nee"]]), "2026-Q3")
    two_factor = [f for f in q3["findings"] if f["check_id"] == "SEC001"]
    assert [(f["account_id"], f["status"]) for f in two_factor] == [
        ("x:sportinzeist", "persisting")
    ]
    history = q3["history"]
    assert [r["check_id"] for r in history["resolved"] + history["gone"]] == []
    assert history["counts"]["new"] == 0


def test_many_accounts_written_to_outside_the_register_are_named_ten_and_counted():
    # A line named all 8,400 of them.
    from auditor.activity.coverage import inbound_unregistered

    metrics = pd.DataFrame(
        {"registered": False, "inbound": 3, "posts": 1, "replies": 0},
        index=[f"x:team{n:02d}" for n in range(12)],
    )
    [line] = inbound_unregistered(metrics)
    assert line("en").startswith(
        "incoming messages for 12 accounts that are not in the register: x:team00, x:team01, "
    )
    assert "x:team09 and 2 more; their reply times" in line("en")
    assert "x:team10" not in line("en")


def test_many_active_accounts_no_export_mentions_are_named_ten_and_counted(
    tmp_path: Path, make_register, make_export
):
    # A register of 1,680 accounts and one export of a few: a line of 15,000 characters.
    accounts = [compliant_account(f"zeist{n:02d}") for n in range(15)]
    register = make_register(accounts)
    export = make_export(canonical_rows("zeist00", every_days=7))
    args = ["run", "--lang", "en", "-i", str(register), "-a", str(export)]
    args += ["--period", "2026-Q3", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, [*args, "--history", str(tmp_path / "h.sqlite")])
    assert result.exit_code == 0, result.output
    assert (
        "warning: no export mentions 14 active accounts, so their activity is not judged: "
        "x:zeist01, x:zeist02, x:zeist03, x:zeist04, x:zeist05, x:zeist06, x:zeist07, "
        "x:zeist08, x:zeist09, x:zeist10 and 4 more\n" in result.output
    )


def test_a_department_heading_above_the_first_blocks_header_is_its_department(tmp_path: Path):
    # Each block has its heading and the header again; the first block's heading stands above
    # the sheet's header and was read as a title: its accounts had no department.
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    for row in [
        ["Social media accounts gemeente Zeist 2026"],
        ["Afdeling Communicatie"],
        ["Platform", "Account", "Beheerder"],
        ["X", "@GemeenteZeist", "Sanne Smit"],
        [],
        ["Afdeling Sport"],
        ["Platform", "Account", "Beheerder"],
        ["X", "@sportzeist", "Anna de Vries"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [(a.account_id, a.department) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie"),
        ("x:sportzeist", "Sport"),
    ]
    assert not [p for p in register.problems if "OWN005" in p.render("en")]


def test_verify_says_a_display_name_is_no_account_an_impostor_cannot_copy(
    tmp_path: Path, make_register
):
    # `Gemeente Zeist`, the name the KCC sees on a profile, was read as the handle
    # `gemeentezeist` and said to be an official account: an impostor takes the name first.
    register = make_register([main_account("x", "GemeenteZeist")])

    def verify(*queries: str):
        return CliRunner().invoke(cli, ["verify", "--lang", "en", "-i", str(register), *queries])

    named = verify("Gemeente Zeist")
    assert named.exit_code == 2
    assert named.output == (
        "Gemeente Zeist: a name, not an account: anyone can give an account that name; give "
        "the @handle or the profile URL\n"
    )
    for handle in ("@GemeenteZeist (X)", "X GemeenteZeist", "Twitter: @GemeenteZeist"):
        result = verify(handle)
        assert result.exit_code == 0, result.output
        assert "official account of Gemeente Zeist, in use" in result.output
    as_json = CliRunner().invoke(
        cli, ["verify", "-i", str(register), "--format", "json", "Gemeente Zeist"]
    )
    assert json.loads(as_json.output)["results"][0]["verdict"] == "name"


def test_departments_written_alike_or_slugged_alike_each_have_their_accounts_in_a_pack(
    tmp_path: Path, make_register
):
    # `Sport`, `sport` and `SPORT ` were three departments whose packs were one file, each
    # written over the one before: the accounts of two were in no pack. Two departments whose
    # names make the same file name (no Latin letter in either) the same.
    accounts = [
        compliant_account("a", department="Sport"),
        compliant_account("b", department="sport"),
        compliant_account("c", department="SPORT "),
        compliant_account("d", department="Afdeling Sport"),
        compliant_account("e", department="بلدية"),
        compliant_account("f", department="ثقافة"),
    ]
    register = make_register(accounts, departments=None)
    out = tmp_path / "out"
    args = ["run", "-i", str(register), "--out", str(out), "--period", "2026-Q3"]
    result = CliRunner().invoke(cli, [*args, "--history", str(tmp_path / "h.sqlite")])
    assert result.exit_code == 0, result.output
    packs = {
        page.stem: sorted(set(re.findall(r"@([a-f])\b", page.read_text(encoding="utf-8"))))
        for page in (out / "departments").glob("*.html")
    }
    assert sorted(packs.values()) == [["a", "b", "c", "d"], ["e"], ["f"]]
    departments = {
        a["department"] for a in json.loads((out / "findings.json").read_text())["accounts"]
    }
    assert departments == {"Sport", "بلدية", "ثقافة"}


def test_department_headings_in_the_staff_list_are_no_colleagues(tmp_path: Path):
    # `Afdeling Sport` and `Cultuur` above their people were colleagues of those names:
    # `publish` then left out every department that names them, as it keeps people out.
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Weergavenaam", "Afdeling", "Beheerder"])
    ws.append(["X", "@sportzeist", "Sport Zeist", "Sport", "Anna de Vries"])
    ws.append(["X", "@zeistcultuur", "Cultuur Zeist", "Cultuur", "Piet Bakker"])
    staff = wb.create_sheet("Medewerkers")
    for row in [
        ["Naam", "E-mail", "Afdeling"],
        ["Afdeling Sport"],
        ["Anna de Vries", "a.devries@zeist.nl"],
        ["Cultuur"],
        ["Piet Bakker", "p.bakker@zeist.nl"],
        ["Jan Jansen"],  # a colleague without an address is a colleague
    ]:
        staff.append(row)
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [(p.name, p.department) for p in register.staff] == [
        ("Anna de Vries", "Sport"),
        ("Piet Bakker", "Cultuur"),
        ("Jan Jansen", "Cultuur"),
    ]
    out = tmp_path / "public"
    result = CliRunner().invoke(
        cli, ["publish", "-i", str(tmp_path / "register.xlsx"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    published = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert sorted(a["department"] for a in published["accounts"]) == ["Cultuur", "Sport"]


@pytest.mark.parametrize(
    "written",
    [
        "@SportInZeist (voorheen @ZeistSport)",
        "@SportInZeist (was: @ZeistSport)",
        "@SportInZeist, oude naam @ZeistSport",
        "https://x.com/SportInZeist (oud: https://x.com/ZeistSport)",
    ],
)
def test_an_account_with_its_old_name_noted_after_it_is_the_account(
    tmp_path: Path, make_export, audit_files, written
):
    # The account was `x:sportinzeist(voorheen@zeistsport)`: no export matched it, and its
    # posts under either name were an account missing from the register.
    path = _register(
        tmp_path / "register.xlsx", [["X", written, "actief"]], ["Platform", "Account", "Status"]
    )
    register = load_register(path)
    assert [(a.account_id, a.former_handles) for a in register.accounts] == [
        ("x:sportinzeist", ["zeistsport"])
    ]
    rows = canonical_rows("ZeistSport", end="2026-08-15", every_days=7)
    rows += canonical_rows("SportInZeist", start="2026-08-16", every_days=7)
    result = audit_files(path, [make_export(rows)])
    assert result.findings_for("REG002") == []
    assert [a.metrics["posts"] for a in result.accounts] == [len(rows)]


def test_a_name_with_the_word_oud_in_it_keeps_its_words(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx", [["Facebook", "Museum Oud Zeist"]], ["Platform", "Account"]
    )
    assert [a.account_id for a in load_register(path).accounts] == ["facebook:museumoudzeist"]


def test_the_language_given_before_the_command_is_the_commands(tmp_path: Path, make_register):
    # `auditor --lang en validate …`, as global options go first, was "fout: onbekende optie
    # --lang" in Dutch, to a user who asked for English.
    register = make_register([main_account("x", "GemeenteZeist")])
    for lang in (["--lang", "en"], ["--lang=en"]):
        result = CliRunner().invoke(cli, [*lang, "validate", "-i", str(register)])
        assert result.exit_code == 0, result.output
        assert "1 account, 6 staff, 3 departments, 0 waivers" in result.output
    helped = CliRunner().invoke(cli, ["--lang", "en", "--help"])
    assert helped.exit_code == 0 and "Audit the municipality's social media" in helped.output
    schema = CliRunner().invoke(cli, ["--lang", "en", "schema"])  # speaks no language
    assert schema.exit_code == 0 and json.loads(schema.output)


@pytest.mark.parametrize(
    ("staff", "flagged"),
    [
        (DEFAULT_STAFF, []),
        # Two of the staff have that initial and surname: which one cannot be told.
        ([*DEFAULT_STAFF, {"name": "Arend de Vries", "email": "ar.devries@zeist.nl"}], ["owner"]),
    ],
)
def test_an_owner_written_with_an_initial_is_the_one_colleague_it_can_be(
    make_register, audit_files, staff, flagged
):
    # `A. de Vries` was "not in the staff list" (high) that holds Anna de Vries.
    account = compliant_account("sport", owner_name="A. de Vries", owner_email=None)
    result = audit_files(make_register([account], staff=staff))
    assert [f.evidence["role"] for f in result.findings_for("OWN004")] == flagged


def test_an_account_with_a_link_of_its_own_is_no_duplicate_of_a_handle_typed_elsewhere(
    tmp_path: Path,
):
    # A handle copied into the wrong row beside another account's link must not make the
    # account that handle is a duplicate, dropped from the register.
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "@sportzeist", "https://x.com/zeistjong"],
            ["X", "@sportzeist", "https://x.com/sportzeist"],
        ],
        ["Platform", "Account", "URL"],
    )
    assert [a.account_id for a in load_register(path).accounts] == ["x:zeistjong", "x:sportzeist"]


def test_a_department_heading_in_the_department_column_of_a_csv_register(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text(
        "Afdeling;Platform;Account\n"
        "Communicatie;X;@GemeenteZeist\n"
        ";Facebook;@gemeentezeist\n"
        "Afdeling Sport;;;\n"
        ";X;@sportzeist\n",
        encoding="utf-8",
    )
    register = load_register(path)
    assert [(a.account_id, a.department) for a in register.accounts] == [
        ("x:gemeentezeist", "Communicatie"),
        ("facebook:gemeentezeist", "Communicatie"),
        ("x:sportzeist", "Sport"),
    ]
