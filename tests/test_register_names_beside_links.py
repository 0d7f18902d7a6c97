"""A column of the account's name beside a link column that says it holds the handle too
(`Account name | Handle / URL`): the name is what people see, the link column the account."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from auditor.register import load_register


def _register(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Social media inventory"
    ws.append(["Social media inventory — City of Westerburg"])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    ["Twitter", "https://twitter.com/WesterburgCity", "City of Westerburg", "Communications"],
    ["Instagram", "@westerburg", "Westerburg", "Communications"],
    ["Bluesky", "westerburg.bsky.social", "Westerburg", "Communications"],
    ["LinkedIn", "linkedin.com/company/gemeente-westerburg/", "Gemeente Westerburg", "HR"],
]


@pytest.mark.parametrize(
    ("link", "name"),
    [
        ("Handle / URL", "Account name"),
        ("Link / @naam", "Accountnaam"),
        ("URL or handle", "Naam account"),
    ],
)
def test_the_name_beside_a_link_or_handle_column_is_the_display_name(
    tmp_path: Path, link: str, name: str
):
    path = _register(tmp_path / "inventory.xlsx", ["Platform", link, name, "Department"], ROWS)
    register = load_register(path)
    accounts = {a.account_id: a.display_name for a in register.accounts}
    assert accounts == {
        "x:westerburgcity": "City of Westerburg",
        "instagram:westerburg": "Westerburg",
        "bluesky:westerburg.bsky.social": "Westerburg",
        "linkedin:gemeente-westerburg": "Gemeente Westerburg",
    }
    # Nothing of the identity was left aside or taken for another account's name.
    said = [p.message("en") for p in register.problems]
    assert not [s for s in said if "not a web address" in s or "is not the account" in s]


def test_an_account_name_beside_a_plain_url_column_stays_the_handle(tmp_path: Path):
    # `URL` alone says nothing of handles: `Accountnaam` is the handle, as Dutch registers
    # mostly mean it.
    path = _register(
        tmp_path / "register.xlsx",
        ["Platform", "URL", "Accountnaam", "Afdeling"],
        [["Instagram", None, "@westerburg", "Communicatie"], ["X", None, "WBG_werk", "Wegen"]],
    )
    register = load_register(path)
    assert {a.account_id: a.display_name for a in register.accounts} == {
        "instagram:westerburg": None,
        "x:wbg_werk": None,
    }


def test_vervanging_is_the_substitute(tmp_path: Path):
    path = _register(
        tmp_path / "kanalen.xlsx",
        ["Medium", "Link (of @naam)", "Verantwoordelijke", "Vervanging"],
        [["Instagram", "instagram.com/zandvoorde", "Mo Yilmaz", "Lies Hendriks"]],
    )
    (account,) = load_register(path).accounts
    assert (account.owner_name, account.substitute_name) == ("Mo Yilmaz", "Lies Hendriks")


def test_a_sheet_per_platform_with_page_names(tmp_path: Path):
    # One sheet per platform, as a communications team keeps it: the platform is the sheet's
    # name, `Naam pagina` the page's name, `Back-up` the substitute.
    wb = Workbook()
    header = ["Naam pagina", "Link", "Beheerder", "Back-up", "Team"]
    sheets = {
        "Facebook": [
            ["Gemeente Heuvelrug", "facebook.com/gemeenteheuvelrug", "Ingrid Bakker", "Tom Graaf"]
        ],
        "Instagram": [["Heuvelrug Sport", "@heuvelrugsport", "Jet Visser", "Ingrid Bakker"]],
    }
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append([*row, "Communicatie"])
    path = tmp_path / "Socialmedia-overzicht.xlsx"
    wb.save(path)
    register = load_register(path)
    read = {
        a.account_id: (a.display_name, a.owner_name, a.substitute_name) for a in register.accounts
    }
    assert read == {
        "facebook:gemeenteheuvelrug": ("Gemeente Heuvelrug", "Ingrid Bakker", "Tom Graaf"),
        "instagram:heuvelrugsport": ("Heuvelrug Sport", "Jet Visser", "Ingrid Bakker"),
    }
    said = " ".join(p.message("nl") for p in register.problems)
    assert "Naam pagina" not in said
