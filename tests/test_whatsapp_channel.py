"""A WhatsApp channel is known by its id (`0029Va…`), which is no @name and keeps its case:
shown as written, and linked at its channel address (it was `@0029va…`)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from tests.helpers import compliant_account, main_account

LINKED = "0029VaDXnGr4SpkLrXnY8L0z"
TYPED = "0029VbAbCdEfGhIjKlMnOp12"
ACCOUNTS = [
    main_account("x", "gemeentezeist", url="https://x.com/GemeenteZeist"),
    # The register's link to the channel, the Account column left empty.
    compliant_account(
        "x", platform="WhatsApp", url=f"https://whatsapp.com/channel/{LINKED}?lang=nl"
    )
    | {"handle": None},
    # The id typed in the Account column, without a link.
    compliant_account(TYPED, platform="WhatsApp-kanaal", url=None) | {"handle": TYPED},
]


def _invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_reports_show_a_channel_id_as_written(make_register, tmp_path):
    out = tmp_path / "audit"
    run = _invoke("run", "-i", make_register(ACCOUNTS), "--period", "2026-Q3", "--out", out)
    assert run.exit_code in (0, 1), run.output
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html")))
    assert f"(WhatsApp {LINKED})</span>" in pages
    assert f"(WhatsApp {TYPED})</span>" in pages
    assert "@0029" not in pages.casefold() and LINKED.casefold() not in pages
    book = load_workbook(out / "audit.xlsx", read_only=True)
    cells = [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c]
    assert not [c for c in cells if "@0029" in c.casefold()]
    # The account's id stays folded, as exports and earlier histories name it.
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    ids = {a["account_id"] for a in findings["accounts"] if a["platform"] == "whatsapp"}
    assert ids == {f"whatsapp:{LINKED.casefold()}", f"whatsapp:{TYPED.casefold()}"}


def test_the_public_list_links_the_channel_address(make_register, tmp_path):
    out = tmp_path / "openbaar"
    result = _invoke("publish", "-i", make_register(ACCOUNTS), "--out", out)
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="https://whatsapp.com/channel/{TYPED}">{TYPED}</a>' in page
    assert f">{LINKED}</a>" in page
    assert "@0029" not in page.casefold()
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    links = {a["handle"]: a["url"] for a in data["accounts"]}
    assert links[TYPED.casefold()] == f"https://whatsapp.com/channel/{TYPED}"
    assert links[LINKED.casefold()].startswith(f"https://whatsapp.com/channel/{LINKED}")


def test_verify_names_a_channel_by_its_id_as_written(make_register, tmp_path):
    register = make_register(ACCOUNTS)
    said = _invoke("verify", "-i", register, f"https://whatsapp.com/channel/{TYPED}")
    assert f"WhatsApp {TYPED} (Sport Zeist)" in said.output, said.output
