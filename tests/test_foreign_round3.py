"""Round three of registers and exports nobody here made: what a municipality employee
copies into a register from a browser's address bar, and what a spreadsheet makes of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from auditor.problems import Level
from auditor.register import load_register


def _register(path: Path, rows: list[list[object]], header: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


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
