"""Round three of registers and exports nobody here made: what a municipality employee
copies into a register from a browser's address bar, and what a spreadsheet makes of it."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.activity.load import load_activity
from auditor.cli import cli
from auditor.config import Config
from auditor.models import Account
from auditor.problems import Level
from auditor.register import load_register
from tests.helpers import compliant_account
from tests.helpers import write_rows as _register


def _errors(register) -> list[str]:
    return [p.render("en") for p in register.problems if p.level is Level.ERROR]


@pytest.mark.parametrize(
    ("platform", "address"),
    [
        ("Facebook", "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.zeist.nl"),
        ("Facebook", "https://www.facebook.com/events/123456789/"),
        ("Facebook", "https://www.facebook.com/permalink.php?story_fbid=1&id=100064318726455"),
        ("Facebook", "https://www.facebook.com/photo/?fbid=123"),
        ("Facebook", "https://www.facebook.com/media/set/?set=a.1"),
        ("Instagram", "https://www.instagram.com/reels/C1a2B3c4D5e/"),
        ("Instagram", "https://www.instagram.com/accounts/login/"),
        ("LinkedIn", "https://www.linkedin.com/pulse/nieuw-beleid-jan-jansen/"),
        ("TikTok", "https://www.tiktok.com/discover/zeist"),
        ("WhatsApp", "https://api.whatsapp.com/send?phone=31306987654"),
    ],
)
def test_a_platforms_own_page_copied_as_the_profile_names_no_account(
    tmp_path: Path, platform: str, address: str
):
    # Each was an account named after the page (`facebook:l.php`, `instagram:reels`).
    path = _register(tmp_path / "register.xlsx", [[platform, address]], ["Platform", "URL"])
    register = load_register(path)
    assert register.accounts == []
    assert _errors(register) == [
        f'register.xlsx › Accounts › row 2 › URL: "{address}" is not a profile on '
        f"{platform.casefold()} (the address of a post or video?) and no account name is "
        "given; give the address of the profile; the row is not used"
    ]


def test_a_tiktok_share_link_is_a_short_link(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [["TikTok", "https://www.tiktok.com/t/ZTRabc123/"]],
        ["Platform", "URL"],
    )
    register = load_register(path)
    assert register.accounts == []
    assert [p.message.key for p in register.problems if p.level is Level.ERROR] == [
        "register.short_link"
    ]


@pytest.mark.parametrize(
    ("address", "account"),
    [
        (
            "https://www.instagram.com/stories/gemeentezeist/3312345678901234567/",
            "instagram:gemeentezeist",
        ),
        (
            "https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fgemeentezeist",
            "facebook:gemeentezeist",
        ),
        (
            "https://www.linkedin.com/authwall?trk=gf&sessionRedirect="
            "https%3A%2F%2Fnl.linkedin.com%2Fcompany%2Fgemeente-zeist",
            "linkedin:gemeente-zeist",
        ),
    ],
)
def test_a_story_or_a_login_wall_names_the_account_it_leads_to(
    tmp_path: Path, address: str, account: str
):
    # A story was the account `stories`; a login wall that gives the whole address of the
    # page it sends on to (not only its path) was `facebook:login` or `linkedin:authwall`.
    path = _register(tmp_path / "register.xlsx", [["", address]], ["Platform", "URL"])
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [account]


def test_a_login_wall_sending_to_another_site_names_no_account(tmp_path: Path):
    address = "https://www.facebook.com/login/?next=https%3A%2F%2Fexample.com%2Fgemeentezeist"
    path = _register(tmp_path / "register.xlsx", [["Facebook", address]], ["Platform", "URL"])
    assert load_register(path).accounts == []


def test_a_csv_register_with_a_spreadsheets_text_mark_before_its_values(tmp_path: Path):
    # A spreadsheet's text mark before a date or number, and a tool's guard before what could
    # start a formula, stayed in the value: every date and number was an error.
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform;Account;Afdeling;Gestart;Verwachte posts per week\n"
        "Twitter;'@gemeentezeist;'s-Hertogenbosch;'01-01-2024;'3\n",
        encoding="utf-8",
    )
    register = load_register(path)
    assert _errors(register) == []
    (account,) = register.accounts
    assert account.account_id == "x:gemeentezeist"
    assert account.started == dt.date(2024, 1, 1)
    assert account.expected_posts_per_week == 3
    assert account.department == "'s-Hertogenbosch"  # an apostrophe that belongs to a name


@pytest.mark.parametrize(
    "header",
    [
        "Platform;Account;Item ID;Timestamp;Direction;In reply to",
        "platform;account;item-id;timestamp;direction;in-reply-to",
        "platform;account;\u200bitem_id;timestamp;direction;in_reply_to",
    ],
)
def test_the_canonical_columns_typed_with_spaces_or_hyphens_are_read(tmp_path: Path, header):
    # `Item ID` for `item_id`: the file was no known export at all (exit 2).
    path = tmp_path / "berichten.csv"
    path.write_text(
        f"{header}\nx;@gemeentezeist;2071484391879610127;2026-07-01T10:00:00+02:00;out;\n",
        encoding="utf-8",
    )
    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    result = load_activity([path], Config(), [account])
    assert list(result.frame["account_id"]) == ["x:gemeentezeist"]
    assert list(result.frame["timestamp"]) == [pd.Timestamp("2026-07-01 08:00", tz="UTC")]


def _canonical_times(tmp_path: Path, *times: str):
    path = tmp_path / "berichten.csv"
    rows = [f"x,gemeentezeist,{2071484391879610127 + i},{t},out" for i, t in enumerate(times)]
    path.write_text(
        "platform,account,item_id,timestamp,direction\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    return load_activity([path], Config(), [account])


def test_a_day_alone_as_a_dutch_spreadsheet_writes_it_is_read(tmp_path: Path):
    # `01-07-2026` ends in what looked like an offset (-20:26): every such row was no date.
    result = _canonical_times(tmp_path, "1-7-2026", "01-07-2026")
    assert list(result.frame["timestamp"]) == [pd.Timestamp("2026-06-30 22:00", tz="UTC")] * 2


def test_a_time_with_the_name_of_its_zone_is_read_on_that_zone(tmp_path: Path):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        result = _canonical_times(
            tmp_path,
            "2026-07-01T10:00:00 CEST",
            "01-07-2026 10:00 CET",
            "2026-07-01 10:00:00 UTC",
            "2026-07-01 10:00:00 EST",  # a zone the auditor does not name: no date
        )
    assert list(result.frame["timestamp"]) == [
        pd.Timestamp("2026-07-01 08:00", tz="UTC"),
        pd.Timestamp("2026-07-01 09:00", tz="UTC"),
        pd.Timestamp("2026-07-01 10:00", tz="UTC"),
    ]
    (entry,) = result.ledger
    assert [r.reason for r in entry.rejected] == [
        "timestamp '2026-07-01 10:00:00 EST' is not a date"
    ]
    # dateutil's warning in English (`UnknownTimezoneWarning: tzname CEST identified but not
    # understood`) reached the terminal.
    assert [w.message for w in said if "tzname" in str(w.message)] == []


def test_a_formulas_error_in_a_cell_is_read_as_empty_and_said_once(tmp_path: Path):
    # `#N/A` of a VLOOKUP to the staff list was an owner's name, `#REF!` an account
    # (`facebook:#ref`).
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["Facebook", "gemeentezeist", "#N/A", "#N/A"],
            ["Instagram", "#REF!", "Anna Smit", "a.smit@zeist.nl"],
            ["X", "zeistnieuws", "Anna Smit", "#N/A"],
        ],
        ["Platform", "Account", "Beheerder", "E-mail beheerder"],
    )
    register = load_register(path)
    assert [(a.account_id, a.owner_name, a.owner_email) for a in register.accounts] == [
        ("facebook:gemeentezeist", None, None),
        ("x:zeistnieuws", "Anna Smit", None),
    ]
    said = [p.render("en") for p in register.problems if "formula" in p.render("en")]
    assert said == [
        "register.xlsx › Accounts › row 2 › Beheerder: shows a formula's error #N/A instead of "
        "a value (4 cells in all); they are read as empty. Mend the formulas (a VLOOKUP that "
        "finds nothing, say) and read the file again"
    ]


def test_a_formulas_error_a_csv_saved_from_a_workbook_is_read_as_empty(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform;Account;Weergavenaam\nFacebook;gemeentezeist;#N/B\n", encoding="utf-8"
    )
    register = load_register(path)
    assert [a.display_name for a in register.accounts] == [None]
    assert [p.message.key for p in register.problems if p.level is Level.ERROR] == [
        "register.formula_errors"
    ]


def test_a_sheet_the_spreadsheet_program_copied_is_a_copy(tmp_path: Path):
    # Excel names a copied sheet `Accounts (2)`: it was read as a department's tab, its
    # department "Accounts (2)", each of its accounts a duplicate error.
    wb = Workbook()
    for ws, rows in (
        (wb.active, [["Facebook", "gemeentezeist"], ["X", "zeistnieuws"]]),
        (wb.create_sheet("Accounts (2)"), [["Facebook", "gemeentezeist"]]),
    ):
        if ws.title != "Accounts (2)":
            ws.title = "Accounts"
        ws.append(["Platform", "Account"])
        for row in rows:
            ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.account_id for a in register.accounts] == [
        "facebook:gemeentezeist",
        "x:zeistnieuws",
    ]
    assert [a.department for a in register.accounts] == [None, None]
    assert _errors(register) == []
    assert [(e.path, e.rows_read) for e in register.ledger] == [("register.xlsx › Accounts", 2)]


def test_waived_checks_as_people_write_them(tmp_path: Path):
    # `STY-002` and a check's name (`display-name`) were no checks; `ACT003, ACT004` in one
    # cell was one unknown check, and the row's waivers were all lost.
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account"])
    ws.append(["X", "hetrondzeist"])
    waivers = wb.create_sheet("Uitzonderingen")
    waivers.append(["Account", "Controle", "Reden", "Geldig tot"])
    waivers.append(["x:hetrondzeist", "STY-002", "naam gekozen met partners", "30-6-2027"])
    waivers.append(["x:hetrondzeist", "display-name", "idem", "30-6-2027"])
    waivers.append(["x:hetrondzeist", "ACT001, ACT003", "zomerstop", "31-8-2026"])
    waivers.append(["x:hetrondzeist", "DOC001 en XYZ999", "", "31-8-2026"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [(w.source_row, w.check_id) for w in register.waivers] == [
        (2, "STY002"),
        (3, "STY001"),
        (4, "ACT001"),
        (4, "ACT003"),
        (5, "DOC001"),
    ]
    assert _errors(register) == [
        'register.xlsx › Uitzonderingen › row 5 › Controle: "XYZ999" is not a check (see '
        "`auditor checks`); the waiver is not used"
    ]
    (entry,) = [e for e in register.ledger if e.path.endswith("Uitzonderingen")]
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 4, 0)


def test_a_type_none_knows_is_said_with_the_types_in_the_users_words(tmp_path: Path):
    # The Dutch message listed the values the auditor keeps: "kies uit main, secondary".
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "gemeentezeist", "primair"],
            ["X", "zeistnieuws", "secundair"],
            ["X", "zeistwerkt", "1"],
        ],
        ["Platform", "Account", "Type"],
    )
    register = load_register(path)
    assert [a.type.value for a in register.accounts[:2]] == ["main", "secondary"]
    (problem,) = [p for p in register.problems if p.level is Level.ERROR]
    assert problem.render("nl") == (
        'register.xlsx › Accounts › rij 4 › Type: "1" is geen geldige waarde; kies uit '
        "hoofdaccount, nevenaccount"
    )
    assert problem.render("en").endswith('"1" is not one of main, secondary')


@pytest.mark.parametrize(
    "header",
    [
        ["Platform", "Account", "Beheerder", "E-mail", "Vervanger", "E-mail"],
        ["Kanaal", "Account", "Contactpersoon", "Telefoon", "E-mailadres", "Back-up", "Email"],
    ],
)
def test_an_address_column_beside_each_person(tmp_path: Path, header):
    # The second `E-mail` was "not a register column": every substitute had no address.
    row = ["X", "gemeentezeist", "Jan Jansen", "j.jansen@zeist.nl", "Piet Smit", "p.smit@zeist.nl"]
    if "Telefoon" in header:
        row.insert(3, "06-12345678")
    path = _register(tmp_path / "register.xlsx", [row], header)
    (account,) = load_register(path).accounts
    assert (account.owner_email, account.substitute_name, account.substitute_email) == (
        "j.jansen@zeist.nl",
        "Piet Smit",
        "p.smit@zeist.nl",
    )


def test_one_address_column_after_both_people_stays_the_owners(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "gemeentezeist", "Jan Jansen", "Piet Smit", "j.jansen@zeist.nl"]],
        ["Platform", "Account", "Beheerder", "Vervanger", "E-mail"],
    )
    (account,) = load_register(path).accounts
    assert (account.owner_email, account.substitute_email) == ("j.jansen@zeist.nl", None)


@pytest.mark.parametrize(
    ("written", "per_week"),
    [("ca. 3", 3.0), ("± 3", 3.0), ("ongeveer 2 per dag", 14.0), ("2 á 3", 2.5), ("2–3", 2.5)],
)
def test_a_posting_rate_written_as_about_so_many(tmp_path: Path, written, per_week):
    # Each was "not a number of posts per week".
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "gemeentezeist", written]],
        ["Platform", "Account", "Verwachte posts per week"],
    )
    register = load_register(path)
    assert _errors(register) == []
    assert [a.expected_posts_per_week for a in register.accounts] == [per_week]


def test_kinds_in_a_webcare_teams_words(tmp_path: Path):
    # `antwoord` and `reactie` were no kind at all: an account's answers counted as its posts.
    path = tmp_path / "berichten.csv"
    kinds = ["antwoord", "Reactie", "DM", "privé-bericht", "vermelding", "tweet", "verhaal"]
    path.write_text(
        "platform,account,item_id,timestamp,direction,kind\n"
        + "".join(
            f"x,gemeentezeist,{100 + i},2026-07-01T10:00:00+02:00,out,{kind}\n"
            for i, kind in enumerate(kinds)
        ),
        encoding="utf-8",
    )
    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    frame = load_activity([path], Config(), [account]).frame
    assert [None if pd.isna(k) else k for k in frame["kind"]] == [
        "reply",
        "comment",
        "message",
        "message",
        "mention",
        "post",
        None,  # a word it does not know: no kind, as before
    ]


def test_directions_as_a_webcare_tools_dutch_screens_say_them(tmp_path: Path):
    path = tmp_path / "berichten.csv"
    path.write_text(
        "platform,account,item_id,timestamp,direction\n"
        "x,gemeentezeist,1,2026-07-01T10:00:00+02:00,Binnenkomend\n"
        "x,gemeentezeist,2,2026-07-01T10:05:00+02:00,verzonden\n"
        "x,gemeentezeist,3,2026-07-01T10:06:00+02:00,verstuurd\n"
        "x,gemeentezeist,4,2026-07-01T10:07:00+02:00,ontvangen\n",
        encoding="utf-8",
    )
    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    result = load_activity([path], Config(), [account])
    assert list(result.frame["direction"]) == ["in", "out", "out", "in"]  # each was rejected


@pytest.mark.parametrize(
    "written",
    ["@GemeenteZeist (Gemeente Zeist)", "@gemeentezeist op X", "Gemeente Zeist (@gemeentezeist)"],
)
def test_an_at_handle_among_words_is_the_handle(tmp_path: Path, written):
    # The words were the account: `x:gemeentezeist(gemeentezeist)`, `x:gemeentezeistopx`.
    path = _register(tmp_path / "register.xlsx", [["X", written]], ["Platform", "Account"])
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["x:gemeentezeist"]


def test_a_csv_register_with_rows_pasted_from_a_file_in_windows_encoding(tmp_path: Path):
    # Read whole as Windows' encoding, the UTF-8 rows' `Zoë` became `ZoÃ«`.
    path = tmp_path / "register.csv"
    path.write_bytes(
        "Platform;Account;Beheerder\r\nX;gemeentezeist;Zoë de Vries\r\n".encode()
        + "X;zeistnieuws;René Smit\r\n".encode("cp1252")
    )
    register = load_register(path)
    assert [a.owner_name for a in register.accounts] == ["Zoë de Vries", "René Smit"]


def test_a_csv_register_separated_by_vertical_bars(tmp_path: Path):
    # Split on commas, the first row with enough commas was taken for the header and every
    # row above it passed over in silence.
    path = tmp_path / "register.csv"
    path.write_text(
        "Platform|Account|Doel\n"
        "X|gemeentezeist|informeren, dialoog, luisteren\n"
        "Facebook|gemeentezeist|informeren, dialoog\n",
        encoding="utf-8",
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "x:gemeentezeist",
        "facebook:gemeentezeist",
    ]


def test_excels_lock_file_given_as_the_register_says_which_file_is_meant(tmp_path: Path):
    path = tmp_path / "~$register.xlsx"
    path.write_bytes(b"\x0bJan Jansen" + b" " * 40 + b"\x00" * 110)
    result = CliRunner().invoke(cli, ["validate", "-i", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "fout: ~$register.xlsx › dit is het bestandje dat Excel naast een werkmap bewaart "
        "zolang iemand die open heeft, niet de werkmap zelf; geef register.xlsx op"
    )


def test_dates_that_cannot_both_be_right_are_said(tmp_path: Path):
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "zeistnieuws", "gesloten", "01-01-2020", "01-01-2019"],
            ["X", "zeistwerkt", "actief", "01-01-2020", "01-01-2024"],
            ["X", "gemeentezeist", "actief", "01-01-2020", None],
        ],
        ["Platform", "Account", "Status", "Gestart", "Gesloten per"],
    )
    register = load_register(path)
    assert [p.render("en") for p in register.problems if p.row != 1] == [
        "register.xlsx › Accounts › row 2 › Gesloten per: closed on 2019-01-01, before it "
        "started on 2020-01-01; check both dates",
        "register.xlsx › Accounts › row 3 › Status: the status says the account is in use, but "
        "it was closed on 2024-01-01; posts after that date count as posted after closing. "
        "Correct the status or the date",
    ]


def test_owners_and_dates_under_the_headers_other_registers_give_them(tmp_path: Path):
    # Each header was "not a register column": every account failed for want of an owner,
    # a substitute and their addresses.
    header = [
        "Platform",
        "Account",
        "Naam 1e beheerder",
        "E-mail 1e beheerder",
        "Naam 2e beheerder",
        "E-mail 2e beheerder",
        "Datum gestart",
        "Datum opheffing",
    ]
    row = ["X", "zeistnieuws", "Jan Jansen", "j.jansen@zeist.nl", "Piet Smit", "p.smit@zeist.nl"]
    path = _register(tmp_path / "register.xlsx", [[*row, "1-1-2020", "1-1-2024"]], header)
    register = load_register(path)
    (account,) = register.accounts
    assert (
        account.owner_name,
        account.owner_email,
        account.substitute_name,
        account.substitute_email,
        account.started,
        account.closed,
    ) == (
        "Jan Jansen",
        "j.jansen@zeist.nl",
        "Piet Smit",
        "p.smit@zeist.nl",
        dt.date(2020, 1, 1),
        dt.date(2024, 1, 1),
    )
    assert not [p for p in register.problems if "not a register column" in p.render("en")]


@pytest.mark.parametrize(
    "written",
    ["Twitter: @gemeentezeist", "X - gemeentezeist", "@gemeentezeist (X)", "Gemeente Zeist (X)"],
)
def test_an_exports_account_with_words_around_it_is_the_registers(tmp_path: Path, written):
    # Each was an account not in the register (`x:twitter:gemeentezeist`,
    # `x:gemeentezeist(x)`): its posts "on an unregistered account", the register's account
    # without them.
    path = tmp_path / "berichten.csv"
    path.write_text(
        f'platform,account,item_id,timestamp,direction\nx,"{written}",1,2026-07-01 10:00,out\n',
        encoding="utf-8",
    )
    account = Account(
        account_id="x:gemeentezeist",
        platform="x",
        handle="gemeentezeist",
        display_name="Gemeente Zeist",
    )
    frame = load_activity([path], Config(), [account]).frame
    assert list(frame["account_id"]) == ["x:gemeentezeist"]
    assert list(frame["registered"]) == [True]


def test_another_platform_named_before_an_exports_account_is_kept(tmp_path: Path):
    path = tmp_path / "berichten.csv"
    path.write_text(
        "platform,account,item_id,timestamp,direction\n"
        "facebook,x:gemeentezeist,1,2026-07-01 10:00,out\n",
        encoding="utf-8",
    )
    account = Account(
        account_id="facebook:gemeentezeist", platform="facebook", handle="gemeentezeist"
    )
    frame = load_activity([path], Config(), [account]).frame
    assert list(frame["registered"]) == [False]


@pytest.mark.parametrize(
    "header",
    [
        ["Platform", "Account (oud)", "Account", "Vorige beheerder", "Beheerder"],
        ["Platform", "Oude accountnaam", "Accountnaam", "Beheerder (tot 2024)", "Beheerder"],
    ],
)
def test_a_column_of_what_used_to_be_before_the_current_one(tmp_path: Path, header):
    # The old column came first and was taken: the audit judged the old account and owner,
    # and the current column was "not a register column".
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "zeistoud", "zeistnieuw", "Oud Persoon", "Nieuw Persoon"]],
        header,
    )
    register = load_register(path)
    assert [(a.account_id, a.owner_name) for a in register.accounts] == [
        ("x:zeistnieuw", "Nieuw Persoon")
    ]
    skipped = [
        p.render("en") for p in register.problems if "not a register column" in p.render("en")
    ]
    assert [s.split('"')[1] for s in skipped] == [header[3]]
    # The old account's column is the name exports made before the renaming may still give.
    former = [
        p.render("en") for p in register.problems if "the name the account had" in p.render("en")
    ]
    assert [s.split('"')[1] for s in former] == [header[1]]


def test_a_department_written_with_the_word_for_one_is_the_listed_department(tmp_path: Path):
    # `Afd. Communicatie` was not in the department list (OWN005 failed) and got a pack of
    # its own beside Communicatie's.
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Platform", "Account", "Afdeling"])
    for handle, department in [
        ("zeistnieuws", "Afd. Communicatie"),
        ("zeistwerkt", "afdeling communicatie"),
        ("zeistjong", "Team Jeugd"),
    ]:
        ws.append(["X", handle, department])
    departments = wb.create_sheet("Afdelingen")
    departments.append(["Afdeling", "Manager"])
    departments.append(["Communicatie", "Karin Hofman"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [a.department for a in register.accounts] == [
        "Communicatie",
        "Communicatie",
        "Team Jeugd",  # another name: stays as written (and OWN005 says it is not listed)
    ]


@pytest.mark.parametrize(
    "written",
    [
        "Jan Jansen (Communicatie)",
        "Jan Jansen (06-12345678)",
        "Dhr. Jan Jansen",
        "ir. Jan Jansen",
    ],
)
def test_an_owner_with_a_remark_or_a_title_is_the_person(tmp_path: Path, written):
    # Kept whole, the owner was not the Jan Jansen of the staff list and had a list of his own.
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "zeistnieuws", written]],
        ["Platform", "Account", "Beheerder"],
    )
    assert [a.owner_name for a in load_register(path).accounts] == ["Jan Jansen"]


@pytest.mark.parametrize("written", ["Jan Jansen - tijdelijk", "Anna de Groot - Janssen"])
def test_a_name_with_a_dash_in_it_stays_whole(tmp_path: Path, written):
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "zeistnieuws", written]],
        ["Platform", "Account", "Beheerder"],
    )
    register = load_register(path)
    assert [a.owner_name for a in register.accounts] == [written]


def test_a_date_only_an_american_spreadsheet_writes(tmp_path: Path):
    # `12/31/2025` was "not a date"; a day above 12 leaves no other reading. The sheet's
    # days are then month first, every row alike (round six): `1/2/2024` is 2 January. A
    # sheet without such a day keeps `1/2/2024` day first (test_foreign_round6).
    path = _register(
        tmp_path / "register.xlsx",
        [
            ["X", "zeistnieuws", "2/13/2024", "12/31/2025"],
            ["X", "zeistwerkt", "1/2/2024", None],
        ],
        ["Platform", "Account", "Start date", "Closed on"],
    )
    register = load_register(path)
    assert _errors(register) == []
    assert [(a.started, a.closed) for a in register.accounts] == [
        (dt.date(2024, 2, 13), dt.date(2025, 12, 31)),
        (dt.date(2024, 1, 2), None),
    ]


def test_an_exports_folder_with_no_file_in_it_is_said(tmp_path: Path):
    # The downloads went elsewhere: the run went on without a word about the folder.
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\x00")
    account = Account(account_id="x:gemeentezeist", platform="x", handle="gemeentezeist")
    result = load_activity([folder], Config(), [account])
    assert [w("nl") for w in result.warnings()] == [
        f"{folder}: in deze map staat geen enkel bestand; er zijn dus geen exports uit gelezen"
    ]


@pytest.mark.parametrize(
    "written",
    ["Anna de Vries / Piet Bakker", "Anna de Vries en Piet Bakker", "Anna de Vries\nPiet Bakker"],
)
def test_two_staff_members_in_the_owner_cell_are_both_current(make_register, audit_files, written):
    # The cell was one person, `Anna de Vries / Piet Bakker`, whom no staff list holds: OWN004
    # failed for two colleagues who are both on it (SEC002 already counted them as two).
    account = compliant_account("samen", owner_name=written, owner_email=None)
    result = audit_files(make_register([account]))
    assert result.findings_for("OWN004") == []


def test_of_two_in_the_owner_cell_one_who_left_is_named(make_register, audit_files):
    account = compliant_account(
        "samen", owner_name="Anna de Vries / Kees Onbekend", owner_email="a.devries@zeist.nl"
    )
    result = audit_files(make_register([account]))
    assert [f.evidence["name"].name for f in result.findings_for("OWN004")] == ["Kees Onbekend"]


def _instagram(path: Path, *times: str, first_id: int = 18722833229055301) -> Path:
    header = '"Post ID","Account ID","Account username","Account name","Publish time","Post type"'
    rows = [
        f'"{first_id + i}","17841402715583306","gemeentezeist","Gemeente Zeist","{t}","IG image"'
        for i, t in enumerate(times)
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def test_meta_times_an_american_spreadsheet_or_a_script_wrote_again(tmp_path: Path):
    # Each was "not MM/DD/YYYY HH:MM": seconds, a 12-hour clock, and ISO as LibreOffice or a
    # script writes a whole file again. Meta's clock is Pacific: 09:05 PDT is 16:05 UTC.
    account = Account(
        account_id="instagram:gemeentezeist", platform="instagram", handle="gemeentezeist"
    )
    american = _instagram(tmp_path / "ig.csv", "07/01/2026 09:05:33", "7/1/2026 9:05 PM")
    iso = _instagram(
        tmp_path / "ig_iso.csv",
        "2026-07-01 21:05",
        "2026-07-02 10:00:00",
        first_id=18722833229055401,
    )
    frame = load_activity([american, iso], Config(), [account]).frame.sort_values("timestamp")
    assert list(frame["timestamp"]) == [
        pd.Timestamp("2026-07-01 16:05:33", tz="UTC"),
        pd.Timestamp("2026-07-02 04:05", tz="UTC"),
        pd.Timestamp("2026-07-02 04:05", tz="UTC"),
        pd.Timestamp("2026-07-02 17:00", tz="UTC"),
    ]


def test_a_third_administrator_beside_the_first_and_the_second(tmp_path: Path):
    # `Beheerder 3` was "not a register column (did you mean Beheerders?)": SEC002 counted
    # one administrator fewer than the register names.
    path = _register(
        tmp_path / "register.xlsx",
        [["X", "zeistnieuws", "Jan Jansen", "Piet Smit", "Anna de Vries"]],
        ["Platform", "Account", "Beheerder 1", "Beheerder 2", "Beheerder 3"],
    )
    (account,) = load_register(path).accounts
    assert (account.owner_name, account.substitute_name, account.administrators) == (
        "Jan Jansen",
        "Piet Smit",
        "Anna de Vries",
    )
